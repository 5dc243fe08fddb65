# Renaming a project or data space changes only its label, but every instance whose env.php holds the old name then
# fails NamesInSync: the rename says which instances, and -UpdateInstances writes the new names there.

Describe 'Renames and the names in env.php' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach { $walk = Invoke-Quickstart -Connect }

    It 'names the instances that still hold the old project name' {
        Rename-SaaSProject -Name Quickstart -NewName 'Quickstart EU' -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -BeLike "'quickstart-production' still holds the old name in env.php*Rename-SaaSProject -UpdateInstances*"
        (Test-ConnectorConfiguration -Instance $walk.Instance | Where-Object Name -EQ 'NamesInSync').Verdict | Should -Be 'Failed'
        (Get-ConnectorConfiguration -Instance $walk.Instance).ProjectName | Should -Be 'Quickstart'
    }

    It 'writes the new data space name into env.php with -UpdateInstances' {
        Rename-DataSpace -Project Quickstart -Name Production -NewName Live -UpdateInstances -Confirm:$false -WarningAction SilentlyContinue

        (Get-ConnectorConfiguration -Instance $walk.Instance).DataSpaceName | Should -Be 'Live'
        (Get-ConnectorConfiguration -Instance $walk.Instance).DataSpaceId | Should -Be $walk.DataSpaceId
        (Test-ConnectorConfiguration -Instance $walk.Instance | Where-Object Name -EQ 'NamesInSync').Verdict | Should -Be 'Passed'
        & php -r "`$c = include '$($walk.EnvPhp)'; echo `$c['system']['default']['services_connector']['services_id']['environment_name'];" | Should -Be 'Live'
    }

    It 'writes the new project name into env.php with -UpdateInstances' {
        Rename-SaaSProject -Name Quickstart -NewName 'Quickstart EU' -UpdateInstances -Confirm:$false -WarningAction SilentlyContinue

        (Get-ConnectorConfiguration -Instance $walk.Instance).ProjectName | Should -Be 'Quickstart EU'
        (Test-ConnectorConfiguration -Instance $walk.Instance | Where-Object Name -EQ 'NamesInSync').Verdict | Should -Be 'Passed'
    }

    It 'changes neither the registry nor env.php under -WhatIf' {
        $before = Get-FileSnapshot $walk.EnvPhp

        Rename-DataSpace -Project Quickstart -Name Production -NewName Live -UpdateInstances -WhatIf

        Get-FileSnapshot $walk.EnvPhp | Should -Be $before
        (Get-DataSpace -Project Quickstart -Type Production).DataSpaceName | Should -Be 'Production'
    }
}
