# Helpers shared by the Pester tests of the built CommerceConnector module.
# They never touch the user's real registry: every test points COMMERCE_CONNECTOR_HOME at a fresh folder under
# $TestDrive (see New-TestRegistryPath) and the test files restore the previous environment when they finish.

$script:ConnectorVariables = @('COMMERCE_CONNECTOR_HOME', 'COMMERCE_CONNECTOR_MAGEID', 'COMMERCE_CONNECTOR_USER')

function Save-ConnectorEnvironment {
    <# Returns the current values of the module's environment variables, for Restore-ConnectorEnvironment. #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param()

    $saved = @{}
    foreach ($name in $script:ConnectorVariables) {
        $saved[$name] = [System.Environment]::GetEnvironmentVariable($name)
    }
    $saved
}

function Restore-ConnectorEnvironment {
    <# Puts back the values saved by Save-ConnectorEnvironment; a variable that was not set is removed. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [hashtable] $Saved
    )

    foreach ($name in $Saved.Keys) {
        [System.Environment]::SetEnvironmentVariable($name, $Saved[$name])
    }
}

function Clear-ConnectorContextVariable {
    <# Removes COMMERCE_CONNECTOR_MAGEID and COMMERCE_CONNECTOR_USER, so that only Connect-CommerceAccount gives a context. #>
    [CmdletBinding()]
    param()

    [System.Environment]::SetEnvironmentVariable('COMMERCE_CONNECTOR_MAGEID', $null)
    [System.Environment]::SetEnvironmentVariable('COMMERCE_CONNECTOR_USER', $null)
}

function New-TestRegistryPath {
    <#
    A path for a registry folder that does not exist yet, under Root (normally $TestDrive). The folder is left for
    the module to create, so that the tests see the permissions the module gives it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Root,

        [string] $Prefix = 'registry'
    )

    Join-Path -Path $Root -ChildPath ($Prefix + '-' + [guid]::NewGuid().ToString('N'))
}

function Get-FileSnapshot {
    <# The exact bytes of a file as Base64 text, or $null when the file does not exist. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Path
    )

    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        return $null
    }
    # .NET resolves a relative path against the process's current directory, not PowerShell's location: read by full path.
    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    [System.Convert]::ToBase64String([System.IO.File]::ReadAllBytes($fullPath))
}

function Get-ConnectorType {
    <#
    A type of the module's assemblies. On PowerShell 7 the module loads CommerceConnector.Core into a private
    assembly load context, where type literals such as [CommerceConnector.Core.Accounts.CommerceAccount] cannot
    see it; the Type object found here works with Should -BeOfType on every edition.
    #>
    [CmdletBinding()]
    [OutputType([type])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $FullName
    )

    # Importing the module does not load CommerceConnector.Core yet; reading the cmdlets' declared output types
    # does, through the module's own dependency resolver, exactly as running a cmdlet would.
    foreach ($command in @(Get-Command -Module CommerceConnector -CommandType Cmdlet)) {
        foreach ($declared in @($command.OutputType)) {
            if ($null -ne $declared.Type -and $declared.Type.FullName -eq $FullName) {
                return $declared.Type
            }
        }
    }
    foreach ($assembly in [System.AppDomain]::CurrentDomain.GetAssemblies()) {
        $assemblyName = $assembly.GetName().Name
        if ($assemblyName -eq 'CommerceConnector.Core' -or $assemblyName -eq 'CommerceConnector') {
            $type = $assembly.GetType($FullName, $false)
            if ($null -ne $type) {
                return $type
            }
        }
    }
    throw "The type '$FullName' is not loaded. Import the built CommerceConnector module first."
}

function Get-CompletionResult {
    <# What tab completion offers with the cursor at the end of InputScript. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $InputScript
    )

    $completion = TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length
    $completion.CompletionMatches
}

function Get-MarkdownParagraph {
    <#
    The paragraphs of one '## Heading' section of a platyPS help page, each as a single line of text (the lines
    of a paragraph joined by spaces). Code blocks are skipped.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Path,

        [Parameter(Mandatory = $true, Position = 1)]
        [string] $Heading
    )

    $lines = [System.IO.File]::ReadAllLines($PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path))
    $inSection = $false
    $inCode = $false
    $paragraph = New-Object System.Collections.Generic.List[string]
    $paragraphs = New-Object System.Collections.Generic.List[string]
    foreach ($line in $lines) {
        if ($line -match '^## ') {
            if ($inSection) {
                break
            }
            $inSection = $line.Trim() -eq "## $Heading"
            continue
        }
        if (-not $inSection) {
            continue
        }
        if ($line -match '^```') {
            $inCode = -not $inCode
            continue
        }
        if ($inCode) {
            continue
        }
        if ($line.Trim().Length -eq 0) {
            if ($paragraph.Count -gt 0) {
                $paragraphs.Add(($paragraph -join ' '))
                $paragraph.Clear()
            }
            continue
        }
        $paragraph.Add($line.Trim())
    }
    if ($paragraph.Count -gt 0) {
        $paragraphs.Add(($paragraph -join ' '))
    }
    $paragraphs.ToArray()
}

function Get-UnixModeText {
    <# The permission bits of a file or folder in octal, such as '600'. PowerShell 7.3 or later on Linux or macOS. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Path
    )

    $item = Get-Item -LiteralPath $Path -Force
    $permissionBits = ([int]$item.UnixFileMode) -band 4095
    [System.Convert]::ToString($permissionBits, 8)
}

$exportedFunctions = @(
    'Save-ConnectorEnvironment'
    'Restore-ConnectorEnvironment'
    'Clear-ConnectorContextVariable'
    'New-TestRegistryPath'
    'Get-FileSnapshot'
    'Get-ConnectorType'
    'Get-CompletionResult'
    'Get-MarkdownParagraph'
    'Get-UnixModeText'
)
Export-ModuleMember -Function $exportedFunctions

function New-MagentoTestSite {
    <#
    A Magento root under Root (normally $TestDrive) with app/etc/config.php enabling the connector's modules and
    app/etc/env.php holding EnvPhpBytes exactly (a new installation's env.php, LF line ends, when none are given).
    Returns the root's full path.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Root,

        [Parameter(Mandatory = $true, Position = 1)]
        [string] $Name,

        [byte[]] $EnvPhpBytes
    )

    $site = Join-Path $Root ("magento-$Name-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $etc = [System.IO.Path]::Combine($site, 'app', 'etc')
    $null = New-Item -ItemType Directory -Path $etc -Force
    if ($null -eq $EnvPhpBytes) {
        $text = @(
            '<?php'
            'return ['
            "    'backend' => ['frontName' => 'admin_$Name'],"
            "    'crypt' => ['key' => '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],"
            "    'db' => ['connection' => ['default' => ['host' => 'localhost', 'dbname' => 'luma', 'password' => 'secret']]],"
            "    'MAGE_MODE' => 'production',"
            '];'
            ''
        ) -join "`n"
        $EnvPhpBytes = (New-Object System.Text.UTF8Encoding($false)).GetBytes($text)
    }
    [System.IO.File]::WriteAllBytes([System.IO.Path]::Combine($etc, 'env.php'), $EnvPhpBytes)
    $config = "<?php`nreturn [`n    'modules' => [`n        'Magento_Store' => 1,`n        'Magento_ServicesId' => 1,`n        'Magento_ServicesConnector' => 1,`n    ],`n];`n"
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'config.php'), $config)
    $site
}

function Get-TemporaryLeftover {
    <# The module's temporary files in a folder: .<name>.<32 hex digits>.tmp, as a killed writer would leave them. #>
    [CmdletBinding()]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Folder
    )

    @(Get-ChildItem -LiteralPath $Folder -Force -File | Where-Object { $_.Name -match '^\..+\.[0-9a-f]{32}\.tmp$' })
}

$exportedFunctions += @(
    'New-MagentoTestSite'
    'Get-TemporaryLeftover'
)
Export-ModuleMember -Function $exportedFunctions
