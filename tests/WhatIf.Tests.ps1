# -WhatIf and the guards tell the truth on every path: under -WhatIf a command reports the error the real run would
# meet and prints a "What if" line only for what would really happen; Unregister-CommerceInstance and
# Revoke-ConnectorApiKey refuse to blind the guards or cut off instances that still use a data space or a key.

Describe 'Truthful -WhatIf and the guards of unregistering' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest -ClearContext
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        # A configured production instance (keys, project, production data space) from the walk-through.
        $walk = Invoke-Quickstart -Connect
        $registryFile = Join-Path $walk.Registry 'registry.json'
    }

    Context '-WhatIf reports what the real run would' {
        It '<Command> under -WhatIf fails with <ErrorId> and prints no What-if line' -ForEach @(
            @{ Command = 'Remove-CommerceAccountMember'; ErrorId = 'MemberNotFound'; Run = { Remove-CommerceAccountMember -User nobody@example.com -WhatIf -ErrorAction Stop } }
            @{ Command = 'Add-CommerceAccountMember'; ErrorId = 'MemberExists'; Run = { Add-CommerceAccountMember -User owner@quickstart.example.com -Role SharedAccess -WhatIf -ErrorAction Stop } }
            @{ Command = 'Set-CommerceAccount'; ErrorId = 'AccountNotFound'; Run = { Set-CommerceAccount -MageId MAG999999999 -Name 'Nobody' -WhatIf -ErrorAction Stop } }
            @{ Command = 'Set-CommerceInstance'; ErrorId = 'InstanceNotFound'; Run = { Set-CommerceInstance -Name no-such-instance -Role Staging -WhatIf -ErrorAction Stop } }
            @{ Command = 'Unregister-CommerceInstance'; ErrorId = 'InstanceNotFound'; Run = { Unregister-CommerceInstance -Name no-such-instance -WhatIf -ErrorAction Stop } }
            @{ Command = 'Unregister-CommerceInstance'; ErrorId = 'DataSpaceInUse'; Run = { Unregister-CommerceInstance -Name quickstart-production -WhatIf -ErrorAction Stop } }
            @{ Command = 'Remove-CommerceAccountMember'; ErrorId = 'LastLicenseOwner'; Run = { Remove-CommerceAccountMember -User owner@quickstart.example.com -WhatIf -ErrorAction Stop } }
        ) {
            $before = Get-FileSnapshot $registryFile
            $script:caught = $null

            $hostText = Get-HostText { try { & $Run } catch { $script:caught = $_ } }

            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike "$ErrorId,CommerceConnector.Commands.*"
            $hostText | Should -Not -Match 'What if:'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It '<Command> under -WhatIf prints the What-if line and changes nothing' -ForEach @(
            @{ Command = 'Add-CommerceAccountMember'; Expected = '*What if:*Add analyst@example.com as SharedAccess*'; Run = { Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess -WhatIf } }
            @{ Command = 'Set-CommerceInstance'; Expected = "*What if:*Change role to Staging*instance 'quickstart-production'*"; Run = { Set-CommerceInstance -Name quickstart-production -Role Staging -WhatIf } }
            @{ Command = 'Unregister-CommerceInstance'; Expected = "*What if:*Unregister*instance 'quickstart-production'*"; Run = { Unregister-CommerceInstance -Name quickstart-production -Force -WhatIf } }
        ) {
            $before = Get-FileSnapshot $registryFile

            $hostText = Get-HostText $Run

            $hostText | Should -BeLike $Expected
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'names a member as the registry spells it in the What-if line of Remove-CommerceAccountMember' {
            $null = Add-CommerceAccountMember -User Analyst@Example.com -Role SharedAccess

            $hostText = Get-HostText { Remove-CommerceAccountMember -User analyst@example.com -WhatIf }

            $hostText | Should -BeLike '*What if:*Remove member Analyst@Example.com (SharedAccess)*'
        }
    }

    Context 'Unregister-CommerceInstance keeps the guards seeing every data space in use' {
        It 'refuses an instance whose env.php uses a data space with DataSpaceInUse and the command that releases it' {
            $before = Get-FileSnapshot $registryFile

            $err = { Unregister-CommerceInstance -Name quickstart-production -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceInUse,CommerceConnector.Commands.UnregisterCommerceInstanceCommand' -PassThru

            $err.TargetObject | Should -Be 'quickstart-production'
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceBusy'
            $err.Exception.Message | Should -BeLike "*data space 'Production' ($($walk.DataSpaceId))*Clear-ConnectorConfiguration -Instance quickstart-production*-Force*"
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-CommerceInstance).Name | Should -Be 'quickstart-production'
        }

        It 'unregisters it with -Force, with a warning that the guards no longer see the data space' {
            $removed = Unregister-CommerceInstance -Name quickstart-production -Force -Confirm:$false -PassThru -WarningVariable warnings -WarningAction SilentlyContinue

            $removed.Name | Should -Be 'quickstart-production'
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeLike "Instance 'quickstart-production' still uses data space 'Production' ($($walk.DataSpaceId)) in *env.php; the guards no longer see it.*"
            @(Get-CommerceInstance) | Should -HaveCount 0
        }

        It 'unregisters without a word once the data space is released' {
            Clear-ConnectorConfiguration -Instance quickstart-production -Confirm:$false

            $removed = Unregister-CommerceInstance -Name quickstart-production -Confirm:$false -PassThru -WarningVariable warnings

            $removed.Name | Should -Be 'quickstart-production'
            $warnings | Should -HaveCount 0
        }

        It 'refuses a staging instance that holds a testing data space just the same' {
            $stagingRoot = Join-Path $walk.Folder 'staging'
            $null = New-Item -ItemType Directory -Path (Join-Path $stagingRoot 'app/etc') -Force
            Copy-Item -LiteralPath $walk.EnvPhp -Destination (Join-Path $stagingRoot 'app/etc/env.php')
            Copy-Item -LiteralPath (Join-Path (Split-Path $walk.EnvPhp) 'config.php') -Destination (Join-Path $stagingRoot 'app/etc/config.php')
            Clear-ConnectorConfiguration -Path $stagingRoot -Confirm:$false
            $null = Register-CommerceInstance -Name staging -Path $stagingRoot -Role Staging
            Set-ConnectorConfiguration -Instance staging -Environment Sandbox -SandboxApiKey $walk.SandboxApiKey -SandboxPrivateKeyPath $walk.SandboxKeyFile
            Set-DataSpace -Instance staging -Project Quickstart -DataSpace 'Testing 1'

            $err = { Unregister-CommerceInstance -Name staging -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceInUse,CommerceConnector.Commands.UnregisterCommerceInstanceCommand' -PassThru
            $err.Exception.Message | Should -BeLike "*data space 'Testing 1'*"
            (Get-CommerceInstance -Name staging).Name | Should -Be 'staging'
        }
    }
}
