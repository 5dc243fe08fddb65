# The session context: Connect-/Disconnect-CommerceAccount, the COMMERCE_CONNECTOR_* environment variables and
# the registry folder they choose, driven as a user would.

Describe 'Session context' {
    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $contextType = Get-ConnectorType 'CommerceConnector.Core.Session.ConnectorContext'
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $registry = Reset-TestRegistry $TestDrive
        $registryFile = Join-Path $registry 'registry.json'

        $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com -Name 'Shop One'
        $null = Add-CommerceAccountMember -MageId MAG100 -User shared@example.com -Role SharedAccess
        $null = New-CommerceAccount -MageId MAG101 -Edition MagentoOpenSource -Owner boss@example.com -Name 'Shop Two'
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'Connect-CommerceAccount' {
        It 'connects as the owner and returns the context' {
            $context = Connect-CommerceAccount -MageId MAG100

            $context | Should -HaveCount 1
            $context | Should -BeOfType $contextType
            $context.MageId | Should -Be 'MAG100'
            $context.AccountName | Should -Be 'Shop One'
            "$($context.Edition)" | Should -Be 'AdobeCommerce'
            $context.User | Should -Be 'owner@example.com'
            "$($context.Role)" | Should -Be 'LicenseOwner'
            $context.RegistryPath | Should -Be $registry
            "$($context.Source)" | Should -Be 'Connected'
        }

        It 'connects as a member given by position, in any case' {
            $context = Connect-CommerceAccount mag100 SHARED@Example.com

            $context.MageId | Should -Be 'MAG100'
            $context.User | Should -Be 'shared@example.com'
            "$($context.Role)" | Should -Be 'SharedAccess'
        }

        It 'says whom it connected, to which account and registry, with -Verbose' {
            $verbose = Connect-CommerceAccount -MageId MAG100 -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

            $verbose | Should -HaveCount 1
            $verbose[0].Message | Should -Be "Connected as owner@example.com (LicenseOwner) to MAG100; registry $registry."
        }

        It 'makes commands without -MageId act on the connected account' {
            $null = Connect-CommerceAccount -MageId MAG101

            $null = Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess
            Set-CommerceAccount -Standing Suspended

            ((Get-CommerceAccount -MageId MAG101).Members.User -join ',') | Should -Be 'boss@example.com,analyst@example.com'
            "$((Get-CommerceAccount -MageId MAG101).Standing)" | Should -Be 'Suspended'
            "$((Get-CommerceAccount -MageId MAG100).Standing)" | Should -Be 'Good'
        }

        It 'connects to the account of an object piped by property name' {
            $context = Get-CommerceAccount -MageId MAG101 | Connect-CommerceAccount

            $context.MageId | Should -Be 'MAG101'
            $context.User | Should -Be 'boss@example.com'
        }

        It 'refuses a user who is not a member with MemberNotFound and stays disconnected' {
            $err = { Connect-CommerceAccount -MageId MAG100 -User stranger@example.com -ErrorAction Stop } |
                Should -Throw -ErrorId 'MemberNotFound,CommerceConnector.Commands.ConnectCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'stranger@example.com'
            "$($err.CategoryInfo.Category)" | Should -Be 'PermissionDenied'
            { $ErrorActionPreference = 'Continue'; Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.AddCommerceAccountMemberCommand'
        }

        It 'refuses an account that is not in the registry with AccountNotFound' {
            $err = { Connect-CommerceAccount -MageId MAG999 -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountNotFound,CommerceConnector.Commands.ConnectCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'MAG999'
        }

        It 'refuses a malformed MageID with InvalidMageId' {
            $err = { Connect-CommerceAccount -MageId 'nope' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidMageId,CommerceConnector.Commands.ConnectCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'nope'
        }

        It 'refuses a malformed user with InvalidEmailAddress' {
            $err = { Connect-CommerceAccount -MageId MAG100 -User 'shared' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidEmailAddress,CommerceConnector.Commands.ConnectCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'shared'
        }

        It 'keeps the previous context when a new connection fails' {
            $null = Connect-CommerceAccount -MageId MAG100
            $null = Connect-CommerceAccount -MageId MAG999 -ErrorAction SilentlyContinue

            $member = Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess

            $member.MageId | Should -Be 'MAG100'
        }

        It 'replaces the previous context by a new connection' {
            $null = Connect-CommerceAccount -MageId MAG100
            $null = Connect-CommerceAccount -MageId MAG101

            $member = Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess

            $member.MageId | Should -Be 'MAG101'
        }

        It 'takes precedence over COMMERCE_CONNECTOR_MAGEID until it is disconnected' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG101'
            $null = Connect-CommerceAccount -MageId MAG100

            (Add-CommerceAccountMember -User first@example.com -Role SharedAccess).MageId | Should -Be 'MAG100'

            Disconnect-CommerceAccount
            (Add-CommerceAccountMember -User second@example.com -Role SharedAccess).MageId | Should -Be 'MAG101'
        }

        It 'reads and writes the registry given by -RegistryPath until it is disconnected' {
            $other = New-TestRegistryPath $TestDrive -Prefix 'other'
            $env:COMMERCE_CONNECTOR_HOME = $other
            $null = New-CommerceAccount -MageId MAG500 -Edition AdobeCommerce -Owner elsewhere@example.com
            $env:COMMERCE_CONNECTOR_HOME = $registry
            $before = Get-FileSnapshot $registryFile

            $context = Connect-CommerceAccount -MageId MAG500 -RegistryPath $other

            $context.RegistryPath | Should -Be $other
            ((Get-CommerceAccount).MageId -join ',') | Should -Be 'MAG500'
            $null = New-CommerceAccount -MageId MAG501 -Edition AdobeCommerce -Owner elsewhere@example.com
            $null = Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess
            ((Get-CommerceAccount).MageId -join ',') | Should -Be 'MAG500,MAG501'
            (Get-CommerceAccount -MageId MAG500).Members | Should -HaveCount 2
            Get-FileSnapshot $registryFile | Should -Be $before

            Disconnect-CommerceAccount
            ((Get-CommerceAccount).MageId -join ',') | Should -Be 'MAG100,MAG101'
        }

        It 'keeps its registry when COMMERCE_CONNECTOR_HOME changes after connecting' {
            $null = Connect-CommerceAccount -MageId MAG100
            $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive -Prefix 'elsewhere'

            ((Get-CommerceAccount).MageId -join ',') | Should -Be 'MAG100,MAG101'

            Disconnect-CommerceAccount
            Get-CommerceAccount | Should -BeNullOrEmpty
        }

        It 'resolves a relative -RegistryPath against the current location' {
            $folderName = 'relative-' + [guid]::NewGuid().ToString('N')
            $env:COMMERCE_CONNECTOR_HOME = Join-Path $TestDrive $folderName
            $null = New-CommerceAccount -MageId MAG600 -Edition AdobeCommerce -Owner owner@example.com
            $env:COMMERCE_CONNECTOR_HOME = $registry

            Push-Location -LiteralPath $TestDrive
            try {
                $expected = Join-Path (Get-Location).ProviderPath $folderName
                $context = Connect-CommerceAccount -MageId MAG600 -RegistryPath $folderName
            }
            finally {
                Pop-Location
            }

            $context.RegistryPath | Should -Be $expected
            ((Get-CommerceAccount).MageId -join ',') | Should -Be 'MAG600'
        }

        It 'accepts a PowerShell drive path as -RegistryPath' {
            $folderName = 'drive-' + [guid]::NewGuid().ToString('N')
            $env:COMMERCE_CONNECTOR_HOME = Join-Path $TestDrive $folderName
            $null = New-CommerceAccount -MageId MAG700 -Edition AdobeCommerce -Owner owner@example.com
            $env:COMMERCE_CONNECTOR_HOME = $registry

            $context = Connect-CommerceAccount -MageId MAG700 -RegistryPath "TestDrive:/$folderName"

            $context.RegistryPath | Should -Be ([System.IO.Path]::GetFullPath((Join-Path $TestDrive $folderName)))
            (Get-CommerceAccount).MageId | Should -Be 'MAG700'
        }

        It 'stops acting as a member as soon as the membership is removed' {
            $null = Connect-CommerceAccount -MageId MAG100 -User shared@example.com
            Remove-CommerceAccountMember -MageId MAG100 -User shared@example.com

            $err = { Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'MemberNotFound,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'shared@example.com'
            (Get-CommerceAccount -MageId MAG100).Members.User | Should -Not -Contain 'analyst@example.com'
        }

        It 'is shared by every runspace of the process (ForEach-Object -Parallel)' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
            $null = Connect-CommerceAccount -MageId MAG101
            $modulePath = $manifestPath

            $added = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:modulePath
                Add-CommerceAccountMember -User "parallel$_@example.com" -Role SharedAccess
            }

            $added | Should -HaveCount 3
            ($added.MageId | Select-Object -Unique) | Should -Be 'MAG101'
            (Get-CommerceAccount -MageId MAG101).Members | Should -HaveCount 4
        }
    }

    Context 'Context from the environment variables' {
        It 'acts on the account named by COMMERCE_CONNECTOR_MAGEID, as its owner' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'mag101'

            $member = Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess

            $member.MageId | Should -Be 'MAG101'
            (Get-CommerceService -Name 'Live Search').AccountMageId | Should -Be 'MAG101'
        }

        It 'acts as the member named by COMMERCE_CONNECTOR_USER' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG100'
            $env:COMMERCE_CONNECTOR_USER = 'shared@example.com'

            $null = Set-CommerceAccount -Name 'Renamed by a member'

            (Get-CommerceAccount -MageId MAG100).Name | Should -Be 'Renamed by a member'
        }

        It 'refuses a COMMERCE_CONNECTOR_USER who is not a member with MemberNotFound' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG100'
            $env:COMMERCE_CONNECTOR_USER = 'stranger@example.com'
            $before = Get-FileSnapshot $registryFile

            $err = { Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'MemberNotFound,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'stranger@example.com'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses a malformed COMMERCE_CONNECTOR_MAGEID with InvalidMageId' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'not-a-mageid'

            $err = { Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidMageId,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'not-a-mageid'
        }

        It 'reports a COMMERCE_CONNECTOR_MAGEID that is not in the registry with AccountNotFound' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG999'

            { Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountNotFound,CommerceConnector.Commands.AddCommerceAccountMemberCommand'
        }

        It 'treats a blank COMMERCE_CONNECTOR_MAGEID as no context (NotConnected)' {
            $env:COMMERCE_CONNECTOR_MAGEID = '   '

            { $ErrorActionPreference = 'Continue'; Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.AddCommerceAccountMemberCommand'
        }

        It 'names the variables to set in the NotConnected message' {
            $err = { $ErrorActionPreference = 'Continue'; Remove-CommerceAccountMember -User shared@example.com } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand' -PassThru

            $err.Exception.Message | Should -BeLike '*Connect-CommerceAccount*'
            $err.Exception.Message | Should -BeLike '*COMMERCE_CONNECTOR_MAGEID*'
        }
    }

    Context 'Disconnect-CommerceAccount' {
        It 'clears the context, returns nothing and says so with -Verbose' {
            $null = Connect-CommerceAccount -MageId MAG100

            $first = Disconnect-CommerceAccount -Verbose 4>&1
            $second = Disconnect-CommerceAccount -Verbose 4>&1

            $first | Should -HaveCount 1
            $first[0] | Should -BeOfType ([System.Management.Automation.VerboseRecord])
            $first[0].Message | Should -Be 'Disconnected from the Commerce account.'
            $second | Should -HaveCount 1
            $second[0].Message | Should -Be 'No Commerce account was connected.'
            { $ErrorActionPreference = 'Continue'; Set-CommerceAccount -Standing Suspended } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.SetCommerceAccountCommand'
        }

        It 'is not an error when nothing is connected' {
            $output = Disconnect-CommerceAccount -ErrorVariable failures

            $output | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'leaves the environment variables alone, so that they give the context again' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG101'
            $null = Connect-CommerceAccount -MageId MAG100

            Disconnect-CommerceAccount

            $env:COMMERCE_CONNECTOR_MAGEID | Should -Be 'MAG101'
            (Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess).MageId | Should -Be 'MAG101'
        }

        It 'changes nothing in the registry' {
            $null = Connect-CommerceAccount -MageId MAG100
            $before = Get-FileSnapshot $registryFile

            Disconnect-CommerceAccount

            Get-FileSnapshot $registryFile | Should -Be $before
        }
    }
}
