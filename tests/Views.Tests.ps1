# Every default table view of the module, rendered as an administrator's 80-column console shows it: no line wider
# than 80 and every header whole on its own line (a header too wide for its column is printed as a vertical column of
# single letters, or cut). The objects are real: examples/Quickstart.ps1 makes an account, keys, a project and a
# configured instance, and each cmdlet's output is formatted as it comes.

Describe 'Default table views at 80 columns' {
    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext

        # A long temporary path, as on a real server (/var/www/...), so that path columns are cut, not sized to fit.
        $deep = Join-Path $TestDrive 'var-www-clients-luma-retail-europe/releases/20261207093000'
        $null = New-Item -ItemType Directory -Path $deep -Force
        $walk = Invoke-Quickstart -TempRoot $deep
        $null = Add-CommerceAccountMember -User 'integration.partner.with.a.long.address@agency.example.com' -Role SharedAccess

        $keyTest = Test-ConnectorApiKey -ApiKey $walk.ProductionApiKey -PrivateKeyPath $walk.ProductionKeyFile
        $repaired = Repair-ConnectorPrivateKey -Path $walk.ProductionKeyFile -OutFile (Join-Path $walk.Folder 'repaired-with-a-long-file-name.pem')
        $configuration = Get-ConnectorConfiguration -Instance $walk.Instance
        $result = Set-ImsOrganization -Instance $walk.Instance -OrganizationId '0123456789ABCDEF01234567@AdobeOrg' -PassThru
        $export = Export-ConnectorConfiguration -Instance $walk.Instance -Format Dotenv -OutFile (Join-Path $walk.Folder 'connector-with-a-long-name.env')
        # A port nothing listens on: a real verdict (Unreachable) without a server, and a long message to cut.
        $freePort = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $freePort.Start(); $port = $freePort.LocalEndpoint.Port; $freePort.Stop()
        $connection = Test-ConnectorConnection -Instance $walk.Instance -Environment Both -Gateway "http://127.0.0.1:$port/"
        # What Sync-SaaSProject reports, planned by Core over a store that writes nothing: a rename and an addition.
        $project = Get-SaaSProject | Select-Object -First 1
        $rows = @(
            foreach ($space in $project.DataSpaces) {
                [CommerceConnector.Core.Registry.RegistryRow]@{ ProjectId = $project.ProjectId; ProjectName = 'Luma Retail Europe (renamed in the Admin)'
                    EnvironmentId = $space.DataSpaceId; EnvironmentName = $space.DataSpaceName; EnvironmentType = $space.Type.ToString().ToLowerInvariant() }
            }
            [CommerceConnector.Core.Registry.RegistryRow]@{ ProjectId = 'a7c1e2f3-0b4d-4e5f-8a9b-0c1d2e3f4a5b'; ProjectName = 'Luma Outlet'
                EnvironmentId = 'b8d2f3a4-1c5e-4f60-9bac-1d2e3f4a5b6c'; EnvironmentName = 'Production'; EnvironmentType = 'production' }
        )
        $preview = [CommerceConnector.Core.Storage.PreviewRegistryStore]::new([CommerceConnector.Core.Storage.FileRegistryStore]::new($walk.Registry))
        $changes = [CommerceConnector.Core.Projects.RegistrySync]::new($preview).Sync($walk.MageId, $null, $walk.ProductionApiKey, [CommerceConnector.Core.Registry.RegistryRow[]]$rows, $null)

        # The data export views read a real store database: a throwaway MariaDB with a few rows per feed.
        $server = Start-TestMariaDb
        $null = New-TestMagentoDatabase -Server $server -Database 'views' -Rows 40
        $store = [System.IO.Path]::Combine($deep, 'store-with-a-database')
        $null = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($store, 'app', 'etc')), ([System.IO.Path]::Combine($store, 'var', 'log')) -Force
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($store, 'app', 'etc', 'env.php'),
            "<?php`nreturn ['db' => ['connection' => ['default' => ['host' => 'localhost:$($server.Socket)', 'dbname' => 'views', 'username' => 'root', 'password' => '']]]];`n")
        [System.IO.File]::WriteAllLines([System.IO.Path]::Combine($store, 'var', 'log', 'saas-export-errors.log'), [string[]]@(
                '[2026-12-07T09:20:11.000000+00:00] main.ERROR: Export error. API request was not successful. {"request_id":"f00dbabe","status_code":503,"feed":"productAttributes"} []'
                '[2026-12-07T09:14:03.000000+00:00] report.ERROR: {"feed":"products","operation":"full sync","status":"CDE01-02 Cannot process the feed data of a very long product","elapsed":"1s"} [] []'))
        # Sync-DataExportFeed against the saas:resync stand-in (tests/fixtures/magento-standin), one feed locked by another process.
        Copy-Item -LiteralPath (Join-Path $PSScriptRoot 'fixtures/magento-standin/bin') -Destination $store -Recurse
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($store, 'var', 'saas-resync-scenario.json'), '{"prices":{"outcome":"locked","lockedBy":"saas:resync(4242)"}}')
        $resync = @(Sync-DataExportFeed -Path $store -Feed products, prices -Confirm:$false -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $reportSummary = Export-ConnectorReport -Path (Join-Path $deep 'connector-report-with-a-long-file-name.html') -NoDatabase -PassThru
        $rotation = Update-ConnectorApiKey -Environment Production -OutFile (Join-Path $walk.Folder 'rotated-production-key.pem') -WarningAction SilentlyContinue
        # The shared registry's audit trail and a copy of the walk-through's registry into another folder (issue 20).
        $copyCounts = @(Copy-ConnectorRegistry -From $walk.Registry -To (Join-Path $deep 'copied-registry-with-a-long-name') -Confirm:$false)

        # One sample of each type that has a view: what a person sees first after each command.
        $samples = [ordered]@{
            'CommerceConnector.Core.Accounts.CommerceAccount'             = @(Get-CommerceAccount)
            'CommerceConnector.Core.Accounts.AccountMember'               = @((Get-CommerceAccount -MageId $walk.MageId).Members)
            'CommerceConnector.Core.Session.ConnectorContext'             = @(Connect-CommerceAccount -MageId $walk.MageId)
            'CommerceConnector.Core.Catalog.CommerceService'              = @(Get-CommerceService -Instance $walk.Instance)
            'CommerceConnector.Core.Keys.ApiKey'                          = @(Get-ConnectorApiKey)
            'CommerceConnector.Core.Keys.ApiKeyTestResult'                = @($keyTest)
            'CommerceConnector.Core.Keys.KeyCheck'                        = @($keyTest.Checks)
            'CommerceConnector.Core.Keys.KeyRotation'                     = @(Get-ConnectorKeyRotation)
            'CommerceConnector.Core.Keys.RotatedInstance'                 = @($rotation.Instances)
            'CommerceConnector.Core.Keys.RepairedPrivateKey'              = @($repaired)
            'CommerceConnector.Core.Projects.SaaSProject'                 = @(Get-SaaSProject)
            'CommerceConnector.Core.Projects.DataSpace'                   = @(Get-DataSpace)
            'CommerceConnector.Core.Instances.CommerceInstance'           = @(Get-CommerceInstance)
            'CommerceConnector.Core.Instances.ConnectorConfiguration'     = @($configuration)
            'CommerceConnector.Core.Instances.ConfigSetting'              = @($configuration.Settings)
            'CommerceConnector.Core.Instances.ConfigurationResult'        = @($result)
            'CommerceConnector.Core.Instances.ConfigChange'               = @($result.Changes)
            'CommerceConnector.Core.Instances.ConfigCheck'                = @(Test-ConnectorConfiguration -Instance $walk.Instance)
            'CommerceConnector.Core.Instances.ConnectorExport'            = @($export)
            'CommerceConnector.Core.Instances.ConfigurationBackup'        = @(Get-ConnectorConfigurationBackup -Instance $walk.Instance)
            'CommerceConnector.Core.Registry.ConnectionTestResult'        = @($connection)
            'CommerceConnector.Core.Projects.RegistryChange'              = @($changes)
            'CommerceConnector.Core.DataExport.DataExportStatus'          = @(Get-DataExportStatus -Path $store)
            'CommerceConnector.Core.DataExport.DataExportItem'            = @(Get-DataExportItem -Path $store -Feed products -Status FailedWillRetry)
            'CommerceConnector.Core.DataExport.DataExportLogEntry'        = @(Get-DataExportLog -Path $store)
            'CommerceConnector.Core.Storage.AuditEntry'                   = @(Get-ConnectorAuditLog)
            'CommerceConnector.Core.Storage.RegistryCopyCount'            = $copyCounts
            'CommerceConnector.Core.DataExport.DataExportResyncResult'    = $resync
            'CommerceConnector.Core.Reports.ConnectorReportSummary'       = @($reportSummary)
            'CommerceConnector.Core.Reports.InstanceReportSummary'        = @($reportSummary.Instances)
        }
        $formatFile = Join-Path (Split-Path -Parent $manifestPath) 'CommerceConnector.Format.ps1xml'
        $viewTypes = @(([xml](Get-Content -LiteralPath $formatFile -Raw)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName)
        $savedRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
    }

    AfterAll {
        Stop-TestMariaDb $server
        $PSStyle.OutputRendering = $savedRendering
        Exit-ConnectorTest $savedEnvironment
    }

    It 'has a sample of every type the format file has a view for' {
        ($samples.Keys | Sort-Object) -join ',' | Should -Be (($viewTypes | Sort-Object) -join ',')
    }

    It 'renders the view of <_> within 80 columns, every header whole' -ForEach @(
        'CommerceConnector.Core.Accounts.CommerceAccount'
        'CommerceConnector.Core.Accounts.AccountMember'
        'CommerceConnector.Core.Session.ConnectorContext'
        'CommerceConnector.Core.Catalog.CommerceService'
        'CommerceConnector.Core.Keys.ApiKey'
        'CommerceConnector.Core.Keys.ApiKeyTestResult'
        'CommerceConnector.Core.Keys.KeyCheck'
        'CommerceConnector.Core.Keys.KeyRotation'
        'CommerceConnector.Core.Keys.RotatedInstance'
        'CommerceConnector.Core.Keys.RepairedPrivateKey'
        'CommerceConnector.Core.Projects.SaaSProject'
        'CommerceConnector.Core.Projects.DataSpace'
        'CommerceConnector.Core.Instances.CommerceInstance'
        'CommerceConnector.Core.Instances.ConnectorConfiguration'
        'CommerceConnector.Core.Instances.ConfigSetting'
        'CommerceConnector.Core.Instances.ConfigurationResult'
        'CommerceConnector.Core.Instances.ConfigChange'
        'CommerceConnector.Core.Instances.ConfigCheck'
        'CommerceConnector.Core.Instances.ConnectorExport'
        'CommerceConnector.Core.Registry.ConnectionTestResult'
        'CommerceConnector.Core.Projects.RegistryChange'
        'CommerceConnector.Core.DataExport.DataExportStatus'
        'CommerceConnector.Core.DataExport.DataExportItem'
        'CommerceConnector.Core.DataExport.DataExportLogEntry'
    ) {
        $TypeName = $_
        $objects = @($samples[$TypeName])
        $objects.Count | Should -BeGreaterThan 0
        $objects[0].PSObject.TypeNames[0] | Should -Be $TypeName
        $labels = @((Get-FormatData -TypeName $TypeName).FormatViewDefinition[0].Control.Headers | ForEach-Object Label)

        # A view grouped by a property (the data export status, by instance) prints "   Instance: name" above each group.
        $lines = @(($objects | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() -ne '' })
        $groupLines = @($lines | Where-Object { $_ -match '^ {3}[A-Za-z]+: ' })
        foreach ($line in $groupLines) {
            $line.Length | Should -BeLessOrEqual 80 -Because "'$line' must fit 80 columns"
        }
        $lines = @($lines | Where-Object { $_ -notmatch '^ {3}[A-Za-z]+: ' })

        foreach ($line in $lines) {
            $line.Length | Should -BeLessOrEqual 80 -Because "'$line' must fit 80 columns"
        }
        # The header row is the first line: the labels, each whole, in order; the next line underlines them.
        (-split $lines[0]) -join ',' | Should -BeExactly ($labels -join ',')
        $lines[1] | Should -Match '^[- ]+$'
        (-split $lines[1]).Count | Should -Be $labels.Count
        # Every row has a value in the first column: nothing was pushed onto a line of its own.
        $lines.Count | Should -Be (2 + $objects.Count)
    }
}
