# Helpers shared by the Pester tests of the built CommerceConnector module.
# They never touch the user's real registry: every test points COMMERCE_CONNECTOR_HOME at a fresh folder under
# $TestDrive (see New-TestRegistryPath) and the test files restore the previous environment when they finish.

# The server-specific helpers live beside this module and are loaded by it, so that a test file imports this one alone:
# MariaDb.psm1 (a throwaway MariaDB server; also the home of Get-FreeTcpPort, which Get-FreePort names).
Import-Module (Join-Path $PSScriptRoot 'MariaDb.psm1')
Set-Alias -Name Get-FreePort -Value Get-FreeTcpPort

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

function Invoke-TestTool {
    <#
    Runs a program with these exact arguments (no shell) and returns ExitCode, Output and Error. Used for the judges
    of what the module writes: openssl and php.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $FilePath,

        [Parameter(Mandatory = $true, Position = 1)]
        [string[]] $ArgumentList
    )

    $start = New-Object System.Diagnostics.ProcessStartInfo
    $start.FileName = $FilePath
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    if ($null -ne $start.PSObject.Properties['ArgumentList']) {
        foreach ($argument in $ArgumentList) {
            $start.ArgumentList.Add($argument)
        }
    }
    else {
        # .NET Framework (Windows PowerShell) has no ArgumentList: quote what needs it.
        $start.Arguments = ($ArgumentList | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }) -join ' '
    }
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output; Error = $errors.Result }
    }
    finally {
        $process.Dispose()
    }
}

function New-OpenSslPrivateKey {
    <# A new 2048-bit RSA private key made by openssl, as a PKCS#8 PEM file at Path; returns Path. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Path
    )

    $result = Invoke-TestTool openssl @('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', $Path)
    if ($result.ExitCode -ne 0) {
        throw "openssl genpkey failed: $($result.Error)"
    }
    $Path
}

function Get-OpenSslFingerprint {
    <# The SHA-256 of the DER public key of a PEM private key file, as openssl computes the DER, in lower-case hex. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Path
    )

    $der = "$Path.pub.der"
    $result = Invoke-TestTool openssl @('pkey', '-in', $Path, '-pubout', '-outform', 'DER', '-out', $der)
    if ($result.ExitCode -ne 0) {
        throw "openssl pkey failed: $($result.Error)"
    }
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        (($sha.ComputeHash([System.IO.File]::ReadAllBytes($der)) | ForEach-Object { $_.ToString('x2') }) -join '')
    }
    finally {
        $sha.Dispose()
    }
}

function New-ConnectedMagentoRoot {
    <#
    A Magento root configured by hand, as an administrator does with bin/magento config:set --lock-env: env.php holds
    the connector values given in Values (config path => value; private keys with real line breaks, as var_export
    writes them) under 'system' => ['default' => ...], and config.php enables the connector's modules. Returns the
    root's full path.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Path,

        [Parameter(Mandatory = $true, Position = 1)]
        [System.Collections.IDictionary] $Values
    )

    $etc = [System.IO.Path]::Combine($Path, 'app', 'etc')
    $null = New-Item -ItemType Directory -Path $etc -Force
    # Nest the config paths into a tree, then write it as PHP with single-quoted strings.
    $tree = [ordered]@{}
    foreach ($configPath in $Values.Keys) {
        $node = $tree
        $parts = $configPath.Split('/')
        for ($i = 0; $i -lt $parts.Count - 1; $i++) {
            if (-not $node.Contains($parts[$i])) {
                $node[$parts[$i]] = [ordered]@{}
            }
            $node = $node[$parts[$i]]
        }
        $node[$parts[-1]] = [string]$Values[$configPath]
    }
    $lines = New-Object System.Collections.Generic.List[string]
    function Write-PhpArray($map, [int] $depth) {
        $indent = '    ' * $depth
        foreach ($key in $map.Keys) {
            $value = $map[$key]
            if ($value -is [System.Collections.IDictionary]) {
                $lines.Add("$indent'$key' => [")
                Write-PhpArray $value ($depth + 1)
                $lines.Add("$indent],")
            }
            else {
                $escaped = $value.Replace('\', '\\').Replace("'", "\'")
                $lines.Add("$indent'$key' => '$escaped',")
            }
        }
    }
    $lines.Add('<?php')
    $lines.Add('return [')
    $lines.Add("    'backend' => ['frontName' => 'admin_luma'],")
    $lines.Add("    'crypt' => ['key' => '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],")
    $lines.Add("    'MAGE_MODE' => 'production',")
    $lines.Add("    'system' => [")
    $lines.Add("        'default' => [")
    Write-PhpArray $tree 3
    $lines.Add('        ],')
    $lines.Add('    ],')
    $lines.Add('];')
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'env.php'), ($lines -join "`n") + "`n")
    if (-not $IsWindows) {
        [System.IO.File]::SetUnixFileMode([System.IO.Path]::Combine($etc, 'env.php'), 'UserRead, UserWrite')
    }
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'config.php'),
        "<?php`nreturn [`n    'modules' => [`n        'Magento_Store' => 1,`n        'Magento_ServicesId' => 1,`n        'Magento_ServicesConnector' => 1`n    ]`n];`n")
    (Resolve-Path -LiteralPath $Path).ProviderPath
}

function Read-PhpConnectorValue {
    <#
    What PHP itself reads from env.php for a default-scope config path ('system' => ['default' => ...]), exactly;
    $null when the path is absent. php-cli is the judge, not the module.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $EnvPhp,

        [Parameter(Mandatory = $true, Position = 1)]
        [string] $ConfigPath
    )

    $script = '$a = include $argv[1]; foreach (array_slice($argv, 2) as $k) { if (!is_array($a) || !array_key_exists($k, $a)) { exit(3); } $a = $a[$k]; } echo base64_encode((string)$a);'
    $result = Invoke-TestTool php (@('-r', $script, $EnvPhp, 'system', 'default') + $ConfigPath.Split('/'))
    if ($result.ExitCode -eq 3) {
        return $null
    }
    if ($result.ExitCode -ne 0) {
        throw "php could not read $EnvPhp (exit code $($result.ExitCode)): $($result.Error) $($result.Output)"
    }
    [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($result.Output.Trim()))
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

function Start-RegistryStandIn {
    <#
    Starts the built stand-in of the merchant registry (src/CommerceConnector.RegistryServer) as its own process on a
    free loopback port over the registry folder Registry, waits until /healthz answers, and returns Process, Gateway
    (http://127.0.0.1:<port>/), Log and Errors (its stdout and stderr files under LogFolder).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Registry,

        [Parameter(Mandatory = $true)]
        [string] $LogFolder
    )

    $serverProject = Join-Path $PSScriptRoot '../src/CommerceConnector.RegistryServer'
    $serverDll = Join-Path $serverProject 'bin/Release/net10.0/CommerceConnector.RegistryServer.dll'
    if (-not (Test-Path -LiteralPath $serverDll)) {
        & dotnet build $serverProject -c Release --nologo -v quiet | Out-Null
    }
    $port = Get-FreePort
    $gateway = "http://127.0.0.1:$port/"
    $log = Join-Path $LogFolder "stand-in-$port.log"
    $errors = Join-Path $LogFolder "stand-in-$port.err"
    $process = Start-Process -FilePath 'dotnet' -PassThru -RedirectStandardOutput $log -RedirectStandardError $errors `
        -ArgumentList @($serverDll, '--registry', $Registry, '--urls', "http://127.0.0.1:$port")
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $healthy = $false
    while (-not $healthy -and [DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) {
        try {
            $healthy = (Invoke-WebRequest -Uri "$($gateway)healthz" -TimeoutSec 2 -NoProxy).StatusCode -eq 200
        }
        catch {
            Start-Sleep -Milliseconds 200
        }
    }
    if (-not $healthy) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The stand-in did not start: $(Get-Content -Raw -LiteralPath $errors -ErrorAction SilentlyContinue)"
    }
    [pscustomobject]@{ Process = $process; Gateway = $gateway; Log = $log; Errors = $errors }
}

function Stop-RegistryStandIn {
    <# Stops a stand-in that Start-RegistryStandIn started (and only that process). #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)]
        [object] $StandIn
    )

    if ($null -ne $StandIn -and -not $StandIn.Process.HasExited) {
        $StandIn.Process.Kill()
        $null = $StandIn.Process.WaitForExit(10000)
    }
}

function New-StandInInstance {
    <# A Magento root under Root whose env.php points both gateways at Gateway, registered as Name with Role. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Root,
        [Parameter(Mandatory = $true)] [string] $Name,
        [Parameter(Mandatory = $true)] [string] $Gateway,
        [string] $Role = 'Staging'
    )

    $etc = Join-Path $Root 'app/etc'
    $null = New-Item -ItemType Directory -Path $etc -Force
    $envLines = @(
        '<?php'
        'return ['
        "    'system' => ["
        "        'default' => ["
        "            'services_connector' => ["
        "                'production_gateway_url' => '$Gateway',"
        "                'sandbox_gateway_url' => '$Gateway'"
        '            ]'
        '        ]'
        '    ]'
        '];'
    )
    [System.IO.File]::WriteAllText((Join-Path $etc 'env.php'), ($envLines -join "`n") + "`n")
    Register-CommerceInstance -Name $Name -Path $Root -Role $Role
}

$exportedFunctions = @(
    'Start-RegistryStandIn'
    'Stop-RegistryStandIn'
    'New-StandInInstance'
    'Save-ConnectorEnvironment'
    'Restore-ConnectorEnvironment'
    'Clear-ConnectorContextVariable'
    'New-TestRegistryPath'
    'Get-FileSnapshot'
    'Get-ConnectorType'
    'Get-CompletionResult'
    'Get-MarkdownParagraph'
    'Get-UnixModeText'
    'Invoke-TestTool'
    'New-OpenSslPrivateKey'
    'Get-OpenSslFingerprint'
    'New-ConnectedMagentoRoot'
    'Read-PhpConnectorValue'
    'Get-HostText'
    'Join-HelpLine'
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
    if (-not $IsWindows) {
        # Owner-only, as on a well-kept server: a file others can read gets a warning of its own.
        [System.IO.File]::SetUnixFileMode([System.IO.Path]::Combine($etc, 'env.php'), 'UserRead, UserWrite')
    }
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
# The Magento roots these tests build name a database that does not exist (host 'localhost', dbname 'luma'): the
# commands that read core_config_data would warn that it cannot be reached. Files only, then, unless a test file turns
# database access on itself (LayeredConfiguration.Tests.ps1 does, against a real MariaDB). Save-/Restore-
# ConnectorEnvironment keep the variable as it was.
$script:ConnectorVariables += 'COMMERCE_CONNECTOR_DATABASE_ACCESS'
[System.Environment]::SetEnvironmentVariable('COMMERCE_CONNECTOR_DATABASE_ACCESS', 'Off')

Export-ModuleMember -Function $exportedFunctions

# Setup shared by the test files: every Describe imports this module, then
#     $savedEnvironment = Enter-ConnectorTest              (BeforeAll)
#     AfterAll { Exit-ConnectorTest $savedEnvironment }
#     $registry = Reset-TestRegistry $TestDrive            (BeforeEach, where each test has a registry of its own)

function Enter-ConnectorTest {
    <#
    Imports the built module (out/CommerceConnector) into the session, as a test file's own Import-Module did, and
    returns the module's environment variables as they were, for Exit-ConnectorTest. -ClearContext then removes the
    context variables and disconnects, so that only the test's own Connect-CommerceAccount gives a context.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [switch] $ClearContext
    )

    Import-ConnectorModule
    Save-ConnectorEnvironment
    if ($ClearContext) {
        Clear-ConnectorContextVariable
        Disconnect-CommerceAccount
    }
}

function New-TestKeyPair {
    <#
    A production and a sandbox API key of the connected account, made by New-ConnectorApiKey -OutFile into a new
    folder under $TestDrive and named <Prefix>production and <Prefix>sandbox. Sets, in the caller's scope, $keyFolder,
    $prodKeyFile and $sandboxKeyFile (<Prefix>production.pem, <Prefix>sandbox.pem), $prodKey and $sandboxKey.
    #>
    [CmdletBinding()]
    param(
        [string] $Prefix = ''
    )

    $keyFolder = Join-Path $TestDrive ('keys-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $keyFolder
    $values = [ordered]@{
        keyFolder      = $keyFolder
        prodKeyFile    = Join-Path $keyFolder ($Prefix + 'production.pem')
        sandboxKeyFile = Join-Path $keyFolder ($Prefix + 'sandbox.pem')
    }
    $values.prodKey = New-ConnectorApiKey -Environment Production -Name ($Prefix + 'production') -OutFile $values.prodKeyFile
    $values.sandboxKey = New-ConnectorApiKey -Environment Sandbox -Name ($Prefix + 'sandbox') -OutFile $values.sandboxKeyFile
    foreach ($variable in $values.Keys) {
        $PSCmdlet.SessionState.PSVariable.Set($variable, $values[$variable])
    }
}

function Invoke-Quickstart {
    <#
    Runs examples/Quickstart.ps1 against the built module under TempRoot ($TestDrive by default), its host output
    and warnings silenced, and returns what it returns: the account, keys, project and configured instance it made.
    -Connect disconnects first and connects to the walk's account after it.
    #>
    [CmdletBinding()]
    param(
        [string] $TempRoot = $TestDrive,

        [switch] $Connect
    )

    if ($Connect) {
        Disconnect-CommerceAccount
    }
    $manifest = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
    $walk = & (Join-Path $PSScriptRoot '../examples/Quickstart.ps1') -ModulePath $manifest -TempRoot $TempRoot 6>$null 3>$null
    if ($Connect) {
        $null = Connect-CommerceAccount -MageId $walk.MageId
    }
    $walk
}

function Import-ConnectorModule {
    <# Imports the built module (out/CommerceConnector) into the session, as a test file's own Import-Module did. #>
    [CmdletBinding()]
    param()

    Import-Module (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1') -Force -Global
}

function Exit-ConnectorTest {
    <# Ends the session's context and puts back the environment saved by Enter-ConnectorTest. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [hashtable] $Saved
    )

    Disconnect-CommerceAccount
    Restore-ConnectorEnvironment $Saved
}

function Reset-TestRegistry {
    <#
    Points COMMERCE_CONNECTOR_HOME at a new registry folder under Root (normally $TestDrive; the folder is left for
    the module to create), removes the context variables and disconnects. Returns the folder's path.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Root
    )

    $registry = New-TestRegistryPath $Root
    $env:COMMERCE_CONNECTOR_HOME = $registry
    Clear-ConnectorContextVariable
    Disconnect-CommerceAccount
    $registry
}

function Invoke-OpenSsl {
    <# Runs openssl with these exact arguments and returns its standard output; throws when it fails. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string[]] $ArgumentList
    )

    $result = Invoke-TestTool openssl $ArgumentList
    if ($result.ExitCode -ne 0) {
        throw ('openssl {0} failed with exit code {1}: {2}' -f ($ArgumentList -join ' '), $result.ExitCode, $result.Error)
    }
    $result.Output
}

function Get-PemBody {
    <# The base64 text of a PEM block (the file at Path, or the text Pem), without its BEGIN and END lines and line breaks. #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'Path')]
        [string] $Path,

        [Parameter(Mandatory = $true, ParameterSetName = 'Pem')]
        [string] $Pem
    )

    if ($PSCmdlet.ParameterSetName -eq 'Path') {
        $Pem = [System.IO.File]::ReadAllText($Path)
    }
    (($Pem -split "`n") | Where-Object { $_.Length -gt 0 -and -not $_.StartsWith('-----') }) -join ''
}

function Get-EnvPhpPath {
    <# app/etc/env.php of a Magento root. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Root
    )

    [System.IO.Path]::Combine($Root, 'app', 'etc', 'env.php')
}

function Get-DefaultEnvPhpLines {
    <#
    app/etc/env.php as bin/magento setup:install writes it on a new installation: no 'system' section yet. The crypt
    key is 0a1b2c3d4e5f60718293a4b5c6d7e8f9 and the database password S3cr3t-db-pass.
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [string] $FrontName = 'admin_luma'
    )

    $lines = @'
<?php
return [
    'backend' => [
        'frontName' => '__FRONTNAME__'
    ],
    'remote_storage' => [
        'driver' => 'file'
    ],
    'queue' => [
        'consumers_wait_for_messages' => 1
    ],
    'crypt' => [
        'key' => '0a1b2c3d4e5f60718293a4b5c6d7e8f9'
    ],
    'db' => [
        'table_prefix' => '',
        'connection' => [
            'default' => [
                'host' => 'localhost',
                'dbname' => 'luma',
                'username' => 'luma',
                'password' => 'S3cr3t-db-pass',
                'model' => 'mysql4',
                'engine' => 'innodb',
                'initStatements' => 'SET NAMES utf8;',
                'active' => '1',
                'driver_options' => [
                    1014 => false
                ]
            ]
        ]
    ],
    'resource' => [
        'default_setup' => [
            'connection' => 'default'
        ]
    ],
    'x-frame-options' => 'SAMEORIGIN',
    'MAGE_MODE' => 'production',
    'session' => [
        'save' => 'files'
    ],
    'lock' => [
        'provider' => 'db'
    ],
    'directories' => [
        'document_root_is_pub' => true
    ],
    'cache_types' => [
        'config' => 1,
        'layout' => 1,
        'block_html' => 1,
        'full_page' => 1
    ],
    'downloadable_domains' => [
        'www.luma.example.com'
    ],
    'install' => [
        'date' => 'Mon, 02 Nov 2026 09:00:00 +0000'
    ]
];
'@
    $lines.Replace("`r`n", "`n").Replace('__FRONTNAME__', $FrontName).Split("`n")
}

function New-TestMagentoRoot {
    <#
    A Magento root under Root ($TestDrive by default) with app/etc/env.php (Get-DefaultEnvPhpLines unless EnvPhpLines
    are given; LF line ends; owner-only) and app/etc/config.php enabling Modules (name = 1 or 0; the connector's by
    default) unless ConfigPhpLines are given. Returns the root's full path.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Name,

        [string[]] $EnvPhpLines,

        [string[]] $ConfigPhpLines,

        [System.Collections.IDictionary] $Modules,

        [string] $Root = $TestDrive
    )

    $site = Join-Path $Root ("magento-$Name-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $etc = [System.IO.Path]::Combine($site, 'app', 'etc')
    $null = New-Item -ItemType Directory -Path $etc -Force
    if (-not $EnvPhpLines) {
        $EnvPhpLines = Get-DefaultEnvPhpLines -FrontName "admin_$Name"
    }
    if (-not $ConfigPhpLines) {
        if ($null -eq $Modules) {
            $Modules = [ordered]@{ Magento_Store = 1; Magento_ServicesId = 1; Magento_ServicesConnector = 1 }
        }
        $entries = @($Modules.Keys | ForEach-Object { "        '$_' => $($Modules[$_])" })
        $ConfigPhpLines = @('<?php', 'return [', "    'modules' => [", ($entries -join ",`n"), '    ]', '];')
    }
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'env.php'), ($EnvPhpLines -join "`n") + "`n")
    if (-not $IsWindows) {
        # Owner-only, as on a well-kept server: a file others can read gets a warning of its own.
        [System.IO.File]::SetUnixFileMode([System.IO.Path]::Combine($etc, 'env.php'), 'UserRead, UserWrite')
    }
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($etc, 'config.php'), ($ConfigPhpLines -join "`n") + "`n")
    $site
}

$exportedFunctions += @(
    'Enter-ConnectorTest'
    'Exit-ConnectorTest'
    'Reset-TestRegistry'
    'Invoke-OpenSsl'
    'Get-PemBody'
    'Get-EnvPhpPath'
    'Get-DefaultEnvPhpLines'
    'New-TestMagentoRoot'
)

function Enter-HelpTest {
    <#
    The setup of a "Help of <Name>" block: imports the built module, switches the thread to the en-US culture and
    sets, in the caller's scope,
    $previousCulture (for AfterAll), $page (docs/en-US/<Name>.md), $command, $help (Get-Help -Full), $helpText (that
    help as one line) and $description (its paragraphs as lines); with -ParameterLists, instead of $description,
    $commonParameters, $parameters (the command's own parameters) and $helpParameters (the help's parameters).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Name,

        [switch] $ParameterLists
    )

    Import-ConnectorModule
    $previousCulture = [System.Threading.Thread]::CurrentThread.CurrentUICulture
    [System.Threading.Thread]::CurrentThread.CurrentUICulture = [System.Globalization.CultureInfo]::GetCultureInfo('en-US')
    $command = Get-Command -Name $Name -Module CommerceConnector
    $help = Get-Help -Name $Name -Full
    $commonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters)
    $values = [ordered]@{
        previousCulture  = $previousCulture
        page             = Join-Path $PSScriptRoot "../docs/en-US/$Name.md"
        command          = $command
        help             = $help
        helpText         = Join-HelpLine (Get-Help -Name $Name -Full | Out-String -Width 300)
    }
    if ($ParameterLists) {
        $values.commonParameters = $commonParameters
        $values.parameters = @($command.Parameters.Values | Where-Object { $commonParameters -notcontains $_.Name })
        $values.helpParameters = @($help.parameters.parameter | Where-Object { $null -ne $_ })
    }
    else {
        $values.description = @($help.description | ForEach-Object { (Join-HelpLine $_.Text) } | Where-Object { $_ })
    }
    foreach ($variable in $values.Keys) {
        $PSCmdlet.SessionState.PSVariable.Set($variable, $values[$variable])
    }
}

$exportedFunctions += @(
    'Enter-HelpTest'
    'Import-ConnectorModule'
    'Invoke-Quickstart'
    'New-TestKeyPair'
)

# What MariaDb.psm1 gives, passed on to the test files.
$exportedFunctions += @(
    'Get-FreeTcpPort'
    'Start-TestMariaDb'
    'Invoke-TestMariaDbSql'
    'Stop-TestMariaDb'
    'Get-TestFeedList'
    'New-TestMagentoDatabase'
    'New-TestDatabaseUser'
)
Export-ModuleMember -Function $exportedFunctions -Alias 'Get-FreePort'

# The "Declared shape of the cmdlets" and "Table views" tests of several files ask the same questions of different
# cmdlets: the questions live here once; each test file keeps its own table of expected answers.

function Get-CmdletAttribute {
    <# The [Cmdlet] attribute of the command Name: its ConfirmImpact and DefaultParameterSetName. #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.CmdletAttribute])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Name
    )

    (Get-Command -Name $Name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
}

function Get-DeclaredOutputType {
    <# The [OutputType] names the command Name declares, joined with commas. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Name
    )

    ((Get-Command -Name $Name).OutputType.Name -join ',')
}

function Get-ParameterSetList {
    <# The parameter sets of the command Name, sorted and joined with commas. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $Name
    )

    (@((Get-Command -Name $Name).ParameterSets | ForEach-Object Name | Sort-Object) -join ',')
}

function Assert-DeclaredConfirmation {
    <#
    The assertions of a "<Name> supports -WhatIf and -Confirm: <ShouldProcess>, with the confirmation impact <Impact>"
    test, as each test file had them: -WhatIf and -Confirm exist exactly when ShouldProcess, and then the impact is Impact.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string] $Name,

        [Parameter(Mandatory = $true)]
        [bool] $ShouldProcess,

        [Parameter(Mandatory = $true)]
        [string] $Impact
    )

    $command = Get-Command -Name $Name
    $attribute = Get-CmdletAttribute $Name

    $command.Parameters.ContainsKey('WhatIf') | Should -Be $ShouldProcess
    $command.Parameters.ContainsKey('Confirm') | Should -Be $ShouldProcess
    # Without ShouldProcess there is nothing to confirm: the impact is not declared (PowerShell 7 reports None, 5.1 Medium).
    if ($ShouldProcess) {
        "$($attribute.ConfirmImpact)" | Should -Be $Impact
    }
}

function Assert-OneTableView {
    <#
    The assertions of a "has one table view for <TypeName> with the columns <Columns>" test, as each test file had
    them: one format entry for TypeName, holding one table, whose headers are Columns (comma-separated).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string] $TypeName,

        [Parameter(Mandatory = $true, Position = 1)]
        [string] $Columns
    )

    $formatData = @(Get-FormatData -TypeName $TypeName)

    $formatData | Should -HaveCount 1
    $tables = @($formatData[0].FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] })
    $tables | Should -HaveCount 1
    (@($tables[0].Control.Headers | ForEach-Object Label) -join ',') | Should -Be $Columns
}

function Join-TestSummary {
    # One text per piped object, made by -Format with the object as $_, joined by commas in pipeline order: the
    # 'Name:Verdict,...' strings tests compare whole, so a missing, extra or reordered item fails with all of it shown.
    param(
        [Parameter(Mandatory = $true, Position = 0)] [scriptblock] $Format,
        [Parameter(ValueFromPipeline = $true)] $InputObject
    )
    begin { $items = New-Object System.Collections.Generic.List[string] }
    process {
        if ($null -ne $InputObject) {
            $items.Add([string]($InputObject | ForEach-Object $Format))
        }
    }
    end { $items -join ',' }
}

function Get-ConnectorConfigPath {
    <# The connector's settings by short name: the key under env.php's 'system' => 'default' and the path in core_config_data. #>
    [ordered]@{
        ProductionApiKey     = 'services_connector/services_connector_integration/production_api_key'
        ProductionPrivateKey = 'services_connector/services_connector_integration/production_private_key'
        SandboxApiKey        = 'services_connector/services_connector_integration/sandbox_api_key'
        SandboxPrivateKey    = 'services_connector/services_connector_integration/sandbox_private_key'
        Environment          = 'magento_saas/environment'
        ProjectId            = 'services_connector/services_id/project_id'
        ProjectName          = 'services_connector/services_id/project_name'
        DataSpaceId          = 'services_connector/services_id/environment_id'
        DataSpaceName        = 'services_connector/services_id/environment_name'
        DataSpaceType        = 'services_connector/services_id/environment'
    }
}

function Get-StagingConnectorValue {
    <#
    The connector values of a staging store as the Admin leaves them, by config path: both key pairs (each private key
    read from its PEM file), the sandbox environment, the project, and a testing data space.
    #>
    param(
        [Parameter(Mandatory = $true)] [string] $ProductionApiKey,
        [Parameter(Mandatory = $true)] [string] $ProductionKeyFile,
        [Parameter(Mandatory = $true)] [string] $SandboxApiKey,
        [Parameter(Mandatory = $true)] [string] $SandboxKeyFile,
        [Parameter(Mandatory = $true)] [string] $ProjectId,
        [Parameter(Mandatory = $true)] [string] $DataSpaceId,
        [string] $ProjectName = 'Luma',
        [string] $DataSpaceName = 'Testing 1'
    )
    $paths = Get-ConnectorConfigPath
    [ordered]@{
        $paths.ProductionApiKey     = $ProductionApiKey
        $paths.ProductionPrivateKey = [System.IO.File]::ReadAllText($ProductionKeyFile)
        $paths.SandboxApiKey        = $SandboxApiKey
        $paths.SandboxPrivateKey    = [System.IO.File]::ReadAllText($SandboxKeyFile)
        $paths.Environment          = 'sandbox'
        $paths.ProjectId            = $ProjectId
        $paths.ProjectName          = $ProjectName
        $paths.DataSpaceId          = $DataSpaceId
        $paths.DataSpaceName        = $DataSpaceName
        $paths.DataSpaceType        = 'testing'
    }
}

function Assert-NoSecretText {
    <# Nothing in Records (output, errors with their exception and target, warnings, any stream) holds one of the Secret texts. #>
    param(
        [Parameter(Position = 0)] [object[]] $Records,
        [Parameter(Mandatory = $true)] [string[]] $Secret
    )
    foreach ($record in $Records) {
        $text = ($record | Out-String -Width 500) + "$record"
        if ($record -is [System.Management.Automation.ErrorRecord]) {
            $text += $record.Exception.ToString() + "$($record.TargetObject)" + $record.FullyQualifiedErrorId
        }
        foreach ($one in $Secret) {
            $text | Should -Not -BeLike "*$one*"
        }
    }
}

$exportedFunctions += @(
    'Get-ConnectorConfigPath'
    'Get-StagingConnectorValue'
    'Assert-NoSecretText'
    'Get-CmdletAttribute'
    'Get-DeclaredOutputType'
    'Get-ParameterSetList'
    'Assert-DeclaredConfirmation'
    'Assert-OneTableView'
    'Join-TestSummary'
)
Export-ModuleMember -Function $exportedFunctions -Alias 'Get-FreePort'
