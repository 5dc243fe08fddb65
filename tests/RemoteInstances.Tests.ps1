# Instances on other servers, as an administrator uses them: a fleet of Magento roots on a "remote" server (a throwaway
# OpenSSH server on loopback, logged into as a user made for the test, through an ssh config of the test's own) and one
# local root, registered, given a data space, audited and rotated to a new key; php on the server judges every env.php.
# Then what goes wrong with SSH: an unknown or changed host key, a refused login, a closed port, no php, a missing path, a host
# that fails during a fleet command, and a connection cut while env.php is being written. Last, the store database as
# the server reaches it: a throwaway MariaDB read through a port forwarded over the same SSH connection.

BeforeDiscovery {
    $script:HasSshd = Test-Path '/usr/sbin/sshd'
}

Describe 'Instances on other servers' -Skip:(-not $HasSshd) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1') -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'SshServer.psm1') -Force
        $savedEnvironment = Save-ConnectorEnvironment
        $savedSsh = $env:COMMERCE_CONNECTOR_SSH_CONFIG, $env:COMMERCE_CONNECTOR_SSH
        Clear-ConnectorContextVariable

        $server = Start-TestSshServer
        $env:COMMERCE_CONNECTOR_SSH_CONFIG = $server.ConfigFile
        $env:COMMERCE_CONNECTOR_SSH = $null

        $MageId = 'MAG900800700'
        $ApiKeyPath = 'services_connector/services_connector_integration/production_api_key'
        $PrivateKeyPath = 'services_connector/services_connector_integration/production_private_key'
        $folder = Join-Path $TestDrive 'fleet'
        $null = New-Item -ItemType Directory -Path $folder
        $env:COMMERCE_CONNECTOR_HOME = Join-Path $folder 'registry'
        Disconnect-CommerceAccount
        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner owner@remote.example.com -Name 'Remote fleet'
        $null = Connect-CommerceAccount -MageId $MageId
        $oldKeyFile = Join-Path $folder 'old.pem'
        $newKeyFile = Join-Path $folder 'new.pem'
        $oldKey = New-ConnectorApiKey -Environment Production -Name 'prod-old' -OutFile $oldKeyFile
        $pem = [System.IO.File]::ReadAllText($oldKeyFile)
        $values = [ordered]@{ $ApiKeyPath = $oldKey.Id; $PrivateKeyPath = $pem; 'magento_saas/environment' = 'production' }
        $luma = New-SaaSProject -Name 'Luma'

        # Six Magento roots on the server, owned by the SSH user, env.php 0640; one more on this computer.
        $remoteRoots = foreach ($i in 1..6) { New-ConnectedMagentoRoot (Join-Path $server.Www "site-$i") $values }
        foreach ($root in $remoteRoots) { [System.IO.File]::SetUnixFileMode("$root/app/etc/env.php", 'UserRead, UserWrite, GroupRead') }
        Set-TestServerOwner $server $server.Www
        $localRoot = New-ConnectedMagentoRoot (Join-Path $folder 'local-site') $values

        function Get-ServerKeyPair {
            # What php on the server reads from each remote env.php: "<production API key> <sha256 of the private key>".
            param([string[]] $Roots)
            $script = 'foreach (array_slice($argv, 1) as $f) { $a = include $f; $d = $a["system"]["default"]["services_connector"]["services_connector_integration"]; echo $d["production_api_key"], " ", hash("sha256", $d["production_private_key"]), "\n"; }'
            $quoted = ($Roots | ForEach-Object { "'$_/app/etc/env.php'" }) -join ' '
            @((Invoke-OnTestServer $server "php -r '$($script.Replace("'", "'\''"))' $quoted") -split "`n" | Where-Object { $_ })
        }
        function Get-LocalKeyPair([string] $Root) {
            $script = '$a = include $argv[1]; $d = $a["system"]["default"]["services_connector"]["services_connector_integration"]; echo $d["production_api_key"], " ", hash("sha256", $d["production_private_key"]);'
            (Invoke-TestTool php @('-r', $script, "$Root/app/etc/env.php")).Output
        }
        function Get-Pair([string] $ApiKey, [string] $KeyFile) {
            $sha = [System.Security.Cryptography.SHA256]::Create()
            try { "$ApiKey " + (($sha.ComputeHash([System.IO.File]::ReadAllBytes($KeyFile)) | ForEach-Object { $_.ToString('x2') }) -join '') } finally { $sha.Dispose() }
        }
    }

    AfterAll {
        Disconnect-CommerceAccount
        Restore-ConnectorEnvironment $savedEnvironment
        $env:COMMERCE_CONNECTOR_SSH_CONFIG, $env:COMMERCE_CONNECTOR_SSH = $savedSsh
        if ($server) { Stop-TestSshServer $server }
    }

    It 'registers instances by -HostName and by ssh:// path, beside a local one' {
        foreach ($i in 1..3) {
            $null = Register-CommerceInstance -Name "remote-$i" -Path $remoteRoots[$i - 1] -HostName cc-remote -Role ($i -eq 1 ? 'Production' : 'Staging')
        }
        foreach ($i in 4..6) {
            $null = Register-CommerceInstance -Name "remote-$i" -Path "ssh://cc-remote$($remoteRoots[$i - 1])/app/etc/env.php" -Role Staging
        }
        $local = Register-CommerceInstance -Name 'local' -Path $localRoot -Role Development

        $instances = Get-CommerceInstance -Name 'remote-*'
        $instances | Should -HaveCount 6
        $instances[0].Path | Should -Be "ssh://cc-remote$($remoteRoots[0])"
        $instances[5].Path | Should -Be "ssh://cc-remote$($remoteRoots[5])"
        $local.Path | Should -Be $localRoot
        (Get-ConnectorApiKey -Name 'prod-old').UsedBy | Should -HaveCount 7
    }

    It 'reads a remote configuration as it reads a local one' {
        $configuration = Get-ConnectorConfiguration -Instance 'remote-2'
        $configuration.ProductionApiKey | Should -Be $oldKey.Id
        $configuration.Environment | Should -Be 'production'
    }

    It 'gives each command a connection of its own, also after tab completion' {
        # Completion constructs cmdlets that never run: they must not open a scope that later commands then share.
        $line = 'Get-ConnectorConfiguration -Instance '
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Contain 'remote-2'
        $logins = Get-TestServerLoginCount $server

        (Get-ConnectorConfiguration -Instance 'remote-2').ProductionApiKey | Should -Be $oldKey.Id
        (Get-ConnectorConfiguration -Instance 'remote-3').ProductionApiKey | Should -Be $oldKey.Id

        (Get-TestServerLoginCount $server) - $logins | Should -Be 2 -Because 'each command opens its connection and closes it when it ends'
    }

    It 'assigns a data space on the server, keeping the mode and owner and a backup beside env.php' {
        $production = $luma.DataSpaces | Where-Object DataSpaceName -EQ 'Production'

        $result = Set-DataSpace -Instance 'remote-1' -Project 'Luma' -DataSpace 'Production' -PassThru

        $result.BackupPath | Should -BeLike "ssh://cc-remote$($remoteRoots[0])/app/etc/env.php.cc-backup-*"
        $read = '$a = include $argv[1]; echo $a["system"]["default"]["services_connector"]["services_id"]["environment_id"] ?? "none";'
        Invoke-OnTestServer $server "php -r '$($read.Replace("'", "'\''"))' $($remoteRoots[0])/app/etc/env.php" | Should -Be $production.DataSpaceId
        (Invoke-OnTestServer $server "stat -c '%a %U' $($remoteRoots[0])/app/etc/env.php").Trim() | Should -Be "640 $($server.UserName)"
        $backup = $result.BackupPath.Substring("ssh://cc-remote".Length)
        (Invoke-OnTestServer $server "stat -c '%a %U' '$backup'").Trim() | Should -Be "600 $($server.UserName)"
        (Get-ConnectorConfigurationBackup -Instance 'remote-1') | Should -HaveCount 1
        (Get-CommerceInstance -Name 'remote-1').AssignedDataSpaceId | Should -Be $production.DataSpaceId
    }

    It 'audits the fleet, remote and local, reading each server once' {
        $logins = Get-TestServerLoginCount $server

        $checks = Test-ConnectorConfiguration -All -ThrottleLimit 2

        (Get-TestServerLoginCount $server) - $logins | Should -Be 1 -Because 'six instances on one server share one connection'

        ($checks | Select-Object -ExpandProperty Instance -Unique | Sort-Object) | Should -Be @('local', 'remote-1', 'remote-2', 'remote-3', 'remote-4', 'remote-5', 'remote-6')
        @($checks | Where-Object Name -EQ 'KeyMatchesApiKey' | Where-Object Verdict -EQ 'Passed') | Should -HaveCount 7
        @($checks | Where-Object Name -EQ 'ModulesEnabled' | Where-Object Verdict -EQ 'Passed') | Should -HaveCount 7
        @($checks | Where-Object Name -EQ 'ConfigurationReadable') | Should -HaveCount 0
        @($checks | Where-Object { $_.Instance -eq 'remote-1' -and $_.Name -eq 'DataSpaceFitsRole' }).Verdict | Should -Be 'Passed'
    }

    It 'rotates the key across the fleet and php on the server reads the new pair' {
        $logins = Get-TestServerLoginCount $server

        $rotation = Update-ConnectorApiKey -Environment Production -Name 'prod-new' -OutFile $newKeyFile -ThrottleLimit 3 -WarningAction SilentlyContinue

        (Get-TestServerLoginCount $server) - $logins | Should -Be 1 -Because 'one connection per server per command'

        $rotation.Status | Should -Be 'Completed'
        $rotation.OldKeyRevoked | Should -BeTrue
        @($rotation.Instances | Where-Object State -EQ 'Updated') | Should -HaveCount 7
        $expected = Get-Pair $rotation.NewApiKey $newKeyFile
        Get-ServerKeyPair $remoteRoots | Should -Be (@($expected) * 6)
        Get-LocalKeyPair $localRoot | Should -Be $expected
        foreach ($root in $remoteRoots) {
            (Invoke-OnTestServer $server "stat -c '%a %U' $root/app/etc/env.php").Trim() | Should -Be "640 $($server.UserName)"
        }
        (Invoke-OnTestServer $server "find $($server.Www) -name '*.tmp'").Trim() | Should -Be ''
        @(Test-ConnectorConfiguration -All | Where-Object Name -EQ 'KeyCurrent' | Where-Object Verdict -EQ 'Passed') | Should -HaveCount 7
    }

    It 'runs php bin/magento on the instance''s own server with -CleanCache, as the SSH user' {
        # A bin/magento that records its arguments and who ran it, as Magento would clean the cache there.
        $root = $remoteRoots[1]
        $null = New-Item -ItemType Directory -Path "$root/bin" -Force
        $script = '<?php file_put_contents(__DIR__ . "/../var-calls.txt", implode(" ", array_slice($argv, 1)) . " by uid " . posix_geteuid() . "\n", FILE_APPEND); echo "Cleaned cache types:\nconfig\n";'
        [System.IO.File]::WriteAllText("$root/bin/magento", $script)
        Set-TestServerOwner $server "$root/bin"
        $logins = Get-TestServerLoginCount $server

        $verbose = Set-ImsOrganization -Instance 'remote-2' -OrganizationId '0123456789ABCDEF01234567@AdobeOrg' -CleanCache -Verbose -WarningVariable warnings 4>&1

        (Get-TestServerLoginCount $server) - $logins | Should -Be 1
        @($warnings | Where-Object { "$_" -like '*cache:clean*' }) | Should -HaveCount 0
        ($verbose | ForEach-Object Message) -join "`n" | Should -BeLike "*'php bin/magento cache:clean config' exited with 0: Cleaned cache types:*config*"
        (Invoke-OnTestServer $server "cat $root/var-calls.txt").Trim() | Should -Be "cache:clean config by uid $($server.Uid)"
    }

    Context 'saas:resync on the instance''s own server' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'MagentoStandIn.psm1') -Force
            # The stand-in bin/magento (it answers saas:resync as Magento does and records each call) in a root on the server.
            $resyncRoot = New-TestMagentoStandIn -Folder (Join-Path $server.Www 'resync') -Scenario @{ products = @{ outcome = 'ok'; duration = '00:01:05' } }
            Set-TestServerOwner $server $resyncRoot
            $null = Register-CommerceInstance -Name 'remote-resync' -Path $resyncRoot -HostName cc-remote -Role Staging
        }

        AfterAll {
            Unregister-CommerceInstance -Name 'remote-resync' -Confirm:$false
        }

        It 'runs one feed there, streaming Magento''s lines, with arguments quoted for the server''s shell' {
            $null = Invoke-OnTestServer $server "rm -f '$resyncRoot/var/saas-resync-calls.jsonl'"   # the file is the SSH user's
            $logins = Get-TestServerLoginCount $server
            $sku = "MB'01 `$(id);x"

            $records = Sync-DataExportFeed -Instance 'remote-resync' -Feed products -ById $sku -NoStatus -Confirm:$false -Verbose 4>&1
            $result = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })

            (Get-TestServerLoginCount $server) - $logins | Should -Be 1
            $result | Should -HaveCount 1
            $result[0].Feed | Should -Be 'products'
            $result[0].Succeeded | Should -BeTrue
            $result[0].ExitCode | Should -Be 0
            $result[0].Duration | Should -Be ([timespan]'00:01:05')
            @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n" |
                Should -BeLike '*products: Executing full re-sync of Products Feed feed data...*'
            $calls = @(Get-TestResyncCall -Root $resyncRoot)
            $calls | Should -HaveCount 1
            $calls[0].arguments -join '|' | Should -Be "saas:resync|--feed=products|--by-ids=$sku"
            $calls[0].answer | Should -BeNullOrEmpty
        }

        It 'answers Magento''s question of -CleanupFeed over standard input, after PowerShell''s confirmation' {
            $null = Invoke-OnTestServer $server "rm -f '$resyncRoot/var/saas-resync-calls.jsonl'"   # the file is the SSH user's
            $result = Sync-DataExportFeed -Instance 'remote-resync' -Feed products -CleanupFeed -NoStatus -Confirm:$false

            $result.Succeeded | Should -BeTrue
            $calls = @(Get-TestResyncCall -Root $resyncRoot)
            $calls | Should -HaveCount 1
            $calls[0].arguments -join ' ' | Should -Be 'saas:resync --feed=products --cleanup-feed'
            $calls[0].interactive | Should -BeTrue
            $calls[0].answer | Should -Be 'yes'
        }

        It 'reports a feed locked on the server with its own error id' {
            Set-TestResyncScenario -Root $resyncRoot -Scenario @{ prices = @{ outcome = 'locked'; lockedBy = 'saas:resync(4242)' } }
            $result = Sync-DataExportFeed -Instance 'remote-resync' -Feed prices -NoStatus -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures

            $result.Succeeded | Should -BeFalse
            $result.ExitCode | Should -Be 1
            $result.LockedBy | Should -Be 'saas:resync(4242)'
            $result.ErrorId | Should -Be 'DataExportFeedLocked'
            @($failures) | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DataExportFeedLocked*'
        }

        It 'says which root has no bin/magento on the server' {
            $result = Sync-DataExportFeed -Instance 'remote-6' -Feed products -NoStatus -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            @($failures) | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'MagentoCliNotFound*'
            $failures[0].Exception.Message | Should -BeLike "*$($remoteRoots[5]) on *has no bin/magento*"
        }
    }

    It 'renders the status page of a remote instance' {
        $page = Join-Path $TestDrive 'remote-report.html'

        $summary = Export-ConnectorReport -Path $page -Instance 'remote-1' -NoDatabase -PassThru

        @($summary.Instances.Name) -join ',' | Should -Be 'remote-1'
        $html = [System.IO.File]::ReadAllText($page)
        $html | Should -BeLike '*remote-1*'
        $html | Should -BeLike '*data-check="KeysPresent" data-verdict="Passed"*'
    }

    It 'refuses an unknown host key with its fingerprint' {
        $err = { Register-CommerceInstance -Name 'unknown' -Path $remoteRoots[0] -HostName cc-unknown-key -Role Staging -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostKeyUnknown,CommerceConnector.Commands.RegisterCommerceInstanceCommand' -PassThru
        $err.Exception.Message | Should -BeLike "*$($server.HostKeyFingerprint)*"
    }

    It 'refuses a changed host key' {
        { Register-CommerceInstance -Name 'changed' -Path $remoteRoots[0] -HostName cc-changed-key -Role Staging -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostKeyChanged,CommerceConnector.Commands.RegisterCommerceInstanceCommand'
    }

    It 'reports a refused login, a closed port and a missing path each with its own id' {
        { Register-CommerceInstance -Name 'auth' -Path $remoteRoots[0] -HostName cc-wrong-identity -Role Staging -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostAuthenticationFailed,CommerceConnector.Commands.RegisterCommerceInstanceCommand'
        { Register-CommerceInstance -Name 'closed' -Path $remoteRoots[0] -HostName cc-closed-port -Role Staging -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostUnreachable,CommerceConnector.Commands.RegisterCommerceInstanceCommand'
        { Register-CommerceInstance -Name 'nowhere' -Path '/srv/no/such/store' -HostName cc-remote -Role Staging -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostPathNotFound,CommerceConnector.Commands.RegisterCommerceInstanceCommand'
        $err = { Register-CommerceInstance -Name 'nophp' -Path $remoteRoots[0] -HostName cc-no-php -Role Staging -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostPhpMissing,CommerceConnector.Commands.RegisterCommerceInstanceCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*php -v*'
        @(Get-CommerceInstance) | Should -HaveCount 7
    }

    It 'reports a failing host as one error while the other instances are audited' {
        # A host alias that worked at registration and points at a closed port now.
        $config = Get-Content -Raw $server.ConfigFile
        $flaky = "Host cc-flaky`n  HostName 127.0.0.1`n  Port $($server.Port)`n  User $($server.UserName)`n  IdentityFile $($server.Folder)/id_ed25519`n  IdentitiesOnly yes`n  IdentityAgent none`n  UserKnownHostsFile $($server.Folder)/known_hosts`n  GlobalKnownHostsFile /dev/null`n"
        Set-Content -LiteralPath $server.ConfigFile -Value ($config + "`n" + $flaky)
        $flakyRoot = New-ConnectedMagentoRoot (Join-Path $server.Www 'site-flaky') $values
        Set-TestServerOwner $server $server.Www
        $null = Register-CommerceInstance -Name 'flaky' -Path $flakyRoot -HostName cc-flaky -Role Staging
        try {
            Set-Content -LiteralPath $server.ConfigFile -Value ($config + "`n" + $flaky.Replace("Port $($server.Port)", 'Port 1'))

            $checks = Test-ConnectorConfiguration -All -ErrorVariable failures -ErrorAction SilentlyContinue

            @($failures) | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'HostUnreachable,CommerceConnector.Commands.TestConnectorConfigurationCommand'
            ($checks | Where-Object Instance -EQ 'flaky').Name | Should -Be 'ConfigurationReadable'
            @($checks | Where-Object Name -EQ 'KeyMatchesApiKey' | Where-Object Verdict -EQ 'Passed') | Should -HaveCount 7
        }
        finally {
            Set-Content -LiteralPath $server.ConfigFile -Value $config
            Unregister-CommerceInstance -Name 'flaky' -Confirm:$false
        }
    }

    It 'leaves env.php whole when the connection is cut mid-write, and the next command finishes the job' {
        $envPhp = "$($remoteRoots[2])/app/etc/env.php"
        $before = (Invoke-OnTestServer $server "sha256sum $envPhp").Split(' ')[0]
        $env:COMMERCE_CONNECTOR_SSH = $server.CuttingSsh
        try {
            $err = { Set-DataSpace -Instance 'remote-3' -Project 'Luma' -DataSpace 'Production' -Force -ErrorAction Stop -WarningAction SilentlyContinue } |
                Should -Throw -ErrorId 'HostConnectionLost,CommerceConnector.Commands.SetDataSpaceCommand' -PassThru
            $err.Exception.Message | Should -BeLike '*either the old or the new one*'
        }
        finally {
            $env:COMMERCE_CONNECTOR_SSH = $null
        }
        (Invoke-OnTestServer $server "sha256sum $envPhp").Split(' ')[0] | Should -Be $before
        Get-ServerKeyPair @($remoteRoots[2]) | Should -Be (Get-Pair (Get-ConnectorApiKey -Name 'prod-new').Id $newKeyFile)

        (Get-CommerceInstance -Name 'remote-3').AssignedDataSpaceId | Should -BeNullOrEmpty
        $result = Set-DataSpace -Instance 'remote-3' -Project 'Luma' -DataSpace 'Production' -Force -PassThru -WarningAction SilentlyContinue
        $result.BackupPath | Should -Not -BeNullOrEmpty
        (Get-CommerceInstance -Name 'remote-3').AssignedDataSpaceId | Should -Be ($luma.DataSpaces | Where-Object DataSpaceName -EQ 'Production').DataSpaceId
        (Invoke-OnTestServer $server "find $($remoteRoots[2]) -name '*.tmp'").Trim() | Should -Be ''
        (Invoke-OnTestServer $server "php -l $envPhp") | Should -BeLike 'No syntax errors*'
    }
    Context 'the store database, reached through the SSH connection' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'MariaDb.psm1') -Force
            $database = Start-TestMariaDb
            $expected = New-TestMagentoDatabase -Server $database -Database 'luma_remote' -Prefix 'mg_' -Rows 120
            $dbPassword = "Rem0te'DB\pass"
            New-TestDatabaseUser -Server $database -User 'magento' -Password $dbPassword -Database 'luma_remote'

            function New-RemoteStoreRoot([string] $Name, [string] $DbHost) {
                # A Magento root on the server whose env.php names the database as Magento there reaches it.
                $root = Join-Path $server.Www $Name
                $null = New-Item -ItemType Directory -Path "$root/app/etc" -Force
                $quoted = $dbPassword.Replace('\', '\\').Replace("'", "\'")
                $text = "<?php`nreturn [`n    'db' => [`n        'table_prefix' => 'mg_',`n        'connection' => [`n            'default' => [`n" +
                    "                'host' => '$DbHost',`n                'dbname' => 'luma_remote',`n                'username' => 'magento',`n" +
                    "                'password' => '$quoted',`n            ],`n        ],`n    ],`n];`n"
                [System.IO.File]::WriteAllText("$root/app/etc/env.php", $text)
                Set-TestServerOwner $server $root
                $root
            }
            $tcpRoot = New-RemoteStoreRoot 'db-tcp' "127.0.0.1:$($database.Port)"
            $socketRoot = New-RemoteStoreRoot 'db-socket' "localhost:$($database.Socket)"
            $null = Register-CommerceInstance -Name 'remote-db' -Path $tcpRoot -HostName cc-remote -Role Staging
            $null = Register-CommerceInstance -Name 'remote-db-socket' -Path $socketRoot -HostName cc-remote -Role Staging
            $null = Register-CommerceInstance -Name 'remote-db-blocked' -Path $tcpRoot -HostName cc-no-forwarding -Role Staging
        }

        AfterAll {
            if ($database) { Stop-TestMariaDb $database }
        }

        It 'reads the data export status over a forwarded port, counts as the Admin counts, one login per command' {
            $logins = Get-TestServerLoginCount $server

            $status = @(Get-DataExportStatus -Instance 'remote-db')

            (Get-TestServerLoginCount $server) - $logins | Should -Be 1
            $status | Should -HaveCount 11
            foreach ($feed in $status) {
                $feed.Instance | Should -Be 'remote-db'
                $feed.Table | Should -Be $expected[$feed.Feed].Table -Because "feed $($feed.Feed)"
                $feed.Items | Should -Be $expected[$feed.Feed].Items -Because "feed $($feed.Feed)"
                $feed.Submitted | Should -Be $expected[$feed.Feed].Submitted -Because "feed $($feed.Feed)"
                $feed.FailedRequireAttention | Should -Be $expected[$feed.Feed].FailedRequireAttention -Because "feed $($feed.Feed)"
            }
        }

        It 'reaches a database that listens on a Unix socket of the server' {
            $status = @(Get-DataExportStatus -Instance 'remote-db-socket' -Feed products)

            $status | Should -HaveCount 1
            $status[0].Items | Should -Be $expected['products'].Items
        }

        It 'reads core_config_data through the tunnel for the configuration checks' {
            $savedAccess = $env:COMMERCE_CONNECTOR_DATABASE_ACCESS
            $env:COMMERCE_CONNECTOR_DATABASE_ACCESS = $null   # TestHelpers turns database reading off for other files
            try {
            $checks = @(Test-ConnectorConfiguration -Instance 'remote-db' -WarningVariable warnings -WarningAction SilentlyContinue)

            # (the audit also reads the other instances, for the shared data space check: the blocked one warns about itself)
            @($warnings | Where-Object { "$_" -like "*instance 'remote-db' *" }) | Should -HaveCount 0 -Because "$warnings"
            ($checks | Where-Object Name -EQ 'DatabaseValuesReadable').Verdict | Should -Be 'Passed' -Because ($checks | Format-Table Name, Verdict, Message -AutoSize | Out-String -Width 300)

            $blocked = @(Test-ConnectorConfiguration -Instance 'remote-db-blocked' -WarningVariable blockedWarnings -WarningAction SilentlyContinue)
            @($blocked | Where-Object Name -EQ 'DatabaseValuesReadable') | Should -HaveCount 0
            "$blockedWarnings" | Should -BeLike '*HostPortForwardFailed*'
            }
            finally { $env:COMMERCE_CONNECTOR_DATABASE_ACCESS = $savedAccess }
        }

        It 'goes through the SSH server: one that refuses forwarding is an error of its own, without the password' {
            $records = Get-DataExportStatus -Instance 'remote-db-blocked' -ErrorVariable failures -ErrorAction SilentlyContinue *>&1

            @($failures) | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'HostPortForwardFailed,CommerceConnector.Commands.GetDataExportStatusCommand'
            $failures[0].Exception.Message | Should -BeLike '*AllowTcpForwarding*'
            foreach ($record in @($records) + @($failures)) {
                ($record | Out-String -Width 500) + $record.Exception | Should -Not -BeLike "*$dbPassword*"
            }
        }
    }
}
