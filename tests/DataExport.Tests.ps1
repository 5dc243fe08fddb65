# Is the catalog reaching Commerce Services? Against a real MariaDB (started once for this file, removed afterwards):
# two stores, one with the 103.3.0 table names and a table prefix, one with the older names, filled with generated rows
# in every status; the counts the module reports must equal those computed here by the Admin's rules. Every database
# failure has its error id, and the password is in no stream.

Describe 'Data export status from the store database' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1') -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MariaDb.psm1') -Force
        $savedEnvironment = Save-ConnectorEnvironment
        Clear-ConnectorContextVariable
        Disconnect-CommerceAccount

        $Password = "Luma'DB-p4ss\word"
        $ReaderPassword = 'r3ad-only-S3cret'
        $server = Start-TestMariaDb
        $expectedNew = New-TestMagentoDatabase -Server $server -Database 'luma_prod' -Prefix 'mg_'
        $expectedOld = New-TestMagentoDatabase -Server $server -Database 'luma_old' -OldTableNames -NoMetadata -Missing 'categoryPermissions', 'productOverrides' -Rows 400
        New-TestDatabaseUser -Server $server -User 'magento' -Password $Password -Database 'luma_prod', 'luma_old'
        New-TestDatabaseUser -Server $server -User 'reader' -Password $ReaderPassword -Database 'luma_prod', 'luma_old' -ReadOnly

        function New-StoreRoot {
            # A Magento root whose env.php names the test server (host given as Magento allows it) and database.
            param([string] $Name, [string] $DbHost, [string] $Database, [string] $Prefix = '', [string] $User = 'magento', [string] $Secret = $Password)

            $root = Join-Path $TestDrive $Name
            $etc = [System.IO.Path]::Combine($root, 'app', 'etc')
            $null = New-Item -ItemType Directory -Path $etc -Force
            $quoted = $Secret.Replace('\', '\\').Replace("'", "\'")
            $text = @"
<?php
return [
    'crypt' => ['key' => '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],
    'db' => [
        'table_prefix' => '$Prefix',
        'connection' => [
            'default' => [
                'host' => '$DbHost',
                'dbname' => '$Database',
                'username' => '$User',
                'password' => '$quoted',
                'model' => 'mysql4',
                'engine' => 'innodb',
                'active' => '1',
            ],
        ],
    ],
];
"@
            [System.IO.File]::WriteAllText((Join-Path $etc 'env.php'), $text)
            $root
        }

        $prodRoot = New-StoreRoot -Name 'luma-prod' -DbHost "127.0.0.1:$($server.Port)" -Database 'luma_prod' -Prefix 'mg_'
        $oldRoot = New-StoreRoot -Name 'luma-old' -DbHost "localhost:$($server.Socket)" -Database 'luma_old'

        $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
        $null = New-CommerceAccount -MageId 'MAG123456789' -Edition AdobeCommerce -Owner 'owner@luma.example.com' -Name 'Luma'
        $null = Connect-CommerceAccount -MageId 'MAG123456789'
        $null = Register-CommerceInstance -Name 'luma-prod' -Path $prodRoot -Role Production
        $null = Register-CommerceInstance -Name 'luma-old' -Path $oldRoot -Role Staging

        function Assert-NoPassword {
            # Nothing the command wrote, in any stream, holds a password.
            param([object[]] $Records)
            Assert-NoSecretText $Records -Secret $Password, $ReaderPassword, 'wrong-Pa55'
        }
    }

    AfterAll {
        Disconnect-CommerceAccount
        Restore-ConnectorEnvironment $savedEnvironment
        Stop-TestMariaDb $server
    }

    Context 'counts, feed by feed' {
        It 'reports every feed of a store with the 103.3.0 tables and a table prefix, counts as the Admin counts' {
            $status = @(Get-DataExportStatus -Instance 'luma-prod')

            $status | Should -HaveCount 11
            $status[0] | Should -BeOfType (Get-ConnectorType 'CommerceConnector.Core.DataExport.DataExportStatus')
            foreach ($feed in $status) {
                $expected = $expectedNew[$feed.Feed]
                $because = "feed $($feed.Feed)"
                $feed.Instance | Should -Be 'luma-prod'
                $feed.Table | Should -Be $expected.Table -Because $because
                "$($feed.Kind)" | Should -Be $expected.Kind -Because $because
                $feed.Items | Should -Be $expected.Items -Because $because
                $feed.Submitted | Should -Be $expected.Submitted -Because $because
                $feed.FailedRequireAttention | Should -Be $expected.FailedRequireAttention -Because $because
                $feed.FailedWillRetry | Should -Be $expected.FailedWillRetry -Because $because
                $feed.Deleted | Should -Be $expected.Deleted -Because $because
                $feed.AwaitingSubmission | Should -Be $expected.AwaitingSubmission -Because $because
                $feed.LastModified | Should -Be $expected.LastModified -Because $because
            }
        }

        It 'finds the tables by their pre-103.3 names, and says NotInstalled where a feed has none' {
            $status = @(Get-DataExportStatus -Path $oldRoot)

            foreach ($feed in $status) {
                $expected = $expectedOld[$feed.Feed]
                $feed.Table | Should -Be $expected.Table -Because $feed.Feed
                if ($null -eq $expected.Table) {
                    "$($feed.Health)" | Should -Be 'NotInstalled'
                    continue
                }
                $feed.Submitted | Should -Be $expected.Submitted -Because $feed.Feed
                $feed.FailedRequireAttention | Should -Be $expected.FailedRequireAttention -Because $feed.Feed
                $feed.FailedWillRetry | Should -Be $expected.FailedWillRetry -Because $feed.Feed
                $feed.Deleted | Should -Be $expected.Deleted -Because $feed.Feed
            }
            ($status | Where-Object Feed -eq 'products').Table | Should -Be 'catalog_data_exporter_products'
            ($status | Where-Object Feed -eq 'products').AwaitingSubmission | Should -Be $expectedOld['products'].AwaitingSubmission
        }

        It 'shows the indexer, the lock, the last legacy submit and one word of health' {
            $status = @(Get-DataExportStatus 'luma-prod' -Feed 'products', 'prices', 'scopes*', 'categories')

            @($status.Feed) -join ',' | Should -Be 'products,scopesCustomerGroup,scopesWebsite,prices,categories'
            $products = $status | Where-Object Feed -eq 'products'
            $products.LockedBy | Should -Be 'saas:resync(4242)'
            $products.IndexerMode | Should -Be 'Schedule'
            $products.IndexerStatus | Should -Be 'valid'
            "$($products.Health)" | Should -Be 'NeedsAttention'
            $prices = $status | Where-Object Feed -eq 'prices'
            $prices.LockedBy | Should -BeNullOrEmpty
            $prices.IndexerStatus | Should -Be 'invalid'
            $prices.IndexerMode | Should -Be 'Save'
            ($status | Where-Object Feed -eq 'scopesWebsite').LastSubmit | Should -Be ([datetime]'2026-12-01 06:00:00')
            "$(($status | Where-Object Feed -eq 'scopesWebsite').Health)" | Should -Be 'Ok'
            ($status | Where-Object Feed -eq 'categories').AwaitingSubmission | Should -Be 0
        }

        It 'reads every registered instance with -All, concurrently, with a read-only user' {
            $reader = [pscredential]::new('reader', (ConvertTo-SecureString $ReaderPassword -AsPlainText -Force))
            $all = @(Get-DataExportStatus -All -DatabaseCredential $reader -ThrottleLimit 2 -Feed products)

            @($all.Instance | Sort-Object) -join ',' | Should -Be 'luma-old,luma-prod'
            ($all | Where-Object Instance -eq 'luma-prod').Submitted | Should -Be $expectedNew['products'].Submitted
        }

        It 'takes instances from the pipeline' {
            $status = @(Get-CommerceInstance | Get-DataExportStatus -Feed orders)
            $status | Should -HaveCount 2
        }

        It 'refuses a feed name that matches nothing' {
            Get-DataExportStatus 'luma-prod' -Feed 'nonsense*' -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DataExportFeedNotFound,*'
        }
    }

    Context 'the items behind a count' {
        It 'lists the refused items with the Admin''s labels, their errors and request ids, newest first' {
            $items = @(Get-DataExportItem -Instance 'luma-prod' -Feed products -Status FailedRequireAttention -First 500)

            $items | Should -HaveCount $expectedNew['products'].FailedRequireAttention
            $items[0] | Should -BeOfType (Get-ConnectorType 'CommerceConnector.Core.DataExport.DataExportItem')
            @($items.StatusCode | Sort-Object -Unique) -join ',' | Should -Be '1,400,401,403'
            ($items | Where-Object StatusCode -eq 400)[0].StatusLabel | Should -Be 'Data payload error (status code: 400)'
            $items[0].ModifiedAt | Should -BeGreaterThan $items[-1].ModifiedAt
            $items[0].RequestId | Should -Be ('req-' + $items[0].SourceEntityId.PadLeft(7, '0'))
            $items[0].Errors | Should -Be "Invalid data for entity $($items[0].SourceEntityId)"
        }

        It 'lists retried items with -First and -Since; no request id where the metadata column is missing' {
            $retry = @(Get-DataExportItem -Path $oldRoot -Feed prices -Status FailedWillRetry -First 5)
            $retry | Should -HaveCount 5
            ($retry | Where-Object StatusCode -eq 2 | Select-Object -First 1).StatusLabel | Should -BeIn @($null, 'Not accepted (to be retried)')
            $retry.RequestId | Where-Object { $_ } | Should -BeNullOrEmpty
            $since = @(Get-DataExportItem -Instance 'luma-prod' -Feed products -Status Submitted -Since ([datetime]'2026-12-01 11:00:00') -First 1000)
            $since.Count | Should -BeGreaterThan 0
            $since | Where-Object { $_.ModifiedAt -lt [datetime]'2026-12-01 11:00:00' -or $_.StatusCode -ne 200 -or $_.IsDeleted } | Should -BeNullOrEmpty
        }

        It 'says a legacy feed keeps no status per item, and a missing table is DatabaseTableMissing' {
            Get-DataExportItem 'luma-prod' -Feed orders -Status Submitted -ErrorAction SilentlyContinue -ErrorVariable legacy
            $legacy[0].FullyQualifiedErrorId | Should -BeLike 'DataExportFeedHasNoItemStatus,*'
            Get-DataExportItem 'luma-old' -Feed categoryPermissions -Status Submitted -ErrorAction SilentlyContinue -ErrorVariable missing
            $missing[0].FullyQualifiedErrorId | Should -BeLike 'DatabaseTableMissing,*'
        }
    }

    Context 'failures: each its error id, no password anywhere' {
        It 'reports <Case> as <ErrorId>' -ForEach @(
            @{ Case = 'a wrong password'; ErrorId = 'DatabaseAccessDenied'; Credential = 'wrong' }
            @{ Case = 'a missing database'; ErrorId = 'DatabaseNotFound'; Database = 'no_such_store' }
            @{ Case = 'a server that does not answer'; ErrorId = 'DatabaseUnreachable'; Unreachable = $true }
            @{ Case = 'an env.php without a database'; ErrorId = 'DatabaseSettingsMissing'; NoDb = $true }
            @{ Case = 'a wrong table prefix'; ErrorId = 'DatabaseTableMissing'; Prefix = 'nope_'; Items = $true }
        ) {
            $dbHost = if ($Unreachable) { "127.0.0.1:$(Get-FreeTcpPort)" } else { "127.0.0.1:$($server.Port)" }
            $root = New-StoreRoot -Name ('case-' + [guid]::NewGuid().ToString('N').Substring(0, 6)) -DbHost $dbHost -Database $(if ($Database) { $Database } else { 'luma_prod' }) -Prefix $(if ($Prefix) { $Prefix } else { 'mg_' })
            if ($NoDb) {
                [System.IO.File]::WriteAllText((Join-Path $root 'app/etc/env.php'), "<?php`nreturn ['crypt' => ['key' => 'x']];`n")
            }
            $parameters = @{ Path = $root; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'failures'; Verbose = $true; Debug = $true }
            if ($Credential) {
                $parameters.DatabaseCredential = [pscredential]::new('magento', (ConvertTo-SecureString 'wrong-Pa55' -AsPlainText -Force))
            }
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $streams = if ($Items) {
                Get-DataExportItem @parameters -Feed products -Status Submitted *>&1
            }
            else {
                Get-DataExportStatus @parameters *>&1
            }
            $watch.Stop()

            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $failures[0].Exception.Message | Should -Not -BeNullOrEmpty
            Assert-NoPassword (@($streams) + @($failures))
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        }
    }

    Context 'the logs' {
        BeforeAll {
            $log = [System.IO.Path]::Combine($prodRoot, 'var', 'log')
            $null = New-Item -ItemType Directory -Path $log -Force
            [System.IO.File]::WriteAllLines((Join-Path $log 'commerce-data-export.log'), [string[]]@(
                    '[2026-12-07T09:00:00.123456+00:00] report.INFO: {"feed":"products","operation":"full sync","status":"Initialize","elapsed":"0.1s","pid":"4242","caller":"saas:resync"} [] []'
                    '[2026-12-07T09:05:00.000000+00:00] report.INFO: {"feed":"products","operation":"full sync","status":"Progress 2/4, processed 200, synced 180","elapsed":"300s","pid":"4242","caller":"saas:resync"} [] []'
                    '[2026-12-07T09:10:00.000000+00:00] report.INFO: {"feed":"products","operation":"full sync","status":"Complete","elapsed":"600s","pid":"4242","caller":"saas:resync"} [] []'
                    '[2026-12-07T10:00:00.000000+00:00] report.INFO: {"feed":"prices","operation":"partial sync","status":"Complete","elapsed":"2s","pid":"77","caller":"cron"} [] []'
                ))
            [System.IO.File]::WriteAllLines((Join-Path $log 'commerce-data-export-errors.log'), [string[]]@(
                    '[2026-12-07T09:14:03.000000+00:00] report.ERROR: {"feed":"products","operation":"full sync","status":"CDE01-02 Cannot process feed data","elapsed":"1s","pid":"4242","caller":"saas:resync"} [] []'
                    '#0 /var/www/vendor/magento/module-data-exporter/Model/FeedIndexer.php(120): process()'
                    '#1 {main}'
                ))
            [System.IO.File]::WriteAllLines((Join-Path $log 'saas-export-errors.log'), [string[]]@(
                    '[2026-12-07T09:20:11.000000+00:00] main.ERROR: Export error. API request was not successful. {"environment_id":"2b9e4f61","request_id":"f00dbabe-1234","status_code":503,"feed":"products","route":"/products","failed_items":3} []'
                    'garbage that is no log line'
                ))
        }

        It 'returns each entry as an object, with feed, operation, status, elapsed, error code and request id' {
            $entries = @(Get-DataExportLog -Instance 'luma-prod')

            $entries[0] | Should -BeOfType (Get-ConnectorType 'CommerceConnector.Core.DataExport.DataExportLogEntry')
            $complete = $entries | Where-Object { $_.Status -eq 'Complete' -and $_.Feed -eq 'products' }
            $complete.Operation | Should -Be 'full sync'
            $complete.Elapsed | Should -Be '600s'
            $complete.Level | Should -Be 'INFO'
            $complete.Time | Should -Be ([datetimeoffset]'2026-12-07T09:10:00+00:00')
            ($entries | Where-Object ErrorCode -eq 'CDE01-02').Feed | Should -Be 'products'
            $upload = $entries | Where-Object RequestId -eq 'f00dbabe-1234'
            $upload.StatusCode | Should -Be '503'
            $upload.Message | Should -Be 'Export error. API request was not successful.'
            $upload.Feed | Should -Be 'products'
        }

        It 'keeps the lines it cannot parse as raw text after the entry they follow' {
            $entries = @(Get-DataExportLog -Instance 'luma-prod' -Verbose 4>&1)
            $verbose = @($entries | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $raw = @($entries | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and -not $_.Parsed })

            $raw | Should -HaveCount 3
            $raw[0].Raw | Should -BeLike '#0 /var/www*'
            ($verbose.Message -join ' ') | Should -BeLike '*3 lines are not log entries*'
        }

        It 'selects by feed, time and errors' {
            @(Get-DataExportLog 'luma-prod' -Feed 'pri*').Feed | Should -Be 'prices'
            @(Get-DataExportLog 'luma-prod' -Since ([datetime]'2026-12-07 09:30:00Z').ToLocalTime()).Feed | Should -Be 'prices'
            $errors = @(Get-DataExportLog 'luma-prod' -ErrorsOnly | Where-Object Parsed)
            $errors | Should -HaveCount 2
            $errors | Where-Object { -not $_.IsError } | Should -BeNullOrEmpty
        }
    }
}
