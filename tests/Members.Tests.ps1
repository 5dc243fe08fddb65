# Add- and Remove-CommerceAccountMember driven as a user would, against a throw-away registry per test.

Describe 'Account members' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $memberType = Get-ConnectorType 'CommerceConnector.Core.Accounts.AccountMember'
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $registry = Reset-TestRegistry $TestDrive
        $registryFile = Join-Path $registry 'registry.json'

        $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com -Name 'Shop One'
        $null = New-CommerceAccount -MageId MAG200 -Edition MagentoOpenSource -Owner boss@example.com -Name 'Shop Two'
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'Add-CommerceAccountMember' {
        It 'adds a member to the named account and returns the membership' {
            $before = [DateTimeOffset]::UtcNow
            $member = Add-CommerceAccountMember -MageId MAG100 -User analyst@example.com -Role SharedAccess
            $after = [DateTimeOffset]::UtcNow

            $member | Should -HaveCount 1
            $member | Should -BeOfType $memberType
            $member.MageId | Should -Be 'MAG100'
            $member.User | Should -Be 'analyst@example.com'
            "$($member.Role)" | Should -Be 'SharedAccess'
            $member.CanGenerateKeys | Should -BeFalse
            $member.AddedAt | Should -BeGreaterOrEqual $before
            $member.AddedAt | Should -BeLessOrEqual $after

            $account = Get-CommerceAccount -MageId MAG100
            ($account.Members.User -join ',') | Should -Be 'owner@example.com,analyst@example.com'
            ((Get-CommerceAccount -MageId MAG200).Members.User -join ',') | Should -Be 'boss@example.com'
        }

        It 'takes -User and -Role by position, trims the address and upper-cases the MageID' {
            $member = Add-CommerceAccountMember ' partner@agency.example.com ' PartnerSigner -MageId mag100

            $member.MageId | Should -Be 'MAG100'
            $member.User | Should -Be 'partner@agency.example.com'
            "$($member.Role)" | Should -Be 'PartnerSigner'
            $member.CanGenerateKeys | Should -BeTrue
        }

        It 'refuses a user who is already a member, in any case, with MemberExists' {
            $null = Add-CommerceAccountMember -MageId MAG100 -User analyst@example.com -Role SharedAccess
            $before = Get-FileSnapshot $registryFile

            $err = { Add-CommerceAccountMember -MageId MAG100 -User Analyst@Example.com -Role LicenseOwner -ErrorAction Stop } |
                Should -Throw -ErrorId 'MemberExists,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'Analyst@Example.com'
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -BeLike '*SharedAccess*'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses the owner as a second member with MemberExists' {
            { Add-CommerceAccountMember -MageId MAG100 -User owner@example.com -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'MemberExists,CommerceConnector.Commands.AddCommerceAccountMemberCommand'
        }

        It 'reports an unknown account with AccountNotFound' {
            $err = { Add-CommerceAccountMember -MageId mag999 -User analyst@example.com -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountNotFound,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'MAG999'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        }

        It 'reports a malformed MageID with InvalidMageId' {
            $err = { Add-CommerceAccountMember -MageId 'MAGIC' -User analyst@example.com -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidMageId,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'MAGIC'
        }

        It 'reports the user <Value> with InvalidEmailAddress and leaves the registry unchanged' -ForEach @(
            @{ Value = 'analyst' }
            @{ Value = 'analyst@example' }
            @{ Value = 'analyst@@example.com' }
        ) {
            $before = Get-FileSnapshot $registryFile

            $err = { Add-CommerceAccountMember -MageId MAG100 -User $Value -Role SharedAccess -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidEmailAddress,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be $Value
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'stops with NotConnected when -MageId is omitted and there is no context' {
            $before = Get-FileSnapshot $registryFile

            $err = { $ErrorActionPreference = 'Continue'; Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.AddCommerceAccountMemberCommand' -PassThru

            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            $err.TargetObject | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'adds to the connected account when -MageId is omitted' {
            $null = Connect-CommerceAccount -MageId MAG200

            $member = Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess

            $member.MageId | Should -Be 'MAG200'
            ((Get-CommerceAccount -MageId MAG200).Members.User -join ',') | Should -Be 'boss@example.com,analyst@example.com'
            (Get-CommerceAccount -MageId MAG100).Members | Should -HaveCount 1
        }

        It 'adds to the account named by COMMERCE_CONNECTOR_MAGEID when -MageId is omitted' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG200'

            $member = Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess

            $member.MageId | Should -Be 'MAG200'
            (Get-CommerceAccount -MageId MAG200).Members | Should -HaveCount 2
        }

        It 'copies memberships piped from another account to the account named by -MageId' {
            $null = Add-CommerceAccountMember -MageId MAG100 -User analyst@example.com -Role SharedAccess
            $null = Add-CommerceAccountMember -MageId MAG100 -User support@example.com -Role SharedAccess
            $null = Add-CommerceAccountMember -MageId MAG100 -User partner@agency.example.com -Role PartnerSigner

            $copied = (Get-CommerceAccount -MageId MAG100).Members |
                Where-Object Role -eq SharedAccess |
                Add-CommerceAccountMember -MageId MAG200

            $copied | Should -HaveCount 2
            ($copied.MageId | Select-Object -Unique) | Should -Be 'MAG200'
            ((Get-CommerceAccount -MageId MAG200).Members.User -join ',') | Should -Be 'boss@example.com,analyst@example.com,support@example.com'
            (Get-CommerceAccount -MageId MAG100).Members | Should -HaveCount 4
        }

        It 'adds the rows of a CSV file and reports the bad ones without stopping' {
            $csv = Join-Path $TestDrive ('staff-' + [guid]::NewGuid().ToString('N') + '.csv')
            Set-Content -LiteralPath $csv -Value @(
                'User,Role'
                'analyst@example.com,SharedAccess'
                'owner@example.com,SharedAccess'
                'partner@agency.example.com,PartnerSigner'
            )

            $added = Import-Csv -LiteralPath $csv | Add-CommerceAccountMember -MageId MAG100 -ErrorAction SilentlyContinue -ErrorVariable failures

            ($added.User -join ',') | Should -Be 'analyst@example.com,partner@agency.example.com'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'MemberExists,CommerceConnector.Commands.AddCommerceAccountMemberCommand'
            $failures[0].TargetObject | Should -Be 'owner@example.com'
            (Get-CommerceAccount -MageId MAG100).Members | Should -HaveCount 3
        }

        It 'leaves the registry byte-identical with -WhatIf' {
            $before = Get-FileSnapshot $registryFile

            $result = Add-CommerceAccountMember -MageId MAG100 -User analyst@example.com -Role SharedAccess -WhatIf

            $result | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'still needs a context with -WhatIf when -MageId is omitted' {
            { $ErrorActionPreference = 'Continue'; Add-CommerceAccountMember -User analyst@example.com -Role SharedAccess -WhatIf } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.AddCommerceAccountMemberCommand'
        }
    }

    Context 'Remove-CommerceAccountMember' {
        BeforeEach {
            $null = Add-CommerceAccountMember -MageId MAG100 -User shared1@example.com -Role SharedAccess
            $null = Add-CommerceAccountMember -MageId MAG100 -User partner@agency.example.com -Role PartnerSigner
            $null = Add-CommerceAccountMember -MageId MAG100 -User shared2@example.com -Role SharedAccess
        }

        It 'removes a member and returns nothing without -PassThru' {
            $result = Remove-CommerceAccountMember -MageId MAG100 -User shared1@example.com

            $result | Should -BeNullOrEmpty
            ((Get-CommerceAccount -MageId MAG100).Members.User -join ',') | Should -Be 'owner@example.com,partner@agency.example.com,shared2@example.com'
        }

        It 'returns the removed membership with -PassThru, matching the address in any case' {
            $removed = Remove-CommerceAccountMember -MageId mag100 -User SHARED2@Example.COM -PassThru

            $removed | Should -HaveCount 1
            $removed | Should -BeOfType $memberType
            $removed.MageId | Should -Be 'MAG100'
            $removed.User | Should -Be 'shared2@example.com'
            "$($removed.Role)" | Should -Be 'SharedAccess'
            (Get-CommerceAccount -MageId MAG100).Members | Should -HaveCount 3
        }

        It 'reports a user who is not a member with MemberNotFound' {
            $before = Get-FileSnapshot $registryFile

            $err = { Remove-CommerceAccountMember -MageId MAG100 -User nobody@example.com -ErrorAction Stop } |
                Should -Throw -ErrorId 'MemberNotFound,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'nobody@example.com'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses to remove the last licence owner with LastLicenseOwner (a partner signer does not count)' {
            $before = Get-FileSnapshot $registryFile

            $err = { Remove-CommerceAccountMember -MageId MAG100 -User owner@example.com -ErrorAction Stop } |
                Should -Throw -ErrorId 'LastLicenseOwner,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'owner@example.com'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-CommerceAccount -MageId MAG100).Owner | Should -Be 'owner@example.com'
        }

        It 'passes the ownership to the remaining licence owner when the owner is removed' {
            $null = Add-CommerceAccountMember -MageId MAG100 -User deputy@example.com -Role LicenseOwner

            Remove-CommerceAccountMember -MageId MAG100 -User owner@example.com

            $account = Get-CommerceAccount -MageId MAG100
            $account.Owner | Should -Be 'deputy@example.com'
            ($account.Members.User -join ',') | Should -Be 'shared1@example.com,partner@agency.example.com,shared2@example.com,deputy@example.com'
            { Remove-CommerceAccountMember -MageId MAG100 -User deputy@example.com -ErrorAction Stop } |
                Should -Throw -ErrorId 'LastLicenseOwner,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand'
        }

        It 'removes the shared-access members piped from the account' {
            $result = (Get-CommerceAccount MAG100).Members | Where-Object Role -eq SharedAccess | Remove-CommerceAccountMember -Confirm:$false

            $result | Should -BeNullOrEmpty
            ((Get-CommerceAccount -MageId MAG100).Members.User -join ',') | Should -Be 'owner@example.com,partner@agency.example.com'
            ((Get-CommerceAccount -MageId MAG200).Members.User -join ',') | Should -Be 'boss@example.com'
        }

        It 'removes every piped member it may and reports the last licence owner without stopping' {
            $removed = (Get-CommerceAccount MAG100).Members |
                Remove-CommerceAccountMember -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures

            ($removed.User -join ',') | Should -Be 'shared1@example.com,partner@agency.example.com,shared2@example.com'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'LastLicenseOwner,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand'
            $failures[0].TargetObject | Should -Be 'owner@example.com'
            ((Get-CommerceAccount -MageId MAG100).Members.User -join ',') | Should -Be 'owner@example.com'
        }

        It 'removes from the connected account when -MageId is omitted' {
            $null = Connect-CommerceAccount -MageId MAG100

            Remove-CommerceAccountMember -User shared1@example.com

            (Get-CommerceAccount -MageId MAG100).Members.User | Should -Not -Contain 'shared1@example.com'
        }

        It 'stops with NotConnected when -MageId is omitted and there is no context' {
            { $ErrorActionPreference = 'Continue'; Remove-CommerceAccountMember -User shared1@example.com } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand'
            (Get-CommerceAccount -MageId MAG100).Members | Should -HaveCount 4
        }

        It 'reports an unknown account with AccountNotFound' {
            $err = { Remove-CommerceAccountMember -MageId MAG999 -User shared1@example.com -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountNotFound,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand' -PassThru

            $err.TargetObject | Should -Be 'MAG999'
        }

        It 'leaves the registry byte-identical with -WhatIf' {
            $before = Get-FileSnapshot $registryFile

            $result = (Get-CommerceAccount MAG100).Members | Remove-CommerceAccountMember -PassThru -WhatIf -ErrorAction SilentlyContinue -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            # -WhatIf reports what the real run would meet: the owner is the last licence owner.
            @($failures.FullyQualifiedErrorId) | Should -Be @('LastLicenseOwner,CommerceConnector.Commands.RemoveCommerceAccountMemberCommand')
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-CommerceAccount -MageId MAG100).Members | Should -HaveCount 4
        }
    }
}
