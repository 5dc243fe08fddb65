<#
.SYNOPSIS
Measures Update-ConnectorApiKey across a generated fleet against separate Set-ConnectorConfiguration calls, for
docs/performance.md.

.DESCRIPTION
Builds a throw-away registry and fleet under a temporary folder (never the user's registry): one account, a production
key, and Count Magento roots on local disk whose env.php (padded to about EnvPhpBytes, as a big store's is) holds that
key pair, each registered. Then, in the same run:

1. Update-ConnectorApiKey -Environment Production rotates the fleet to a new generated key (every env.php written
   with its backup, each instance checked, the old key revoked);
2. one Set-ConnectorConfiguration call per instance writes another key into every instance, as an administrator
   rotating by hand would (without the test and revoke steps).

The script prints both times, the time per instance and their ratio.

.EXAMPLE
./build.ps1; ./bench/scripts/Measure-KeyRotation.ps1 -Count 1000
#>
[CmdletBinding()]
param(
    [int] $Count = 1000,
    [int] $EnvPhpBytes = 20480,
    [string] $Module = (Join-Path $PSScriptRoot '../../out/CommerceConnector/CommerceConnector.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $Module -Force
$work = Join-Path ([System.IO.Path]::GetTempPath()) ('cc-rotation-bench-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $work
$saved = $env:COMMERCE_CONNECTOR_HOME
try {
    $env:COMMERCE_CONNECTOR_HOME = Join-Path $work 'registry'
    $null = New-CommerceAccount -MageId MAG424243 -Edition AdobeCommerce -Owner owner@bench.example.com -Name 'Bench'
    $null = Connect-CommerceAccount -MageId MAG424243
    $old = New-ConnectorApiKey -Environment Production -Name 'bench-old' -OutFile (Join-Path $work 'old.pem')
    $pem = [System.IO.File]::ReadAllText((Join-Path $work 'old.pem'))
    $pemPhp = "'" + $pem.Replace('\', '\\').Replace("'", "\'") + "'"

    $setup = [System.Diagnostics.Stopwatch]::StartNew()
    foreach ($i in 1..$Count) {
        $root = Join-Path $work ("www/site-{0:d5}" -f $i)
        $etc = [System.IO.Path]::Combine($root, 'app', 'etc')
        $null = New-Item -ItemType Directory -Path $etc -Force
        $lines = New-Object System.Collections.Generic.List[string]
        $lines.Add('<?php')
        $lines.Add('return [')
        $lines.Add("    'backend' => ['frontName' => 'admin_$i'],")
        $lines.Add("    'crypt' => ['key' => '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],")
        $lines.Add("    'system' => [")
        $lines.Add("        'default' => [")
        $lines.Add("            'services_connector' => [")
        $lines.Add("                'services_connector_integration' => [")
        $lines.Add("                    'production_api_key' => '$($old.Id)',")
        $lines.Add("                    'production_private_key' => $pemPhp,")
        $lines.Add('                ],')
        $lines.Add('            ],')
        $lines.Add("            'magento_saas' => ['environment' => 'production'],")
        $lines.Add('        ],')
        $lines.Add('    ],')
        $lines.Add("    'cache' => [")
        $n = 0
        while ((($lines -join "`n").Length) -lt $EnvPhpBytes - 200) {
            $lines.Add("        'frontend_$n' => ['backend' => 'Magento\\Framework\\Cache\\Backend\\Redis', 'backend_options' => ['server' => 'redis', 'database' => '$n', 'port' => '6379']],")
            $n++
        }
        $lines.Add('    ],')
        $lines.Add('];')
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'env.php'), ($lines -join "`n") + "`n")
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'config.php'), "<?php`nreturn ['modules' => ['Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 1]];`n")
        $null = Register-CommerceInstance -Name ('site-{0:d5}' -f $i) -Path $root -Role Staging
    }
    $setup.Stop()

    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $rotation = Update-ConnectorApiKey -Environment Production -Name 'bench-new' -OutFile (Join-Path $work 'new.pem') -WarningAction SilentlyContinue
    $watch.Stop()
    $rotationSeconds = $watch.Elapsed.TotalSeconds
    if ("$($rotation.Status)" -ne 'Completed' -or $rotation.Updated -ne $Count) {
        throw "The rotation should have completed over $Count instances: $($rotation.Status), $($rotation.Updated) updated."
    }

    # The same change by hand: one Set-ConnectorConfiguration per instance (no check, no revocation).
    $third = New-ConnectorApiKey -Environment Production -Name 'bench-by-hand' -OutFile (Join-Path $work 'third.pem')
    $names = @(Get-CommerceInstance | ForEach-Object Name)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    foreach ($name in $names) {
        Set-ConnectorConfiguration -Instance $name -ProductionApiKey $third.Id -ProductionPrivateKeyPath (Join-Path $work 'third.pem') -WarningAction SilentlyContinue
    }
    $watch.Stop()
    $separateSeconds = $watch.Elapsed.TotalSeconds

    [pscustomobject]@{
        Instances                 = $Count
        EnvPhpBytes               = (Get-Item -LiteralPath (Join-Path $work 'www/site-00001/app/etc/env.php')).Length
        RotationSeconds           = [Math]::Round($rotationSeconds, 2)
        RotationMsPerInstance     = [Math]::Round($rotationSeconds * 1000 / $Count, 2)
        SeparateSetSeconds        = [Math]::Round($separateSeconds, 2)
        SeparateSetMsPerInstance  = [Math]::Round($separateSeconds * 1000 / $Count, 2)
        Ratio                     = [Math]::Round($separateSeconds / $rotationSeconds, 1)
        SetupSeconds              = [Math]::Round($setup.Elapsed.TotalSeconds, 1)
    } | Format-List | Out-String
}
finally {
    Disconnect-CommerceAccount
    $env:COMMERCE_CONNECTOR_HOME = $saved
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
