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
    A type of the module's assemblies by its full name, found through the loaded cmdlets' declared output types or
    the loaded assemblies; works with Should -BeOfType on every edition.
    #>
    [CmdletBinding()]
    [OutputType([type])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $FullName
    )

    # Reading the cmdlets' declared output types loads CommerceConnector.Core, exactly as running a cmdlet would.
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


function Get-HostText {
    <#
    What a script block writes to the host (the "What if:" lines of -WhatIf, Write-Host), captured with a transcript:
    PowerShell writes ShouldProcess's What-if text to the host only, not to a stream a redirection can take.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [scriptblock] $ScriptBlock
    )

    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('cc-host-' + [guid]::NewGuid().ToString('N') + '.txt')
    $null = Start-Transcript -LiteralPath $path -UseMinimalHeader
    try {
        $null = & $ScriptBlock
    }
    finally {
        $null = Stop-Transcript
    }
    try {
        [System.IO.File]::ReadAllText($path)
    }
    finally {
        Remove-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue
    }
}

# Every function above is exported (a .psm1 without Export-ModuleMember exports all its functions).

function Join-HelpLine {
    <#
    Help text as one line: the module's MAML paragraphs are wrapped at 72 columns (so that Get-Help breaks lines between
    words in an 80-column console), and a paragraph compared with its markdown source is compared with its line
    breaks and runs of white space folded into single spaces.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Position = 0)]
        [AllowNull()]
        [object] $Text
    )

    ("$Text" -replace '\s+', ' ').Trim()
}
