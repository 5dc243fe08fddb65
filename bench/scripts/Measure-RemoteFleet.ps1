<#
.SYNOPSIS
Measures the audit and the key rotation over instances on other servers (SSH) next to the same work on local paths,
in the same run, for docs/performance.md.

.DESCRIPTION
A throw-away registry with two accounts: Count instances on local paths, and Count instances spread over Hosts
aliases of the tests' throwaway sshd on loopback (tests/SshServer.psm1), every env.php padded to about EnvPhpBytes.
For each side: Test-ConnectorConfiguration -All and Update-ConnectorApiKey, Repeat times each (fastest and median),
with the SSH logins each command made. What is measured and why: docs/performance.md, "Instances on other servers".

Must run as root (it creates the test user); needs /usr/sbin/sshd and php.

.EXAMPLE
./build.ps1; ./bench/scripts/Measure-RemoteFleet.ps1 -Count 50 -Hosts 5
#>
[CmdletBinding()]
param(
    [int] $Count = 50,
    [int] $Hosts = 5,
    [int] $Repeat = 3,
    [int] $ThrottleLimit = 5,
    [int] $EnvPhpBytes = 20480,
    [string] $Module = (Join-Path $PSScriptRoot '../../out/CommerceConnector/CommerceConnector.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $Module -Force
Import-Module (Join-Path $PSScriptRoot '../../tests/SshServer.psm1') -Force
$work = Join-Path ([System.IO.Path]::GetTempPath()) ('cc-remote-bench-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $work
$saved = $env:COMMERCE_CONNECTOR_HOME, $env:COMMERCE_CONNECTOR_SSH_CONFIG, $env:COMMERCE_CONNECTOR_DATABASE_ACCESS
$server = $null
try {
    $server = Start-TestSshServer
    $config = Get-Content -Raw -LiteralPath $server.ConfigFile
    $aliases = foreach ($h in 1..$Hosts) {
        "bench-host-$h"
        $config += "`nHost bench-host-$h`n  HostName 127.0.0.1`n  Port $($server.Port)`n  User $($server.UserName)`n  IdentityFile $($server.Folder)/id_ed25519`n  IdentitiesOnly yes`n  IdentityAgent none`n  UserKnownHostsFile $($server.Folder)/known_hosts`n  GlobalKnownHostsFile /dev/null`n"
    }
    Set-Content -LiteralPath $server.ConfigFile -Value $config
    $env:COMMERCE_CONNECTOR_SSH_CONFIG = $server.ConfigFile
    $env:COMMERCE_CONNECTOR_HOME = Join-Path $work 'registry'
    # The files alone, as the figures in docs/performance.md: the generated env.php files name no reachable database.
    $env:COMMERCE_CONNECTOR_DATABASE_ACCESS = 'Off'

    function New-BenchRoot([string] $Root, [string] $ApiKey, [string] $Pem, [int] $Index) {
        $etc = [System.IO.Path]::Combine($Root, 'app', 'etc')
        $null = New-Item -ItemType Directory -Path $etc -Force
        $pemPhp = "'" + $Pem.Replace('\', '\\').Replace("'", "\'") + "'"
        $text = @"
<?php
return [
    'backend' => ['frontName' => 'admin_$Index'],
    'db' => ['table_prefix' => '', 'connection' => ['default' => ['host' => 'db', 'dbname' => 'm$Index', 'username' => 'm', 'password' => 'p', 'active' => '1']]],
    'system' => ['default' => [
        'services_connector' => ['services_connector_integration' => ['production_api_key' => '$ApiKey', 'production_private_key' => $pemPhp]],
        'magento_saas' => ['environment' => 'production'],
    ]],
    'cache' => [
"@
        for ($n = 0; $text.Length -lt $EnvPhpBytes - 200; $n++) {
            $text += "`n        'frontend_$n' => ['backend' => 'Magento\\Framework\\Cache\\Backend\\Redis', 'backend_options' => ['server' => 'redis', 'database' => '$n', 'port' => '6379', 'compress_data' => '1']],"
        }
        [System.IO.File]::WriteAllText((Join-Path $etc 'env.php'), "$text`n    ],`n];`n")
        [System.IO.File]::WriteAllText((Join-Path $etc 'config.php'), "<?php`nreturn ['modules' => ['Magento_ServicesConnector' => 1, 'Magento_ServicesId' => 1, 'Magento_SaaSCommon' => 1, 'Magento_DataExporter' => 1]];`n")
        [System.IO.File]::SetUnixFileMode((Join-Path $etc 'env.php'), 'UserRead, UserWrite')
        $Root
    }

    function Get-Stats([double[]] $Seconds) {
        $sorted = @($Seconds | Sort-Object)
        [pscustomobject]@{ Fastest = $sorted[0]; Median = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)] }
    }

    $sides = [ordered]@{}
    foreach ($side in 'local', 'remote') {
        $mageId = if ($side -eq 'local') { 'MAG515151' } else { 'MAG525252' }
        $null = New-CommerceAccount -MageId $mageId -Edition AdobeCommerce -Owner owner@bench.example.com -Name "Bench $side"
        $null = Connect-CommerceAccount -MageId $mageId
        $pemFile = Join-Path $work "$side-old.pem"
        $key = New-ConnectorApiKey -Environment Production -Name "$side-old" -OutFile $pemFile
        $pem = [System.IO.File]::ReadAllText($pemFile)
        $setup = [System.Diagnostics.Stopwatch]::StartNew()
        # One Register-CommerceInstance command for the whole side (a pipeline): one connection per host.
        $entries = foreach ($i in 1..$Count) {
            if ($side -eq 'local') {
                $root = New-BenchRoot (Join-Path $work ("local/site-{0:d3}" -f $i)) $key.Id $pem $i
                [pscustomobject]@{ Name = "local-{0:d3}" -f $i; Path = $root; Role = 'Staging' }
            }
            else {
                $alias = $aliases[($i - 1) % $Hosts]
                $root = New-BenchRoot (Join-Path $server.Www ("$alias/site-{0:d3}" -f $i)) $key.Id $pem $i
                [pscustomobject]@{ Name = "remote-{0:d3}" -f $i; Path = $root; Role = 'Staging'; HostName = $alias }
            }
        }
        if ($side -eq 'remote') { Set-TestServerOwner $server $server.Www }
        $null = $entries | Register-CommerceInstance
        Write-Host "$side fleet of $Count instances built and registered in $([Math]::Round($setup.Elapsed.TotalSeconds, 1)) s"

        $null = Test-ConnectorConfiguration -All -ThrottleLimit $ThrottleLimit   # untimed: JIT and caches
        $audits = @(); $auditLogins = @()
        foreach ($r in 1..$Repeat) {
            $logins = Get-TestServerLoginCount $server
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $checks = @(Test-ConnectorConfiguration -All -ThrottleLimit $ThrottleLimit)
            $audits += $watch.Elapsed.TotalSeconds
            $auditLogins += (Get-TestServerLoginCount $server) - $logins
            if (@($checks | Select-Object -ExpandProperty Instance -Unique).Count -ne $Count) { throw "the $side audit did not reach all $Count instances" }
        }
        $rotations = @(); $rotationLogins = @()
        foreach ($r in 1..$Repeat) {
            $logins = Get-TestServerLoginCount $server
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $rotation = Update-ConnectorApiKey -Environment Production -Name "$side-new-$r" -OutFile (Join-Path $work "$side-new-$r.pem") -ThrottleLimit $ThrottleLimit -WarningAction SilentlyContinue
            $rotations += $watch.Elapsed.TotalSeconds
            $rotationLogins += (Get-TestServerLoginCount $server) - $logins
            $updated = @($rotation.Instances | Where-Object State -EQ 'Updated').Count
            if ($rotation.Status -ne 'Completed' -or $updated -ne $Count) { throw "the $side rotation $r ended $($rotation.Status) with $updated of $Count instances updated" }
        }
        $sides[$side] = [pscustomobject]@{ Audit = Get-Stats $audits; Rotation = Get-Stats $rotations; AuditLogins = $auditLogins; RotationLogins = $rotationLogins }
    }

    # php on the server judges the last rotation's files: every remote env.php holds the newest key.
    $newest = (Get-ConnectorApiKey -Name "remote-new-$Repeat").Id
    $read = 'foreach (glob($argv[1] . "/*/site-*/app/etc/env.php") as $f) { $a = include $f; echo $a["system"]["default"]["services_connector"]["services_connector_integration"]["production_api_key"], "\n"; }'
    $held = @((Invoke-OnTestServer $server "php -r '$($read.Replace("'", "'\''"))' $($server.Www)") -split "`n" | Where-Object { $_ })
    if ($held.Count -ne $Count -or @($held | Where-Object { $_ -ne $newest }).Count -ne 0) { throw "php on the server does not read the newest key in every env.php" }

    $cpu = (Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
    "Machine: $([Environment]::ProcessorCount) cores ($cpu), load average $((Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ') at the end; $(ssh -V 2>&1)"
    "$Count instances per side; remote: $Hosts hosts (aliases of one loopback sshd), -ThrottleLimit $ThrottleLimit; env.php about $EnvPhpBytes bytes; $Repeat timed runs each"
    foreach ($work_ in 'Audit', 'Rotation') {
        $local = $sides['local'].$work_; $remote = $sides['remote'].$work_
        "{0,-9} local fastest {1,6:0.00} s median {2,6:0.00} s | remote fastest {3,6:0.00} s median {4,6:0.00} s | remote/local (medians) {5:0.00}x" -f $work_, $local.Fastest, $local.Median, $remote.Fastest, $remote.Median, ($remote.Median / $local.Median)
    }
    "SSH logins per command (remote side, $Hosts hosts): audit $($sides['remote'].AuditLogins -join ', '); rotation $($sides['remote'].RotationLogins -join ', ')"
    "SSH logins per command (local side): audit $($sides['local'].AuditLogins -join ', '); rotation $($sides['local'].RotationLogins -join ', ')"
}
finally {
    $env:COMMERCE_CONNECTOR_HOME, $env:COMMERCE_CONNECTOR_SSH_CONFIG, $env:COMMERCE_CONNECTOR_DATABASE_ACCESS = $saved
    if ($server) { Stop-TestSshServer $server }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
