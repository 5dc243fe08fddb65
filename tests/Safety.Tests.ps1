# Nothing lost, nothing leaked: what the module leaves behind and what it returns, driven as a user would against a
# throw-away registry per test and Magento roots generated under $TestDrive. Secrets must never reach a result object;
# temporary files are owner-only and cleaned up; bytes of env.php outside an edit stay exactly as they were.

Describe 'Safety of secrets and files' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $MageId = 'MAG700800900'
        $Owner = 'owner@shop-safe.example.com'

        function Get-PemBodySlice {
            # Slices of a PEM file's base64 text: none of them may appear where secrets must not be.
            param([Parameter(Mandatory = $true, Position = 0)] [string] $Path)

            $body = (([System.IO.File]::ReadAllText($Path) -split "`n") | Where-Object { $_.Length -gt 0 -and -not $_.StartsWith('-----') }) -join ''
            @(0, 200, 600, 1100) | ForEach-Object { $body.Substring($_, 40) }
        }

        function Read-PhpBytes {
            # The bytes PHP reads at Key in the array env.php returns.
            param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] [string[]] $Key)

            $out = Join-Path $TestDrive ('php-' + [guid]::NewGuid().ToString('N') + '.out')
            $script = '$v = include $argv[1]; foreach (array_slice($argv, 3) as $k) { $v = $v[$k]; } file_put_contents($argv[2], $v);'
            $null = & php -r $script $Path $out @Key
            $LASTEXITCODE | Should -Be 0
            , [System.IO.File]::ReadAllBytes($out)
        }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
        Clear-ConnectorContextVariable
        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner $Owner -Name 'Shop Safe'
        $null = Connect-CommerceAccount -MageId $MageId
        New-TestKeyPair
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'Export-ConnectorConfiguration -OutFile' {
        It 'returns the path and the names written, never the private keys (Format-List *, ConvertTo-Json)' {
            $root = New-MagentoTestSite $TestDrive 'export'
            $null = Register-CommerceInstance -Name 'prod' -Path $root -Role Production
            Set-ConnectorConfiguration -Instance 'prod' -Environment Production -ProductionApiKey $prodKey.Id -ProductionPrivateKeyPath $prodKeyFile `
                -SandboxApiKey $sandboxKey.Id -SandboxPrivateKeyPath $sandboxKeyFile
            $file = Join-Path $TestDrive ('connector-' + [guid]::NewGuid().ToString('N') + '.env')

            $export = Export-ConnectorConfiguration -Instance 'prod' -Format Dotenv -IncludeSecret -Force -OutFile $file

            $export.OutFile | Should -Be $file
            $export.IncludesSecrets | Should -BeTrue
            $export.Variables | Should -Contain 'CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_CONNECTOR_INTEGRATION__PRODUCTION_PRIVATE_KEY'
            $export.Text | Should -BeNullOrEmpty
            $shown = ($export | Format-List * | Out-String) + ($export | ConvertTo-Json -Depth 5) + "$export"
            $shown | Should -Not -BeLike '*PRIVATE KEY*'
            foreach ($slice in (Get-PemBodySlice $prodKeyFile) + (Get-PemBodySlice $sandboxKeyFile)) {
                $shown.Contains($slice) | Should -BeFalse
            }
            # The file holds them, owner-only.
            $written = [System.IO.File]::ReadAllText($file)
            foreach ($slice in (Get-PemBodySlice $prodKeyFile) + (Get-PemBodySlice $sandboxKeyFile)) {
                $written.Contains($slice) | Should -BeTrue
            }
        }
    }

    Context 'Temporary files of killed writers' {
        It 'removes leftovers of its own naming in app/etc at the next edit, and nothing else' {
            $root = New-MagentoTestSite $TestDrive 'leftovers'
            $etc = [System.IO.Path]::Combine($root, 'app', 'etc')
            $envPhp = Join-Path $etc 'env.php'
            $leftover = Join-Path $etc ('.env.php.' + [guid]::NewGuid().ToString('N') + '.tmp')
            [System.IO.File]::WriteAllText($leftover, [System.IO.File]::ReadAllText($envPhp) + "// -----BEGIN PRIVATE KEY-----")
            $foreign = Join-Path $etc '.env.php.mine.tmp'
            [System.IO.File]::WriteAllText($foreign, 'not the module''s')

            Set-ImsOrganization -Path $root -OrganizationId '0123456789ABCDEF01234567@AdobeOrg'

            Test-Path -LiteralPath $leftover | Should -BeFalse
            Test-Path -LiteralPath $foreign | Should -BeTrue
            @(Get-TemporaryLeftover $etc) | Should -HaveCount 0
        }

        It 'removes key file leftovers in the folder New-ConnectorApiKey -OutFile writes to' {
            $leftover = Join-Path $keyFolder ('.lost.pem.' + [guid]::NewGuid().ToString('N') + '.tmp')
            Copy-Item -LiteralPath $prodKeyFile -Destination $leftover

            $null = New-ConnectorApiKey -Environment Sandbox -Name 'next' -OutFile (Join-Path $keyFolder 'next.pem')

            Test-Path -LiteralPath $leftover | Should -BeFalse
            @(Get-TemporaryLeftover $keyFolder) | Should -HaveCount 0
        }
    }

    Context 'Bytes outside the edit' {
        It 'keeps a Latin-1 password and comment byte for byte through Set-ConnectorConfiguration and Set-DataSpace' {
            $latin1 = [System.Text.Encoding]::GetEncoding('ISO-8859-1')
            $text = "<?php`n// Gr" + [char]0xFC + [char]0xDF + "e aus M" + [char]0xFC + "nchen`nreturn [`n    'db' => ['connection' => ['default' => ['password' => 'p" + [char]0xE9 + "ss']]],`n    'MAGE_MODE' => 'production',`n];`n"
            $original = $latin1.GetBytes($text)
            $root = New-MagentoTestSite $TestDrive 'latin1' -EnvPhpBytes $original
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')
            $null = Register-CommerceInstance -Name 'staging' -Path $root -Role Staging
            $null = New-SaaSProject -Name 'Luma'

            Set-ConnectorConfiguration -Instance 'staging' -Environment Sandbox -ProductionApiKey $prodKey.Id -ProductionPrivateKeyPath $prodKeyFile `
                -SandboxApiKey $sandboxKey.Id -SandboxPrivateKeyPath $sandboxKeyFile
            Set-DataSpace -Instance 'staging' -Project 'Luma' -DataSpace 'Testing 1'

            $written = [System.IO.File]::ReadAllBytes($envPhp)
            # Everything before the new 'system' entry, and the closing line after it, is the original's bytes.
            $head = $original.Length - 3
            [System.Convert]::ToBase64String($written, 0, $head) | Should -Be ([System.Convert]::ToBase64String($original, 0, $head))
            [System.Convert]::ToBase64String($written, $written.Length - 3, 3) | Should -Be ([System.Convert]::ToBase64String($original, $head, 3))
            [System.Convert]::ToBase64String((Read-PhpBytes -Path $envPhp -Key 'db', 'connection', 'default', 'password')) | Should -Be ([System.Convert]::ToBase64String([byte[]](0x70, 0xE9, 0x73, 0x73)))
        }
    }

    Context 'Hostile input in a separate PowerShell' {
        BeforeAll {
            function Invoke-ChildPwsh {
                # Runs a script in a new pwsh that imports the built module; returns exit code and output (killed after 60 s).
                param([Parameter(Mandatory = $true)] [string] $Script)

                $file = Join-Path $TestDrive ('child-' + [guid]::NewGuid().ToString('N') + '.ps1')
                Set-Content -LiteralPath $file -Value ("Import-Module '$((Resolve-Path (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1')).Path)'`n" + $Script)
                $start = New-Object System.Diagnostics.ProcessStartInfo
                $start.FileName = 'pwsh'
                foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $file)) { $start.ArgumentList.Add($argument) }
                $start.UseShellExecute = $false
                $start.RedirectStandardOutput = $true
                $start.RedirectStandardError = $true
                $process = [System.Diagnostics.Process]::Start($start)
                $errors = $process.StandardError.ReadToEndAsync()
                $output = $process.StandardOutput.ReadToEndAsync()
                if (-not $process.WaitForExit(60000)) {
                    $process.Kill($true)
                    return [pscustomobject]@{ ExitCode = 'hung'; Output = '' }
                }
                [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result + $errors.Result }
            }
        }

        It 'refuses an env.php nested 20,000 arrays deep with PhpNestingTooDeep, and the session survives' {
            $deep = "<?php`nreturn " + ('[' * 20000) + (']' * 20000) + ";`n"
            $root = New-MagentoTestSite $TestDrive 'deep' -EnvPhpBytes ([System.Text.Encoding]::ASCII.GetBytes($deep))

            $result = Invoke-ChildPwsh "try { Get-ConnectorConfiguration -Path '$root' -ErrorAction Stop } catch { 'ID ' + `$_.FullyQualifiedErrorId }; 'ALIVE'"

            $result.ExitCode | Should -Be 0
            $result.Output | Should -BeLike '*ID PhpNestingTooDeep,*'
            $result.Output | Should -BeLike '*ALIVE*'
        }

        It 'answers a key file of dashes just under the size limit at once with a module error' {
            $dashes = Join-Path $TestDrive 'dashes.pem'
            [System.IO.File]::WriteAllText($dashes, ('-' * (1024 * 1024 - 16)))

            $result = Invoke-ChildPwsh "try { Repair-ConnectorPrivateKey -Path '$dashes' -AsSecureString -ErrorAction Stop } catch { 'ID ' + `$_.FullyQualifiedErrorId }; 'ALIVE'"

            $result.ExitCode | Should -Be 0
            $result.Output | Should -BeLike '*ID PrivateKeyNotPem,*'
            $result.Output | Should -BeLike '*ALIVE*'
        }
    }
}
