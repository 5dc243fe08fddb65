# New-, Get- and Set-CommerceAccount driven as a user would, against a throw-away registry per test.

Describe 'Commerce accounts' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $accountType = Get-ConnectorType 'CommerceConnector.Core.Accounts.CommerceAccount'
        $memberType = Get-ConnectorType 'CommerceConnector.Core.Accounts.AccountMember'
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $registry = Reset-TestRegistry $TestDrive
        $registryFile = Join-Path $registry 'registry.json'
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'New-CommerceAccount' {
        It 'creates an account whose owner is its first member, as licence owner' {
            $before = [DateTimeOffset]::UtcNow
            $account = New-CommerceAccount -MageId MAG123456789 -Edition AdobeCommerce -Owner licensing@example.com -Name 'Example Retail'
            $after = [DateTimeOffset]::UtcNow

            $account | Should -HaveCount 1
            $account | Should -BeOfType $accountType
            $account.MageId | Should -Be 'MAG123456789'
            $account.Name | Should -Be 'Example Retail'
            "$($account.Edition)" | Should -Be 'AdobeCommerce'
            "$($account.Standing)" | Should -Be 'Good'
            $account.Owner | Should -Be 'licensing@example.com'
            $account.CreatedAt | Should -BeGreaterOrEqual $before
            $account.CreatedAt | Should -BeLessOrEqual $after
            $account.Members | Should -HaveCount 1
            $account.Members[0] | Should -BeOfType $memberType
            $account.Members[0].MageId | Should -Be 'MAG123456789'
            $account.Members[0].User | Should -Be 'licensing@example.com'
            "$($account.Members[0].Role)" | Should -Be 'LicenseOwner'
            $account.Members[0].CanGenerateKeys | Should -BeTrue
        }

        It 'stores the account, so that a later command reads it back from the registry file' {
            $null = New-CommerceAccount -MageId MAG123456789 -Edition MagentoOpenSource -Owner licensing@example.com -Name 'Example Retail' -Standing Suspended

            Test-Path -LiteralPath $registryFile -PathType Leaf | Should -BeTrue
            $stored = Get-CommerceAccount -MageId MAG123456789
            $stored.MageId | Should -Be 'MAG123456789'
            $stored.Name | Should -Be 'Example Retail'
            "$($stored.Edition)" | Should -Be 'MagentoOpenSource'
            "$($stored.Standing)" | Should -Be 'Suspended'
            $stored.Owner | Should -Be 'licensing@example.com'
            $stored.Members.User | Should -Be 'licensing@example.com'
        }

        It 'stores the MageID trimmed and in upper case, and names the account after it by default' {
            $account = New-CommerceAccount -MageId '  mag42 ' -Edition AdobeCommerce -Owner ' owner@example.com '

            $account.MageId | Should -Be 'MAG42'
            $account.Name | Should -Be 'MAG42'
            $account.Owner | Should -Be 'owner@example.com'
            (Get-CommerceAccount -MageId MAG42).Name | Should -Be 'MAG42'
        }

        It 'accepts a MageID of 18 digits and a name of 255 characters' {
            $name = 'n' * 255
            $account = New-CommerceAccount -MageId MAG123456789012345678 -Edition AdobeCommerce -Owner owner@example.com -Name $name

            $account.MageId | Should -Be 'MAG123456789012345678'
            $account.Name.Length | Should -Be 255
        }

        It 'creates the accounts of CSV rows, binding the columns by property name' {
            $csv = Join-Path $TestDrive ('accounts-' + [guid]::NewGuid().ToString('N') + '.csv')
            Set-Content -LiteralPath $csv -Value @(
                'MageId,Edition,Owner,Name'
                'MAG100200300,AdobeCommerce,owner@shop-one.example.com,Shop One'
                'MAG400500600,MagentoOpenSource,it@shop-two.example.com,Shop Two'
            )

            $created = Import-Csv -LiteralPath $csv | New-CommerceAccount

            $created | Should -HaveCount 2
            ($created.MageId -join ',') | Should -Be 'MAG100200300,MAG400500600'
            ((Get-CommerceAccount).Name -join ',') | Should -Be 'Shop One,Shop Two'
            "$((Get-CommerceAccount MAG400500600).Edition)" | Should -Be 'MagentoOpenSource'
            "$((Get-CommerceAccount MAG400500600).Standing)" | Should -Be 'Good'
        }

        It 'refuses a MageID that exists already, in any case, with AccountExists and leaves the registry unchanged' {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $before = Get-FileSnapshot $registryFile

            $err = { New-CommerceAccount -MageId mag100 -Edition MagentoOpenSource -Owner other@example.com -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountExists,CommerceConnector.Commands.NewCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'MAG100'
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-CommerceAccount -MageId MAG100).Owner | Should -Be 'owner@example.com'
        }

        It 'refuses <Value> with InvalidMageId and creates no registry' -ForEach @(
            @{ Value = 'MAG' }
            @{ Value = '123456789' }
            @{ Value = 'MAGX12' }
            @{ Value = 'MAG-1' }
            @{ Value = 'MAG1234567890123456789' }
        ) {
            $err = { New-CommerceAccount -MageId $Value -Edition AdobeCommerce -Owner owner@example.com -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidMageId,CommerceConnector.Commands.NewCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be $Value
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            Test-Path -LiteralPath $registry | Should -BeFalse
        }

        It 'refuses the owner <Value> with InvalidEmailAddress' -ForEach @(
            @{ Value = 'not-an-email' }
            @{ Value = 'user@localhost' }
            @{ Value = '@example.com' }
            @{ Value = 'first last@example.com' }
        ) {
            $err = { New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner $Value -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidEmailAddress,CommerceConnector.Commands.NewCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be $Value
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            Test-Path -LiteralPath $registry | Should -BeFalse
        }

        It 'refuses the name <Case> with InvalidAccountName' -ForEach @(
            @{ Case = 'of blanks only'; Value = '   ' }
            @{ Case = 'of 256 characters'; Value = ('x' * 256) }
            @{ Case = 'with a control character'; Value = "Shop`tOne" }
        ) {
            $err = { New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com -Name $Value -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidAccountName,CommerceConnector.Commands.NewCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be $Value
            Test-Path -LiteralPath $registry | Should -BeFalse
        }

        It 'refuses an edition that does not exist when binding the parameter' {
            { New-CommerceAccount -MageId MAG100 -Edition Enterprise -Owner owner@example.com } |
                Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
            Test-Path -LiteralPath $registry | Should -BeFalse
        }

        It 'reports a bad row as a non-terminating error and still creates the others' {
            $rows = @(
                [pscustomobject]@{ MageId = 'MAG100'; Edition = 'AdobeCommerce'; Owner = 'one@example.com' }
                [pscustomobject]@{ MageId = 'not-a-mageid'; Edition = 'AdobeCommerce'; Owner = 'two@example.com' }
                [pscustomobject]@{ MageId = 'MAG300'; Edition = 'MagentoOpenSource'; Owner = 'three@example.com' }
            )

            $created = $rows | New-CommerceAccount -ErrorAction SilentlyContinue -ErrorVariable failures

            ($created.MageId -join ',') | Should -Be 'MAG100,MAG300'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidMageId,CommerceConnector.Commands.NewCommerceAccountCommand'
            $failures[0].TargetObject | Should -Be 'not-a-mageid'
            ((Get-CommerceAccount).MageId -join ',') | Should -Be 'MAG100,MAG300'
        }

        It 'creates nothing, not even the registry folder, with -WhatIf' {
            $result = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com -WhatIf

            $result | Should -BeNullOrEmpty
            Test-Path -LiteralPath $registry | Should -BeFalse
        }

        It 'leaves an existing registry byte-identical with -WhatIf' {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $before = Get-FileSnapshot $registryFile

            $result = New-CommerceAccount -MageId MAG200 -Edition AdobeCommerce -Owner owner@example.com -WhatIf

            $result | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
            ((Get-CommerceAccount).MageId -join ',') | Should -Be 'MAG100'
        }
    }

    Context 'Get-CommerceAccount' {
        BeforeEach {
            $null = New-CommerceAccount -MageId MAG200 -Edition AdobeCommerce -Owner third@example.com -Name 'Shop Three'
            $null = New-CommerceAccount -MageId MAG101 -Edition MagentoOpenSource -Owner second@example.com -Name 'Shop Two'
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner first@example.com -Name 'Shop One'
        }

        It 'returns every account, sorted by MageID' {
            $accounts = Get-CommerceAccount

            $accounts | Should -HaveCount 3
            ($accounts.MageId -join ',') | Should -Be 'MAG100,MAG101,MAG200'
            ($accounts.Name -join ',') | Should -Be 'Shop One,Shop Two,Shop Three'
            foreach ($account in $accounts) {
                $account | Should -BeOfType $accountType
            }
        }

        It 'returns the accounts matching the wildcard <Pattern>' -ForEach @(
            @{ Pattern = 'MAG1*'; Expected = 'MAG100,MAG101' }
            @{ Pattern = 'mag10?'; Expected = 'MAG100,MAG101' }
            @{ Pattern = 'MAG[12]00'; Expected = 'MAG100,MAG200' }
            @{ Pattern = '*0'; Expected = 'MAG100,MAG200' }
            @{ Pattern = '*'; Expected = 'MAG100,MAG101,MAG200' }
        ) {
            ((Get-CommerceAccount -MageId $Pattern).MageId -join ',') | Should -Be $Expected
        }

        It 'returns one account for an exact MageID, in any case' {
            $account = Get-CommerceAccount mag101

            $account | Should -HaveCount 1
            $account.MageId | Should -Be 'MAG101'
            "$($account.Edition)" | Should -Be 'MagentoOpenSource'
            $account.Owner | Should -Be 'second@example.com'
        }

        It 'returns nothing, and no error, for a wildcard that matches nothing' {
            $result = Get-CommerceAccount -MageId 'MAG9*' -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'reports a MageID that matches nothing with AccountNotFound' {
            $err = { Get-CommerceAccount -MageId MAG999 -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountNotFound,CommerceConnector.Commands.GetCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'MAG999'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -BeLike '*MAG999*'
        }

        It 'looks up MageIDs piped as strings, reporting the unknown ones and returning the others' {
            $found = 'MAG200', 'MAG999', 'MAG100' | Get-CommerceAccount -ErrorAction SilentlyContinue -ErrorVariable failures

            ($found.MageId -join ',') | Should -Be 'MAG200,MAG100'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AccountNotFound,CommerceConnector.Commands.GetCommerceAccountCommand'
            $failures[0].TargetObject | Should -Be 'MAG999'
        }

        It 'takes the MageID from the MageId property of piped objects' {
            $account = [pscustomobject]@{ MageId = 'MAG101' } | Get-CommerceAccount

            $account.Name | Should -Be 'Shop Two'
        }

        It 'returns the members of each account with the account''s MageID' {
            $members = (Get-CommerceAccount -MageId MAG101).Members

            $members | Should -HaveCount 1
            $members[0] | Should -BeOfType $memberType
            $members[0].MageId | Should -Be 'MAG101'
            $members[0].User | Should -Be 'second@example.com'
        }

        It 'returns nothing and creates no registry where none exists yet' {
            $empty = New-TestRegistryPath $TestDrive
            $env:COMMERCE_CONNECTOR_HOME = $empty

            $result = Get-CommerceAccount -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
            Test-Path -LiteralPath $empty | Should -BeFalse
        }

        It 'never changes the registry file' {
            $before = Get-FileSnapshot $registryFile

            $null = Get-CommerceAccount
            $null = Get-CommerceAccount -MageId 'MAG1*'
            $null = Get-CommerceAccount -MageId MAG999 -ErrorAction SilentlyContinue

            Get-FileSnapshot $registryFile | Should -Be $before
        }
    }

    Context 'Set-CommerceAccount' {
        BeforeEach {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner first@example.com -Name 'Shop One'
            $null = New-CommerceAccount -MageId MAG101 -Edition MagentoOpenSource -Owner second@example.com -Name 'Shop Two'
            $null = New-CommerceAccount -MageId MAG200 -Edition AdobeCommerce -Owner third@example.com -Name 'Shop Three'
        }

        It 'changes the standing and returns nothing without -PassThru' {
            $result = Set-CommerceAccount -MageId MAG100 -Standing Suspended

            $result | Should -BeNullOrEmpty
            "$((Get-CommerceAccount MAG100).Standing)" | Should -Be 'Suspended'
            (Get-CommerceAccount MAG100).Name | Should -Be 'Shop One'
            "$((Get-CommerceAccount MAG101).Standing)" | Should -Be 'Good'
        }

        It 'changes the name, trimmed, and returns the account with -PassThru' {
            $account = Set-CommerceAccount MAG100 -Name '  Shop One (EU)  ' -PassThru

            $account | Should -HaveCount 1
            $account | Should -BeOfType $accountType
            $account.MageId | Should -Be 'MAG100'
            $account.Name | Should -Be 'Shop One (EU)'
            "$($account.Standing)" | Should -Be 'Good'
            (Get-CommerceAccount MAG100).Name | Should -Be 'Shop One (EU)'
        }

        It 'changes standing and name together, and leaves edition, owner and members alone' {
            $null = Set-CommerceAccount -MageId mag101 -Standing Suspended -Name 'Closed shop'

            $account = Get-CommerceAccount MAG101
            "$($account.Standing)" | Should -Be 'Suspended'
            $account.Name | Should -Be 'Closed shop'
            "$($account.Edition)" | Should -Be 'MagentoOpenSource'
            $account.Owner | Should -Be 'second@example.com'
            $account.Members.User | Should -Be 'second@example.com'
        }

        It 'stops with NothingToChange when neither -Standing nor -Name is given' {
            $before = Get-FileSnapshot $registryFile

            $err = { $ErrorActionPreference = 'Continue'; Set-CommerceAccount -MageId MAG100 } |
                Should -Throw -ErrorId 'NothingToChange,CommerceConnector.Commands.SetCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'MAG100'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'stops with NotConnected when -MageId is omitted and there is no context' {
            $before = Get-FileSnapshot $registryFile

            $err = { $ErrorActionPreference = 'Continue'; Set-CommerceAccount -Standing Suspended } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.SetCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'changes the account of the session context when -MageId is omitted' {
            $null = Connect-CommerceAccount -MageId MAG101

            Set-CommerceAccount -Name 'Via the context'

            (Get-CommerceAccount MAG101).Name | Should -Be 'Via the context'
            (Get-CommerceAccount MAG100).Name | Should -Be 'Shop One'
        }

        It 'reports an unknown MageID with AccountNotFound' {
            $err = { Set-CommerceAccount -MageId MAG999 -Standing Suspended -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountNotFound,CommerceConnector.Commands.SetCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'MAG999'
        }

        It 'reports a malformed MageID with InvalidMageId' {
            $err = { Set-CommerceAccount -MageId 'MAGIC' -Standing Suspended -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidMageId,CommerceConnector.Commands.SetCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be 'MAGIC'
        }

        It 'reports an empty name with InvalidAccountName and keeps the old one' {
            $err = { Set-CommerceAccount -MageId MAG100 -Name '  ' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidAccountName,CommerceConnector.Commands.SetCommerceAccountCommand' -PassThru

            $err.TargetObject | Should -Be '  '
            (Get-CommerceAccount MAG100).Name | Should -Be 'Shop One'
        }

        It 'suspends every account piped from Get-CommerceAccount' {
            $changed = Get-CommerceAccount | Set-CommerceAccount -Standing Suspended -PassThru

            $changed | Should -HaveCount 3
            ($changed.MageId -join ',') | Should -Be 'MAG100,MAG101,MAG200'
            foreach ($account in $changed) {
                $account | Should -BeOfType $accountType
                "$($account.Standing)" | Should -Be 'Suspended'
            }
            ((Get-CommerceAccount | ForEach-Object { "$($_.Standing)" }) -join ',') | Should -Be 'Suspended,Suspended,Suspended'
        }

        It 'changes the accounts piped as MageID strings and carries on past an unknown one' {
            $changed = 'MAG100', 'MAG999', 'MAG200' |
                Set-CommerceAccount -Name 'Bulk' -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures

            ($changed.MageId -join ',') | Should -Be 'MAG100,MAG200'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AccountNotFound,CommerceConnector.Commands.SetCommerceAccountCommand'
            $failures[0].TargetObject | Should -Be 'MAG999'
            ((Get-CommerceAccount).Name -join ',') | Should -Be 'Bulk,Shop Two,Bulk'
        }

        It 'leaves the registry byte-identical with -WhatIf' {
            $before = Get-FileSnapshot $registryFile

            $result = Get-CommerceAccount | Set-CommerceAccount -Standing Suspended -Name 'Renamed' -PassThru -WhatIf

            $result | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
            ((Get-CommerceAccount | ForEach-Object { "$($_.Standing)" }) -join ',') | Should -Be 'Good,Good,Good'
        }
    }
}
