#Requires -Version 5.1
<#
.SYNOPSIS
Builds, tests or cleans CommerceConnector.

.DESCRIPTION
Build: compiles the module and the module builder (warnings are errors), then lays out the importable module in
       out/CommerceConnector with tools/CommerceConnector.ModuleBuilder (manifest, cmdlet assembly, format file,
       dependencies/, en-US help compiled from docs/en-US, LICENSE).
Test:  compiles the whole solution and lays out the module, then the xunit tests (dotnet test; .NET SDK 10),
       then the Pester tests (tests/*.Tests.ps1, Pester 5.5 or later).
       Pester runs in a separate PowerShell process of the same edition, so the built module is never loaded into
       (and its DLL never locked by) the session that runs this script.
Clean: removes out/ and every bin/ and obj/ folder under src, tests, tools and bench.

Runs on PowerShell 7 and Windows PowerShell 5.1. Needs the .NET SDK 8 or later on PATH.

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

function Get-DotNetPath {
    $command = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $command) {
        throw 'The .NET SDK (dotnet) is not on PATH. Install the .NET SDK 8 or later (https://dot.net) and run the build again.'
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
        & $FilePath @ArgumentList
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
    # Build compiles only what the module needs (the .NET SDK 8 suffices); Test compiles the whole solution,
    # whose test projects need the .NET SDK 10.
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
    Invoke-Native -What 'The module layout' -FilePath $DotNet -ArgumentList @(
        'run', '--project', $BuilderProject, '-c', $Configuration, '--no-build', '--',
        'layout', '--root', $RepoRoot, '--configuration', $Configuration, '--output', $ModuleOut)
    Write-Host ('Module laid out in {0}' -f $ModuleOut) -ForegroundColor Green
}

function Invoke-PesterTests {
    $allPester = @(Get-Module -Name Pester -ListAvailable)
    $usable = @($allPester | Where-Object { $_.Version -ge $PesterMinimumVersion })
    if ($usable.Count -eq 0) {
        $found = 'none'
        if ($allPester.Count -gt 0) {
            $found = ($allPester | ForEach-Object { $_.Version.ToString() }) -join ', '
        }
        throw (
            "The module tests need Pester $PesterMinimumVersion or later (installed: $found). Install it with:`n" +
            "    Install-Module Pester -MinimumVersion 5.5 -Scope CurrentUser`n" +
            "On Windows PowerShell 5.1 add -Force -SkipPublisherCheck (the built-in Pester 3.4 has another publisher). " +
            'Then run ./build.ps1 -Task Test again.')
    }
    $testFiles = @(Get-ChildItem -LiteralPath $TestsFolder -Filter '*.Tests.ps1' -File -ErrorAction SilentlyContinue)
    if ($testFiles.Count -eq 0) {
        throw ('No Pester tests found: {0} has no *.Tests.ps1 file.' -f $TestsFolder)
    }
    if (-not (Test-Path -LiteralPath $TestResultsFolder -PathType Container)) {
        New-Item -ItemType Directory -Path $TestResultsFolder -Force | Out-Null
    }
    $resultFile = Join-Path $TestResultsFolder 'pester.xml'

    # The child process runs this script; values are inserted as quoted literals and the whole text is passed
    # base64-encoded, so no path or quote is ever mangled by a command line.
    $runner = @'
Set-StrictMode -Off
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-Location -LiteralPath __ROOT__
Get-Module -Name Pester | Remove-Module -Force
Import-Module -Name Pester -MinimumVersion __PESTERVERSION__ -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = @(__TESTPATH__)
$configuration.Run.Exit = $true
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = __RESULTFILE__
$result = Invoke-Pester -Configuration $configuration
if ($null -eq $result -or $result.Result -ne 'Passed') {
    exit 1
}
exit 0
'@
    $runner = $runner.Replace('__ROOT__', (ConvertTo-PSLiteral $RepoRoot))
    $runner = $runner.Replace('__PESTERVERSION__', (ConvertTo-PSLiteral $PesterMinimumVersion.ToString()))
    $runner = $runner.Replace('__TESTPATH__', (ConvertTo-PSLiteral (Join-Path $TestsFolder '*.Tests.ps1')))
    $runner = $runner.Replace('__RESULTFILE__', (ConvertTo-PSLiteral $resultFile))
    $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($runner))

    $powershell = Get-PowerShellPath
    Invoke-Native -What 'The Pester tests' -FilePath $powershell `
        -ArgumentList @('-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', $encoded) `
        -Display ('{0} -NoProfile: Invoke-Pester {1} (results: {2})' -f $powershell, (Join-Path $TestsFolder '*.Tests.ps1'), $resultFile)
    Write-Host ('Pester results written to {0}' -f $resultFile) -ForegroundColor Green
}

function Invoke-TestTask {
    param([Parameter(Mandatory = $true)] [string] $DotNet)
    Invoke-BuildTask -DotNet $DotNet -All
    Invoke-Native -What 'dotnet test' -FilePath $DotNet -ArgumentList @(
        'test', $Solution, '-c', $Configuration, '--no-build')
    Invoke-PesterTests
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
            Invoke-TestTask -DotNet (Get-DotNetPath)
        }
        'Clean' {
            Invoke-CleanTask
        }
    }
}
finally {
    Pop-Location
}
