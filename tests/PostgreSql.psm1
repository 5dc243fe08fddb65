# A throwaway PostgreSQL 15 server for the tests of the shared registry: Debian's postgresql package, initdb into a
# temporary folder, pg_ctl on a free loopback port with password (scram) authentication, started once per test file
# (BeforeAll) and removed in AfterAll. initdb refuses root, so as root both run as the postgres system user on a
# folder it owns (runuser). No mock of the database.

$script:PgBin = '/usr/lib/postgresql/15/bin'

function Get-FreePostgresPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Invoke-AsPostgresUser {
    param([Parameter(Mandatory)] [string] $Program, [string[]] $ArgumentList = @(), [switch] $AllowFailure)
    if ([System.Environment]::UserName -eq 'root') {
        $output = & runuser -u postgres -- $Program @ArgumentList 2>&1
    }
    else {
        $output = & $Program @ArgumentList 2>&1
    }
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) {
        throw "$Program failed ($LASTEXITCODE): $($output -join "`n")"
    }
}

function Start-TestPostgres {
    <#
    Initialises a cluster and starts it; returns Port, Folder, Data, SuperPassword and a superuser connection string
    (Admin) for Invoke-TestPostgresSql, Stop-TestPostgres and Restart-TestPostgres.
    #>
    [CmdletBinding()]
    param(
        [string] $Root = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'cc-pg-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    )
    if (-not (Test-Path -LiteralPath "$script:PgBin/initdb")) {
        throw 'PostgreSQL 15 is not installed: apt-get install -y postgresql (.ci/run installs it).'
    }
    $null = New-Item -ItemType Directory -Path $Root -Force
    $password = 'pg-super-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
    $passwordFile = Join-Path $Root 'pw'
    [System.IO.File]::WriteAllText($passwordFile, "$password`n")
    if ([System.Environment]::UserName -eq 'root') {
        & chown -R postgres:postgres $Root
    }
    $data = Join-Path $Root 'data'
    Invoke-AsPostgresUser "$script:PgBin/initdb" @('-D', $data, '-U', 'postgres', '-A', 'scram-sha-256', "--pwfile=$passwordFile", '-E', 'UTF8', '--no-sync')
    Remove-Item -LiteralPath $passwordFile -Force
    $server = [pscustomobject]@{
        Folder        = $Root
        Data          = $data
        Port          = Get-FreePostgresPort
        SuperPassword = $password
        Admin         = $null
    }
    $server.Admin = "Host=127.0.0.1;Port=$($server.Port);Database=postgres;Username=postgres;Password=$password"
    Start-TestPostgresServer $server
    $server
}

function Start-TestPostgresServer {
    param([Parameter(Mandatory)] $Server)
    Invoke-AsPostgresUser "$script:PgBin/pg_ctl" @('-D', $Server.Data, '-l', (Join-Path $Server.Folder 'server.log'), '-w', '-t', '60',
        '-o', "-p $($Server.Port) -k $($Server.Folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", 'start')
}

function Stop-TestPostgresServer {
    <# Stops the server (fast shutdown: open transactions are rolled back) and keeps its data for a restart. #>
    param([Parameter(Mandatory)] $Server, [ValidateSet('fast', 'immediate')] [string] $Mode = 'fast')
    Invoke-AsPostgresUser "$script:PgBin/pg_ctl" @('-D', $Server.Data, '-m', $Mode, '-w', '-t', '60', 'stop') -AllowFailure
}

function Stop-TestPostgres {
    <# Stops the server and removes its folder. #>
    param($Server)
    if ($null -eq $Server) { return }
    Stop-TestPostgresServer $Server -Mode immediate
    Remove-Item -LiteralPath $Server.Folder -Recurse -Force -ErrorAction SilentlyContinue
}

function Invoke-TestPostgresSql {
    <# Runs SQL as the superuser with psql (database postgres unless given); returns the unaligned, tuples-only rows. #>
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Sql, [string] $Database = 'postgres')
    $saved = $env:PGPASSWORD
    try {
        $env:PGPASSWORD = $Server.SuperPassword
        $output = & psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $Server.Port -U postgres -d $Database -c $Sql 2>&1
        if ($LASTEXITCODE -ne 0) { throw "psql failed: $($output -join "`n")" }
        $output
    }
    finally {
        $env:PGPASSWORD = $saved
    }
}

Export-ModuleMember -Function Start-TestPostgres, Stop-TestPostgres, Start-TestPostgresServer, Stop-TestPostgresServer, Invoke-TestPostgresSql
