# Tab completion offers what a person looks for, in that order: API key ids for -ProductionApiKey/-SandboxApiKey (the
# environment's active keys, newest first, found by id or name, with name and environment in the tooltip), data
# spaces by name and by id for -DataSpace, and member e-mails for -User.

Describe 'Tab completion of keys, data spaces and members' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext
        $walk = Invoke-Quickstart -Connect
        $newerProduction = New-ConnectorApiKey -Environment Production -Name 'prod-2027' -AsSecureString
        $revoked = New-ConnectorApiKey -Environment Production -Name 'old-prod' -AsSecureString
        Revoke-ConnectorApiKey -Id $revoked.Id -Confirm:$false
        $null = Add-CommerceAccountMember -User 'analyst@example.com' -Role SharedAccess
        $spaces = @(Get-DataSpace -Project Quickstart)
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    It 'offers the active production key ids for -ProductionApiKey, newest first, with name and environment as tooltip' {
        $results = @(Get-CompletionResult "Set-ConnectorConfiguration -Instance $($walk.Instance) -ProductionApiKey ")

        @($results.CompletionText) | Should -Be @($newerProduction.Id, $walk.ProductionApiKey)
        $results[0].ListItemText | Should -Be "prod-2027 ($($newerProduction.Id))"
        $results[0].ToolTip | Should -BeLike "Production API key 'prod-2027', created *"
    }

    It 'offers only sandbox keys for -SandboxApiKey' {
        $results = @(Get-CompletionResult "Set-ConnectorConfiguration -Instance $($walk.Instance) -SandboxApiKey ")

        @($results.CompletionText) | Should -Be @($walk.SandboxApiKey)
        $results[0].ToolTip | Should -BeLike "Sandbox API key 'quickstart-sandbox'*"
    }

    It 'finds a key by the start of its name and inserts its id' {
        $results = @(Get-CompletionResult "Set-ConnectorConfiguration -Instance $($walk.Instance) -ProductionApiKey prod-2")

        @($results.CompletionText) | Should -Be @($newerProduction.Id)
    }

    It 'offers data spaces by name, production first, then by id, for Set-DataSpace -DataSpace' {
        $results = @(Get-CompletionResult "Set-DataSpace -Instance $($walk.Instance) -Project Quickstart -DataSpace ")
        $production = $spaces | Where-Object Type -EQ 'Production'

        @($results.CompletionText)[0..2] | Should -Be @('Production', "'Testing 1'", "'Testing 2'")
        @($results.CompletionText)[3] | Should -Be $production.DataSpaceId
        $results.Count | Should -Be 6
        $results[0].ToolTip | Should -Be "Production data space of 'Quickstart' ($($production.DataSpaceId))"
    }

    It 'completes a data space id from its first characters' {
        $testing = $spaces | Where-Object DataSpaceName -EQ 'Testing 2'

        $results = @(Get-CompletionResult "Set-DataSpace -Instance $($walk.Instance) -DataSpace $($testing.DataSpaceId.Substring(0, 8))")

        @($results.CompletionText) | Should -Contain $testing.DataSpaceId
        ($results | Where-Object CompletionText -EQ $testing.DataSpaceId).ToolTip | Should -Be "'Testing 2', Testing data space of 'Quickstart'"
    }

    It 'offers the members of the account for <Command> -User, licence owners first' -ForEach @(
        @{ Command = 'Remove-CommerceAccountMember' }
        @{ Command = 'Connect-CommerceAccount -MageId MAG100000001' }
    ) {
        $results = @(Get-CompletionResult "$Command -User ")

        @($results.CompletionText) | Should -Be @('owner@quickstart.example.com', 'analyst@example.com')
        $results[1].ToolTip | Should -Be 'SharedAccess of MAG100000001'
    }
}
