# Export-ConnectorReport for a generated fleet of twelve instances (healthy, misconfigured, failing feeds, a database
# that does not answer), with their stores' databases in a throwaway MariaDB, rendered by a real headless Chromium:
# the page loads with no console message, its DOM holds the names, verdicts and counts the module computed, and
# screenshots at 1280 and 390 px go to out/TestResults/report-screenshots for a person to look at (a CI artifact).

Describe 'Export-ConnectorReport' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1') -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MariaDb.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'Chromium.psm1') -Force
        $savedEnvironment = Save-ConnectorEnvironment
        Clear-ConnectorContextVariable
        Disconnect-CommerceAccount

        $screenshots = Join-Path $PSScriptRoot '../out/TestResults/report-screenshots'
        $null = New-Item -ItemType Directory -Path $screenshots -Force
        $DbPassword = 'Fl33t-DB-s3cret'

        # Three store databases: every feed sent; items being retried; the generated mix of every status with a backlog and a lock.
        $server = Start-TestMariaDb
        $null = New-TestMagentoDatabase -Server $server -Database 'store_ok' -Rows 200 -Backlog 10 -ProcessedVersion 10
        $null = Invoke-TestMariaDbSql $server "USE store_ok; DELETE FROM flag; $((Get-TestFeedList | Where-Object Kind -eq 'Immediate' | ForEach-Object { "UPDATE ``$($_.Table)`` SET status = 200, errors = NULL;" }) -join ' ')"
        $null = New-TestMagentoDatabase -Server $server -Database 'store_retry' -Rows 200 -Backlog 10 -ProcessedVersion 10
        $null = Invoke-TestMariaDbSql $server "USE store_retry; DELETE FROM flag; $((Get-TestFeedList | Where-Object Kind -eq 'Immediate' | ForEach-Object { "UPDATE ``$($_.Table)`` SET status = IF(status = 200, 200, 2);" }) -join ' ')"
        $expectedFailing = New-TestMagentoDatabase -Server $server -Database 'store_failing' -Rows 300
        New-TestDatabaseUser -Server $server -User 'magento' -Password $DbPassword -Database 'store_ok', 'store_retry', 'store_failing'
        $closedPort = Get-FreeTcpPort

        $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
        $null = New-CommerceAccount -MageId 'MAG123456789' -Edition AdobeCommerce -Owner 'owner@luma.example.com' -Name 'Luma Retail <Europe> & Co'
        $null = Connect-CommerceAccount -MageId 'MAG123456789'
        $keys = Join-Path $TestDrive 'keys'
        $null = New-Item -ItemType Directory -Path $keys
        $production = New-ConnectorApiKey -Environment Production -Name 'fleet-production' -OutFile (Join-Path $keys 'production.pem')
        $sandbox = New-ConnectorApiKey -Environment Sandbox -Name 'fleet-sandbox' -OutFile (Join-Path $keys 'sandbox.pem')
        $oldSandbox = New-ConnectorApiKey -Environment Sandbox -Name 'fleet-sandbox-2025' -OutFile (Join-Path $keys 'sandbox-2025.pem')
        $projects = foreach ($n in 1..4) { New-SaaSProject -Name "Luma project $n" }

        function New-FleetInstance {
            # A Magento root (env.php with its database login, config.php with the connector modules), registered.
            param([string] $Name, [string] $Role, [string] $Database, [string] $DbHost = "127.0.0.1:$($server.Port)", [switch] $NoModules, [switch] $Broken)

            $root = Join-Path $TestDrive "fleet/$Name"
            $etc = Join-Path $root 'app/etc'
            $null = New-Item -ItemType Directory -Path $etc -Force
            $db = if ($Database) { "'db' => ['table_prefix' => '', 'connection' => ['default' => ['host' => '$DbHost', 'dbname' => '$Database', 'username' => 'magento', 'password' => '$DbPassword']]]," } else { '' }
            $text = if ($Broken) { "<?php`nreturn [`n    'db' => [ 'connection' => `n" } else { "<?php`nreturn [`n    'crypt' => ['key' => '00112233445566778899aabbccddeeff'],`n    $db`n    'MAGE_MODE' => 'production',`n];`n" }
            [System.IO.File]::WriteAllText((Join-Path $etc 'env.php'), $text)
            $modules = if ($NoModules) { "'Magento_Store' => 1" } else { "'Magento_Store' => 1, 'Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 1" }
            [System.IO.File]::WriteAllText((Join-Path $etc 'config.php'), "<?php`nreturn ['modules' => [$modules]];`n")
            $null = Register-CommerceInstance -Name $Name -Path $root -Role $Role
        }

        function Set-FleetConfiguration {
            # Both key pairs, the environment, and a data space of the project.
            param([string] $Name, [string] $Environment, $Project, [string] $SpaceType, $SandboxKey = $sandbox, [string] $SandboxFile = 'sandbox.pem', [int] $Testing = 0)

            $null = Set-ConnectorConfiguration -Instance $Name -Environment $Environment -ProductionApiKey $production.Id -ProductionPrivateKeyPath (Join-Path $keys 'production.pem') `
                -SandboxApiKey $SandboxKey.Id -SandboxPrivateKeyPath (Join-Path $keys $SandboxFile) -WarningAction SilentlyContinue
            $space = @(Get-DataSpace -Project $Project.ProjectId -Type $SpaceType)[$Testing]
            $null = Set-DataSpace -Instance $Name -DataSpace $space.DataSpaceId -Project $Project.ProjectId -WarningAction SilentlyContinue
        }

        New-FleetInstance -Name 'luma-prod-de' -Role Production -Database 'store_ok'
        Set-FleetConfiguration -Name 'luma-prod-de' -Environment Production -Project $projects[0] -SpaceType Production
        New-FleetInstance -Name 'luma-prod-fr' -Role Production -Database 'store_ok'
        Set-FleetConfiguration -Name 'luma-prod-fr' -Environment Production -Project $projects[1] -SpaceType Production
        New-FleetInstance -Name 'luma-stage-de' -Role Staging -Database 'store_ok'
        Set-FleetConfiguration -Name 'luma-stage-de' -Environment Sandbox -Project $projects[0] -SpaceType Testing
        New-FleetInstance -Name 'luma-stage-fr' -Role Staging -Database 'store_ok'
        Set-FleetConfiguration -Name 'luma-stage-fr' -Environment Sandbox -Project $projects[1] -SpaceType Testing
        New-FleetInstance -Name 'luma-dev-it' -Role Development -Database 'store_ok'
        Set-FleetConfiguration -Name 'luma-dev-it' -Environment Sandbox -Project $projects[3] -SpaceType Testing
        New-FleetInstance -Name 'luma-dev-es' -Role Development -Database 'store_retry'
        Set-FleetConfiguration -Name 'luma-dev-es' -Environment Sandbox -Project $projects[2] -SpaceType Testing
        New-FleetInstance -Name 'luma-prod-it' -Role Production -Database 'store_failing'
        Set-FleetConfiguration -Name 'luma-prod-it' -Environment Production -Project $projects[2] -SpaceType Production
        New-FleetInstance -Name 'luma-prod-es' -Role Production -Database 'store_ok' -DbHost "127.0.0.1:$closedPort"
        Set-FleetConfiguration -Name 'luma-prod-es' -Environment Production -Project $projects[3] -SpaceType Production
        New-FleetInstance -Name 'luma-stage-nokeys' -Role Staging -Database 'store_ok'
        New-FleetInstance -Name 'luma-stage-revoked' -Role Staging -Database 'store_ok'
        Set-FleetConfiguration -Name 'luma-stage-revoked' -Environment Sandbox -Project $projects[0] -SpaceType Testing -Testing 1 -SandboxKey $oldSandbox -SandboxFile 'sandbox-2025.pem'
        $null = Revoke-ConnectorApiKey -Id $oldSandbox.Id -Force -Confirm:$false -WarningAction SilentlyContinue
        New-FleetInstance -Name 'luma-stage-modules' -Role Staging -Database 'store_ok' -NoModules
        Set-FleetConfiguration -Name 'luma-stage-modules' -Environment Sandbox -Project $projects[1] -SpaceType Testing -Testing 1
        New-FleetInstance -Name 'luma-broken' -Role Integration -Broken

        $checks = @{}
        foreach ($instance in Get-CommerceInstance) {
            $checks[$instance.Name] = @(Test-ConnectorConfiguration -Instance $instance.Name -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        }

        $page = Join-Path $TestDrive 'connector-report.html'
        $summary = Export-ConnectorReport -Path $page -All -PassThru -Verbose 4>&1 | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $html = [System.IO.File]::ReadAllText($page)
        $rendered = Invoke-HeadlessChromium -Path $page -DumpDom -Width 1280 -Height 2400

        function Get-Section {
            # The part of the DOM that is one instance's section.
            param([string] $Dom, [string] $Name)
            $match = [regex]::Match($Dom, "<section[^>]*data-instance=""$([regex]::Escape($Name))""[\s\S]*?</section>")
            $match.Value
        }
    }

    AfterAll {
        Stop-TestMariaDb $server
        Disconnect-CommerceAccount
        Restore-ConnectorEnvironment $savedEnvironment
    }

    Context 'the page in a browser' {
        It 'loads in headless Chromium with no console message (a blocked load would be one)' {
            $rendered.ExitCode | Should -Be 0
            $rendered.Console | Should -HaveCount 0
            $rendered.Dom | Should -BeLike '*<h1>Commerce Services Connector report</h1>*'
        }

        It 'sees a console error when a page has one (the check itself can fail)' {
            $bad = Join-Path $TestDrive 'bad.html'
            Set-Content -LiteralPath $bad -Value '<!DOCTYPE html><html><head><title>x</title></head><body><script>console.error("report-check")</script></body></html>'
            $result = Invoke-HeadlessChromium -Path $bad -DumpDom
            @($result.Console | Where-Object { $_ -like '*report-check*' }) | Should -HaveCount 1
        }

        It 'holds every instance, those that need attention first, then warnings, then the rest' {
            $order = @([regex]::Matches($rendered.Dom, '<section class="instance[^"]*" id="[^"]*" data-instance="([^"]+)" data-state="([^"]+)"') | ForEach-Object { "$($_.Groups[2].Value):$($_.Groups[1].Value)" })

            $order -join ',' | Should -Be ('NeedsAttention:luma-broken,NeedsAttention:luma-prod-it,NeedsAttention:luma-stage-modules,NeedsAttention:luma-stage-nokeys,NeedsAttention:luma-stage-revoked,' +
                'Warning:luma-dev-es,Warning:luma-prod-es,' +
                'Ok:luma-dev-it,Ok:luma-prod-de,Ok:luma-prod-fr,Ok:luma-stage-de,Ok:luma-stage-fr')
            $rendered.Dom | Should -Match 'data-state="NeedsAttention" data-count="5"'
            $rendered.Dom | Should -Match 'data-state="Warning" data-count="2"'
            $rendered.Dom | Should -Match 'data-state="Ok" data-count="5"'
        }

        It 'shows every check of Test-ConnectorConfiguration with its verdict, message and fix' {
            foreach ($name in $checks.Keys) {
                $section = Get-Section $rendered.Dom $name
                $shown = @([regex]::Matches($section, 'data-check="([^"]+)" data-verdict="([^"]+)"') | ForEach-Object { "$($_.Groups[1].Value)=$($_.Groups[2].Value)" } | Sort-Object)
                $shown -join ',' | Should -Be (@($checks[$name] | ForEach-Object { "$($_.Name)=$($_.Verdict)" } | Sort-Object) -join ',') -Because $name
            }
            $revoked = Get-Section $rendered.Dom 'luma-stage-revoked'
            $revoked | Should -Match 'data-check="KeyCurrent" data-verdict="Failed"'
            # API key ids are shown by their last six characters only.
            $fix = ($checks['luma-stage-revoked'] | Where-Object Name -eq 'KeyCurrent').Fix
            foreach ($key in $production, $sandbox, $oldSandbox) { $fix = $fix.Replace($key.Id, [string][char]0x2026 + $key.Id.Substring($key.Id.Length - 6)) }
            $fix | Should -BeLike "*-SandboxApiKey $([char]0x2026)$($sandbox.Id.Substring(26))*"
            # The browser's DOM escapes only &, < and > in text.
            $revoked | Should -BeLike "*Fix: <code>$($fix.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;'))</code>*"
            Get-Section $rendered.Dom 'luma-stage-nokeys' | Should -Match 'data-check="KeysPresent" data-verdict="Failed"'
            Get-Section $rendered.Dom 'luma-stage-modules' | Should -Match 'data-check="ModulesEnabled" data-verdict="Failed"'
            Get-Section $rendered.Dom 'luma-broken' | Should -Match 'data-check="ConfigurationReadable" data-verdict="Failed"'
        }

        It 'shows role, environment, project, data space and key fingerprints with their state' {
            $section = Get-Section $rendered.Dom 'luma-prod-de'
            $configuration = Get-ConnectorConfiguration -Instance 'luma-prod-de'

            $section | Should -BeLike '*<dt>Role</dt><dd>Production</dd>*'
            $section | Should -BeLike '*<dt>Environment</dt><dd>production</dd>*'
            $section | Should -BeLike "*Luma project 1 <code>$($projects[0].ProjectId)</code>*"
            $section | Should -BeLike "*<code>$($configuration.DataSpaceId)</code>*"
            $section | Should -BeLike "*<code>$($configuration.ProductionKeyFingerprint)</code>*"
            $section | Should -BeLike '*fleet-production*Active*'
            Get-Section $rendered.Dom 'luma-stage-revoked' | Should -BeLike '*fleet-sandbox-2025*Revoked*'
        }

        It 'draws each feed''s counts as a bar, with the counts the database holds and the newest errors' {
            $section = Get-Section $rendered.Dom 'luma-prod-it'
            foreach ($feed in 'products', 'prices', 'categories') {
                $expected = $expectedFailing[$feed]
                $section | Should -Match ("data-feed=""$feed"" data-health=""[A-Za-z]+"" data-submitted=""$($expected.Submitted)"" data-retry=""$($expected.FailedWillRetry)"" data-attention=""$($expected.FailedRequireAttention)""") -Because $feed
            }
            $section | Should -Match "data-feed=""products"" data-health=""NeedsAttention""[^>]*data-awaiting=""$($expectedFailing['products'].AwaitingSubmission)"""
            $section | Should -BeLike '*role="img" aria-label="products: *submitted*'
            $section | Should -BeLike '*locked by <code>saas:resync(4242)</code>*'
            $section | Should -BeLike '*<h3>Newest errors</h3>*Invalid data for entity*'
            Get-Section $rendered.Dom 'luma-dev-es' | Should -Match 'data-feed="products" data-health="Retrying"'
            Get-Section $rendered.Dom 'luma-prod-de' | Should -Not -Match 'data-health="(NeedsAttention|Retrying|Backlog)"'
        }

        It 'says why the feeds of an unreachable database are not shown' {
            Get-Section $rendered.Dom 'luma-prod-es' | Should -BeLike '*class="note database"*DatabaseUnreachable*'
        }

        It 'saves screenshots at 1280 and 390 px for a person to look at' {
            # The page itself goes beside the screenshots, for a person to open.
            Copy-Item -LiteralPath $page -Destination (Join-Path $screenshots 'connector-report.html') -Force
            $wide = Join-Path $screenshots 'connector-report-1280.png'
            $phone = Join-Path $screenshots 'connector-report-390.png'
            Remove-Item -LiteralPath $wide, $phone -ErrorAction SilentlyContinue
            $null = Invoke-HeadlessChromium -Path $page -Screenshot $wide -Width 1280 -Height 2400
            $null = Invoke-HeadlessChromium -Path $page -Screenshot $phone -Width 390 -Height 2400

            foreach ($file in $wide, $phone) {
                $bytes = [System.IO.File]::ReadAllBytes($file)
                [System.BitConverter]::ToString($bytes, 0, 8) | Should -Be '89-50-4E-47-0D-0A-1A-0A'
                # The PNG's width, big-endian at offset 16.
                $width = ([int]$bytes[16] -shl 24) -bor ([int]$bytes[17] -shl 16) -bor ([int]$bytes[18] -shl 8) -bor [int]$bytes[19]
                $width | Should -Be $(if ($file -eq $wide) { 1280 } else { 390 })
            }
        }
    }

    Context 'the file' {
        It 'is self-contained: no script, no external style sheet, font or image, and a policy that forbids loading any' {
            $html | Should -Not -Match '<script'
            $html | Should -Not -Match '<link'
            $html | Should -Not -Match '(src|href)="(https?:)?//'
            $html | Should -Not -Match '@import|url\('
            $html | Should -BeLike "*Content-Security-Policy*default-src 'none'*"
        }

        It 'holds no secret: no private key, no database password, no API key id' {
            $html | Should -Not -BeLikeExactly '*-----BEGIN*'
            $html | Should -Not -BeLikeExactly '*PRIVATE KEY*'
            $html | Should -Not -BeLike "*$DbPassword*"
            foreach ($key in $production, $sandbox, $oldSandbox) {
                $html | Should -Not -BeLike "*$($key.Id)*"
            }
        }

        It 'encodes every value: the account name is text, not markup' {
            $html | Should -BeLike '*Luma Retail &lt;Europe&gt; &amp; Co*'
            $html | Should -Not -BeLike '*<Europe>*'
        }

        It 'gives a summary for scripts with -PassThru' {
            $summary | Should -BeOfType (Get-ConnectorType 'CommerceConnector.Core.Reports.ConnectorReportSummary')
            $summary.Path | Should -Be $page
            $summary.NeedsAttention | Should -Be 5
            $summary.Warning | Should -Be 2
            $summary.Ok | Should -Be 5
            $summary.Instances[0].Name | Should -Be 'luma-broken'
            ($summary.Instances | Where-Object Name -eq 'luma-prod-it').FeedsNeedingAttention | Should -BeGreaterThan 0
            ($summary.Instances | Where-Object Name -eq 'luma-stage-nokeys').FailedChecks | Should -BeGreaterThan 0
        }

        It 'reports the instances it is given, by name, wildcard or from the pipeline' {
            $byName = Export-ConnectorReport -Path (Join-Path $TestDrive 'two.html') -Instance 'luma-prod-de', 'luma-stage-*' -NoDatabase -PassThru
            $piped = Get-CommerceInstance -Role Development | Export-ConnectorReport -Path (Join-Path $TestDrive 'dev.html') -NoDatabase -PassThru

            @($byName.Instances.Name | Sort-Object) -join ',' | Should -Be 'luma-prod-de,luma-stage-de,luma-stage-fr,luma-stage-modules,luma-stage-nokeys,luma-stage-revoked'
            @($piped.Instances.Name | Sort-Object) -join ',' | Should -Be 'luma-dev-es,luma-dev-it'
            [System.IO.File]::ReadAllText((Join-Path $TestDrive 'dev.html')) | Should -BeLike '*The database was not read (-NoDatabase).*'
        }

        It 'shows its progress: each instance checked, each database read, then the file written' {
            $ps = [powershell]::Create()
            try {
                $manifest = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
                $target = Join-Path $TestDrive 'progress.html'
                $null = $ps.AddScript("Import-Module '$manifest'; `$null = Connect-CommerceAccount -MageId 'MAG123456789'; Export-ConnectorReport -Path '$target' -Instance 'luma-prod-de', 'luma-dev-es'").Invoke()
                $steps = @($ps.Streams.Progress | Where-Object RecordType -eq 'Processing' | ForEach-Object StatusDescription)
                $errors = @($ps.Streams.Error)
            }
            finally {
                $ps.Dispose()
            }

            $errors | Should -HaveCount 0
            $steps[0..1] -join ',' | Should -Be 'Checking luma-prod-de,Checking luma-dev-es'
            @($steps | Where-Object { $_ -like 'Reading the data export status of *' } | Sort-Object) -join ',' |
                Should -Be 'Reading the data export status of luma-dev-es,Reading the data export status of luma-prod-de'
            $steps[-1] | Should -Be "Writing $target"
        }

        It 'writes nothing under -WhatIf, and refuses a folder that does not exist with ConnectorReportWriteFailed' {
            $whatIf = Join-Path $TestDrive 'whatif.html'
            Export-ConnectorReport -Path $whatIf -NoDatabase -WhatIf
            Test-Path -LiteralPath $whatIf | Should -BeFalse

            { Export-ConnectorReport -Path (Join-Path $TestDrive 'missing/report.html') -NoDatabase -ErrorAction Stop } | Should -Throw -ErrorId 'ConnectorReportWriteFailed*'
        }
    }
}
