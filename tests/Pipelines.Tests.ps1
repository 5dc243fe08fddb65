# Strings pipe where names are expected, and only what is meant binds: instance names (with wildcards) into
# Test-ConnectorConfiguration, project and data space names into Get-SaaSProject and Get-DataSpace, project patterns
# into Get-DataSpace -Project; a project object piped into Test-ConnectorConfiguration is no instance.

Describe 'Names from the pipeline and wildcards' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext
        $walk = Invoke-Quickstart -Connect
        $stagingRoot = Join-Path $walk.Folder 'staging'
        $null = New-Item -ItemType Directory -Path (Join-Path $stagingRoot 'app/etc') -Force
        Copy-Item -LiteralPath $walk.EnvPhp -Destination (Join-Path $stagingRoot 'app/etc/env.php')
        Copy-Item -LiteralPath (Join-Path (Split-Path $walk.EnvPhp) 'config.php') -Destination (Join-Path $stagingRoot 'app/etc/config.php')
        Clear-ConnectorConfiguration -Path $stagingRoot -Confirm:$false -WarningAction SilentlyContinue
        $null = Register-CommerceInstance -Name 'quickstart-staging' -Path $stagingRoot -Role Staging
        $null = New-SaaSProject -Name 'Quickstart Outlet'
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    It 'tests instances named by strings from the pipeline' {
        $checks = @('quickstart-production', 'quickstart-staging' | Test-ConnectorConfiguration)

        @($checks.Instance | Select-Object -Unique) | Should -Be @('quickstart-production', 'quickstart-staging')
    }

    It 'tests the instances a wildcard names, each once' {
        $checks = @(Test-ConnectorConfiguration -Instance 'quickstart-*', 'quickstart-prod*')

        @($checks.Instance | Select-Object -Unique) | Should -Be @('quickstart-production', 'quickstart-staging')
        @($checks | Where-Object Instance -EQ 'quickstart-production').Count | Should -Be @(Test-ConnectorConfiguration -Instance 'quickstart-production').Count
    }

    It 'judges the other names when one is not registered' {
        $checks = @(Test-ConnectorConfiguration -Instance 'nowhere', 'quickstart-staging' -ErrorAction SilentlyContinue -ErrorVariable failures)

        @($failures.FullyQualifiedErrorId) | Should -Be @('InstanceNotFound,CommerceConnector.Commands.TestConnectorConfigurationCommand')
        @($checks.Instance | Select-Object -Unique) | Should -Be @('quickstart-staging')
    }

    It 'takes instances from Get-CommerceInstance as they are' {
        $checks = @(Get-CommerceInstance -Role Staging | Test-ConnectorConfiguration)

        @($checks.Instance | Select-Object -Unique) | Should -Be @('quickstart-staging')
    }

    It 'does not take a piped project for an instance' {
        $checks = @(Get-SaaSProject -Name Quickstart | Test-ConnectorConfiguration -ErrorAction SilentlyContinue -ErrorVariable failures)

        $checks | Should -BeNullOrEmpty
        @($failures).Count | Should -BeGreaterThan 0
    }

    It 'gets projects named by strings from the pipeline' {
        @('Quickstart' | Get-SaaSProject | ForEach-Object ProjectName) | Should -Be @('Quickstart')
        @('Quickstart', 'Quickstart Outlet' | Get-SaaSProject | ForEach-Object ProjectName) | Should -Be @('Quickstart', 'Quickstart Outlet')
    }

    It 'gets the data spaces of every project a -Project pattern names' {
        $spaces = @(Get-DataSpace -Project 'Quickstart*')

        @($spaces.ProjectName | Select-Object -Unique) | Should -Be @('Quickstart', 'Quickstart Outlet')
        $spaces.Count | Should -Be 6
        @(Get-DataSpace -Project 'Nothing*') | Should -BeNullOrEmpty
    }

    It 'gets the data spaces of several names, wildcards allowed' {
        @(Get-DataSpace -Project Quickstart -Name 'Testing 1', 'Prod*' | ForEach-Object DataSpaceName) | Should -Be @('Testing 1', 'Production')
    }
}
