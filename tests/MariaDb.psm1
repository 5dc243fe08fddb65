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

# The data export feeds as the facts list them: feed name, table (103.3.0 name), table before 103.3.0, kind.
$script:Feeds = @(
    @{ Feed = 'productAttributes'; Table = 'cde_product_attributes_feed'; OldTable = 'catalog_data_exporter_product_attributes'; Kind = 'Immediate'; Indexer = 'catalog_data_exporter_product_attributes' }
    @{ Feed = 'products'; Table = 'cde_products_feed'; OldTable = 'catalog_data_exporter_products'; Kind = 'Immediate'; Indexer = 'catalog_data_exporter_products' }
    @{ Feed = 'scopesCustomerGroup'; Table = 'scopes_customergroup_data_exporter'; OldTable = 'scopes_customergroup_data_exporter'; Kind = 'Legacy'; Indexer = 'scopes_customergroup_data_exporter' }
    @{ Feed = 'scopesWebsite'; Table = 'scopes_website_data_exporter'; OldTable = 'scopes_website_data_exporter'; Kind = 'Legacy'; Indexer = 'scopes_website_data_exporter' }
    @{ Feed = 'prices'; Table = 'cde_product_prices_feed'; OldTable = 'catalog_data_exporter_product_prices'; Kind = 'Immediate'; Indexer = 'catalog_data_exporter_product_prices' }
    @{ Feed = 'productOverrides'; Table = 'cde_product_overrides_feed'; OldTable = 'cde_product_overrides_feed'; Kind = 'Immediate'; Indexer = 'catalog_data_exporter_product_overrides' }
    @{ Feed = 'variants'; Table = 'cde_product_variants_feed'; OldTable = 'catalog_data_exporter_product_variants'; Kind = 'Immediate'; Indexer = 'catalog_data_exporter_product_variants' }
    @{ Feed = 'categories'; Table = 'cde_categories_feed'; OldTable = 'catalog_data_exporter_categories'; Kind = 'Immediate'; Indexer = 'catalog_data_exporter_categories' }
    @{ Feed = 'categoryPermissions'; Table = 'cde_category_permissions_feed'; OldTable = 'cde_category_permissions_feed'; Kind = 'Immediate'; Indexer = 'catalog_data_exporter_category_permissions' }
    @{ Feed = 'inventoryStockStatus'; Table = 'inventory_data_exporter_stock_status_feed'; OldTable = 'inventory_data_exporter_stock_status'; Kind = 'Immediate'; Indexer = 'inventory_data_exporter_stock_status' }
    @{ Feed = 'orders'; Table = 'sales_data_exporter_orders_v2'; OldTable = 'sales_data_exporter_orders_v2'; Kind = 'Legacy'; Indexer = 'sales_order_data_exporter_v2' }
)

# Status codes given to generated rows in turn: every code the facts name, sent ones most often.
$script:StatusCycle = @(200, 200, 200, 400, 1, 2, 0, 401, 403, 503, 200, 429)

function Get-TestFeedList { $script:Feeds | ForEach-Object { [pscustomobject]$_ } }

function New-TestMagentoDatabase {
    <#
    Creates a Magento database as the facts describe it: core_config_data, flag, mview_state, indexer_state, and the
    data export feed tables (new or pre-103.3 names, with a prefix), filled with generated rows (row i gets status
    StatusCycle[i mod 12], deleted when i mod 7 = 0), a changelog backlog on the products view and a lock flag.
    Skips the feeds in Missing. Returns the counts computed here, by the Admin's rules, per feed.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] $Server,
        [Parameter(Mandatory = $true)] [string] $Database,
        [string] $Prefix = '',
        [switch] $OldTableNames,
        [int] $Rows = 600,
        [hashtable] $RowsPerFeed = @{},
        [string[]] $Missing = @(),
        [int] $Backlog = 1500,
        [int] $ProcessedVersion = 300,
        [switch] $NoMetadata
    )

    $p = $Prefix
    $cycle = $script:StatusCycle -join ', '
    $sql = New-Object System.Text.StringBuilder
    [void]$sql.AppendLine("CREATE DATABASE IF NOT EXISTS ``$Database``; USE ``$Database``;")
    [void]$sql.AppendLine(@"
CREATE TABLE ``${p}core_config_data`` (config_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, scope varchar(8) NOT NULL DEFAULT 'default', scope_id int NOT NULL DEFAULT 0, path varchar(255) NOT NULL DEFAULT 'general', value mediumtext, updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, UNIQUE KEY (scope, scope_id, path));
CREATE TABLE ``${p}flag`` (flag_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, flag_code varchar(255) NOT NULL, state smallint unsigned NOT NULL DEFAULT 0, flag_data mediumtext, last_update timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP);
CREATE TABLE ``${p}mview_state`` (state_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, view_id varchar(255), mode varchar(16) DEFAULT 'disabled', status varchar(16) DEFAULT 'idle', updated datetime, version_id int unsigned, UNIQUE KEY (view_id));
CREATE TABLE ``${p}indexer_state`` (state_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, indexer_id varchar(255), status varchar(16) DEFAULT 'invalid', updated datetime, hash_config varchar(32) NOT NULL DEFAULT '', UNIQUE KEY (indexer_id));
"@)
    $expected = [ordered]@{}
    $index = 0
    foreach ($feed in $script:Feeds) {
        $index++
        if ($Missing -contains $feed.Feed) {
            $expected[$feed.Feed] = [pscustomobject]@{ Feed = $feed.Feed; Table = $null; Health = 'NotInstalled' }
            continue
        }
        $table = if ($OldTableNames) { $feed.OldTable } else { $feed.Table }
        $n = if ($RowsPerFeed.ContainsKey($feed.Feed)) { $RowsPerFeed[$feed.Feed] } else { $Rows + 37 * $index }
        if ($feed.Kind -eq 'Immediate') {
            $metadata = if ($NoMetadata) { '' } else { ', metadata text' }
            $metadataValue = if ($NoMetadata) { '' } else { ", CONCAT('[{""X-Request-Id"":""req-', LPAD(seq, 7, '0'), '""}]')" }
            [void]$sql.AppendLine("CREATE TABLE ``$p$table`` (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, source_entity_id varchar(64) NOT NULL, feed_id varchar(64) NOT NULL, modified_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, is_deleted tinyint NOT NULL DEFAULT 0, status smallint NOT NULL DEFAULT 0, feed_data mediumtext NOT NULL, feed_hash varchar(64) NOT NULL, errors text$metadata, UNIQUE KEY (feed_id), KEY (source_entity_id, modified_at), KEY (status));")
            [void]$sql.AppendLine("INSERT INTO ``$p$table`` (source_entity_id, feed_id, modified_at, is_deleted, status, feed_data, feed_hash, errors$(if (-not $NoMetadata) { ', metadata' })) SELECT seq, CONCAT('$($feed.Feed)-', seq), TIMESTAMP('2026-12-01 00:00:00') + INTERVAL seq MINUTE, IF(seq MOD 7 = 0, 1, 0), ELT((seq MOD $($script:StatusCycle.Count)) + 1, $cycle), CONCAT('{""sku"":""SKU-', seq, '""}'), SHA2(seq, 256), IF(ELT((seq MOD $($script:StatusCycle.Count)) + 1, $cycle) = 200, NULL, CONCAT('Invalid data for entity ', seq))$metadataValue FROM seq_1_to_$n;")
        }
        else {
            [void]$sql.AppendLine("CREATE TABLE ``$p$table`` (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, feed_data mediumtext NOT NULL, modified_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, is_deleted tinyint NOT NULL DEFAULT 0);")
            [void]$sql.AppendLine("INSERT INTO ``$p$table`` (feed_data, modified_at, is_deleted) SELECT CONCAT('{""id"":', seq, '}'), TIMESTAMP('2026-12-01 00:00:00') + INTERVAL seq MINUTE, IF(seq MOD 7 = 0, 1, 0) FROM seq_1_to_$n;")
        }
        # The Admin's rules, computed here row by row.
        $submitted = 0; $attention = 0; $retry = 0; $deleted = 0
        for ($i = 1; $i -le $n; $i++) {
            $isDeleted = ($i % 7) -eq 0
            $status = if ($feed.Kind -eq 'Immediate') { $script:StatusCycle[$i % $script:StatusCycle.Count] } else { 200 }
            if ($isDeleted) { $deleted++ }
            if ($status -eq 200) { if (-not $isDeleted) { $submitted++ } }
            elseif (@(400, 401, 403, 1) -contains $status) { $attention++ }
            else { $retry++ }
        }
        $expected[$feed.Feed] = [pscustomobject]@{
            Feed = $feed.Feed; Table = $table; Kind = $feed.Kind; Items = $n; Submitted = $submitted; Deleted = $deleted
            FailedRequireAttention = if ($feed.Kind -eq 'Immediate') { $attention } else { $null }
            FailedWillRetry = if ($feed.Kind -eq 'Immediate') { $retry } else { $null }
            AwaitingSubmission = $null
            LastModified = ([datetime]'2026-12-01 00:00:00').AddMinutes($n)
        }
    }
    # A backlog on the products view: Backlog changelog rows for entities 1..(Backlog*4/5), of which ProcessedVersion are processed.
    if ($Missing -notcontains 'products') {
        $view = if ($OldTableNames) { 'catalog_data_exporter_products' } else { 'cde_products_feed' }
        $entities = [int]($Backlog * 4 / 5)
        [void]$sql.AppendLine("CREATE TABLE ``$p${view}_cl`` (version_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, entity_id int unsigned NOT NULL DEFAULT 0);")
        [void]$sql.AppendLine("INSERT INTO ``$p${view}_cl`` (version_id, entity_id) SELECT seq, ((seq - 1) MOD $entities) + 1 FROM seq_1_to_$Backlog;")
        [void]$sql.AppendLine("INSERT INTO ``${p}mview_state`` (view_id, mode, status, updated, version_id) VALUES ('$view', 'enabled', 'idle', NOW(), $ProcessedVersion);")
        $waiting = @(for ($v = $ProcessedVersion + 1; $v -le $Backlog; $v++) { (($v - 1) % $entities) + 1 })
        $awaiting = @($waiting | Sort-Object -Unique).Count
        $expected['products'].AwaitingSubmission = $awaiting
        # The categories view is up to date: an empty backlog.
        if ($Missing -notcontains 'categories') {
            $categoriesView = if ($OldTableNames) { 'catalog_data_exporter_categories' } else { 'cde_categories_feed' }
            [void]$sql.AppendLine("CREATE TABLE ``$p${categoriesView}_cl`` (version_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, entity_id int unsigned NOT NULL DEFAULT 0);")
            [void]$sql.AppendLine("INSERT INTO ``$p${categoriesView}_cl`` (version_id, entity_id) SELECT seq, seq FROM seq_1_to_50;")
            [void]$sql.AppendLine("INSERT INTO ``${p}mview_state`` (view_id, mode, status, updated, version_id) VALUES ('$categoriesView', 'enabled', 'idle', NOW(), 50);")
            $expected['categories'].AwaitingSubmission = 0
        }
    }
    [void]$sql.AppendLine("INSERT INTO ``${p}indexer_state`` (indexer_id, status, updated) VALUES ('catalog_data_exporter_products', 'valid', NOW()), ('catalog_data_exporter_product_prices', 'invalid', NOW());")
    [void]$sql.AppendLine("INSERT INTO ``${p}flag`` (flag_code, flag_data, last_update) VALUES ('feed_metadata_products', '{""lockedBy"":""saas:resync(4242)""}', NOW()), ('feed_metadata_prices', '{""lockedBy"":""""}', NOW()), ('scopes-website-feed-version', '""1733011200""', '2026-12-01 06:00:00');")
    $null = Invoke-TestMariaDbSql $Server $sql.ToString()
    $expected
}

function New-TestDatabaseUser {
    <# Creates a user for the loopback server and its socket, with SELECT (ReadOnly) or all rights on Database. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] $Server,
        [Parameter(Mandatory = $true)] [string] $User,
        [Parameter(Mandatory = $true)] [string] $Password,
        [Parameter(Mandatory = $true)] [string[]] $Database,
        [switch] $ReadOnly
    )

    $rights = if ($ReadOnly) { 'SELECT' } else { 'ALL PRIVILEGES' }
    $quoted = $Password.Replace('\', '\\').Replace("'", "\'")
    $sql = foreach ($hostName in '127.0.0.1', 'localhost') {
        "CREATE USER IF NOT EXISTS '$User'@'$hostName' IDENTIFIED BY '$quoted';"
        foreach ($name in $Database) { "GRANT $rights ON ``$name``.* TO '$User'@'$hostName';" }
    }
    $null = Invoke-TestMariaDbSql $Server ($sql -join "`n")
}

Export-ModuleMember -Function Get-FreeTcpPort, Start-TestMariaDb, Invoke-TestMariaDbSql, Stop-TestMariaDb, Get-TestFeedList, New-TestMagentoDatabase, New-TestDatabaseUser
