# Headless Chromium (Debian's `chromium` package) for the tests that look at a page as a browser shows it. Each call
# starts a fresh browser with its own temporary profile (--user-data-dir), without the sandbox when running as root
# (CI runs as root, where Chromium refuses to start sandboxed), and with logging to standard error, where Chromium
# writes every message of the page's console as an "INFO:CONSOLE" line.

function Get-ChromiumPath {
    <# The chromium binary, or an error that says how to install it. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    foreach ($name in 'chromium', 'chromium-browser', 'google-chrome') {
        $command = Get-Command -Name $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    throw 'chromium is not installed: apt-get install -y chromium (.ci/run installs it).'
}

function Invoke-HeadlessChromium {
    <#
    Opens Path (a local file) in headless Chromium at Width x Height and either dumps the DOM after load (-DumpDom) or
    saves a screenshot (-Screenshot <png>). Returns Dom (text), Console (the page's console messages) and ExitCode.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Path,
        [switch] $DumpDom,
        [string] $Screenshot,
        [int] $Width = 1280,
        [int] $Height = 2000,
        [int] $TimeoutSeconds = 120
    )

    $chromium = Get-ChromiumPath
    $profile = Join-Path ([System.IO.Path]::GetTempPath()) ('cc-chromium-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $profile
    try {
        $start = [System.Diagnostics.ProcessStartInfo]::new($chromium)
        $arguments = @('--headless', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--disable-extensions',
            '--hide-scrollbars', "--user-data-dir=$profile", '--enable-logging=stderr', '--v=0', "--window-size=$Width,$Height")
        if ([System.Environment]::UserName -eq 'root' -or (id -u) -eq '0') { $arguments += '--no-sandbox' }
        if ($DumpDom) { $arguments += '--dump-dom' }
        if ($Screenshot) { $arguments += "--screenshot=$Screenshot" }
        $arguments += ([System.Uri]::new([System.IO.Path]::GetFullPath($Path))).AbsoluteUri
        foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        $errors = $process.StandardError.ReadToEndAsync()
        $dom = $process.StandardOutput.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "chromium did not finish within $TimeoutSeconds s."
        }
        $process.WaitForExit()
        $log = $errors.Result -split "`r?`n"
        [pscustomobject]@{
            Dom      = $dom.Result
            Console  = @($log | Where-Object { $_ -match ':CONSOLE' })
            Log      = $log
            ExitCode = $process.ExitCode
        }
    }
    finally {
        Remove-Item -LiteralPath $profile -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Get-ChromiumPath, Invoke-HeadlessChromium
