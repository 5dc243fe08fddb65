#!/usr/bin/env pwsh
<#
.SYNOPSIS
What importing CommerceConnector costs a fresh PowerShell process, next to a binary module that ships with PowerShell.

.DESCRIPTION
Starts a new pwsh process for every run (as a runbook or a new console does) and times, inside it, with a Stopwatch:

- Import-Module of the built CommerceConnector (out/CommerceConnector), then its first cmdlet call (Get-CommerceService);
- Import-Module of Microsoft.PowerShell.ThreadJob (a binary module PowerShell ships), then its first cmdlet call
  (Start-ThreadJob of an empty script block, waited for and removed).

The two are interleaved in one run, so that both meet the same machine load. Prints a markdown table of medians (and
the 10th/90th percentiles) and the ratio CommerceConnector / ThreadJob. The start of pwsh itself is not counted.

.PARAMETER Runs
Fresh processes per module (at least 10).

.PARAMETER ModulePath
The built module's manifest; by default out/CommerceConnector/CommerceConnector.psd1 beside this folder.

.EXAMPLE
./build.ps1; ./bench/Measure-ModuleImport.ps1 -Runs 15
#>
[CmdletBinding()]
param(
    [ValidateRange(10, 1000)]
    [int] $Runs = 15,

    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1')
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
$registry = Join-Path ([System.IO.Path]::GetTempPath()) ('cc-import-bench-' + [guid]::NewGuid().ToString('N'))

# Each child prints two numbers: milliseconds for Import-Module, then for the first cmdlet call.
$probes = [ordered]@{
    CommerceConnector = @'
$env:COMMERCE_CONNECTOR_HOME = '__REGISTRY__'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module '__MODULE__'
$import = $watch.Elapsed.TotalMilliseconds
$null = Get-CommerceService
"$import $($watch.Elapsed.TotalMilliseconds - $import)"
'@.Replace('__REGISTRY__', $registry.Replace("'", "''")).Replace('__MODULE__', $ModulePath.Replace("'", "''"))
    ThreadJob         = @'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module Microsoft.PowerShell.ThreadJob
$import = $watch.Elapsed.TotalMilliseconds
Start-ThreadJob -ScriptBlock { } | Wait-Job | Remove-Job
"$import $($watch.Elapsed.TotalMilliseconds - $import)"
'@
}

function Get-Percentile([double[]] $Values, [double] $Fraction) {
    $sorted = @($Values | Sort-Object)
    $position = ($sorted.Count - 1) * $Fraction
    $low, $high = [Math]::Floor($position), [Math]::Ceiling($position)
    $sorted[$low] + ($sorted[$high] - $sorted[$low]) * ($position - $low)
}

$samples = @{}
foreach ($name in $probes.Keys) { $samples[$name] = @{ Import = @(); First = @() } }
try {
    for ($run = 1; $run -le $Runs; $run++) {
        Write-Progress -Activity 'Import cost' -Status "run $run of $Runs" -PercentComplete (($run - 1) * 100 / $Runs)
        foreach ($name in $probes.Keys) {
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($probes[$name]))
            $line = & $pwsh -NoLogo -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded
            if ($LASTEXITCODE -ne 0) {
                throw "The $name probe failed: $line"
            }
            $import, $first = "$line".Trim() -split ' '
            $samples[$name].Import += [double]::Parse($import, [Globalization.CultureInfo]::InvariantCulture)
            $samples[$name].First += [double]::Parse($first, [Globalization.CultureInfo]::InvariantCulture)
        }
    }
}
finally {
    Write-Progress -Activity 'Import cost' -Completed
    Remove-Item -LiteralPath $registry -Recurse -Force -ErrorAction SilentlyContinue
}

$median = @{}
'| module | Import-Module, median ms (p10–p90) | first cmdlet call, median ms | import + first call, median ms |'
'|---|---:|---:|---:|'
foreach ($name in $probes.Keys) {
    $import, $first = $samples[$name].Import, $samples[$name].First
    $total = for ($i = 0; $i -lt $import.Count; $i++) { $import[$i] + $first[$i] }
    $median[$name] = @{ Import = (Get-Percentile $import 0.5); Total = (Get-Percentile $total 0.5) }
    '| {0} | {1:N1} ({2:N1}–{3:N1}) | {4:N1} | {5:N1} |' -f $name, $median[$name].Import, (Get-Percentile $import 0.1),
        (Get-Percentile $import 0.9), (Get-Percentile $first 0.5), $median[$name].Total
}
''
'Ratio CommerceConnector / ThreadJob: Import-Module {0:N2}×, import + first call {1:N2}× ({2} fresh pwsh {3} processes per module, {4} cores).' -f `
    ($median.CommerceConnector.Import / $median.ThreadJob.Import), ($median.CommerceConnector.Total / $median.ThreadJob.Total),
    $Runs, $PSVersionTable.PSVersion, [Environment]::ProcessorCount
