# The registry a team shares, on a real PostgreSQL 15 server (tests/PostgreSql.psm1 starts a throwaway cluster on a
# free loopback port and removes it afterwards), driven through the cmdlets as an administrator would: the distinct
# connection errors, Initialize-ConnectorRegistry, Copy-ConnectorRegistry from a folder, everyday commands with their
# audit trail, two pwsh processes of eight runspaces each racing for testing data spaces, and the server stopped and
# restarted under a running job. No mock of the database anywhere.

Describe 'A registry shared on PostgreSQL' {
    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module $manifestPath -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'PostgreSql.psm1') -Force
        $savedEnvironment = Save-ConnectorEnvironment
        $savedServerVariables = @{}
        foreach ($name in 'COMMERCE_CONNECTOR_REGISTRY', 'PGPASSWORD', 'PGPASSFILE') {
            $savedServerVariables[$name] = [System.Environment]::GetEnvironmentVariable($name)
            [System.Environment]::SetEnvironmentVariable($name, $null)
        }
        Clear-ConnectorContextVariable
        Disconnect-CommerceAccount

        $server = Start-TestPostgres
        # What the README tells the database administrator to run (as the postgres superuser).
        $password = 'team-' + [guid]::NewGuid().ToString('N').Substring(0, 16)
        $null = Invoke-TestPostgresSql $server "CREATE ROLE connector_admin LOGIN PASSWORD '$password'"
        $null = Invoke-TestPostgresSql $server 'CREATE DATABASE commerce_registry OWNER connector_admin'
        # One login per administrator, a member of the owner role (README): it uses the tables the owner created.
        $null = Invoke-TestPostgresSql $server "CREATE ROLE pat LOGIN PASSWORD '$password-pat' IN ROLE connector_admin"
        $registry = "postgresql://connector_admin@127.0.0.1:$($server.Port)/commerce_registry"
        $patRegistry = "postgresql://pat@127.0.0.1:$($server.Port)/commerce_registry"
        $patCredential = [pscredential]::new('pat', (ConvertTo-SecureString "$password-pat" -AsPlainText -Force))
        $credential = [pscredential]::new('connector_admin', (ConvertTo-SecureString $password -AsPlainText -Force))

        # pwsh from PATH (as a .NET tool it is a launcher that runs pwsh.dll under dotnet), else this process's own host.
        $onPath = Get-Command -Name pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        $pwsh = if ($onPath) { $onPath.Source } else { Join-Path $PSHOME 'pwsh' }

        function Get-ErrorId([scriptblock] $Run) {
            try { & $Run; return '(no error)' } catch { return ($_.FullyQualifiedErrorId -split ',')[0] }
        }
    }

    AfterAll {
        Disconnect-CommerceAccount
        Stop-TestPostgres $server
        Restore-ConnectorEnvironment $savedEnvironment
        foreach ($name in $savedServerVariables.Keys) { [System.Environment]::SetEnvironmentVariable($name, $savedServerVariables[$name]) }
    }

    Context 'Before the schema exists' {
        It 'refuses a plain command against a database without the schema, and creates nothing' {
            $caught = $null
            try { Connect-CommerceAccount -MageId MAG100000001 -Registry $registry -Credential $credential -ErrorAction Stop } catch { $caught = $_ }

            ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'RegistrySchemaMissing'
            $caught.Exception.Message | Should -BeLike '*Initialize-ConnectorRegistry*'
            Invoke-TestPostgresSql $server "SELECT count(*) FROM pg_namespace WHERE nspname = 'connector'" -Database commerce_registry | Should -Be '0'
        }

        It 'tells a wrong password, an unknown host and a server that does not answer apart, and never shows the password' {
            $wrong = [pscredential]::new('connector_admin', (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
            $free = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $free.Start(); $freePort = $free.LocalEndpoint.Port; $free.Stop()

            Get-ErrorId { Connect-CommerceAccount -MageId MAG1 -Registry $registry -Credential $wrong -ErrorAction Stop } | Should -Be 'RegistryAuthenticationFailed'
            Get-ErrorId { Connect-CommerceAccount -MageId MAG1 -Registry 'postgresql://connector_admin@no-such-host.invalid:5432/commerce_registry' -Credential $credential -ErrorAction Stop } | Should -Be 'RegistryHostUnknown'
            $caught = $null
            try { Connect-CommerceAccount -MageId MAG1 -Registry "postgresql://connector_admin:$password@127.0.0.1:$freePort/commerce_registry" -ErrorAction Stop } catch { $caught = $_ }
            ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'RegistryUnavailable'
            $caught.Exception.Message | Should -BeLike "*127.0.0.1 port $freePort*"
            $caught.Exception.Message | Should -Not -BeLike "*$password*"
            Get-ErrorId { Connect-CommerceAccount -MageId MAG1 -Registry 'postgresql://connector_admin@127.0.0.1/?bogus=1' -ErrorAction Stop } | Should -Be 'RegistryConnectionInvalid'
            Get-ErrorId { Connect-CommerceAccount -MageId MAG1 -Registry "postgresql://connector_admin@127.0.0.1:$($server.Port)/no_such_database" -Credential $credential -ErrorAction Stop } | Should -Be 'RegistryDatabaseNotFound'
        }
    }

    Context 'Initialize-ConnectorRegistry' {
        It 'changes nothing under -WhatIf, creates schema 2, and a second run applies nothing' {
            Initialize-ConnectorRegistry -Registry $registry -Credential $credential -WhatIf
            Invoke-TestPostgresSql $server "SELECT count(*) FROM pg_namespace WHERE nspname = 'connector'" -Database commerce_registry | Should -Be '0'

            $first = Initialize-ConnectorRegistry -Registry $registry -Credential $credential -Confirm:$false
            $second = Initialize-ConnectorRegistry -Registry $registry -Credential $credential -Confirm:$false

            ($first.PreviousVersion, $first.Version, ($first.Applied -join ',')) | Should -Be @(0, 2, '1,2')
            ($second.PreviousVersion, $second.Version, @($second.Applied).Count) | Should -Be @(2, 2, 0)
            $first.Registry | Should -Be $registry
            Invoke-TestPostgresSql $server 'SELECT string_agg(version::text, $$,$$ ORDER BY version) FROM connector.schema_version' -Database commerce_registry | Should -Be '1,2'
        }

        It 'refuses every command on a database of an older schema, and Initialize-ConnectorRegistry migrates it' {
            $null = Invoke-TestPostgresSql $server 'CREATE DATABASE older_registry OWNER connector_admin'
            $older = "postgresql://connector_admin@127.0.0.1:$($server.Port)/older_registry"
            $null = Initialize-ConnectorRegistry -Registry $older -Credential $credential -Confirm:$false
            # Schema 1 as the first release left it: without migration 2's index and its version row.
            $null = Invoke-TestPostgresSql $server 'DROP INDEX connector.api_keys_fingerprint_unique; DELETE FROM connector.schema_version WHERE version = 2' -Database older_registry

            Get-ErrorId { Connect-CommerceAccount -MageId MAG1 -Registry $older -Credential $credential -ErrorAction Stop } | Should -Be 'RegistrySchemaOutdated'
            $migrated = Initialize-ConnectorRegistry -Registry $older -Credential $credential -Confirm:$false
            ($migrated.PreviousVersion, $migrated.Version, ($migrated.Applied -join ',')) | Should -Be @(1, 2, '2')
            Invoke-TestPostgresSql $server "SELECT count(*) FROM pg_indexes WHERE indexname = 'api_keys_fingerprint_unique'" -Database older_registry | Should -Be '1'
        }

        It 'refuses a database whose schema is newer, for Initialize-ConnectorRegistry and for every command' {
            $null = Invoke-TestPostgresSql $server 'CREATE DATABASE newer_registry OWNER connector_admin'
            $newer = "postgresql://connector_admin@127.0.0.1:$($server.Port)/newer_registry"
            $null = Initialize-ConnectorRegistry -Registry $newer -Credential $credential -Confirm:$false
            $null = Invoke-TestPostgresSql $server 'INSERT INTO connector.schema_version (version) VALUES (99)' -Database newer_registry

            Get-ErrorId { Initialize-ConnectorRegistry -Registry $newer -Credential $credential -Confirm:$false -ErrorAction Stop } | Should -Be 'RegistrySchemaTooNew'
            Get-ErrorId { Connect-CommerceAccount -MageId MAG1 -Registry $newer -Credential $credential -ErrorAction Stop } | Should -Be 'RegistrySchemaTooNew'
            Invoke-TestPostgresSql $server 'SELECT max(version) FROM connector.schema_version' -Database newer_registry | Should -Be '99'
        }
    }

    Context 'Moving a folder registry in, and working on it' {
        BeforeAll {
            $walk = & (Join-Path $PSScriptRoot '../examples/Quickstart.ps1') -ModulePath $manifestPath -TempRoot $TestDrive 6>$null
            Disconnect-CommerceAccount
        }

        It 'copies every record with counts per kind, and a second copy changes nothing' {
            $first = @(Copy-ConnectorRegistry -From $walk.Registry -To $registry -Credential $credential -Confirm:$false)
            $second = @(Copy-ConnectorRegistry -From $walk.Registry -To $registry -Credential $credential -Confirm:$false)

            ($first | ForEach-Object { '{0}={1}/{2}' -f $_.Kind, $_.Source, $_.Added }) -join ' ' |
                Should -Be 'Account=1/1 Member=1/1 ApiKey=2/2 Project=1/1 DataSpace=3/3 Instance=1/1 KeyRotation=0/0'
            ($second | ForEach-Object { '{0}:{1}+{2}' -f $_.Kind, $_.Added, $_.Changed }) -join ' ' |
                Should -Be 'Account:0+0 Member:0+0 ApiKey:0+0 Project:0+0 DataSpace:0+0 Instance:0+0 KeyRotation:0+0'
            Invoke-TestPostgresSql $server 'SELECT count(*) FROM connector.instance_assignments' -Database commerce_registry | Should -Be '1'
            Invoke-TestPostgresSql $server $('SELECT count(*) FROM connector.api_keys WHERE public_key LIKE $$%PRIVATE%$$') -Database commerce_registry | Should -Be '0'
        }

        It 'copies the shared registry back into a folder, the same rows, and a second copy changes nothing' {
            $back = Join-Path $TestDrive 'copied-back'
            $first = @(Copy-ConnectorRegistry -From $registry -To $back -Credential $credential -Confirm:$false)
            $second = @(Copy-ConnectorRegistry -From $registry -To $back -Credential $credential -Confirm:$false)

            ($first | ForEach-Object { '{0}={1}/{2}' -f $_.Kind, $_.Source, $_.Added }) -join ' ' |
                Should -Be 'Account=1/1 Member=1/1 ApiKey=2/2 Project=1/1 DataSpace=3/3 Instance=1/1 KeyRotation=0/0'
            ($second | ForEach-Object { '{0}:{1}+{2}' -f $_.Kind, $_.Added, $_.Changed }) -join ' ' |
                Should -Be 'Account:0+0 Member:0+0 ApiKey:0+0 Project:0+0 DataSpace:0+0 Instance:0+0 KeyRotation:0+0'
            $original = Get-Content -LiteralPath (Join-Path $walk.Registry 'registry.json') -Raw | ConvertFrom-Json
            $copied = Get-Content -LiteralPath (Join-Path $back 'registry.json') -Raw | ConvertFrom-Json
            ($copied.instances | ForEach-Object { "$($_.mageId)/$($_.name) $($_.path)" }) | Should -Be ($original.instances | ForEach-Object { "$($_.mageId)/$($_.name) $($_.path)" })
            (@($copied.apiKeys.id | Sort-Object) -join ',') | Should -Be (@($original.apiKeys.id | Sort-Object) -join ',')
            (@($copied.dataSpaces.dataSpaceId | Sort-Object) -join ',') | Should -Be (@($original.dataSpaces.dataSpaceId | Sort-Object) -join ',')
        }

        It 'refuses, as a whole, a copy whose rows break a rule the shared registry holds' {
            # Another machine's folder: a new account whose instance claims the Magento root already registered.
            $other = Join-Path $TestDrive 'other-machine'
            $savedHome = $env:COMMERCE_CONNECTOR_HOME
            try {
                $env:COMMERCE_CONNECTOR_HOME = $other
                $null = New-CommerceAccount -MageId MAG200000002 -Edition AdobeCommerce -Owner owner@other.example.com
                $null = Connect-CommerceAccount -MageId MAG200000002 -RegistryPath $other
                $null = Register-CommerceInstance -Name 'same-root' -Path $walk.MagentoRoot -Role Staging
            }
            finally {
                Disconnect-CommerceAccount
                $env:COMMERCE_CONNECTOR_HOME = $savedHome
            }
            $before = Invoke-TestPostgresSql $server 'SELECT (SELECT count(*) FROM connector.accounts) || $$/$$ || (SELECT count(*) FROM connector.instances) || $$/$$ || (SELECT count(*) FROM connector.audit_log)' -Database commerce_registry

            Get-ErrorId { Copy-ConnectorRegistry -From $other -To $registry -Credential $credential -Confirm:$false -ErrorAction Stop } | Should -Be 'InstancePathRegistered'
            Invoke-TestPostgresSql $server 'SELECT (SELECT count(*) FROM connector.accounts) || $$/$$ || (SELECT count(*) FROM connector.instances) || $$/$$ || (SELECT count(*) FROM connector.audit_log)' -Database commerce_registry | Should -Be $before
            Invoke-TestPostgresSql $server "SELECT count(*) FROM connector.accounts WHERE mage_id = 'MAG200000002'" -Database commerce_registry | Should -Be '0'
        }

        It 'connects, works through the cmdlets unchanged, and audits each change with who, where and which ids' {
            $context = Connect-CommerceAccount -MageId $walk.MageId -Registry $patRegistry -Credential $patCredential
            $context.RegistryPath | Should -Be $patRegistry
            (Get-CommerceInstance).Name | Should -Be 'quickstart-production'

            $site = New-MagentoTestSite $TestDrive 'audited'
            $null = Register-CommerceInstance -Name 'audited-staging' -Path $site -Role Staging
            Get-ErrorId { Register-CommerceInstance -Name 'again' -Path $site -Role Staging -ErrorAction Stop } | Should -Be 'InstancePathRegistered'
            $null = Add-CommerceAccountMember -User 'dev@quickstart.example.com' -Role SharedAccess

            $entry = @(Get-ConnectorAuditLog -Target 'audited-staging')
            $entry | Should -HaveCount 1
            ($entry[0].Command, $entry[0].Member, $entry[0].OsUser, $entry[0].Machine, $entry[0].MageId) |
                Should -Be @('Register-CommerceInstance', 'owner@quickstart.example.com', [System.Environment]::UserName, [System.Environment]::MachineName, $walk.MageId)
            $entry[0].Changes | Should -Be @("Added Instance $($walk.MageId)/audited-staging")
            @(Get-ConnectorAuditLog -Since ([datetime]::UtcNow.AddMinutes(-10)) | ForEach-Object Command) |
                Should -Be @('Copy-ConnectorRegistry', 'Register-CommerceInstance', 'Add-CommerceAccountMember')
            @(Get-ConnectorAuditLog -User 'nobody@example.com') | Should -HaveCount 0
        }

        It 'takes the registry from COMMERCE_CONNECTOR_REGISTRY and the password from a passfile' {
            Disconnect-CommerceAccount
            $passfile = Join-Path $TestDrive 'pgpass'
            [System.IO.File]::WriteAllText($passfile, "127.0.0.1:$($server.Port):commerce_registry:connector_admin:$password`n")
            if (-not $IsWindows) { [System.IO.File]::SetUnixFileMode($passfile, 'UserRead, UserWrite') }
            try {
                $env:COMMERCE_CONNECTOR_REGISTRY = $registry
                $env:PGPASSFILE = $passfile
                $env:COMMERCE_CONNECTOR_MAGEID = $walk.MageId
                @(Get-CommerceInstance | ForEach-Object Name | Sort-Object) | Should -Be @('audited-staging', 'quickstart-production')
                (Connect-CommerceAccount -MageId $walk.MageId).RegistryPath | Should -Be $registry
            }
            finally {
                $env:COMMERCE_CONNECTOR_REGISTRY = $null
                $env:PGPASSFILE = $null
                $env:COMMERCE_CONNECTOR_MAGEID = $null
                Disconnect-CommerceAccount
            }
        }

        It 'loses no update and never assigns a testing data space twice: 2 processes x 8 runspaces' {
            $worker = {
                param($Manifest, $Helpers, $Registry, $Password, $MageId, $SandboxKey, $SandboxKeyFile, $Root, $Process)
                $ErrorActionPreference = 'Stop'
                $env:COMMERCE_CONNECTOR_REGISTRY = $Registry
                $env:PGPASSWORD = $Password
                $env:COMMERCE_CONNECTOR_MAGEID = $MageId
                1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                    $ErrorActionPreference = 'Stop'
                    $WarningPreference = 'SilentlyContinue'
                    Import-Module $using:Manifest
                    Import-Module $using:Helpers
                    $n = $_
                    $result = [ordered]@{ Registered = 0; Assigned = $null; Refused = @(); Other = @() }
                    $names = foreach ($k in 1..3) {
                        $name = "p$($using:Process)-w$n-i$k"
                        try {
                            $null = Register-CommerceInstance -Name $name -Path (New-MagentoTestSite $using:Root $name) -Role Staging
                            $result.Registered++
                            $name
                        }
                        catch { $result.Other += "$name $($_.FullyQualifiedErrorId) $($_.Exception.Message)" }
                    }
                    $mine = @($names)[0]
                    $space = if ($n % 2) { 'Testing 1' } else { 'Testing 2' }
                    try {
                        $null = Set-ConnectorConfiguration -Instance $mine -Environment Sandbox -SandboxApiKey $using:SandboxKey -SandboxPrivateKeyPath $using:SandboxKeyFile -WarningAction SilentlyContinue
                        $null = Set-DataSpace -Instance $mine -Project Quickstart -DataSpace $space
                        $result.Assigned = "$mine=$space"
                    }
                    catch {
                        $id = ($_.FullyQualifiedErrorId -split ',')[0]
                        if ($id -eq 'DataSpaceInUse') { $result.Refused += $id } else { $result.Other += "$mine $($_.FullyQualifiedErrorId) $($_.Exception.Message)" }
                    }
                    [pscustomobject]$result
                } | ConvertTo-Json -Compress -Depth 4
            }
            $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($worker.ToString()))
            $processes = foreach ($p in 1, 2) {
                $arguments = "-NoProfile -NonInteractive -Command & ([scriptblock]::Create([System.Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('$encoded')))) " +
                    "'$manifestPath' '$(Join-Path $PSScriptRoot 'TestHelpers.psm1')' '$registry' '$password' '$($walk.MageId)' '$($walk.SandboxApiKey)' '$($walk.SandboxKeyFile)' '$TestDrive' $p"
                $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh, $arguments)
                $start.RedirectStandardOutput = $true
                $start.RedirectStandardError = $true
                $start.UseShellExecute = $false
                [System.Diagnostics.Process]::Start($start)
            }
            $outputs = foreach ($process in $processes) {
                $stdout = $process.StandardOutput.ReadToEndAsync()
                $stderr = $process.StandardError.ReadToEnd()
                $process.WaitForExit()
                $stderr | Should -BeNullOrEmpty
                # The JSON is the last line; anything before it is host output the test does not judge.
                @($stdout.Result -split "`n" | Where-Object { $_.Trim() })[-1] | ConvertFrom-Json
            }
            $results = @($outputs | ForEach-Object { $_ })

            $results | Should -HaveCount 16
            @($results | ForEach-Object Other | Where-Object { $_ }) | Should -BeNullOrEmpty
            ($results | Measure-Object -Property Registered -Sum).Sum | Should -Be 48
            $winners = @($results | ForEach-Object Assigned | Where-Object { $_ })
            @($winners | ForEach-Object { ($_ -split '=')[1] } | Sort-Object) | Should -Be @('Testing 1', 'Testing 2')
            @($results | ForEach-Object Refused | Where-Object { $_ }) | Should -Be @(1..14 | ForEach-Object { 'DataSpaceInUse' })

            # What the database holds agrees: every registration, one holder per testing data space, the same two.
            Invoke-TestPostgresSql $server "SELECT count(*) FROM connector.instances WHERE name LIKE 'p_-w%'" -Database commerce_registry | Should -Be '48'
            $held = @(Invoke-TestPostgresSql $server "SELECT a.instance_name || '=' || d.data_space_name FROM connector.instance_assignments a JOIN connector.data_spaces d USING (data_space_id) WHERE a.data_space_type = 'Testing' ORDER BY 1" -Database commerce_registry)
            $held | Should -Be @($winners | Sort-Object)
            Invoke-TestPostgresSql $server "SELECT count(*) FROM connector.audit_log WHERE command = 'Register-CommerceInstance' AND targets[1] LIKE '%/p_-w%'" -Database commerce_registry | Should -Be '48'
        }

        It 'fails with RegistryUnavailable while the server is down, writes nothing half, and goes on once it is back' {
            $done = Join-Path $TestDrive 'fault-done'
            $worker = {
                param($Manifest, $Helpers, $Registry, $Password, $MageId, $Root, $Done)
                Import-Module $Manifest
                Import-Module $Helpers
                $env:COMMERCE_CONNECTOR_REGISTRY = $Registry
                $env:PGPASSWORD = $Password
                $env:COMMERCE_CONNECTOR_MAGEID = $MageId
                $log = [System.Collections.Generic.List[object]]::new()
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                $i = 0
                $okSinceFailure = 0
                while ([DateTime]::UtcNow -lt $deadline -and -not ((Test-Path -LiteralPath $Done) -and $okSinceFailure -ge 3)) {
                    $i++
                    $site = New-MagentoTestSite $Root "fault-$i"
                    try {
                        $null = Register-CommerceInstance -Name "fault-$i" -Path $site -Role Development -ErrorAction Stop
                        $log.Add(@{ Name = "fault-$i"; Error = $null; Message = $null })
                        $okSinceFailure++
                    }
                    catch {
                        $log.Add(@{ Name = "fault-$i"; Error = ($_.FullyQualifiedErrorId -split ',')[0]; Message = $_.Exception.Message })
                        $okSinceFailure = 0
                    }
                    Start-Sleep -Milliseconds 40
                }
                $log | ConvertTo-Json -Compress -Depth 3
            }
            $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($worker.ToString()))
            $arguments = "-NoProfile -NonInteractive -Command & ([scriptblock]::Create([System.Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('$encoded')))) " +
                "'$manifestPath' '$(Join-Path $PSScriptRoot 'TestHelpers.psm1')' '$registry' '$password' '$($walk.MageId)' '$TestDrive' '$done'"
            $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh, $arguments)
            $start.RedirectStandardOutput = $true
            $start.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($start)
            $stdout = $process.StandardOutput.ReadToEndAsync()

            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while ([int](Invoke-TestPostgresSql $server "SELECT count(*) FROM connector.instances WHERE name LIKE 'fault-%'" -Database commerce_registry) -lt 5) {
                if ([DateTime]::UtcNow -gt $deadline -or $process.HasExited) { throw 'the worker registered nothing' }
                Start-Sleep -Milliseconds 100
            }
            Stop-TestPostgresServer $server -Mode fast
            Start-Sleep -Seconds 2
            Start-TestPostgresServer $server
            $null = New-Item -ItemType File -Path $done
            $process.WaitForExit()
            $log = @($stdout.Result | ConvertFrom-Json)

            $failures = @($log | Where-Object Error)
            $failures.Count | Should -BeGreaterThan 0
            @($failures | ForEach-Object Error | Sort-Object -Unique) | Should -Be @('RegistryUnavailable')
            $failures[0].Message | Should -BeLike "*127.0.0.1 port $($server.Port)*"
            @($log | Where-Object Error | Where-Object { $_.Message -like "*$password*" }) | Should -BeNullOrEmpty
            $log[-1].Error | Should -BeNullOrEmpty
            $succeeded = @($log | Where-Object { -not $_.Error } | ForEach-Object Name | Sort-Object)
            # Nothing half-written: exactly the registrations that succeeded are there, each with its audit entry.
            @(Invoke-TestPostgresSql $server "SELECT name FROM connector.instances WHERE name LIKE 'fault-%' ORDER BY name" -Database commerce_registry) |
                Should -Be @($succeeded | Sort-Object)
            Invoke-TestPostgresSql $server "SELECT count(*) FROM connector.audit_log WHERE targets[1] LIKE '%/fault-%'" -Database commerce_registry | Should -Be "$($succeeded.Count)"
        }
    }
}
