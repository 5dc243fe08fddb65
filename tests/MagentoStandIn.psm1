# A Magento root for the tests of Sync-DataExportFeed: app/etc/env.php and the stand-in bin/magento of
# tests/fixtures/magento-standin (a PHP script that answers saas:resync as Magento's Resync command does and records
# every call). Every test runs it as a real php process.

function New-TestMagentoStandIn {
    <#
    Makes a Magento root under Folder with the stand-in bin/magento and an env.php (EnvPhpBody goes inside the returned
    array), and writes var/saas-resync-scenario.json from Scenario (feed => @{ outcome = 'ok'|'locked'|'fail'; duration;
    lockedBy; message }). Returns the root's full path.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Folder,
        [hashtable] $Scenario = @{},
        [string] $EnvPhpBody = "'MAGE_MODE' => 'production',"
    )

    $root = [System.IO.Path]::GetFullPath($Folder)
    foreach ($sub in 'app/etc', 'bin', 'var') {
        $null = New-Item -ItemType Directory -Path (Join-Path $root $sub) -Force
    }
    Copy-Item -LiteralPath (Join-Path $PSScriptRoot 'fixtures/magento-standin/bin/magento') -Destination (Join-Path $root 'bin/magento')
    [System.IO.File]::WriteAllText((Join-Path $root 'app/etc/env.php'), "<?php`nreturn [`n    $EnvPhpBody`n];`n")
    Set-TestResyncScenario -Root $root -Scenario $Scenario
    $root
}

function Set-TestResyncScenario {
    <# Writes what each feed does on the next saas:resync of the stand-in at Root. #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Root, [hashtable] $Scenario = @{})

    $json = if ($Scenario.Count -eq 0) { '{}' } else { $Scenario | ConvertTo-Json -Depth 4 -Compress }
    [System.IO.File]::WriteAllText((Join-Path $Root 'var/saas-resync-scenario.json'), $json)
}

function Get-TestResyncCall {
    <# The calls the stand-in at Root received, oldest first: arguments, feed, options, answer, interactive. #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Root)

    $log = Join-Path $Root 'var/saas-resync-calls.jsonl'
    if (-not (Test-Path -LiteralPath $log)) { return }
    Get-Content -LiteralPath $log | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json }
}

function Clear-TestResyncCall {
    <# Forgets the calls recorded so far. #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Root)

    Remove-Item -LiteralPath (Join-Path $Root 'var/saas-resync-calls.jsonl') -ErrorAction SilentlyContinue
}

Export-ModuleMember -Function New-TestMagentoStandIn, Set-TestResyncScenario, Get-TestResyncCall, Clear-TestResyncCall
