# A throwaway MariaDB server for the tests that need a real Magento database: Debian's mariadb-server, its own data
# folder and socket under a temporary folder, a free loopback port, started once per test file (BeforeAll) and removed
# in AfterAll. CI runs as root, so the server is told the user explicitly (--user=root). No mock of the database.

function Get-FreeTcpPort {
    <# A loopback port nobody listens on at this moment. #>
    [CmdletBinding()]
    [OutputType([int])]
    param()

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestMariaDb {
    <#
    Initialises a data folder with mariadb-install-db and starts mariadbd on it; waits (bounded) until it answers.
    Returns an object with Port, Socket, Folder, Process, for Invoke-TestMariaDbSql and Stop-TestMariaDb.
    #>
    [CmdletBinding()]
    param(
        [string] $Root = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'cc-mariadb-' + [guid]::NewGuid().ToString('N').Substring(0, 12)),
        [int] $TimeoutSeconds = 60
    )

    $server = Get-Command -Name mariadbd -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($null -eq $server) {
        foreach ($candidate in '/usr/sbin/mariadbd', '/usr/sbin/mysqld') {
            if (Test-Path -LiteralPath $candidate) { $server = Get-Item -LiteralPath $candidate; break }
        }
    }
    if ($null -eq $server) {
        throw 'mariadbd is not installed: apt-get install -y mariadb-server (.ci/run installs it).'
    }
    $serverPath = if ($server -is [System.IO.FileInfo]) { $server.FullName } else { $server.Path }
    $data = Join-Path $Root 'data'
    $null = New-Item -ItemType Directory -Path $data -Force
    $socket = Join-Path $Root 'mariadb.sock'
    $user = [System.Environment]::UserName
    $install = & mariadb-install-db "--user=$user" "--datadir=$data" '--auth-root-authentication-method=normal' '--skip-test-db' '--no-defaults' 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "mariadb-install-db failed: $($install -join "`n")"
    }
    $port = Get-FreeTcpPort
    $start = [System.Diagnostics.ProcessStartInfo]::new($serverPath)
    foreach ($argument in @('--no-defaults', "--user=$user", "--datadir=$data", "--socket=$socket", "--port=$port",
            '--bind-address=127.0.0.1', "--pid-file=$(Join-Path $Root 'mariadb.pid')", "--log-error=$(Join-Path $Root 'error.log')",
            '--skip-name-resolve', '--skip-log-bin', '--innodb-buffer-pool-size=128M', '--innodb-flush-log-at-trx-commit=0',
            '--innodb-doublewrite=0', '--character-set-server=utf8mb4', '--max-connections=200')) {
        $start.ArgumentList.Add($argument)
    }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        if ($process.HasExited) {
            throw "mariadbd stopped at start: $(Get-Content -Raw -LiteralPath (Join-Path $Root 'error.log') -ErrorAction SilentlyContinue)"
        }
        $null = & mariadb-admin --no-defaults "--socket=$socket" -uroot ping 2>&1
        if ($LASTEXITCODE -eq 0) { break }
        if ([DateTime]::UtcNow -gt $deadline) {
            $process.Kill()
            throw "mariadbd did not answer within $TimeoutSeconds s."
        }
        Start-Sleep -Milliseconds 200
    }
    [pscustomobject]@{ Port = $port; Socket = $socket; Folder = $Root; Process = $process; Host = '127.0.0.1' }
}

function Invoke-TestMariaDbSql {
    <#
    Runs SQL as root through the mariadb command-line client over the socket (batch mode, tab-separated output, no
    column names); the SQL goes through a file so that scripts of any size work. Returns the output lines.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)] $Server,
        [Parameter(Mandatory = $true, Position = 1)] [string] $Sql,
        [string] $Database
    )

    $file = Join-Path $Server.Folder ('sql-' + [guid]::NewGuid().ToString('N') + '.sql')
    [System.IO.File]::WriteAllText($file, $Sql)
    try {
        $arguments = @('--no-defaults', "--socket=$($Server.Socket)", '-uroot', '--batch', '--skip-column-names', '-e', "source $file")
        if ($Database) { $arguments += $Database }
        $output = & mariadb @arguments 2>&1
        if ($LASTEXITCODE -ne 0) {
            throw "mariadb failed: $($output -join "`n")"
        }
        $output
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
    }
}

function Stop-TestMariaDb {
    <# Stops the server started by Start-TestMariaDb and removes its folder. #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)] $Server)

    if ($null -eq $Server) { return }
    try {
        if (-not $Server.Process.HasExited) {
            $null = & mariadb-admin --no-defaults "--socket=$($Server.Socket)" -uroot shutdown 2>&1
            if (-not $Server.Process.WaitForExit(20000)) {
                $Server.Process.Kill()
                $null = $Server.Process.WaitForExit(5000)
            }
        }
    }
    finally {
        $Server.Process.Dispose()
        Remove-Item -LiteralPath $Server.Folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Get-FreeTcpPort, Start-TestMariaDb, Invoke-TestMariaDbSql, Stop-TestMariaDb
