#!/usr/bin/env pwsh
#Requires -Version 5.1
<#
.SYNOPSIS
Builds, tests or cleans CommerceConnector.

.DESCRIPTION
Build: compiles the module and the module builder (warnings are errors), reads and checks the manifest with
       Import-PowerShellDataFile, then lays out the importable module in out/CommerceConnector with
       tools/CommerceConnector.ModuleBuilder (manifest, cmdlet assembly, format file, dependencies, en-US help compiled
       from docs/en-US, LICENSE) and checks the result with Test-ModuleManifest.
Test:  compiles the whole solution and lays out the module, then the xunit tests (dotnet test; .NET SDK 10),
       then the Pester tests (tests/*.Tests.ps1) against out/CommerceConnector. Pester 5.5 or later is taken from
       PSModulePath; where there is none, Pester 5.9.1 is fetched from NuGet into out/tools (never into the user's
       module folders). Pester runs in a separate PowerShell process of the same edition, so the built module is
       never loaded into (and its DLL never locked by) the session that runs this script. Both suites always run;
       the last line is "N passed, N failed, N skipped" over both, and the exit code is 1 on any failure.
Clean: removes out/ and every bin/ and obj/ folder under src, tests, tools and bench.

Runs on PowerShell 7 and Windows PowerShell 5.1. Needs the .NET SDK 10 on PATH (global.json).

.PARAMETER Task
Build (the default), Test or Clean.

.PARAMETER Configuration
The build configuration: Release (the default) or Debug.

.EXAMPLE
./build.ps1

Builds the solution and lays out the module in out/CommerceConnector.

.EXAMPLE
./build.ps1 -Task Test -Configuration Debug

Builds in Debug, then runs the xunit and Pester tests.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Clean')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
# Native commands report failure through $LASTEXITCODE, checked after each one (PowerShell 7.3+ could throw instead).
$PSNativeCommandUseErrorActionPreference = $false

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'CommerceConnector.slnx'
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleOut = Join-Path $OutRoot 'CommerceConnector'
$BuilderProject = Join-Path (Join-Path $RepoRoot 'tools') 'CommerceConnector.ModuleBuilder'
$TestsFolder = Join-Path $RepoRoot 'tests'
$TestResultsFolder = Join-Path $OutRoot 'TestResults'
$PesterMinimumVersion = [version]'5.5.0'
$PesterFetchVersion = '5.9.1'
$ToolsFolder = Join-Path $OutRoot 'tools'

function Get-DotNetPath {
    $command = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $command) {
        throw 'The .NET SDK (dotnet) is not on PATH. Install the .NET SDK 10 (https://dot.net) and run the build again.'
    }
    return $command.Path
}

function Invoke-Native {
    # Runs a program and throws when its exit code is not 0.
    param(
        [Parameter(Mandatory = $true)] [string] $What,
        [Parameter(Mandatory = $true)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [string] $Display = ''
    )
    if ($Display -eq '') {
        $Display = '{0} {1}' -f $FilePath, ($ArgumentList -join ' ')
    }
    Write-Host ('> ' + $Display) -ForegroundColor Cyan
    # Windows PowerShell turns a program's stderr lines into error records in some hosts; with 'Stop' the first
    # warning line would abort the build, so errors are judged by the exit code alone here.
    $ErrorActionPreference = 'Continue'
    try {
        $global:LASTEXITCODE = 0
        & $FilePath @ArgumentList | Out-Host
        $exitCode = $LASTEXITCODE
    }
    catch {
        throw ('{0} could not be run: {1}' -f $What, $_.Exception.Message)
    }
    finally {
        $ErrorActionPreference = 'Stop'
    }
    if ($exitCode -ne 0) {
        throw ('{0} failed with exit code {1}: {2}' -f $What, $exitCode, $Display)
    }
}

function Test-Native {
    # Runs a program and returns whether its exit code was 0: test runs count their failures instead of throwing.
    param(
        [Parameter(Mandatory = $true)] [string] $What,
        [Parameter(Mandatory = $true)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [string] $Display = ''
    )
    try {
        Invoke-Native -What $What -FilePath $FilePath -ArgumentList $ArgumentList -Display $Display
        return $true
    }
    catch {
        Write-Host $_.Exception.Message -ForegroundColor Red
        return $false
    }
}

function ConvertTo-PSLiteral {
    # A single-quoted PowerShell string literal of the value (PowerShell also reads curly single quotes as quotes).
    param([Parameter(Mandatory = $true)] [string] $Value)
    return "'" + ($Value -replace '[''\u2018\u2019\u201A\u201B]', '$0$0') + "'"
}

function Get-PowerShellPath {
    # The executable of the running edition: pwsh for PowerShell 7, powershell.exe for Windows PowerShell.
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $name = 'pwsh'
        if ([System.IO.Path]::DirectorySeparatorChar -eq '\') {
            $name = 'pwsh.exe'
        }
    }
    else {
        $name = 'powershell.exe'
    }
    $candidates = @((Join-Path $PSHOME $name))
    $current = (Get-Process -Id $PID).Path
    if ($current -and ([System.IO.Path]::GetFileNameWithoutExtension($current) -eq [System.IO.Path]::GetFileNameWithoutExtension($name))) {
        $candidates += $current
    }
    $onPath = Get-Command -Name $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -ne $onPath) {
        $candidates += $onPath.Path
    }
    foreach ($candidate in $candidates) {
        if ($candidate -and (Test-Path -LiteralPath $candidate -PathType Leaf)) {
            return $candidate
        }
    }
    throw ('Cannot find {0} (looked in {1} and on PATH) to run the Pester tests in a separate process.' -f $name, $PSHOME)
}

function Invoke-BuildTask {
    # Build compiles only what the module needs; Test compiles the whole solution (tests and benchmarks too).
    param([Parameter(Mandatory = $true)] [string] $DotNet, [switch] $All)
    if ($All) {
        $targets = @($Solution)
    }
    else {
        $targets = @((Join-Path (Join-Path $RepoRoot 'src') 'CommerceConnector'), $BuilderProject)
    }
    foreach ($target in $targets) {
        Invoke-Native -What 'dotnet build' -FilePath $DotNet -ArgumentList @(
            'build', $target, '-c', $Configuration, '-warnaserror')
    }
    $manifest = Read-ModuleManifest
    $layout = @('run', '--project', $BuilderProject, '-c', $Configuration, '--no-build', '--',
        'layout', '--root', $RepoRoot, '--configuration', $Configuration, '--output', $ModuleOut,
        '--version', $manifest.ModuleVersion, '--root-module', $manifest.RootModule, '--cmdlets', (@($manifest.CmdletsToExport) -join ','))
    if (@($manifest.FormatsToProcess).Count -gt 0) {
        $layout += @('--formats', (@($manifest.FormatsToProcess) -join ','))
    }
    Invoke-Native -What 'The module layout' -FilePath $DotNet -ArgumentList $layout
    # PowerShell's own check of the laid-out manifest: every file it names exists, the version parses.
    $laidOut = Test-ModuleManifest -Path (Join-Path $ModuleOut 'CommerceConnector.psd1') -ErrorAction Stop
    if ($laidOut.Version -ne [version]$manifest.ModuleVersion) {
        throw ('The laid-out manifest has version {0}, not {1}.' -f $laidOut.Version, $manifest.ModuleVersion)
    }
    Write-Host ('Module laid out in {0}' -f $ModuleOut) -ForegroundColor Green
}

function Read-ModuleManifest {
    # The repository's manifest as PowerShell reads it, checked for what the layout relies on: a cmdlet assembly as
    # RootModule, a three-part version, and every exported cmdlet named once, by name (no wildcard).
    $path = Join-Path $RepoRoot 'CommerceConnector.psd1'
    $manifest = Import-PowerShellDataFile -LiteralPath $path
    $problems = @()
    if (-not ($manifest.RootModule -is [string] -and $manifest.RootModule -match '^[^/\\]+\.dll$')) {
        $problems += "RootModule must name the cmdlet assembly (e.g. 'CommerceConnector.dll'), not '$($manifest.RootModule)'"
    }
    if (-not ($manifest.ModuleVersion -is [string] -and $manifest.ModuleVersion -match '^\d+\.\d+\.\d+$')) {
        $problems += "ModuleVersion must be a version such as '1.2.3', not '$($manifest.ModuleVersion)'"
    }
    $cmdlets = @($manifest.CmdletsToExport)
    if ($cmdlets.Count -eq 0) {
        $problems += 'CmdletsToExport lists no cmdlet'
    }
    $badNames = @($cmdlets | Where-Object { $_ -cnotmatch '^[A-Z][a-z]+-[A-Z][A-Za-z]+$' })
    if ($badNames.Count -gt 0) {
        $problems += ('CmdletsToExport must list every cmdlet by its Verb-Noun name; found {0}' -f ($badNames -join ', '))
    }
    $twice = @($cmdlets | Group-Object | Where-Object { $_.Count -gt 1 } | ForEach-Object Name)
    if ($twice.Count -gt 0) {
        $problems += ('CmdletsToExport lists {0} more than once' -f ($twice -join ', '))
    }
    if ($problems.Count -gt 0) {
        throw ('{0}: {1}.' -f $path, ($problems -join '; '))
    }
    return $manifest
}

function Find-Pester {
    # The newest Pester 5.5+ on PSModulePath, else the copy fetched earlier into out/tools, else $null.
    $usable = @(Get-Module -Name Pester -ListAvailable | Where-Object { $_.Version -ge $PesterMinimumVersion } |
        Sort-Object -Property Version -Descending)
    if ($usable.Count -gt 0) {
        return $usable[0].Path
    }
    $fetched = Join-Path (Join-Path (Join-Path $ToolsFolder 'Pester') $PesterFetchVersion) 'Pester.psd1'
    if (Test-Path -LiteralPath $fetched -PathType Leaf) {
        return $fetched
    }
    return $null
}

function Install-PesterFromNuGet {
    # Restores a throwaway project that only downloads the Pester package (its tools/ folder is the module) into a
    # package folder under out/tools, then copies the module to out/tools/Pester/<version>. Nothing is written to
    # the user's module folders or NuGet cache.
    param([Parameter(Mandatory = $true)] [string] $DotNet)
    Write-Host ("Pester $PesterMinimumVersion or later is not installed: fetching Pester $PesterFetchVersion from NuGet into $ToolsFolder") -ForegroundColor Yellow
    $work = Join-Path $ToolsFolder ('.pester-restore-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work -Force
    try {
        $project = Join-Path $work 'PesterDownload.csproj'
        Set-Content -LiteralPath $project -Encoding UTF8 -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PesterFetchVersion]" /></ItemGroup>
</Project>
"@
        $packages = Join-Path $work 'packages'
        Invoke-Native -What 'The Pester download' -FilePath $DotNet -ArgumentList @('restore', $project, '--packages', $packages)
        $module = Join-Path (Join-Path (Join-Path $packages 'pester') $PesterFetchVersion) 'tools'
        if (-not (Test-Path -LiteralPath (Join-Path $module 'Pester.psd1') -PathType Leaf)) {
            throw "The Pester $PesterFetchVersion package has no tools/Pester.psd1 ($module)."
        }
        $target = Join-Path (Join-Path $ToolsFolder 'Pester') $PesterFetchVersion
        if (Test-Path -LiteralPath $target) {
            Remove-Item -LiteralPath $target -Recurse -Force
        }
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force
        Copy-Item -LiteralPath $module -Destination $target -Recurse
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-PesterTests {
    # Runs tests/*.Tests.ps1 in a child PowerShell process; returns @{ Passed; Failed; Skipped }.
    param([Parameter(Mandatory = $true)] [string] $DotNet)
    $pester = Find-Pester
    if ($null -eq $pester) {
        Install-PesterFromNuGet -DotNet $DotNet
        $pester = Find-Pester
    }
    if ($null -eq $pester) {
        throw "Pester $PesterMinimumVersion or later could not be found or fetched."
    }
    $testFiles = @(Get-ChildItem -LiteralPath $TestsFolder -Filter '*.Tests.ps1' -File -ErrorAction SilentlyContinue)
    if ($testFiles.Count -eq 0) {
        throw ('No Pester tests found: {0} has no *.Tests.ps1 file.' -f $TestsFolder)
    }
    $null = New-Item -ItemType Directory -Path $TestResultsFolder -Force
    $resultFile = Join-Path $TestResultsFolder 'pester.xml'
    $countsFile = Join-Path $TestResultsFolder 'pester-counts.json'
    Remove-Item -LiteralPath $countsFile -ErrorAction SilentlyContinue

    # The child process runs this script; values are inserted as quoted literals and the whole text is passed
    # base64-encoded, so no path or quote is ever mangled by a command line.
    $runner = @'
Set-StrictMode -Off
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-Location -LiteralPath __ROOT__
Get-Module -Name Pester | Remove-Module -Force
Import-Module -Name __PESTER__ -Force
$pester = Get-Module -Name Pester
"Pester $($pester.Version) from $($pester.ModuleBase)"
$configuration = New-PesterConfiguration
$configuration.Run.Path = @(__TESTPATH__)
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = __VERBOSITY__
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = __RESULTFILE__
$result = Invoke-Pester -Configuration $configuration
[ordered]@{
    Passed  = [int]$result.PassedCount
    Failed  = [int]$result.FailedCount + [int]$result.FailedBlocksCount + [int]$result.FailedContainersCount
    Skipped = [int]$result.SkippedCount + [int]$result.NotRunCount
} | ConvertTo-Json | Set-Content -LiteralPath __COUNTSFILE__
if ($result.Result -ne 'Passed') {
    exit 1
}
exit 0
'@
    # In CI the log lists failures and a summary; at a desk every test is named as it runs.
    $verbosity = 'Detailed'
    if ($env:CI) {
        $verbosity = 'Normal'
    }
    $runner = $runner.Replace('__ROOT__', (ConvertTo-PSLiteral $RepoRoot))
    $runner = $runner.Replace('__PESTER__', (ConvertTo-PSLiteral $pester))
    $runner = $runner.Replace('__TESTPATH__', (ConvertTo-PSLiteral (Join-Path $TestsFolder '*.Tests.ps1')))
    $runner = $runner.Replace('__VERBOSITY__', (ConvertTo-PSLiteral $verbosity))
    $runner = $runner.Replace('__RESULTFILE__', (ConvertTo-PSLiteral $resultFile))
    $runner = $runner.Replace('__COUNTSFILE__', (ConvertTo-PSLiteral $countsFile))
    $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($runner))

    $powershell = Get-PowerShellPath
    $ok = Test-Native -What 'The Pester tests' -FilePath $powershell `
        -ArgumentList @('-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-OutputFormat', 'Text', '-EncodedCommand', $encoded) `
        -Display ('{0} -NoProfile: Invoke-Pester {1} (results: {2})' -f $powershell, (Join-Path $TestsFolder '*.Tests.ps1'), $resultFile)
    if (-not (Test-Path -LiteralPath $countsFile -PathType Leaf)) {
        Write-Host 'The Pester run ended before it counted its tests: counted as one failure.' -ForegroundColor Red
        return @{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $read = Get-Content -LiteralPath $countsFile -Raw | ConvertFrom-Json
    $counts = @{ Passed = [int]$read.Passed; Failed = [int]$read.Failed; Skipped = [int]$read.Skipped }
    if (-not $ok -and $counts.Failed -eq 0) {
        $counts.Failed = 1
    }
    Write-Host ('Pester results written to {0}' -f $resultFile)
    return $counts
}

function Invoke-XunitTests {
    # Runs dotnet test over the solution; returns @{ Passed; Failed; Skipped } summed over the TRX file of each
    # test assembly.
    param([Parameter(Mandatory = $true)] [string] $DotNet)
    $trxFolder = Join-Path $TestResultsFolder 'xunit'
    if (Test-Path -LiteralPath $trxFolder) {
        Remove-Item -LiteralPath $trxFolder -Recurse -Force
    }
    $ok = Test-Native -What 'dotnet test' -FilePath $DotNet -ArgumentList @(
        'test', $Solution, '-c', $Configuration, '--no-build', '--logger', 'trx', '--results-directory', $trxFolder)
    $counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in @(Get-ChildItem -LiteralPath $trxFolder -Filter '*.trx' -File -Recurse -ErrorAction SilentlyContinue)) {
        $counters = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$counters.passed
        $counts.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $counts.Skipped += [int]$counters.notExecuted
    }
    if (-not $ok -and $counts.Failed -eq 0) {
        $counts.Failed = 1
    }
    if ($counts.Passed -eq 0) {
        Write-Host 'dotnet test ran no test: counted as one failure.' -ForegroundColor Red
        $counts.Failed += 1
    }
    return $counts
}

function Invoke-TestTask {
    # Both suites always run; returns $true when neither had a failure.
    param([Parameter(Mandatory = $true)] [string] $DotNet)
    Invoke-BuildTask -DotNet $DotNet -All
    $xunit = Invoke-XunitTests -DotNet $DotNet
    $pester = Invoke-PesterTests -DotNet $DotNet
    Write-Host ''
    Write-Host ('xunit:  {0} passed, {1} failed, {2} skipped' -f $xunit.Passed, $xunit.Failed, $xunit.Skipped)
    Write-Host ('Pester: {0} passed, {1} failed, {2} skipped' -f $pester.Passed, $pester.Failed, $pester.Skipped)
    $failed = $xunit.Failed + $pester.Failed
    Write-Host ('{0} passed, {1} failed, {2} skipped' -f ($xunit.Passed + $pester.Passed), $failed, ($xunit.Skipped + $pester.Skipped))
    return ($failed -eq 0)
}

function Remove-Folder {
    param([Parameter(Mandatory = $true)] [string] $Path)
    if (Test-Path -LiteralPath $Path) {
        Write-Host ('Removing {0}' -f $Path)
        Remove-Item -LiteralPath $Path -Recurse -Force
    }
}

function Invoke-CleanTask {
    Remove-Folder -Path $OutRoot
    foreach ($area in @('src', 'tests', 'tools', 'bench')) {
        $areaPath = Join-Path $RepoRoot $area
        if (-not (Test-Path -LiteralPath $areaPath -PathType Container)) {
            continue
        }
        # Parents first: a bin/obj inside one already removed is skipped by Remove-Folder.
        $folders = @(Get-ChildItem -LiteralPath $areaPath -Directory -Recurse -Force |
            Where-Object { $_.Name -eq 'bin' -or $_.Name -eq 'obj' } |
            Sort-Object -Property { $_.FullName.Length })
        foreach ($folder in $folders) {
            Remove-Folder -Path $folder.FullName
        }
    }
}

Push-Location -LiteralPath $RepoRoot
try {
    switch ($Task) {
        'Build' {
            Invoke-BuildTask -DotNet (Get-DotNetPath)
        }
        'Test' {
            $passed = Invoke-TestTask -DotNet (Get-DotNetPath)
        }
        'Clean' {
            Invoke-CleanTask
        }
    }
}
finally {
    Pop-Location
}
if ($Task -eq 'Test' -and -not $passed) {
    exit 1
}
