<#
.SYNOPSIS
Measures Test-ConnectorConfiguration -All over generated fleets, for docs/performance.md.

.DESCRIPTION
Builds a throw-away registry and fleet under a temporary folder (never the user's registry): one account, two key
pairs made by the module's own import path from keys generated here, one SaaS project with a testing data space per
staging site (granted by support tickets past the licence's two), and Magento roots whose env.php is padded to about
20 KB and holds both key pairs, the project and the data space, as a store configured by hand has them. The fleet
grows through the sizes given; at each size the audit runs once untimed (JIT), then -Repeat times, and the script prints
the fastest and the median run, and the cost per instance of the median.

.EXAMPLE
./build.ps1; ./bench/scripts/Measure-FleetAudit.ps1 -Sizes 100, 250, 500, 1000
#>
[CmdletBinding()]
param(
    [int[]] $Sizes = @(100, 250, 500, 1000),
    [int] $Repeat = 5,
    [int] $EnvPhpBytes = 20480,
    [string] $Module = (Join-Path $PSScriptRoot '../../out/CommerceConnector/CommerceConnector.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $Module -Force
$work = Join-Path ([System.IO.Path]::GetTempPath()) ('cc-fleet-bench-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $work
$saved = $env:COMMERCE_CONNECTOR_HOME
try {
    $env:COMMERCE_CONNECTOR_HOME = Join-Path $work 'registry'
    $null = New-CommerceAccount -MageId MAG424242 -Edition AdobeCommerce -Owner owner@bench.example.com -Name 'Bench'
    $null = Connect-CommerceAccount -MageId MAG424242

    $pems = @{}
    foreach ($environment in 'Production', 'Sandbox') {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $pems[$environment] = "-----BEGIN PRIVATE KEY-----`n" + ([System.Convert]::ToBase64String($rsa.ExportPkcs8PrivateKey()) -replace '(.{64})', "`$1`n").TrimEnd("`n") + "`n-----END PRIVATE KEY-----`n"
        $rsa.Dispose()
        $file = Join-Path $work "$environment.pem"
        [System.IO.File]::WriteAllText($file, $pems[$environment])
    }
    $keyIds = @{ Production = '3f9c2a7e41d84b0c9e56a1f2b7d30c48'; Sandbox = '9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a' }
    foreach ($environment in 'Production', 'Sandbox') {
        $null = Import-ConnectorApiKey -ApiKey $keyIds[$environment] -Environment $environment -PrivateKeyPath (Join-Path $work "$environment.pem")
    }
    $projectId = '0f4c2a1e-8b7d-4c3e-9a65-2d1f0e9c8b7a'
    $null = Register-SaaSProject -ProjectId $projectId -Name 'Bench'

    function ConvertTo-PhpString([string] $Text) { "'" + $Text.Replace('\', '\\').Replace("'", "\'") + "'" }

    function New-BenchSite([int] $Index) {
        $root = Join-Path $work ("www/site-{0:d5}" -f $Index)
        $etc = [System.IO.Path]::Combine($root, 'app', 'etc')
        $null = New-Item -ItemType Directory -Path $etc -Force
        $spaceId = 'ds-{0:d5}' -f $Index
        $lines = New-Object System.Collections.Generic.List[string]
        $lines.Add('<?php')
        $lines.Add('return [')
        $lines.Add("    'backend' => ['frontName' => 'admin_$Index'],")
        $lines.Add("    'crypt' => ['key' => '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],")
        $lines.Add("    'db' => ['table_prefix' => '', 'connection' => ['default' => ['host' => 'db', 'dbname' => 'm$Index', 'username' => 'm', 'password' => 'p', 'active' => '1']]],")
        $lines.Add("    'system' => [")
        $lines.Add("        'default' => [")
        $lines.Add("            'services_connector' => [")
        $lines.Add("                'services_connector_integration' => [")
        $lines.Add("                    'production_api_key' => '$($keyIds.Production)',")
        $lines.Add("                    'production_private_key' => $(ConvertTo-PhpString $pems.Production),")
        $lines.Add("                    'sandbox_api_key' => '$($keyIds.Sandbox)',")
        $lines.Add("                    'sandbox_private_key' => $(ConvertTo-PhpString $pems.Sandbox),")
        $lines.Add('                ],')
        $lines.Add("                'services_id' => ['project_id' => '$projectId', 'project_name' => 'Bench', 'environment_id' => '$spaceId', 'environment_name' => 'Staging $Index', 'environment' => 'testing'],")
        $lines.Add('            ],')
        $lines.Add("            'magento_saas' => ['environment' => 'sandbox'],")
        $lines.Add('        ],')
        $lines.Add('    ],')
        $lines.Add("    'cache' => [")
        $n = 0
        while ((($lines -join "`n").Length) -lt $EnvPhpBytes - 200) {
            $lines.Add("        // cache frontend $n, as big stores configure several")
            $lines.Add("        'frontend_$n' => ['backend' => 'Magento\\Framework\\Cache\\Backend\\Redis', 'backend_options' => ['server' => 'redis', 'database' => '$n', 'port' => '6379', 'compress_data' => '1']],")
            $n++
        }
        $lines.Add('    ],')
        $lines.Add('];')
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'env.php'), ($lines -join "`n") + "`n")
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'config.php'), "<?php`nreturn ['modules' => ['Magento_Store' => 1, 'Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 1]];`n")
        $ticket = if ($Index -gt 2) { "MDVA-$Index" } else { $null }
        $null = Register-DataSpace -Project $projectId -DataSpaceId $spaceId -Name "Staging $Index" -Type Testing -SupportTicket $ticket
        $null = Register-CommerceInstance -Path $root -Role Staging
    }

    $built = 0
    $rows = foreach ($size in ($Sizes | Sort-Object)) {
        $setup = [System.Diagnostics.Stopwatch]::StartNew()
        while ($built -lt $size) {
            $built++
            New-BenchSite $built
        }
        $setup.Stop()
        # One run first, untimed: the JIT compiles the audit's code paths, as in any session after its first command.
        $null = Test-ConnectorConfiguration -All -Quiet
        $times = foreach ($run in 1..$Repeat) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $checks = @(Test-ConnectorConfiguration -All)
            $watch.Stop()
            $failed = @($checks | Where-Object { "$($_.Verdict)" -ne 'Passed' }).Count
            if ($failed -gt 0) {
                throw "The generated fleet of $size should pass every check; $failed did not."
            }
            $watch.Elapsed.TotalSeconds
        }
        $sorted = @($times | Sort-Object)
        $median = $sorted[[int][Math]::Floor($sorted.Count / 2)]
        [pscustomobject]@{
            Instances        = $size
            EnvPhpBytes      = (Get-Item -LiteralPath (Join-Path $work ('www/site-00001/app/etc/env.php'))).Length
            Checks           = $checks.Count
            FastestSeconds   = [Math]::Round($sorted[0], 2)
            MedianSeconds    = [Math]::Round($median, 2)
            MsPerInstance    = [Math]::Round($median * 1000 / $size, 2)
            SetupSeconds     = [Math]::Round($setup.Elapsed.TotalSeconds, 1)
        }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 200
}
finally {
    Disconnect-CommerceAccount
    $env:COMMERCE_CONNECTOR_HOME = $saved
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
