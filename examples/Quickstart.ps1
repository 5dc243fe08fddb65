#!/usr/bin/env pwsh
#Requires -Version 5.1
<#
.SYNOPSIS
From nothing to a connected Commerce instance: account, API keys, SaaS project, a Magento root, its connector
configuration and the checks, on a throw-away registry in a temporary folder.

.DESCRIPTION
Walks through the whole CommerceConnector workflow without touching your real registry or a real shop:

 1. imports the module (the built one in ../out/CommerceConnector, or -ModulePath);
 2. points COMMERCE_CONNECTOR_HOME at a registry in a new temporary folder;
 3. creates an Adobe Commerce account and connects to it;
 4. generates a production and a sandbox API key, their private keys saved in owner-only files;
 5. creates a SaaS project (one production and two testing data spaces);
 6. writes a minimal Magento root (app/etc/env.php and app/etc/config.php) and registers it as a Production instance;
 7. writes both key pairs and environment production into its env.php (Set-ConnectorConfiguration);
 8. assigns the project's production data space (Set-DataSpace);
 9. runs Test-ConnectorConfiguration and shows its table;
10. prints where everything is.

Without -Cleanup everything is left in place, and COMMERCE_CONNECTOR_HOME still points at the temporary registry, so
that you can go on exploring in the same session (Get-CommerceInstance, Get-ConnectorConfiguration, ...). With -Cleanup
the script disconnects, deletes the temporary folder and restores COMMERCE_CONNECTOR_HOME as it was, also when a step
fails.

The script returns one object that tells where everything is and holds the verdicts of Test-ConnectorConfiguration
(Checks). Runs on PowerShell 7.2 or later and on Windows PowerShell 5.1.

.PARAMETER ModulePath
The built module: its folder (out/CommerceConnector) or its manifest (CommerceConnector.psd1). By default the folder
../out/CommerceConnector next to this script, where ./build.ps1 lays the module out.

.PARAMETER TempRoot
The folder in which the temporary folder is created. By default the system's temporary folder.

.PARAMETER Cleanup
Disconnects, deletes the temporary folder and restores COMMERCE_CONNECTOR_HOME at the end.

.EXAMPLE
./examples/Quickstart.ps1

Runs the walk-through and leaves the temporary registry and Magento root for you to explore.

.EXAMPLE
./examples/Quickstart.ps1 -Cleanup | Select-Object -ExpandProperty Checks

Runs the walk-through, removes everything again and lists the verdicts of Test-ConnectorConfiguration.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path (Join-Path $PSScriptRoot '..') (Join-Path 'out' 'CommerceConnector')),

    [string] $TempRoot = [System.IO.Path]::GetTempPath(),

    [switch] $Cleanup
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

# ---- The names this walk-through uses ------------------------------------------------------------------------------
$mageId = 'MAG100000001'
$owner = 'owner@quickstart.example.com'
$projectName = 'Quickstart'
$instanceName = 'quickstart-production'
$baseUrl = 'https://shop.quickstart.example.com/'
$utf8 = New-Object System.Text.UTF8Encoding($false)

# ---- 1. The module ----------------------------------------------------------------------------------------------------
$manifest = $ModulePath
if (Test-Path -LiteralPath $ModulePath -PathType Container) {
    $manifest = Join-Path $ModulePath 'CommerceConnector.psd1'
}
if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) {
    throw "The module manifest '$manifest' does not exist. Build the module first (./build.ps1), or give its folder with -ModulePath."
}
Import-Module -Name $manifest

# ---- 2. A temporary folder and a registry of its own ------------------------------------------------------------------
# Every command reads and writes the registry named by COMMERCE_CONNECTOR_HOME, so the walk-through gets a new, empty
# one and your own registry is never touched. The previous value is kept for -Cleanup.
$savedHome = [System.Environment]::GetEnvironmentVariable('COMMERCE_CONNECTOR_HOME')
# A full path from here on: .NET (System.IO.File, and the module reading COMMERCE_CONNECTOR_HOME) resolves a relative
# path against the process's current directory, which is not PowerShell's current location.
$TempRoot = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($TempRoot)
$folder = Join-Path $TempRoot ('commerce-quickstart-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $folder
$registry = Join-Path $folder 'registry'
Write-Host "Working in $folder"

try {
    [System.Environment]::SetEnvironmentVariable('COMMERCE_CONNECTOR_HOME', $registry)
    # A connected session keeps the registry it was connected to: disconnect, so that the new one is used.
    Disconnect-CommerceAccount

    # ---- 3. An account and a session context ------------------------------------------------------------------------
    # The licence owner is the member who may generate API keys.
    $null = New-CommerceAccount -MageId $mageId -Edition AdobeCommerce -Owner $owner -Name 'Quickstart Shop'
    $context = Connect-CommerceAccount -MageId $mageId
    Write-Host "Connected to $($context.MageId) as $($context.User)"

    # ---- 4. API keys: one per environment ---------------------------------------------------------------------------
    # The private key is offered once, at generation: -OutFile saves it in a file that only its owner can read.
    $keysFolder = Join-Path $folder 'keys'
    $null = New-Item -ItemType Directory -Path $keysFolder
    $productionKeyFile = Join-Path $keysFolder 'quickstart-production.pem'
    $sandboxKeyFile = Join-Path $keysFolder 'quickstart-sandbox.pem'
    $productionKey = New-ConnectorApiKey -Environment Production -Name 'quickstart-production' -OutFile $productionKeyFile
    $sandboxKey = New-ConnectorApiKey -Environment Sandbox -Name 'quickstart-sandbox' -OutFile $sandboxKeyFile

    # ---- 5. A SaaS project -------------------------------------------------------------------------------------------
    # An Adobe Commerce project gets one production and two testing data spaces.
    $project = New-SaaSProject -Name $projectName

    # ---- 6. A minimal Magento root, registered as the production instance --------------------------------------------
    # A real installation has these files after 'bin/magento setup:install'; the connector needs the modules
    # Magento_ServicesId and Magento_ServicesConnector enabled in config.php.
    $magentoRoot = Join-Path $folder 'magento'
    $etc = Join-Path (Join-Path $magentoRoot 'app') 'etc'
    $null = New-Item -ItemType Directory -Path $etc -Force
    $envPhp = Join-Path $etc 'env.php'
    $configPhp = Join-Path $etc 'config.php'
    $envLines = @(
        '<?php'
        'return ['
        "    'backend' => ["
        "        'frontName' => 'admin_quickstart'"
        '    ],'
        "    'crypt' => ["
        "        'key' => '00112233445566778899aabbccddeeff'"
        '    ],'
        "    'db' => ["
        "        'table_prefix' => '',"
        "        'connection' => ["
        "            'default' => ["
        "                'host' => 'localhost',"
        "                'dbname' => 'quickstart',"
        "                'username' => 'quickstart',"
        "                'password' => 'quickstart',"
        "                'model' => 'mysql4',"
        "                'engine' => 'innodb',"
        "                'initStatements' => 'SET NAMES utf8;',"
        "                'active' => '1'"
        '            ]'
        '        ]'
        '    ],'
        "    'MAGE_MODE' => 'production',"
        "    'cache_types' => ["
        "        'config' => 1,"
        "        'full_page' => 1"
        '    ]'
        '];'
    )
    $configLines = @(
        '<?php'
        'return ['
        "    'modules' => ["
        "        'Magento_Store' => 1,"
        "        'Magento_ServicesId' => 1,"
        "        'Magento_ServicesConnector' => 1"
        '    ]'
        '];'
    )
    [System.IO.File]::WriteAllText($envPhp, ($envLines -join "`n") + "`n", $utf8)
    if ($IsLinux -or $IsMacOS) {
        # env.php will hold private keys: owner-only, or every write warns that other users can read it.
        & chmod 600 $envPhp
    }
    [System.IO.File]::WriteAllText($configPhp, ($configLines -join "`n") + "`n", $utf8)
    $instance = Register-CommerceInstance -Name $instanceName -Path $magentoRoot -Role Production -BaseUrl $baseUrl

    # ---- 7. The keys first: both pairs, and the environment the instance uses ----------------------------------------
    # Each pair is checked before anything is written; env.php is edited in place and a backup is kept next to it.
    $keysWritten = Set-ConnectorConfiguration -Instance $instance.Name -Environment Production `
        -ProductionApiKey $productionKey.Id -ProductionPrivateKeyPath $productionKeyFile `
        -SandboxApiKey $sandboxKey.Id -SandboxPrivateKeyPath $sandboxKeyFile -PassThru

    # ---- 8. Then project and data space: the production data space, on the production instance -----------------------
    # The data space from Get-DataSpace binds to -DataSpace and -Project; Set-DataSpace writes both together.
    $dataSpace = Get-DataSpace -Project $project.ProjectId -Type Production
    $spaceWritten = $dataSpace | Set-DataSpace -Instance $instance.Name -PassThru

    # ---- 9. The checks --------------------------------------------------------------------------------------------------
    $checks = @(Test-ConnectorConfiguration -Instance $instance.Name)
    $checks | Out-Host
    $failed = @($checks | Where-Object { "$($_.Verdict)" -ne 'Passed' })
    if ($failed.Length -gt 0) {
        Write-Warning ('Not every check passed: ' + (($failed | ForEach-Object { $_.Name }) -join ', ') + '.')
    }
    else {
        Write-Host "All $($checks.Length) checks passed: $instanceName is connected to data space '$($dataSpace.DataSpaceName)' of '$projectName'."
    }

    # ---- 10. Where everything is ----------------------------------------------------------------------------------------
    Write-Host ''
    Write-Host "Registry (COMMERCE_CONNECTOR_HOME): $registry"
    Write-Host "Magento root:                        $magentoRoot"
    Write-Host "Its env.php:                         $envPhp"
    Write-Host "Backup before the keys:              $($keysWritten.BackupPath)"
    Write-Host "Backup before the data space:        $($spaceWritten.BackupPath)"
    Write-Host "Production private key:              $productionKeyFile ($($productionKey.Id))"
    Write-Host "Sandbox private key:                 $sandboxKeyFile ($($sandboxKey.Id))"
    if ($Cleanup) {
        Write-Host 'All of it is deleted now (-Cleanup).'
    }
    else {
        Write-Host "Explore it: Get-CommerceInstance, Get-ConnectorConfiguration -Instance $instanceName. Delete $folder when done."
    }

    [pscustomobject]@{
        Folder            = $folder
        Registry          = $registry
        MageId            = $mageId
        Instance          = $instance.Name
        MagentoRoot       = $magentoRoot
        EnvPhp            = $envPhp
        ProductionKeyFile = $productionKeyFile
        SandboxKeyFile    = $sandboxKeyFile
        ProductionApiKey  = $productionKey.Id
        SandboxApiKey     = $sandboxKey.Id
        ProjectId         = $project.ProjectId
        DataSpaceId       = $dataSpace.DataSpaceId
        Checks            = $checks
        CleanedUp         = [bool]$Cleanup
    }
}
finally {
    if ($Cleanup) {
        Disconnect-CommerceAccount
        [System.Environment]::SetEnvironmentVariable('COMMERCE_CONNECTOR_HOME', $savedHome)
        if (Test-Path -LiteralPath $folder) {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }
    }
}
