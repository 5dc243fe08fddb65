# Recording the merchant registry's answers end to end: the stand-in (src/CommerceConnector.RegistryServer) runs as its
# own process on a free loopback port over a registry of its own (Adobe's side, a copy of the local one made by the
# quickstart), an instance's env.php points both gateways at it, and Test-ConnectorConnection, Sync-SaaSProject,
# New-SaaSProject -Remote and Clear-DataSpace -Remote talk to it. What changes "in the Admin" is changed in the
# stand-in's registry, by the module itself connected to that folder.

Describe 'Sync-SaaSProject and the -Remote commands against the local stand-in of the merchant registry' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext
        $changeType = Get-ConnectorType 'CommerceConnector.Core.Projects.RegistryChange'

        $walk = Invoke-Quickstart
        $local = $walk.Registry
        $adobe = Join-Path $TestDrive 'adobe-registry'
        $null = New-Item -ItemType Directory -Path $adobe
        Copy-Item -LiteralPath (Join-Path $local 'registry.json') -Destination $adobe
        $standIn = Start-RegistryStandIn -Registry $adobe -LogFolder $TestDrive
        $Gateway = $standIn.Gateway

        $null = Connect-CommerceAccount -MageId $walk.MageId -RegistryPath $local
        $null = New-StandInInstance -Root (Join-Path $TestDrive 'staging') -Name 'luma-staging' -Gateway $Gateway
        $null = Set-ConnectorConfiguration -Instance 'luma-staging' -Environment Sandbox `
            -ProductionApiKey $walk.ProductionApiKey -ProductionPrivateKeyPath $walk.ProductionKeyFile `
            -SandboxApiKey $walk.SandboxApiKey -SandboxPrivateKeyPath $walk.SandboxKeyFile

        function Invoke-InAdmin([scriptblock] $Change) {
            # A change made on Adobe's side: the module connected to the stand-in's registry.
            $null = Connect-CommerceAccount -MageId $walk.MageId -RegistryPath $adobe
            try { & $Change } finally { $null = Connect-CommerceAccount -MageId $walk.MageId -RegistryPath $local }
        }
        function Read-Adobe { [CommerceConnector.Core.Storage.FileRegistryStore]::new($adobe).Read() }
        function Get-Snapshot { (Get-FileSnapshot (Join-Path $local 'registry.json')) + '|' + (Get-FileSnapshot (Join-Path $adobe 'registry.json')) }
    }

    AfterAll {
        Stop-RegistryStandIn $standIn
        Exit-ConnectorTest $savedEnvironment
    }

    It 'reaches the stand-in with the keys of the instance (Test-ConnectorConnection)' {
        (Test-ConnectorConnection -Instance 'luma-staging' -Environment Both).Status | Should -Be @('Accepted', 'Accepted')
    }

    It 'links the records the registry returns and already exist here: Source Registry' {
        $changes = @(Sync-SaaSProject -Instance 'luma-staging')

        $changes[0] | Should -BeOfType $changeType
        ($changes.Kind | Sort-Object -Unique) | Should -Be 'Linked'
        ($changes | Where-Object Record -eq 'Project').ProjectName | Should -Be 'Quickstart'
        @($changes | Where-Object Record -eq 'DataSpace').Count | Should -Be 3
        (Get-SaaSProject -Name Quickstart).Source | Should -Be 'Registry'
        @(Sync-SaaSProject -Instance 'luma-staging').Count | Should -Be 0 -Because 'a second sync has nothing to change'
    }

    It 'shows renames and additions with -WhatIf and changes nothing' {
        Invoke-InAdmin {
            Rename-SaaSProject -Name Quickstart -NewName 'Luma EU'
            Rename-DataSpace -Project 'Luma EU' -Name 'Testing 1' -NewName 'Staging EU'
            $null = New-SaaSProject -Name 'Luma Outlet'
        }
        $before = Get-Snapshot

        $output = @(Sync-SaaSProject -Instance 'luma-staging' -WhatIf)

        $output.Count | Should -Be 0
        Get-Snapshot | Should -Be $before
        (Get-SaaSProject -Name Quickstart).ProjectName | Should -Be 'Quickstart'
    }

    It 'renames and adds with the registry''s ids, naming the instance whose env.php holds a stale name' {
        $outlet = (Read-Adobe).Projects | Where-Object ProjectName -eq 'Luma Outlet'

        $changes = @(Sync-SaaSProject -ApiKey $walk.ProductionApiKey -PrivateKeyPath $walk.ProductionKeyFile -Gateway $Gateway)

        $renamed = @($changes | Where-Object Kind -eq 'Renamed')
        ($renamed | Where-Object Record -eq 'Project').PreviousName | Should -Be 'Quickstart'
        ($renamed | Where-Object Record -eq 'Project').StaleInstances | Should -Be @($walk.Instance)
        ($renamed | Where-Object Record -eq 'Project').Message | Should -BeLike "*Set-DataSpace -Instance*"
        ($renamed | Where-Object Record -eq 'DataSpace').Name | Should -Be 'Staging EU'
        ($renamed | Where-Object Record -eq 'DataSpace').StaleInstances | Should -BeNullOrEmpty
        @($changes | Where-Object Kind -eq 'Added').Count | Should -Be 4
        $recorded = Get-SaaSProject -Id $outlet.ProjectId
        $recorded.ProjectName | Should -Be 'Luma Outlet'
        $recorded.Source | Should -Be 'Registry'
        @($recorded.DataSpaces | Where-Object Source -eq 'Registry').Count | Should -Be 3
        (Get-SaaSProject -Name 'Luma EU').ProjectId | Should -Be $walk.ProjectId
    }

    It 'reports records the registry no longer returns as Gone, and keeps them' {
        $outlet = Get-SaaSProject -Name 'Luma Outlet'
        $store = [CommerceConnector.Core.Storage.FileRegistryStore]::new($adobe)
        $null = $store.Update[object]([Func[CommerceConnector.Core.Storage.RegistryDocument, object]] {
                param($document)
                $null = $document.Projects.RemoveAll({ param($p) $p.ProjectId -eq $outlet.ProjectId })
                $document.DataSpaces.RemoveAll({ param($d) $d.ProjectId -eq $outlet.ProjectId })
            })

        $gone = @(Sync-SaaSProject -Instance 'luma-staging' -WhatIf)
        $changes = @(Sync-SaaSProject -Instance 'luma-staging')

        $gone.Count | Should -Be 4 -Because 'gone records are a finding, reported with -WhatIf too'
        ($changes.Kind | Sort-Object -Unique) | Should -Be 'Gone'
        @($changes | Where-Object Record -eq 'Project').Id | Should -Be $outlet.ProjectId
        (Get-SaaSProject -Id $outlet.ProjectId).ProjectName | Should -Be 'Luma Outlet'
    }

    It 'creates a project in the registry with New-SaaSProject -Remote and records it with the registry''s ids' {
        $before = Get-Snapshot
        New-SaaSProject -Name 'Luma Kiosk' -Remote -Instance 'luma-staging' -WhatIf
        Get-Snapshot | Should -Be $before -Because '-WhatIf sends no POST and writes nothing'

        $project = New-SaaSProject -Name 'Luma Kiosk' -Remote -Instance 'luma-staging' -Confirm:$false
        $viaKey = New-SaaSProject -Name 'Luma B2B' -Remote -ApiKey $walk.ProductionApiKey -PrivateKeyPath $walk.ProductionKeyFile -Gateway $Gateway -Confirm:$false

        $remote = (Read-Adobe).Projects | Where-Object ProjectName -eq 'Luma Kiosk'
        $project.ProjectId | Should -Be $remote.ProjectId
        $project.Source | Should -Be 'Registry'
        ($project.DataSpaces.DataSpaceName -join ',') | Should -Be 'Production,Testing 1,Testing 2'
        $viaKey.ProjectId | Should -Be ((Read-Adobe).Projects | Where-Object ProjectName -eq 'Luma B2B').ProjectId
        @(Sync-SaaSProject -Instance 'luma-staging' | Where-Object Kind -ne 'Gone').Count | Should -Be 0
    }

    It 'refuses before sending: a name in use (even with -WhatIf), and key options without -Remote' {
        $before = Get-Snapshot

        New-SaaSProject -Name 'Luma EU' -Remote -Instance 'luma-staging' -WhatIf -ErrorVariable failed -ErrorAction SilentlyContinue
        New-SaaSProject -Name 'Luma Other' -Instance 'luma-staging' -ErrorVariable failed2 -ErrorAction SilentlyContinue
        Clear-DataSpace -Project 'Luma EU' -Name Production -Remote -Confirm:$false -ErrorVariable failed3 -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ProjectNameExists,*'
        $failed2[0].FullyQualifiedErrorId | Should -BeLike 'RemoteKeysRequired,*'
        $failed3[0].FullyQualifiedErrorId | Should -BeLike 'RemoteKeysRequired,*'
        Get-Snapshot | Should -Be $before
    }

    It 'requests a cleanup from the registry with Clear-DataSpace -Remote and records it' {
        $before = Get-Snapshot
        Clear-DataSpace -Project 'Luma EU' -Name 'Staging EU' -Remote -Instance 'luma-staging' -WhatIf
        Get-Snapshot | Should -Be $before

        $output = Clear-DataSpace -Project 'Luma EU' -Name 'Staging EU' -Remote -Instance 'luma-staging' -Confirm:$false -PassThru -Verbose 4>&1
        $cleared = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'The registry answers: Cleanup successfully requested'
        $cleared.LastCleanupAt | Should -Not -BeNullOrEmpty
        $remote = (Read-Adobe).DataSpaces | Where-Object DataSpaceId -eq $cleared.DataSpaceId
        $remote.LastCleanupAt | Should -Not -BeNullOrEmpty
    }

    It 'reports a data space the registry does not know as RemoteObjectNotFound, and records nothing' {
        $gone = Get-DataSpace -Project 'Luma Outlet' -Name Production
        $before = Get-Snapshot

        Clear-DataSpace -Id $gone.DataSpaceId -Remote -Instance 'luma-staging' -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'RemoteObjectNotFound,*'
        Get-Snapshot | Should -Be $before
    }
}
