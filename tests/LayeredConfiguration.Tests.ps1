# The configuration Magento really uses, against a real MariaDB (started once for this file, removed afterwards): a
# store configured in the Admin keeps its connector values in core_config_data, the keys encrypted with its crypt/key
# (encrypted here by php-cli's sodium, php being the judge of the format). Such a store is read, tested, guarded and
# adopted exactly as one configured in env.php; a database value hidden behind a different env.php value and a value at
# website scope are flagged; an unreachable database is said once and the files are judged; -NoDatabase and
# -DatabaseAccess Off never connect; no password in any stream.

Describe 'The configuration Magento really uses: env.php, config.php, then core_config_data' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1') -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MariaDb.psm1') -Force
        $savedEnvironment = Save-ConnectorEnvironment
        # TestHelpers makes the files alone the default; this file is about reading the database.
        $env:COMMERCE_CONNECTOR_DATABASE_ACCESS = $null
        Clear-ConnectorContextVariable
        Disconnect-CommerceAccount

        $MageId = 'MAG700800900'
        $Owner = 'owner@luma.example.com'
        $CryptKey = '0a1b2c3d4e5f60718293a4b5c6d7e8f9'
        $Password = "Luma'DB-p4ss\word"
        $ReaderPassword = 'r3ad-only-S3cret'
        $WrongPassword = 'wrong-Pa55-for-reader'
        $ProductionApiKey = 'A1b2C3d4E5f60718293a4B5c6D7e8F90'
        $SandboxApiKey = '0fEdCbA98765432100112233445566aB'
        $ProjectId = '0f4c2a1e-8b7d-4c3e-9a65-2d1f0e9c8b7a'
        $ProductionSpaceId = '2b9e4f61-0c3d-4a8e-b7f5-1d2c3b4a5e6f'
        $Testing1Id = '7e1d2c3b-4a59-4867-b5c4-d3e2f1a0b9c8'
        $Testing2Id = '5b2a3c4d-6e7f-4081-92a3-b4c5d6e7f809'
        $paths = Get-ConnectorConfigPath
        $encrypted = @($paths.ProductionApiKey, $paths.ProductionPrivateKey, $paths.SandboxApiKey, $paths.SandboxPrivateKey)

        $keyFolder = Join-Path $TestDrive 'keys'
        $null = New-Item -ItemType Directory -Path $keyFolder
        $prodKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'production.pem')
        $sandboxKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'sandbox.pem')
        $sandboxFingerprint = Get-OpenSslFingerprint $sandboxKeyFile
        # A staging store as the Admin leaves it: both key pairs, sandbox environment, the project and Testing 1.
        $StagingValues = Get-StagingConnectorValue -ProductionApiKey $ProductionApiKey -ProductionKeyFile $prodKeyFile `
            -SandboxApiKey $SandboxApiKey -SandboxKeyFile $sandboxKeyFile -ProjectId $ProjectId -DataSpaceId $Testing1Id

        $server = Start-TestMariaDb
        $script:databases = 0

        function Protect-MagentoValue {
            # What Magento's Encryptor writes for an Admin value: '0:3:' + base64(nonce . ChaCha20-Poly1305 IETF), by php's sodium.
            param([string] $Plain)
            $file = Join-Path $TestDrive "plain-$(New-Guid).txt"
            [System.IO.File]::WriteAllText($file, $Plain)
            $script = '$n = random_bytes(SODIUM_CRYPTO_AEAD_CHACHA20POLY1305_IETF_NPUBBYTES); echo "0:3:" . base64_encode($n . sodium_crypto_aead_chacha20poly1305_ietf_encrypt(file_get_contents($argv[1]), $n, $n, $argv[2]));'
            $result = Invoke-TestTool php @('-r', $script, $file, $CryptKey)
            Remove-Item -LiteralPath $file
            if ($result.ExitCode -ne 0) { throw "php failed: $($result.Error)" }
            $result.Output.Trim()
        }

        function ConvertTo-SqlString([string] $Text) { "'" + $Text.Replace('\', '\\').Replace("'", "\'") + "'" }

        function New-StoreDatabase {
            # A Magento database with core_config_data (table prefix mg_) holding Values at default scope (the four key
            # fields encrypted) and Scoped rows (path, scope, scope id, value) besides.
            param([System.Collections.IDictionary] $Values = @{}, [object[]] $Scoped = @())
            $script:databases++
            $name = "luma_$($script:databases)"
            $rows = foreach ($path in $Values.Keys) {
                $value = if ($encrypted -contains $path) { Protect-MagentoValue $Values[$path] } else { $Values[$path] }
                "('default', 0, $(ConvertTo-SqlString $path), $(ConvertTo-SqlString $value))"
            }
            $rows = @($rows) + @(foreach ($row in $Scoped) { "($(ConvertTo-SqlString $row[1]), $($row[2]), $(ConvertTo-SqlString $row[0]), $(ConvertTo-SqlString $row[3]))" })
            $sql = "CREATE DATABASE ``$name``; USE ``$name``;`n" +
            'CREATE TABLE mg_core_config_data (config_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, scope varchar(8) NOT NULL DEFAULT ''default'', scope_id int NOT NULL DEFAULT 0, path varchar(255) NOT NULL DEFAULT ''general'', value mediumtext, updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, UNIQUE KEY (scope, scope_id, path));' + "`n" +
            "INSERT INTO mg_core_config_data (scope, scope_id, path, value) VALUES ('default', 0, 'web/secure/base_url', 'https://luma.example.com/');`n"
            if ($rows.Count -gt 0) {
                $sql += "INSERT INTO mg_core_config_data (scope, scope_id, path, value) VALUES $($rows -join ",`n");`n"
            }
            $null = Invoke-TestMariaDbSql $server $sql
            New-TestDatabaseUser -Server $server -User 'magento' -Password $Password -Database $name
            New-TestDatabaseUser -Server $server -User 'reader' -Password $ReaderPassword -Database $name -ReadOnly
            $name
        }

        function New-StoreRoot {
            # A Magento root whose env.php holds Values under 'system' (as config:set --lock-env writes them), crypt/key
            # and a db connection to Database (over TCP, or to DbHost when given).
            param([string] $Name, [string] $Database = 'luma_none', [System.Collections.IDictionary] $Values = @{}, [string] $DbHost = "127.0.0.1:$($server.Port)")
            $root = New-ConnectedMagentoRoot (Join-Path $TestDrive "www-$(New-Guid)/$Name") $Values
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')
            $db = "    'db' => ['table_prefix' => 'mg_', 'connection' => ['default' => ['host' => '$DbHost', 'dbname' => '$Database', " +
            "'username' => 'magento', 'password' => $(ConvertTo-SqlString $Password), 'model' => 'mysql4', 'active' => '1']]],"
            $text = [System.IO.File]::ReadAllText($envPhp).Replace("    'MAGE_MODE' => 'production',", "    'MAGE_MODE' => 'production',`n$db")
            [System.IO.File]::WriteAllText($envPhp, $text)
            if ((Invoke-TestTool php @('-l', $envPhp)).ExitCode -ne 0) { throw "env.php of $Name is no valid PHP" }
            $root
        }

        function Use-FreshRegistry {
            # A new registry with the account, connected; with -Known, the keys, the project and its data spaces too.
            param([switch] $Known)
            Disconnect-CommerceAccount
            $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
            Clear-ConnectorContextVariable
            $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner $Owner -Name 'Luma Retail'
            $null = Connect-CommerceAccount -MageId $MageId
            if ($Known) {
                $null = Import-ConnectorApiKey -ApiKey $ProductionApiKey -Environment Production -PrivateKeyPath $prodKeyFile -Name 'luma-prod'
                $null = Import-ConnectorApiKey -ApiKey $SandboxApiKey -Environment Sandbox -PrivateKeyPath $sandboxKeyFile -Name 'luma-sandbox'
                $null = Register-SaaSProject -ProjectId $ProjectId -Name 'Luma'
                $null = Register-DataSpace -Project $ProjectId -DataSpaceId $ProductionSpaceId -Name 'Production' -Type Production
                $null = Register-DataSpace -Project 'Luma' -DataSpaceId $Testing1Id -Name 'Testing 1' -Type Testing
                $null = Register-DataSpace -Project 'Luma' -DataSpaceId $Testing2Id -Name 'Testing 2' -Type Testing
            }
        }

        function Get-Judgement {
            # What the module makes of a store: adopted into an empty registry, its configuration, its checks, and
            # Set-DataSpace's guards; the same store configured in env.php and in the database must give the same.
            param([string] $Root)
            Use-FreshRegistry
            $instance = Register-CommerceInstance -Name 'luma-staging' -Path $Root -Role Staging -Adopt -WarningVariable warned -WarningAction SilentlyContinue
            $config = Get-ConnectorConfiguration -Instance 'luma-staging' -WarningVariable +warned -WarningAction SilentlyContinue
            $checks = @(Test-ConnectorConfiguration -Instance 'luma-staging' -WarningVariable +warned -WarningAction SilentlyContinue)
            $null = Register-DataSpace -Project $ProjectId -DataSpaceId $ProductionSpaceId -Name 'Production' -Type Production
            $null = Register-DataSpace -Project $ProjectId -DataSpaceId $Testing2Id -Name 'Testing 2' -Type Testing
            $guard = foreach ($space in 'Testing 2', 'Production') {
                $verdict = try { Set-DataSpace -Instance 'luma-staging' -DataSpace $space -Force -WhatIf -WarningAction SilentlyContinue -ErrorAction Stop; 'allowed' } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
                "$($space): $verdict"
            }
            $guard = $guard -join '; '
            [pscustomobject]@{
                Adopted  = (@($instance.Adopted | ForEach-Object { "$($_.Kind):$($_.Id)" }) -join ',')
                Unknown  = @($instance.Unknown).Count
                Values   = (@($config.Settings | ForEach-Object { "$($_.Path)=$($_.Value)" }) -join "`n")
                Checks   = (@($checks | Where-Object Name -NotIn 'DatabaseValuesReadable', 'DatabaseValuesNotShadowed', 'DefaultScopeOnly' | ForEach-Object { "$($_.Name):$($_.Verdict)" }) -join ',')
                Failed   = @($checks | Where-Object { "$($_.Verdict)" -ne 'Passed' } | ForEach-Object { "$($_.Name): $($_.Message)" })
                Database = @($checks | Where-Object Name -In 'DatabaseValuesReadable', 'DatabaseValuesNotShadowed', 'DefaultScopeOnly' | ForEach-Object { "$($_.Name):$($_.Verdict)" })
                Guard    = $guard
                Warnings = @($warned).Count
                Config   = $config
            }
        }

        function Assert-NoPassword {
            # Nothing written to any stream holds a password.
            param([object[]] $Records)
            Assert-NoSecretText $Records -Secret $Password, $ReaderPassword, $WrongPassword
        }

        # The same store twice: configured in env.php, and configured only in the Admin (core_config_data).
        $adminDatabase = New-StoreDatabase -Values $StagingValues
        $adminRoot = New-StoreRoot -Name 'luma-staging' -Database $adminDatabase
        $envRoot = New-StoreRoot -Name 'luma-staging' -Values $StagingValues -Database (New-StoreDatabase)
    }

    AfterAll {
        Disconnect-CommerceAccount
        Restore-ConnectorEnvironment $savedEnvironment
        Stop-TestMariaDb $server
    }

    Context 'A store configured only in the Admin' {
        It 'is read, tested, guarded and adopted exactly as the same store configured in env.php' {
            $fromEnvPhp = Get-Judgement $envRoot
            $fromDatabase = Get-Judgement $adminRoot

            $fromDatabase.Adopted | Should -BeExactly "ApiKey:$ProductionApiKey,ApiKey:$SandboxApiKey,Project:$ProjectId,DataSpace:$Testing1Id"
            $fromDatabase.Adopted | Should -BeExactly $fromEnvPhp.Adopted
            $fromDatabase.Unknown | Should -Be 0
            $fromDatabase.Values | Should -BeExactly $fromEnvPhp.Values
            $fromDatabase.Config.SandboxKeyFingerprint | Should -Be $sandboxFingerprint
            $fromDatabase.Checks | Should -BeExactly $fromEnvPhp.Checks
            $fromDatabase.Checks | Should -BeLike '*KeyMatchesApiKey:Passed*'
            $fromDatabase.Failed | Should -BeNullOrEmpty
            $fromEnvPhp.Failed | Should -BeNullOrEmpty
            $fromDatabase.Database | Should -Be @('DatabaseValuesReadable:Passed', 'DatabaseValuesNotShadowed:Passed', 'DefaultScopeOnly:Passed')
            $fromDatabase.Guard | Should -BeExactly 'Testing 2: allowed; Production: KeyEnvironmentMismatch'
            $fromDatabase.Guard | Should -Be $fromEnvPhp.Guard
            $fromDatabase.Warnings | Should -Be 0
            $fromEnvPhp.Warnings | Should -Be 0
        }

        It 'says per value where Magento takes it from: Database for the Admin store, EnvPhp for the other' {
            Use-FreshRegistry
            $fromDatabase = Get-ConnectorConfiguration -Path $adminRoot
            $fromFiles = Get-ConnectorConfiguration -Path $envRoot

            $fromDatabase.DatabaseRead | Should -BeTrue
            foreach ($path in $paths.Values) {
                "$($fromDatabase.Setting($path).Source)" | Should -Be 'Database' -Because $path
                $fromDatabase.Setting($path).Location | Should -MatchExactly '^core_config_data config_id \d+$'
                "$($fromFiles.Setting($path).Source)" | Should -Be 'EnvPhp' -Because $path
                @($fromDatabase.Setting($path).Shadows) | Should -HaveCount 0
            }
            "$($fromDatabase.Setting('services_connector/services_id/registry_api_path').Source)" | Should -Be 'Default'
            $shown = ($fromDatabase | ConvertTo-Json -Depth 6) + ($fromDatabase.Settings | Format-List -Property * | Out-String -Width 500)
            $shown | Should -Not -BeLike '*PRIVATE KEY*' -Because 'a decrypted private key is shown as its fingerprint only'
            $shown | Should -Not -BeLike '*0:3:*' -Because 'nor as its encrypted text'
            $table = $fromDatabase.Settings | Format-Table | Out-String -Width 80
            $table | Should -Match "environment_id\s+$([regex]::Escape($Testing1Id.Substring(0, 10))).*\s+Database\s*`n"
            foreach ($line in ($table -split "`n")) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        }

        It 'lets Set-DataSpace assign a testing data space with the keys the database holds, which -NoDatabase does not see' {
            Use-FreshRegistry -Known
            $root = New-StoreRoot -Name 'assign' -Database $adminDatabase
            $null = Register-CommerceInstance -Name 'admin-store' -Path $root -Role Staging
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')

            { Set-DataSpace -Instance 'admin-store' -DataSpace 'Testing 2' -NoDatabase -ErrorAction Stop } | Should -Throw -ErrorId 'KeyEnvironmentMismatch*'
            $null = Set-DataSpace -Instance 'admin-store' -DataSpace 'Testing 2' -WarningAction SilentlyContinue

            Read-PhpConnectorValue $envPhp $paths.DataSpaceId | Should -BeExactly $Testing2Id
            (Get-CommerceInstance -Name 'admin-store').AssignedDataSpaceId | Should -BeExactly $Testing2Id
            # env.php now decides, as config:set --lock-env would; the Admin's old value is what it shadows.
            $space = (Get-ConnectorConfiguration -Instance 'admin-store').Setting($paths.DataSpaceId)
            "$($space.Value)|$($space.Source)" | Should -BeExactly "$Testing2Id|EnvPhp"
            "$(@($space.Shadows)[0].Source)|$(@($space.Shadows)[0].Value)" | Should -BeExactly "Database|$Testing1Id"
        }

        It 'reads the database as another (read-only) user given by -DatabaseCredential, and says once when that login is refused' {
            Use-FreshRegistry
            $reader = [pscredential]::new('reader', (ConvertTo-SecureString $ReaderPassword -AsPlainText -Force))
            $wrong = [pscredential]::new('reader', (ConvertTo-SecureString $WrongPassword -AsPlainText -Force))

            $config = Get-ConnectorConfiguration -Path $adminRoot -DatabaseCredential $reader
            $DebugPreference = 'Continue'
            $all = @(Get-ConnectorConfiguration -Path $adminRoot -DatabaseCredential $wrong -Verbose *>&1)
            $DebugPreference = 'SilentlyContinue'

            $config.SandboxApiKey | Should -BeExactly $SandboxApiKey
            $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeLike '*(DatabaseAccessDenied)*'
            ($all | Where-Object { $_ -is [CommerceConnector.Core.Instances.ConnectorConfiguration] }).SandboxApiKey | Should -BeNullOrEmpty
            Assert-NoPassword $all
        }
    }

    Context 'Values Magento does not use as the Admin shows them' {
        It 'flags a database value hidden behind a different env.php value, and names both' {
            Use-FreshRegistry -Known
            $locked = [ordered]@{ $paths.DataSpaceName = 'Old name'; $paths.ProjectName = 'Luma' }
            $root = New-StoreRoot -Name 'locked' -Values $locked -Database $adminDatabase
            $null = Register-CommerceInstance -Name 'locked' -Path $root -Role Staging

            $config = Get-ConnectorConfiguration -Instance 'locked'
            $checks = @(Test-ConnectorConfiguration -Instance 'locked')

            $name = $config.Setting($paths.DataSpaceName)
            "$($name.Value)|$($name.Source)" | Should -BeExactly 'Old name|EnvPhp'
            $shadow = @($name.Shadows)
            $shadow | Should -HaveCount 1
            "$($shadow[0].Source)|$($shadow[0].Value)|$($shadow[0].Differs)" | Should -BeExactly 'Database|Testing 1|True'
            @($config.Setting($paths.ProjectName).Shadows)[0].Differs | Should -BeFalse
            $flag = $checks | Where-Object Name -EQ 'DatabaseValuesNotShadowed'
            "$($flag.Verdict)" | Should -Be 'Failed'
            $flag.Message | Should -BeLike "$($paths.DataSpaceName): Magento uses 'Old name' from app/etc/env.php line *, which hides 'Testing 1' in core_config_data config_id *"
            $flag.Message | Should -Not -BeLike "*$($paths.ProjectName)*"
            $flag.Fix | Should -Not -BeNullOrEmpty
            @($checks | Where-Object { "$($_.Verdict)" -ne 'Passed' } | ForEach-Object Name) | Should -Be @('NamesInSync', 'DatabaseValuesNotShadowed')
        }

        It 'flags a connector value set at website scope, and a key in a cipher it does not read without guessing it' {
            Use-FreshRegistry -Known
            $values = [ordered]@{}
            foreach ($key in $StagingValues.Keys) { $values[$key] = $StagingValues[$key] }
            $database = New-StoreDatabase -Values $values -Scoped @(, @($paths.DataSpaceId, 'websites', 1, $Testing2Id))
            $null = Invoke-TestMariaDbSql $server "UPDATE mg_core_config_data SET value = '0:2:c29tZSBtY3J5cHQtZXJhIHZhbHVl' WHERE path = '$($paths.ProductionPrivateKey)';" -Database $database
            $root = New-StoreRoot -Name 'scoped' -Database $database
            $null = Register-CommerceInstance -Name 'scoped' -Path $root -Role Staging

            $config = Get-ConnectorConfiguration -Instance 'scoped'
            $checks = @(Test-ConnectorConfiguration -Instance 'scoped')

            $scoped = @($config.ScopedValues)
            $scoped | Should -HaveCount 1
            "$($scoped[0].Path)|$($scoped[0].Scope)|$($scoped[0].ScopeId)|$($scoped[0].Value)" | Should -BeExactly "$($paths.DataSpaceId)|websites|1|$Testing2Id"
            $scope = $checks | Where-Object Name -EQ 'DefaultScopeOnly'
            "$($scope.Verdict)" | Should -Be 'Failed'
            $scope.Message | Should -BeLike "$($paths.DataSpaceId) is set at websites scope 1 (config_id *, '$Testing2Id').*"
            $key = $config.Setting($paths.ProductionPrivateKey)
            $key.Value | Should -BeNullOrEmpty
            $key.Problem | Should -BeLike 'encrypted with cipher version 2 *not guessed*'
            $readable = $checks | Where-Object Name -EQ 'DatabaseValuesReadable'
            "$($readable.Verdict)" | Should -Be 'Failed'
            $readable.Message | Should -BeLike "$($paths.ProductionPrivateKey) (core_config_data config_id *) encrypted with cipher version 2*"
            # The sandbox pair the staging store uses still reads and matches.
            "$(($checks | Where-Object Name -EQ 'KeyMatchesApiKey').Verdict)" | Should -Be 'Passed'
        }
    }

    Context 'The connector report' {
        It 'judges a store configured only in the Admin by its core_config_data values, as Test-ConnectorConfiguration does, and names an unreachable database once' {
            Use-FreshRegistry -Known
            # The Admin store, with the data space name locked in env.php over the database's: only the database read sees it.
            $root = New-StoreRoot -Name 'report-admin' -Values ([ordered]@{ $paths.DataSpaceName = 'Old name' }) -Database $adminDatabase
            $null = Register-CommerceInstance -Name 'report-admin' -Path $root -Role Staging
            $downValues = [ordered]@{ $paths.Environment = 'sandbox'; $paths.SandboxApiKey = $SandboxApiKey; $paths.SandboxPrivateKey = $StagingValues[$paths.SandboxPrivateKey] }
            $down = New-StoreRoot -Name 'report-down' -Values $downValues -DbHost "127.0.0.1:$(Get-FreeTcpPort)"
            $null = Register-CommerceInstance -Name 'report-down' -Path $down -Role Staging -NoDatabase
            $page = Join-Path $TestDrive 'layered-report.html'
            $filesPage = Join-Path $TestDrive 'files-report.html'
            function Get-PageCheck([string] $Path, [string] $Instance) {
                # The verdicts the page shows for one instance's section, as 'Name:Verdict' in Test-ConnectorConfiguration's order.
                $html = [System.IO.File]::ReadAllText($Path)
                $start = $html.IndexOf("id=""instance-$Instance""")
                if ($start -lt 0) { $start = $html.IndexOf(">$Instance<") }
                $end = $html.IndexOf('<section', $start + 1)
                $section = if ($end -gt $start) { $html.Substring($start, $end - $start) } else { $html.Substring($start) }
                @([regex]::Matches($section, 'data-check="([^"]+)" data-verdict="([^"]+)"') | ForEach-Object { "$($_.Groups[1].Value):$($_.Groups[2].Value)" } | Sort-Object)
            }

            $expected = @(Test-ConnectorConfiguration -Instance 'report-admin' | ForEach-Object { "$($_.Name):$($_.Verdict)" } | Sort-Object)
            $all = @(Export-ConnectorReport -Path $page -Instance 'report-admin', 'report-down' -PassThru 3>&1 4>$null)
            $null = Export-ConnectorReport -Path $filesPage -Instance 'report-admin' -NoDatabase -WarningVariable filesWarned

            $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $warnings | Should -HaveCount 1 -Because 'the unreachable database is said once, though its feeds fail too'
            $warnings[0].Message | Should -BeLike "The database of instance 'report-down' (*) was not read*only the files were (DatabaseUnreachable)*"
            $summary = $all | Where-Object { $_ -is [CommerceConnector.Core.Reports.ConnectorReportSummary] }
            $admin = $summary.Instances | Where-Object Name -EQ 'report-admin'
            "$($admin.State)|$($admin.FailedChecks)" | Should -BeExactly 'NeedsAttention|2'
            $shown = Get-PageCheck $page 'report-admin'
            $shown | Should -Be $expected
            $shown | Should -Contain 'DatabaseValuesNotShadowed:Failed'
            $shown | Should -Contain 'DatabaseValuesReadable:Passed'
            $shown | Should -Contain 'KeyMatchesApiKey:Passed'
            $shown | Should -Contain 'NamesInSync:Failed'
            # The data space the page names is the database's, and its keys are the database's pairs.
            $html = [System.IO.File]::ReadAllText($page)
            $html | Should -BeLike "*$Testing1Id*"
            $html | Should -BeLike "*$sandboxFingerprint*"
            @(Get-PageCheck $page 'report-down' | Where-Object { $_ -like 'Database*' }) | Should -HaveCount 0
            # With -NoDatabase the same store is judged by its files alone: no key, no database check, no warning.
            $filesOnly = Get-PageCheck $filesPage 'report-admin'
            @($filesOnly | Where-Object { $_ -like 'Database*' }) | Should -HaveCount 0
            $filesOnly | Should -Contain 'KeysPresent:Failed'
            @($filesWarned) | Should -HaveCount 0
            Assert-NoPassword $all
        }
    }

    Context 'A database that cannot be read, or must not be' {
        BeforeAll {
            $closedPort = Get-FreeTcpPort
            $fileValues = [ordered]@{ $paths.Environment = 'sandbox'; $paths.SandboxApiKey = $SandboxApiKey; $paths.SandboxPrivateKey = $StagingValues[$paths.SandboxPrivateKey] }
        }

        It 'says once per command per instance that the database was not read, after a short wait, and judges the files' {
            Use-FreshRegistry -Known
            $root = New-StoreRoot -Name 'unreachable' -Values $fileValues -DbHost "127.0.0.1:$closedPort"
            $null = Register-CommerceInstance -Name 'unreachable' -Path $root -Role Staging -WarningVariable registered -WarningAction SilentlyContinue

            $config = Get-ConnectorConfiguration -Instance 'unreachable' -WarningVariable warned -WarningAction SilentlyContinue
            $DebugPreference = 'Continue'
            $all = @('unreachable', 'unreachable' | Test-ConnectorConfiguration -Verbose *>&1)
            $DebugPreference = 'SilentlyContinue'

            @($registered) | Should -HaveCount 1
            @($warned) | Should -HaveCount 1
            $warned[0].Message | Should -BeLike "*was not read*only the files were (DatabaseUnreachable)*"
            $config.DatabaseRead | Should -BeFalse
            "$($config.Environment)|$($config.Setting($paths.Environment).Source)|$($config.SandboxApiKey)" | Should -BeExactly "sandbox|EnvPhp|$SandboxApiKey"
            @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -HaveCount 1
            $checks = @($all | Where-Object { $_.PSObject.TypeNames[0] -eq 'CommerceConnector.Core.Instances.ConfigCheck' })
            @($checks | Where-Object Name -EQ 'KeyMatchesApiKey') | Should -HaveCount 2
            @($checks | Where-Object Name -Like 'Database*') | Should -HaveCount 0
            Assert-NoPassword ($all + @($warned) + @($registered))
        }

        It 'never connects with -NoDatabase or -DatabaseAccess Off, and stores the setting compatibly in the registry' {
            Use-FreshRegistry -Known
            # A listener that only counts: a command that tried to read the database would knock here.
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start()
            try {
                $root = New-StoreRoot -Name 'files-only' -Values $fileValues -DbHost "127.0.0.1:$($listener.LocalEndpoint.Port)"
                $null = Register-CommerceInstance -Name 'files-only' -Path $root -Role Staging -NoDatabase -WarningVariable w1
                $null = Get-ConnectorConfiguration -Instance 'files-only' -NoDatabase -WarningVariable w2
                $null = Test-ConnectorConfiguration -Instance 'files-only' -NoDatabase -WarningVariable w3
                $listener.Pending() | Should -BeFalse
                $registryFile = Join-Path $env:COMMERCE_CONNECTOR_HOME 'registry.json'
                (Get-Content -LiteralPath $registryFile -Raw) | Should -Not -BeLike '*databaseAccess*' -Because 'an instance without the setting is stored as before'

                $changed = Set-CommerceInstance -Name 'files-only' -DatabaseAccess Off -PassThru
                $null = Get-ConnectorConfiguration -Instance 'files-only' -WarningVariable w4
                $checks = @(Test-ConnectorConfiguration -Instance 'files-only' -WarningVariable w5)
                $null = Get-CommerceInstance -Name 'files-only' | Test-ConnectorConfiguration -WarningVariable w6

                $listener.Pending() | Should -BeFalse
                "$($changed.DatabaseAccess)" | Should -Be 'Off'
                "$((Get-CommerceInstance -Name 'files-only').DatabaseAccess)" | Should -Be 'Off'
                (Get-Content -LiteralPath $registryFile -Raw) | Should -Match '"databaseAccess": "Off"'
                @($w1) + @($w2) + @($w3) + @($w4) + @($w5) + @($w6) | Should -HaveCount 0
                "$(($checks | Where-Object Name -EQ 'KeyMatchesApiKey').Verdict)" | Should -Be 'Passed'

                # On again: the next command does knock.
                $null = Set-CommerceInstance -Name 'files-only' -DatabaseAccess On
                $null = Get-ConnectorConfiguration -Instance 'files-only' -WarningVariable w7 -WarningAction SilentlyContinue
                $listener.Pending() | Should -BeTrue
                @($w7) | Should -HaveCount 1
            }
            finally {
                $listener.Stop()
            }
        }

        It 'opens no other store''s database when it checks one instance: the guards across the fleet read the other instances'' files' {
            Use-FreshRegistry -Known
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start()
            try {
                # Both hold the staging values, Testing 1 included, in env.php; the other store's database would answer on the listener.
                $checked = New-StoreRoot -Name 'checked' -Values $StagingValues -DbHost "127.0.0.1:$closedPort"
                $other = New-StoreRoot -Name 'other' -Values $StagingValues -DbHost "127.0.0.1:$($listener.LocalEndpoint.Port)"
                $null = Register-CommerceInstance -Name 'checked' -Path $checked -Role Staging -NoDatabase
                $null = Register-CommerceInstance -Name 'other' -Path $other -Role Staging -NoDatabase -WarningAction SilentlyContinue

                $checks = @(Test-ConnectorConfiguration -Instance 'checked' -WarningVariable warned -WarningAction SilentlyContinue)

                $listener.Pending() | Should -BeFalse -Because 'the other store is consulted through its files only'
                @($warned) | Should -HaveCount 1 -Because 'only the checked store''s own database is tried'
                $warned[0].Message | Should -BeLike "The database of instance 'checked'*"
                $notShared = $checks | Where-Object Name -EQ 'DataSpaceNotShared'
                "$($notShared.Verdict)" | Should -Be 'Failed'
                $notShared.Message | Should -BeLike "*'other'*"
                # Judged itself, the other store's database is read.
                $null = Test-ConnectorConfiguration -Instance 'other' -WarningAction SilentlyContinue
                $listener.Pending() | Should -BeTrue
            }
            finally {
                $listener.Stop()
            }
        }

        It 'makes the files alone the default for instances without a setting when COMMERCE_CONNECTOR_DATABASE_ACCESS is Off' {
            Use-FreshRegistry
            try {
                $env:COMMERCE_CONNECTOR_DATABASE_ACCESS = 'Off'
                (Get-ConnectorConfiguration -Path $adminRoot).DatabaseRead | Should -BeFalse
            }
            finally {
                $env:COMMERCE_CONNECTOR_DATABASE_ACCESS = $null
            }
            (Get-ConnectorConfiguration -Path $adminRoot).DatabaseRead | Should -BeTrue
        }
    }
}
