# Sync-DataExportFeed against the process contract it meets on a store: a stand-in bin/magento (tests/fixtures/
# magento-standin, run by the real php) that answers saas:resync as Magento's Resync command does and records the
# arguments it received. The confirmation of -CleanupFeed is answered through a real console host (a child pwsh whose
# input is the answer), and the status counts come from a throwaway MariaDB.

Describe 'Sync-DataExportFeed' {
    BeforeAll {
        $manifest = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module $manifest -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MagentoStandIn.psm1') -Force
        $savedEnvironment = Save-ConnectorEnvironment
        Clear-ConnectorContextVariable
        Disconnect-CommerceAccount

        $root = New-TestMagentoStandIn -Folder (Join-Path $TestDrive 'luma') -Scenario @{ products = @{ outcome = 'ok'; duration = '00:01:05' } }

        function Invoke-ChildPwsh {
            # Runs Script in a fresh pwsh whose standard input is Answer: the console host reads a confirmation from it.
            param([string] $Script, [string] $Answer)

            $file = Join-Path $TestDrive ("child-" + [guid]::NewGuid().ToString('N') + '.ps1')
            Set-Content -LiteralPath $file -Value "Import-Module '$manifest'`n$Script"
            $pwsh = if (Test-Path -LiteralPath (Join-Path $PSHOME 'pwsh') -PathType Leaf) { Join-Path $PSHOME 'pwsh' } else { (Get-Command -Name pwsh -CommandType Application)[0].Source }
            $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
            foreach ($argument in '-NoProfile', '-File', $file) { $start.ArgumentList.Add($argument) }
            $start.RedirectStandardInput = $true
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardError = $true
            $start.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($start)
            $process.StandardInput.WriteLine($Answer)
            $process.StandardInput.Close()
            $errors = $process.StandardError.ReadToEndAsync()
            $output = $process.StandardOutput.ReadToEnd()
            $process.WaitForExit()
            [pscustomobject]@{ Output = $output; Errors = $errors.Result; ExitCode = $process.ExitCode }
        }
    }

    BeforeEach {
        Clear-TestResyncCall -Root $root
        Set-TestResyncScenario -Root $root -Scenario @{ products = @{ outcome = 'ok'; duration = '00:01:05' } }
    }

    AfterAll {
        Disconnect-CommerceAccount
        Restore-ConnectorEnvironment $savedEnvironment
    }

    Context 'one feed' {
        It 're-sends one feed and reports Magento''s own duration, exit code and lines' {
            $result = Sync-DataExportFeed -Path $root -Feed products -NoStatus -Confirm:$false

            $result | Should -BeOfType (Get-ConnectorType 'CommerceConnector.Core.DataExport.DataExportResyncResult')
            $result.Feed | Should -Be 'products'
            $result.Succeeded | Should -BeTrue
            $result.ExitCode | Should -Be 0
            $result.Duration | Should -Be ([timespan]'00:01:05')
            $result.Error | Should -BeNullOrEmpty
            $result.Command | Should -Be 'php bin/magento saas:resync --feed=products'
            $result.Output[0] | Should -Be 'Executing full re-sync of Products Feed feed data...'
            $result.Output[-1] | Should -Be 'Products Feed feed data full re-sync complete in 00:01:05'
            $calls = @(Get-TestResyncCall -Root $root)
            $calls | Should -HaveCount 1
            $calls[0].arguments -join ' ' | Should -Be 'saas:resync --feed=products'
        }

        It 'turns Magento''s lines into progress records and verbose text' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$manifest'; Sync-DataExportFeed -Path '$root' -Feed products -NoStatus -Verbose -Confirm:`$false").Invoke()
                $progress = @($ps.Streams.Progress | ForEach-Object StatusDescription)
                $verbose = @($ps.Streams.Verbose | ForEach-Object Message)
            }
            finally {
                $ps.Dispose()
            }

            $progress | Should -Contain 'products (1 of 1): Executing full re-sync of Products Feed feed data...'
            $progress | Should -Contain 'products (1 of 1): Progress 2/2, processed 100, synced 100'
            $verbose | Should -Contain "$([System.IO.Path]::GetFullPath($root)) products: Products Feed feed data full re-sync complete in 00:01:05"
        }

        It 'passes every option of saas:resync as Magento spells it' {
            $null = Sync-DataExportFeed -Path $root -Feed products -ById 'SKU-1', 'MH01 XS' -IdType Sku -BatchSize 500 -ThreadCount 4 -DryRun -ContinueResync -NoStatus -Confirm:$false
            $null = Sync-DataExportFeed -Path $root -Feed prices -ById '12', '13' -IdType ProductId -NoStatus -Confirm:$false
            $null = Sync-DataExportFeed -Path $root -Feed categories -NoReindex -NoStatus -Confirm:$false

            $calls = @(Get-TestResyncCall -Root $root)
            $calls[0].arguments -join '|' | Should -Be 'saas:resync|--feed=products|--dry-run|--continue-resync|--by-ids=SKU-1,MH01 XS|--id-type=sku|--batch-size=500|--thread-count=4'
            $calls[1].arguments -join '|' | Should -Be 'saas:resync|--feed=prices|--by-ids=12,13|--id-type=productId'
            $calls[2].arguments -join '|' | Should -Be 'saas:resync|--feed=categories|--no-reindex'
        }

        It 'reads the re-submit line of -NoReindex' {
            Set-TestResyncScenario -Root $root -Scenario @{ categories = @{ outcome = 'ok'; duration = '00:00:42' } }
            $result = Sync-DataExportFeed -Path $root -Feed categories -NoReindex -NoStatus -Confirm:$false

            $result.Output[0] | Should -Be 'Re-submitting Categories Feed feed data...'
            $result.Duration | Should -Be ([timespan]'00:00:42')
        }

        It 'parses a duration of more than a day' {
            Set-TestResyncScenario -Root $root -Scenario @{ products = @{ outcome = 'ok'; duration = '2 day(s) 03:04:05' } }
            (Sync-DataExportFeed -Path $root -Feed products -NoStatus -Confirm:$false).Duration | Should -Be ([timespan]'2.03:04:05')
        }
    }

    Context 'several feeds' {
        It 'runs them in Magento''s recommended order, whatever order they were given in, aliases included' {
            $results = @(Sync-DataExportFeed -Path $root -Feed categories, products, productattributes, SCOPESWEBSITE, productoverrides -NoStatus -Confirm:$false)

            @($results.Feed) -join ',' | Should -Be 'productAttributes,products,scopesWebsite,productOverrides,categories'
            @(Get-TestResyncCall -Root $root | ForEach-Object { $_.arguments[1] }) -join ',' |
                Should -Be '--feed=productAttributes,--feed=products,--feed=scopesWebsite,--feed=productOverrides,--feed=categories'
            @($results | Where-Object Succeeded).Count | Should -Be 5
        }

        It 'reports a failed feed with Magento''s error line and goes on with the next' {
            Set-TestResyncScenario -Root $root -Scenario @{ categories = @{ outcome = 'fail'; message = 'Invalid category tree' } }
            $results = @(Sync-DataExportFeed -Path $root -Feed categories, variants -NoStatus -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures)

            @($results.Feed) -join ',' | Should -Be 'variants,categories'
            $failed = $results | Where-Object Feed -eq 'categories'
            $failed.Succeeded | Should -BeFalse
            $failed.ExitCode | Should -Be 1
            $failed.Duration | Should -BeNullOrEmpty
            $failed.Error | Should -Be 'An error occurred re-syncing Categories Feed feed data to SaaS service: Invalid category tree.'
            $failed.ErrorId | Should -Be 'DataExportResyncFailed'
            ($results | Where-Object Feed -eq 'variants').Succeeded | Should -BeTrue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DataExportResyncFailed*'
            $failures[0].Exception.Message | Should -BeLike '*Get-DataExportLog -Feed categories -ErrorsOnly*'
        }

        It 'reports a feed locked by another process with its own error id and the holder' {
            Set-TestResyncScenario -Root $root -Scenario @{ prices = @{ outcome = 'locked'; lockedBy = 'saas:resync(31337)' } }
            $result = Sync-DataExportFeed -Path $root -Feed prices -NoStatus -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures

            $result.Succeeded | Should -BeFalse
            $result.ExitCode | Should -Be 1
            $result.LockedBy | Should -Be 'saas:resync(31337)'
            $result.ErrorId | Should -Be 'DataExportFeedLocked'
            $result.Error | Should -Be 'An error occurred re-syncing Product Prices Feed feed data to SaaS service: Feed sync skipped, resource occupied by another process: saas:resync(31337).'
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'DataExportFeedLocked*'
            "$($failures[0].CategoryInfo.Category)" | Should -Be 'ResourceBusy'
        }
    }

    Context 'refused before anything runs' {
        It 'refuses <Case> with DataExportResyncOptionsInvalid and runs nothing' -ForEach @(
            @{ Case = '-ById for categories'; Arguments = @{ Feed = 'categories'; ById = 'SKU-1' } }
            @{ Case = '-ById for one feed of several'; Arguments = @{ Feed = 'products', 'variants'; ById = 'SKU-1' } }
            @{ Case = '-ContinueResync for productAttributes'; Arguments = @{ Feed = 'productAttributes'; ContinueResync = $true } }
            @{ Case = '-NoReindex for products'; Arguments = @{ Feed = 'products'; NoReindex = $true } }
            @{ Case = '-NoReindex for prices'; Arguments = @{ Feed = 'prices'; NoReindex = $true } }
            @{ Case = '-NoReindex for productOverrides'; Arguments = @{ Feed = 'productoverrides'; NoReindex = $true } }
            @{ Case = '-IdType without -ById'; Arguments = @{ Feed = 'products'; IdType = 'ProductId' } }
            @{ Case = 'a SKU with a comma'; Arguments = @{ Feed = 'products'; ById = 'A,B' } }
            @{ Case = 'a product id that is not a number'; Arguments = @{ Feed = 'products'; ById = 'SKU-1'; IdType = 'ProductId' } }
        ) {
            { Sync-DataExportFeed -Path $root @Arguments -NoStatus -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataExportResyncOptionsInvalid*'
            @(Get-TestResyncCall -Root $root) | Should -HaveCount 0
        }

        It 'refuses a name that is no feed with DataExportFeedNotFound, naming the feeds and aliases' {
            $failure = { Sync-DataExportFeed -Path $root -Feed products, catalog -NoStatus -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'DataExportFeedNotFound*' -PassThru
            $failure.Exception.Message | Should -BeLike "*no feed 'catalog'*productattributes*"
            @(Get-TestResyncCall -Root $root) | Should -HaveCount 0
        }

        It 'says MagentoCliNotFound for a root without bin/magento' {
            $bare = Join-Path $TestDrive 'bare'
            $null = New-Item -ItemType Directory -Path (Join-Path $bare 'app/etc') -Force
            Set-Content -LiteralPath (Join-Path $bare 'app/etc/env.php') -Value "<?php`nreturn [];"
            Sync-DataExportFeed -Path $bare -Feed products -NoStatus -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'MagentoCliNotFound*'
        }
    }

    Context 'what is asked first' {
        It 'runs nothing under -WhatIf' {
            Sync-DataExportFeed -Path $root -Feed products, categories -NoStatus -WhatIf
            Sync-DataExportFeed -Path $root -Feed products -CleanupFeed -NoStatus -WhatIf

            @(Get-TestResyncCall -Root $root) | Should -HaveCount 0
        }

        It 'runs nothing when the truncation of -CleanupFeed is declined at the prompt' {
            $child = Invoke-ChildPwsh -Answer 'N' -Script "Sync-DataExportFeed -Path '$root' -Feed products -CleanupFeed -NoStatus | ForEach-Object { 'RESULT ' + `$_.Feed }"

            $child.Output | Should -BeLike '*Truncate the feed table of products*'
            $child.Output | Should -Not -BeLike '*RESULT*'
            @(Get-TestResyncCall -Root $root) | Should -HaveCount 0
        }

        It 'answers Magento''s yes/no question only after the truncation was confirmed at the prompt' {
            $child = Invoke-ChildPwsh -Answer 'Y' -Script "Sync-DataExportFeed -Path '$root' -Feed products -CleanupFeed -NoStatus | ForEach-Object { 'RESULT ' + `$_.Feed + ' ' + `$_.Succeeded }"

            $child.Output | Should -BeLike '*RESULT products True*'
            $calls = @(Get-TestResyncCall -Root $root)
            $calls | Should -HaveCount 1
            $calls[0].arguments -join ' ' | Should -Be 'saas:resync --feed=products --cleanup-feed'
            $calls[0].interactive | Should -BeTrue
            $calls[0].answer | Should -Be 'yes'
        }

        It 'answers it after -Confirm:$false, and does not answer for -DryRun, where Magento asks nothing' {
            $confirmed = Sync-DataExportFeed -Path $root -Feed products -CleanupFeed -NoStatus -Confirm:$false
            $dry = Sync-DataExportFeed -Path $root -Feed products -CleanupFeed -DryRun -NoStatus -Confirm:$false

            $confirmed.Succeeded | Should -BeTrue
            $confirmed.CleanupFeed | Should -BeTrue
            $dry.Succeeded | Should -BeTrue
            $calls = @(Get-TestResyncCall -Root $root)
            $calls[0].answer | Should -Be 'yes'
            $calls[1].arguments -join ' ' | Should -Be 'saas:resync --feed=products --cleanup-feed --dry-run'
            $calls[1].answer | Should -BeNullOrEmpty
        }
    }

    Context 'many instances' {
        BeforeAll {
            $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
            $null = New-CommerceAccount -MageId 'MAG123456789' -Edition AdobeCommerce -Owner 'owner@luma.example.com' -Name 'Luma'
            $null = Connect-CommerceAccount -MageId 'MAG123456789'
            $fleet = foreach ($name in 'luma-a', 'luma-b', 'luma-c') {
                $storeRoot = New-TestMagentoStandIn -Folder (Join-Path $TestDrive $name) -Scenario @{ products = @{ outcome = 'ok'; delayMs = 200 } }
                $null = Register-CommerceInstance -Name $name -Path $storeRoot -Role Staging
                $storeRoot
            }
        }

        It 'takes instances from the pipeline' {
            $results = @(Get-CommerceInstance | Sync-DataExportFeed -Feed products -NoStatus -Confirm:$false)

            @($results.Instance | Sort-Object) -join ',' | Should -Be 'luma-a,luma-b,luma-c'
            foreach ($storeRoot in $fleet) { @(Get-TestResyncCall -Root $storeRoot) | Should -HaveCount 1 }
        }

        It 'runs every registered instance with -All, a few at a time, and takes instance names from the pipeline' {
            $all = @(Sync-DataExportFeed -All -Feed products, productAttributes -ThrottleLimit 2 -NoStatus -Confirm:$false)
            $named = @('luma-a', 'luma-c' | Sync-DataExportFeed -Feed products -NoStatus -Confirm:$false)

            $all | Should -HaveCount 6
            foreach ($name in 'luma-a', 'luma-b', 'luma-c') {
                @($all | Where-Object Instance -eq $name | ForEach-Object Feed) -join ',' | Should -Be 'productAttributes,products'
            }
            # Instances run at once: their results come as each one finishes.
            @($named.Instance | Sort-Object) -join ',' | Should -Be 'luma-a,luma-c'
        }

        It 'runs in the background as a thread job, as the help says instead of -AsJob' {
            foreach ($storeRoot in $fleet) { Clear-TestResyncCall -Root $storeRoot }
            $job = Start-ThreadJob -ScriptBlock {
                Import-Module $using:manifest
                $null = Connect-CommerceAccount -MageId 'MAG123456789'
                Sync-DataExportFeed -All -Feed products -ThrottleLimit 2 -NoStatus -Confirm:$false
            }
            $results = @(Receive-Job -Job $job -Wait -AutoRemoveJob -ErrorAction Stop)

            @($results.Instance | Sort-Object) -join ',' | Should -Be 'luma-a,luma-b,luma-c'
            @($results | Where-Object Succeeded) | Should -HaveCount 3
            foreach ($storeRoot in $fleet) { @(Get-TestResyncCall -Root $storeRoot) | Should -HaveCount 1 }
        }

        It 'runs nothing on any instance when the options are refused' {
            foreach ($storeRoot in $fleet) { Clear-TestResyncCall -Root $storeRoot }
            { Sync-DataExportFeed -All -Feed products -NoReindex -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'DataExportResyncOptionsInvalid*'
            foreach ($storeRoot in $fleet) { @(Get-TestResyncCall -Root $storeRoot) | Should -HaveCount 0 }
        }

        It 'completes -Feed with the feed names' {
            $completion = TabExpansion2 -inputScript 'Sync-DataExportFeed -Feed product' -cursorColumn 'Sync-DataExportFeed -Feed product'.Length
            @($completion.CompletionMatches.CompletionText) | Should -Contain 'products'
            @($completion.CompletionMatches.CompletionText) | Should -Contain 'productAttributes'
            @($completion.CompletionMatches.CompletionText) | Should -Not -Contain 'categories'
        }
    }

    Context 'with the store database' {
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'MariaDb.psm1') -Force
            $server = Start-TestMariaDb
            $expected = New-TestMagentoDatabase -Server $server -Database 'luma_sync' -Rows 120
            $dbRoot = New-TestMagentoStandIn -Folder (Join-Path $TestDrive 'luma-db') -EnvPhpBody @"
'db' => ['table_prefix' => '', 'connection' => ['default' => ['host' => 'localhost:$($server.Socket)', 'dbname' => 'luma_sync', 'username' => 'root', 'password' => '']]],
"@
        }

        AfterAll {
            Stop-TestMariaDb $server
        }

        It 'carries the feed''s status counts before and after' {
            $result = Sync-DataExportFeed -Path $dbRoot -Feed products -Confirm:$false

            $result.Succeeded | Should -BeTrue
            $result.Before.Submitted | Should -Be $expected['products'].Submitted
            $result.Before.FailedRequireAttention | Should -Be $expected['products'].FailedRequireAttention
            $result.After.Submitted | Should -Be $expected['products'].Submitted
            $result.After.Feed | Should -Be 'products'
        }

        It 'warns once and still runs when the database cannot be read' {
            $result = Sync-DataExportFeed -Path $root -Feed products, categories -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

            @($result | Where-Object Succeeded).Count | Should -Be 2
            $result[0].Before | Should -BeNullOrEmpty
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -BeLike '*status counts before and after are not shown*'
        }
    }
}
