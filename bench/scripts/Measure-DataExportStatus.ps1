<#
.SYNOPSIS
Measures Get-DataExportStatus against a real MariaDB, next to the same SQL through the mariadb client, for
docs/performance.md.

.DESCRIPTION
A throwaway MariaDB (tests/MariaDb.psm1) holding a Magento database with ProductRows rows in cde_products_feed and
OtherRows in each other feed. In the same run: Get-DataExportStatus on one instance, and the statements it runs through
the mariadb client in one batch (Repeat times each; fastest, median, ratio); with -Instances N, -All over N instances
with -ThrottleLimit 1 and ThrottleLimit. What is measured: docs/performance.md, "Get-DataExportStatus".

.EXAMPLE
./build.ps1; ./bench/scripts/Measure-DataExportStatus.ps1 -ProductRows 1000000 -OtherRows 100000 -Instances 20
#>
[CmdletBinding()]
param(
    [int] $ProductRows = 1000000,
    [int] $OtherRows = 100000,
    [int] $Repeat = 5,
    [int] $Instances = 20,
    [int] $ThrottleLimit = 8,
    [string] $Module = (Join-Path $PSScriptRoot '../../out/CommerceConnector/CommerceConnector.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/MariaDb.psm1') -Force
Import-Module $Module -Force

function Get-Stats([double[]] $Milliseconds) {
    $sorted = @($Milliseconds | Sort-Object)
    [pscustomobject]@{ Fastest = [math]::Round($sorted[0], 1); Median = [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 1) }
}

$server = Start-TestMariaDb
$saved = $env:COMMERCE_CONNECTOR_HOME
try {
    $rowsPerFeed = @{}
    foreach ($feed in Get-TestFeedList) { $rowsPerFeed[$feed.Feed] = $OtherRows }
    $rowsPerFeed['products'] = $ProductRows
    $load = Measure-Command { $null = New-TestMagentoDatabase -Server $server -Database 'bench' -RowsPerFeed $rowsPerFeed -Backlog 5000 }
    Write-Host ("Loaded {0:N0} product rows and {1:N0} in each other feed in {2:N0} s." -f $ProductRows, $OtherRows, $load.TotalSeconds)
    $null = Invoke-TestMariaDbSql $server 'ANALYZE TABLE bench.cde_products_feed;'

    $root = Join-Path $server.Folder 'store'
    $env = "<?php`nreturn ['db' => ['connection' => ['default' => ['host' => '127.0.0.1:$($server.Port)', 'dbname' => 'bench', 'username' => 'root', 'password' => '']]]];`n"
    $null = New-Item -ItemType File -Path (Join-Path $root 'app/etc/env.php') -Value $env -Force

    # The module, one instance.
    $null = Get-DataExportStatus -Path $root
    $moduleTimes = @(for ($i = 0; $i -lt $Repeat; $i++) { (Measure-Command { $null = Get-DataExportStatus -Path $root }).TotalMilliseconds })

    # The same statements through the mariadb client, over TCP like the module, in one batch.
    $tables = @(Get-TestFeedList | ForEach-Object { $_.Table })
    $sql = New-Object System.Collections.Generic.List[string]
    $sql.Add("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('" + (($tables + 'mview_state', 'indexer_state', 'flag', 'cde_products_feed_cl', 'cde_categories_feed_cl') -join "','") + "');")
    $sql.Add("SELECT view_id, mode, version_id FROM mview_state;")
    $sql.Add("SELECT indexer_id, status FROM indexer_state;")
    $sql.Add("SELECT flag_code, flag_data, last_update FROM flag;")
    foreach ($feed in Get-TestFeedList) {
        if ($feed.Kind -eq 'Immediate') { $sql.Add("SELECT status, is_deleted, COUNT(*), MAX(modified_at) FROM $($feed.Table) GROUP BY status, is_deleted;") }
        else { $sql.Add("SELECT 200, is_deleted, COUNT(*), MAX(modified_at) FROM $($feed.Table) GROUP BY is_deleted;") }
    }
    $sql.Add('SELECT COUNT(DISTINCT entity_id) FROM cde_products_feed_cl WHERE version_id > 300;')
    $sql.Add('SELECT COUNT(DISTINCT entity_id) FROM cde_categories_feed_cl WHERE version_id > 50;')
    $script = $sql -join "`n"
    $client = @(for ($i = 0; $i -lt $Repeat; $i++) {
            (Measure-Command { $null = & mariadb --no-defaults -h 127.0.0.1 -P $server.Port -uroot --batch --skip-column-names bench -e $script }).TotalMilliseconds
        })

    $m = Get-Stats $moduleTimes
    $c = Get-Stats $client
    Write-Host ''
    Write-Host '| run | fastest ms | median ms |'
    Write-Host '| --- | ---: | ---: |'
    Write-Host ("| Get-DataExportStatus (one instance, 11 feeds) | {0:N1} | {1:N1} |" -f $m.Fastest, $m.Median)
    Write-Host ("| the same SQL through the mariadb client | {0:N1} | {1:N1} |" -f $c.Fastest, $c.Median)
    Write-Host ("| ratio module / client | {0:N2} | {1:N2} |" -f ($m.Fastest / $c.Fastest), ($m.Median / $c.Median))

    if ($Instances -gt 1) {
        $env:COMMERCE_CONNECTOR_HOME = Join-Path $server.Folder 'registry'
        $null = New-CommerceAccount -MageId 'MAG900800700' -Edition AdobeCommerce -Owner 'bench@example.com' -Name 'Bench'
        $null = Connect-CommerceAccount -MageId 'MAG900800700'
        for ($i = 1; $i -le $Instances; $i++) {
            $copy = Join-Path $server.Folder "store-$i"
            $null = New-Item -ItemType File -Path (Join-Path $copy 'app/etc/env.php') -Value $env -Force
            $null = Register-CommerceInstance -Name "store-$i" -Path $copy -Role Staging
        }
        $serial = (Measure-Command { $null = Get-DataExportStatus -All -ThrottleLimit 1 }).TotalMilliseconds
        $parallel = (Measure-Command { $null = Get-DataExportStatus -All -ThrottleLimit $ThrottleLimit }).TotalMilliseconds
        Write-Host ''
        Write-Host ("| -All over {0} instances, -ThrottleLimit 1 | {1:N0} ms |" -f $Instances, $serial)
        Write-Host ("| -All over {0} instances, -ThrottleLimit {1} | {2:N0} ms |" -f $Instances, $ThrottleLimit, $parallel)
        Disconnect-CommerceAccount
    }
}
finally {
    $env:COMMERCE_CONNECTOR_HOME = $saved
    Stop-TestMariaDb $server
}
