# Rotating a key across a generated fleet, as an administrator does it: Update-ConnectorApiKey writes the new pair into
# every registered instance that holds the old one, php judges every env.php (the new API key and the byte-exact new
# PEM), and the old key is revoked only when no instance holds it. One instance that refuses the write keeps the old key
# active until it is fixed and the rotation is continued; a pwsh process killed mid-rotation leaves every env.php whole.

Describe 'Rotating a key across the fleet' {
    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext

        $MageId = 'MAG500600700'
        $ApiKeyPath = 'services_connector/services_connector_integration/production_api_key'
        $PrivateKeyPath = 'services_connector/services_connector_integration/production_private_key'

        function New-Fleet {
            # A registry of its own, a production key, and Count Magento roots configured by hand with that key and
            # registered; returns where everything is.
            param([int] $Count)

            $folder = Join-Path $TestDrive ("fleet-" + [guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $folder
            $env:COMMERCE_CONNECTOR_HOME = Join-Path $folder 'registry'
            Disconnect-CommerceAccount
            $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner owner@fleet.example.com -Name 'Fleet'
            $null = Connect-CommerceAccount -MageId $MageId
            $oldKeyFile = Join-Path $folder 'old.pem'
            $old = New-ConnectorApiKey -Environment Production -Name 'prod-old' -OutFile $oldKeyFile
            $pem = [System.IO.File]::ReadAllText($oldKeyFile)
            $envPhps = foreach ($i in 1..$Count) {
                $name = 'site-{0:d3}' -f $i
                $root = New-ConnectedMagentoRoot (Join-Path $folder "www/$name") ([ordered]@{
                        $ApiKeyPath                  = $old.Id
                        $PrivateKeyPath              = $pem
                        'magento_saas/environment'   = 'production'
                    })
                $null = Register-CommerceInstance -Name $name -Path $root -Role Staging
                [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')
            }
            [pscustomobject]@{
                Folder       = $folder
                Registry     = $env:COMMERCE_CONNECTOR_HOME
                OldKey       = $old
                OldKeyFile   = $oldKeyFile
                NewKeyFile   = Join-Path $folder 'new.pem'
                EnvPhps      = @($envPhps)
            }
        }

        function Get-Sha256([byte[]] $Bytes) {
            $sha = [System.Security.Cryptography.SHA256]::Create()
            try { (($sha.ComputeHash($Bytes) | ForEach-Object { $_.ToString('x2') }) -join '') } finally { $sha.Dispose() }
        }

        function Get-PhpKeyPair {
            # What PHP itself reads from each env.php, in one php run: "<production API key> <sha256 of the private key>",
            # or "ERROR <message>" for a file PHP cannot load (a half-written file would be one).
            param([string[]] $EnvPhp)

            $script = 'foreach (array_slice($argv, 1) as $f) { try { $a = include $f; $d = $a["system"]["default"]["services_connector"]["services_connector_integration"]; echo $d["production_api_key"], " ", hash("sha256", $d["production_private_key"]), "\n"; } catch (\Throwable $e) { echo "ERROR ", str_replace("\n", " ", $e->getMessage()), "\n"; } }'
            $result = Invoke-TestTool php (@('-r', $script) + $EnvPhp)
            $result.ExitCode | Should -Be 0 -Because $result.Error
            @($result.Output -split "`n" | Where-Object { $_ -ne '' })
        }

        function Get-Pair([string] $ApiKey, [string] $KeyFile) {
            "$ApiKey $(Get-Sha256 ([System.IO.File]::ReadAllBytes($KeyFile)))"
        }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    It 'writes the new pair into every instance, then revokes the old key' {
        $fleet = New-Fleet -Count 12
        (Get-ConnectorApiKey -Name 'prod-old').UsedBy | Should -HaveCount 12

        $rotation = Update-ConnectorApiKey -Environment Production -Name 'prod-new' -OutFile $fleet.NewKeyFile -WarningAction SilentlyContinue

        $rotation.Status | Should -Be 'Completed'
        $rotation.OldKeyRevoked | Should -BeTrue
        $rotation.OldApiKey | Should -Be $fleet.OldKey.Id
        @($rotation.Instances | Where-Object State -EQ 'Updated') | Should -HaveCount 12
        @($rotation.Instances | ForEach-Object { $_.Checks } | Where-Object { $_.Name -like 'Key*' -and "$($_.Verdict)" -ne 'Passed' }) | Should -HaveCount 0
        Get-UnixModeText $fleet.NewKeyFile | Should -Be '600'
        $expected = Get-Pair $rotation.NewApiKey $fleet.NewKeyFile
        Get-PhpKeyPair $fleet.EnvPhps | Should -Be (@($expected) * 12)
        (Get-ConnectorApiKey -Id $fleet.OldKey.Id).Status | Should -Be 'Revoked'
        (Get-ConnectorApiKey -Name 'prod-new').UsedBy | Should -HaveCount 12
        @(Get-ConnectorKeyRotation -Environment Production) | Should -HaveCount 1
        @(Get-ConnectorKeyRotation -Open) | Should -HaveCount 0
        @(Test-ConnectorConfiguration -All | Where-Object Name -EQ 'KeyCurrent' | Where-Object Verdict -EQ 'Passed') | Should -HaveCount 12
    }

    It 'keeps the old key active while one instance refuses the write, and finishes when it is fixed' {
        $fleet = New-Fleet -Count 10
        # site-004's env.php names production_api_key twice: the editor refuses to guess which one Magento reads.
        $refused = $fleet.EnvPhps[3]
        $original = [System.IO.File]::ReadAllText($refused)
        [System.IO.File]::WriteAllText($refused, $original.Replace("'production_api_key' =>", "'production_api_key' => 'stale',`n                    'production_api_key' =>"))
        $before = Get-FileSnapshot $refused

        $rotation = Update-ConnectorApiKey -Environment Production -OutFile $fleet.NewKeyFile -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        @($failures) | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ConfigurationKeyDuplicated,CommerceConnector.Commands.UpdateConnectorApiKeyCommand'
        Get-FileSnapshot $refused | Should -Be $before
        $rotation.Status | Should -Be 'Open'
        (Get-ConnectorApiKey -Id $fleet.OldKey.Id).Status | Should -Be 'Active'
        $open = Get-ConnectorKeyRotation -Environment Production -Open
        $failed = @($open.Instances | Where-Object State -EQ 'Failed')
        $failed.Name | Should -Be 'site-004'
        $failed[0].Reason | Should -BeLike '*twice*'
        @($open.Instances | Where-Object State -EQ 'Updated') | Should -HaveCount 9
        $current = Test-ConnectorConfiguration -Instance site-004 | Where-Object Name -EQ 'KeyCurrent'
        "$($current.Verdict)" | Should -Be 'Failed'
        $current.Fix | Should -BeLike "Update-ConnectorApiKey -Environment Production -PrivateKeyPath *"

        # Continuing needs the new key's private key, and only that one.
        { Update-ConnectorApiKey -Environment Production -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyRotationNeedsNewPrivateKey,CommerceConnector.Commands.UpdateConnectorApiKeyCommand'
        { Update-ConnectorApiKey -Environment Production -PrivateKeyPath $fleet.OldKeyFile -ErrorAction Stop } |
            Should -Throw -ErrorId 'RotationPrivateKeyMismatch,CommerceConnector.Commands.UpdateConnectorApiKeyCommand'
        { Update-ConnectorApiKey -Environment Production -OutFile (Join-Path $fleet.Folder 'another.pem') -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyRotationOpen,CommerceConnector.Commands.UpdateConnectorApiKeyCommand'

        [System.IO.File]::WriteAllText($refused, $original)
        $resumed = Update-ConnectorApiKey -Environment Production -PrivateKeyPath $fleet.NewKeyFile -WarningAction SilentlyContinue

        $resumed.Id | Should -Be $rotation.Id
        $resumed.Status | Should -Be 'Completed'
        @($resumed.Instances | Where-Object State -EQ 'Updated') | Should -HaveCount 10
        Get-PhpKeyPair $fleet.EnvPhps | Should -Be (@(Get-Pair $resumed.NewApiKey $fleet.NewKeyFile) * 10)
        (Get-ConnectorApiKey -Id $fleet.OldKey.Id).Status | Should -Be 'Revoked'
    }

    It 'changes nothing under -WhatIf and says which instances it would write' {
        $fleet = New-Fleet -Count 3
        $registryFile = Join-Path $fleet.Registry 'registry.json'
        $before = @($registryFile) + $fleet.EnvPhps | ForEach-Object { Get-FileSnapshot $_ }

        $hostText = Get-HostText { Update-ConnectorApiKey -Environment Production -OutFile $fleet.NewKeyFile -WhatIf }

        $hostText | Should -BeLike "*What if:*Rotate to a new key*3 instance(s)*"
        ([regex]::Matches($hostText, 'What if: Performing the operation "Write the new Production key pair')).Count | Should -Be 3
        @($registryFile) + $fleet.EnvPhps | ForEach-Object { Get-FileSnapshot $_ } | Should -Be $before
        Test-Path -LiteralPath $fleet.NewKeyFile | Should -BeFalse
    }

    It 'leaves every env.php old or new when pwsh is killed mid-rotation, and the next run finishes it' {
        $fleet = New-Fleet -Count 200
        $child = @"
`$PID
Import-Module '$manifestPath'
`$env:COMMERCE_CONNECTOR_HOME = '$($fleet.Registry)'
`$null = Connect-CommerceAccount -MageId $MageId
`$null = Update-ConnectorApiKey -Environment Production -OutFile '$($fleet.NewKeyFile)' -WarningAction SilentlyContinue
'finished'
"@
        $start = New-Object System.Diagnostics.ProcessStartInfo
        # pwsh from PATH (as a .NET tool it is a launcher that runs pwsh.dll under dotnet), else this process's own host.
        $onPath = Get-Command -Name pwsh -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($onPath) {
            $start.FileName = $onPath.Source
        }
        else {
            $start.FileName = (Get-Process -Id $PID).Path
            if ($start.FileName -like '*dotnet*') {
                $start.ArgumentList.Add([System.Environment]::GetCommandLineArgs()[0])
            }
        }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $child) { $start.ArgumentList.Add($argument) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        $childErrors = $process.StandardError.ReadToEndAsync()
        try {
            # The child prints the id of the process that runs pwsh.dll first: that is the one to kill.
            $childPid = [int]$process.StandardOutput.ReadLine()
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $written = 0
            while ($watch.Elapsed.TotalSeconds -lt 45 -and -not $process.HasExited) {
                $written = @([System.IO.Directory]::EnumerateFiles((Join-Path $fleet.Folder 'www'), 'env.php.cc-backup-*', [System.IO.SearchOption]::AllDirectories)).Count
                if ($written -ge 20) {
                    break
                }
                Start-Sleep -Milliseconds 10
            }
            if ($process.HasExited) {
                $childErrors.Wait(5000) | Out-Null
            }
            $written | Should -BeGreaterOrEqual 20 -Because "the rotation must have started writing (child: exited $($process.HasExited); $(if ($childErrors.IsCompleted) { $childErrors.Result }))"
            Stop-Process -Id $childPid -Force
            $process.WaitForExit(10000) | Should -BeTrue
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true) }
            $process.Dispose()
        }

        # Killed: every env.php is valid PHP holding the old pair or the new one, and at least one of each.
        $old = Get-Pair $fleet.OldKey.Id $fleet.OldKeyFile
        $rotation = Get-ConnectorKeyRotation -Environment Production -Open
        $rotation | Should -Not -BeNullOrEmpty
        $new = Get-Pair $rotation.NewApiKey $fleet.NewKeyFile
        $pairs = Get-PhpKeyPair $fleet.EnvPhps
        $pairs | Should -HaveCount 200
        @($pairs | Where-Object { $_ -ne $old -and $_ -ne $new }) | Should -HaveCount 0
        @($pairs | Where-Object { $_ -eq $new }).Count | Should -BeGreaterThan 0
        @($pairs | Where-Object { $_ -eq $old }).Count | Should -BeGreaterThan 0
        (Get-ConnectorApiKey -Id $fleet.OldKey.Id).Status | Should -Be 'Active'

        $resumed = Update-ConnectorApiKey -Environment Production -PrivateKeyPath $fleet.NewKeyFile -WarningAction SilentlyContinue

        $resumed.Status | Should -Be 'Completed'
        @($resumed.Instances | Where-Object State -EQ 'Updated') | Should -HaveCount 200
        Get-PhpKeyPair $fleet.EnvPhps | Should -Be (@($new) * 200)
        (Get-ConnectorApiKey -Id $fleet.OldKey.Id).Status | Should -Be 'Revoked'
    }
}
