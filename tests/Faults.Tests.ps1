# The fault suite: a real pwsh (the process that runs pwsh.dll, whose $PID it reports, not a launcher) loops over
# Set-DataSpace, Set-ConnectorConfiguration and New-ConnectorApiKey and is killed with SIGKILL at random points, over
# and over. After every kill: env.php is valid PHP holding the old or the new values, the guard still refuses a
# conflicting assignment, and once the next command has written in each folder no temporary file of the module is
# left (none holding key material). Bounded: a fixed number of kills with short random delays, no timing assertions.

BeforeDiscovery {
    # SIGKILL and file modes are the Unix story; php-cli judges the files.
    $skipFaults = $IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop' -or $null -eq (Get-Command php -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'Killed in the middle of a write' -Skip:$skipFaults {
    BeforeAll {
        $modulePath = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $KillCount = 30

        $MageId = 'MAG555000111'
        $Owner = 'owner@shop-faults.example.com'
        $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
        $env:COMMERCE_CONNECTOR_MAGEID = $MageId
        $env:COMMERCE_CONNECTOR_USER = $Owner
        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner $Owner -Name 'Shop Faults'

        $keyFolder = Join-Path $TestDrive 'keys'
        $null = New-Item -ItemType Directory -Path $keyFolder
        $production = New-ConnectorApiKey -Environment Production -Name 'production' -OutFile (Join-Path $keyFolder 'production.pem')
        $sandboxA = New-ConnectorApiKey -Environment Sandbox -Name 'sandbox-a' -OutFile (Join-Path $keyFolder 'sandbox-a.pem')
        $sandboxB = New-ConnectorApiKey -Environment Sandbox -Name 'sandbox-b' -OutFile (Join-Path $keyFolder 'sandbox-b.pem')
        $pems = @{
            $sandboxA.Id = [System.IO.File]::ReadAllText((Join-Path $keyFolder 'sandbox-a.pem'))
            $sandboxB.Id = [System.IO.File]::ReadAllText((Join-Path $keyFolder 'sandbox-b.pem'))
        }
        $luma = New-SaaSProject -Name 'Luma'
        $testing = @($luma.DataSpaces | Where-Object { $_.Type -eq 'Testing' } | ForEach-Object DataSpaceId)

        $stagingRoot = New-MagentoTestSite $TestDrive 'staging'
        $otherRoot = New-MagentoTestSite $TestDrive 'other'
        $stagingEtc = [System.IO.Path]::Combine($stagingRoot, 'app', 'etc')
        $stagingEnvPhp = Join-Path $stagingEtc 'env.php'
        $otherEnvPhp = [System.IO.Path]::Combine($otherRoot, 'app', 'etc', 'env.php')
        $null = Register-CommerceInstance -Name 'staging' -Path $stagingRoot -Role Staging
        $null = Register-CommerceInstance -Name 'other' -Path $otherRoot -Role Staging
        foreach ($name in 'staging', 'other') {
            Set-ConnectorConfiguration -Instance $name -Environment Sandbox -ProductionApiKey $production.Id -ProductionPrivateKeyPath (Join-Path $keyFolder 'production.pem') `
                -SandboxApiKey $sandboxA.Id -SandboxPrivateKeyPath (Join-Path $keyFolder 'sandbox-a.pem')
        }
        Set-DataSpace -Instance 'staging' -Project 'Luma' -DataSpace $testing[0]

        # The child: reports its own process id (the pwsh.dll process), then writes in a loop until it is killed.
        $childScript = Join-Path $TestDrive 'writer.ps1'
        Set-Content -LiteralPath $childScript -Value @'
param($ModulePath, $KeyFolder, $SandboxA, $SandboxB, $Production, $SpaceA, $SpaceB)
$ErrorActionPreference = 'Continue'
Import-Module $ModulePath
[Console]::Out.WriteLine("PID $PID")
[Console]::Out.Flush()
$i = 0
while ($true) {
    $i++
    $sandbox = if ($i % 2) { $SandboxB } else { $SandboxA }
    try { Set-DataSpace -Instance 'staging' -Project 'Luma' -DataSpace $(if ($i % 2) { $SpaceB } else { $SpaceA }) -Force -ErrorAction Stop } catch { }
    try {
        Set-ConnectorConfiguration -Instance 'staging' -Environment Sandbox -ProductionApiKey $Production -ProductionPrivateKeyPath (Join-Path $KeyFolder 'production.pem') `
            -SandboxApiKey $sandbox -SandboxPrivateKeyPath (Join-Path $KeyFolder "$sandbox.pem") -ErrorAction Stop
    } catch { }
    try { $null = New-ConnectorApiKey -Environment Sandbox -Name ('fault-' + [guid]::NewGuid().ToString('N')) -OutFile (Join-Path $KeyFolder ('fault-' + [guid]::NewGuid().ToString('N') + '.pem')) -ErrorAction Stop } catch { }
    if ($i -eq 1) {
        [Console]::Out.WriteLine('WRITING')
        [Console]::Out.Flush()
    }
}
'@
        # Key files named by id, as the child picks them.
        Copy-Item (Join-Path $keyFolder 'sandbox-a.pem') (Join-Path $keyFolder "$($sandboxA.Id).pem")
        Copy-Item (Join-Path $keyFolder 'sandbox-b.pem') (Join-Path $keyFolder "$($sandboxB.Id).pem")

        $phpRead = '$v = include $argv[1]; foreach (array_slice($argv, 3) as $k) { if (!is_array($v) || !array_key_exists($k, $v)) { exit(3); } $v = $v[$k]; } file_put_contents($argv[2], $v);'
        function Read-PhpText {
            param([string] $Path, [string] $ConfigPath)
            $out = Join-Path $TestDrive ('php-' + [guid]::NewGuid().ToString('N'))
            $null = & php -r $phpRead $Path $out system default @($ConfigPath.Split('/'))
            if ($LASTEXITCODE -ne 0) { return "php exit $LASTEXITCODE" }
            [System.IO.File]::ReadAllText($out)
        }

        function Invoke-KilledWriter {
            # Starts the child, waits until it has imported the module, lets it write for a random moment and kills it.
            param([int] $DelayMilliseconds)

            $start = New-Object System.Diagnostics.ProcessStartInfo
            $start.FileName = 'pwsh'
            foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $childScript, $modulePath, $keyFolder, $sandboxA.Id, $sandboxB.Id, $production.Id, $testing[0], $testing[1])) {
                $start.ArgumentList.Add($argument)
            }
            $start.UseShellExecute = $false
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $launcher = [System.Diagnostics.Process]::Start($start)
            try {
                $null = $launcher.StandardError.ReadToEndAsync()
                $line = $launcher.StandardOutput.ReadLine()
                if ($line -notmatch '^PID (\d+)$') {
                    throw "the writer did not start: $line"
                }
                $writer = Get-Process -Id ([int]$Matches[1])
                # Past the first round of commands (JIT, first registry read), the loop writes all the time.
                $null = $launcher.StandardOutput.ReadLine()
                Start-Sleep -Milliseconds $DelayMilliseconds
                $killed = -not $writer.HasExited
                # SIGKILL of the process that runs pwsh.dll: no finally block, no disposal, no flush runs.
                $null = & kill -9 $writer.Id 2>$null
                $writer.WaitForExit()
                $null = $launcher.WaitForExit(30000)
                $killed
            }
            finally {
                if (-not $launcher.HasExited) { $launcher.Kill() }
                $launcher.Dispose()
            }
        }
    }

    AfterAll { Restore-ConnectorEnvironment $savedEnvironment }

    It 'keeps env.php valid with the old or new values, the guard working and no key copies behind, over <KillCount> kills' {
        $random = New-Object System.Random 1122
        $kills = 0
        $leftoversSeen = 0
        for ($round = 1; $round -le $KillCount; $round++) {
            if (Invoke-KilledWriter -DelayMilliseconds $random.Next(0, 700)) { $kills++ }

            # env.php: valid PHP, holding one of the values the loop writes, key and API key of one pair.
            $lint = & php -l $stagingEnvPhp 2>&1
            $LASTEXITCODE | Should -Be 0 -Because "round $($round): $lint"
            Read-PhpText $stagingEnvPhp 'services_connector/services_id/environment_id' | Should -BeIn $testing -Because "round $round"
            $apiKey = Read-PhpText $stagingEnvPhp 'services_connector/services_connector_integration/sandbox_api_key'
            $apiKey | Should -BeIn @($sandboxA.Id, $sandboxB.Id) -Because "round $round"
            Read-PhpText $stagingEnvPhp 'services_connector/services_connector_integration/sandbox_private_key' | Should -BeExactly $pems[$apiKey] -Because "round $round"

            # The guard sees what env.php holds, whatever the registry recorded before the kill.
            $held = Read-PhpText $stagingEnvPhp 'services_connector/services_id/environment_id'
            $before = Get-FileSnapshot $otherEnvPhp
            { Set-DataSpace -Instance 'other' -Project 'Luma' -DataSpace $held -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceInUse,CommerceConnector.Commands.SetDataSpaceCommand' -Because "round $round"
            Get-FileSnapshot $otherEnvPhp | Should -Be $before

            # Whatever the kill left is the module's own naming; the next write in each folder removes it.
            $leftoversSeen += @(Get-TemporaryLeftover $stagingEtc).Count + @(Get-TemporaryLeftover $keyFolder).Count
            Set-ImsOrganization -Instance 'staging' -OrganizationId ('{0:X24}@AdobeOrg' -f $round)
            $null = Repair-ConnectorPrivateKey -Path (Join-Path $keyFolder 'production.pem') -OutFile (Join-Path $keyFolder "check-$round.pem")
            @(Get-TemporaryLeftover $stagingEtc) | Should -HaveCount 0 -Because "round $round"
            @(Get-TemporaryLeftover $keyFolder) | Should -HaveCount 0 -Because "round $round"
            @(Get-ChildItem -LiteralPath $stagingEtc -Force -File | Where-Object { $_.Name -like '.*.tmp' }) | Should -HaveCount 0
        }
        $kills | Should -BeGreaterOrEqual 30
        Write-Host "$kills kills, $leftoversSeen temporary files left by killed writers and removed by the next write"
    }
}
