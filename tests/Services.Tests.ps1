# Get-CommerceService: the services catalog, with and without a session context.

Describe 'Get-CommerceService' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $serviceType = Get-ConnectorType 'CommerceConnector.Core.Catalog.CommerceService'
        $catalogOrder = 'Product Recommendations,Live Search,Payment Services,Channel Manager,Site-Wide Analysis Tool,Catalog Service,Data Connection'
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach { $registry = Reset-TestRegistry $TestDrive }

    AfterEach { Disconnect-CommerceAccount }

    Context 'Without a session context' {
        It 'lists the whole catalog in catalog order, without account availability' {
            $services = Get-CommerceService

            $services | Should -HaveCount 7
            ($services.Name -join ',') | Should -Be $catalogOrder
            foreach ($service in $services) {
                $service | Should -BeOfType $serviceType
                $service.AvailableToAccount | Should -BeNullOrEmpty
                $service.AccountMageId | Should -BeNullOrEmpty
            }
        }

        It 'needs no registry and creates none' {
            $null = Get-CommerceService -ErrorVariable failures -WarningVariable warnings

            $failures | Should -HaveCount 0
            $warnings | Should -HaveCount 0
            Test-Path -LiteralPath $registry | Should -BeFalse
        }

        It 'says that <Name> is available to Adobe Commerce: <AdobeCommerce>, to Magento Open Source: <MagentoOpenSource>' -ForEach @(
            @{ Name = 'Product Recommendations'; AdobeCommerce = $true; MagentoOpenSource = $false }
            @{ Name = 'Live Search'; AdobeCommerce = $true; MagentoOpenSource = $false }
            @{ Name = 'Payment Services'; AdobeCommerce = $true; MagentoOpenSource = $true }
            @{ Name = 'Channel Manager'; AdobeCommerce = $true; MagentoOpenSource = $true }
            @{ Name = 'Site-Wide Analysis Tool'; AdobeCommerce = $true; MagentoOpenSource = $false }
            @{ Name = 'Catalog Service'; AdobeCommerce = $true; MagentoOpenSource = $false }
            @{ Name = 'Data Connection'; AdobeCommerce = $true; MagentoOpenSource = $false }
        ) {
            $service = Get-CommerceService -Name $Name

            $service | Should -HaveCount 1
            $service.Name | Should -BeExactly $Name
            $service.AdobeCommerce | Should -Be $AdobeCommerce
            $service.MagentoOpenSource | Should -Be $MagentoOpenSource
        }

        It 'keeps the services of the edition <Edition>' -ForEach @(
            @{ Edition = 'MagentoOpenSource'; Expected = 'Payment Services,Channel Manager' }
            @{ Edition = 'AdobeCommerce'; Expected = 'Product Recommendations,Live Search,Payment Services,Channel Manager,Site-Wide Analysis Tool,Catalog Service,Data Connection' }
        ) {
            ((Get-CommerceService -Edition $Edition).Name -join ',') | Should -Be $Expected
        }

        It 'selects by the wildcard <Pattern>' -ForEach @(
            @{ Pattern = '*Service*'; Expected = 'Payment Services,Catalog Service' }
            @{ Pattern = 'live*'; Expected = 'Live Search' }
            @{ Pattern = 'C*'; Expected = 'Channel Manager,Catalog Service' }
            @{ Pattern = '?ata Connection'; Expected = 'Data Connection' }
        ) {
            ((Get-CommerceService -Name $Pattern).Name -join ',') | Should -Be $Expected
        }

        It 'combines a wildcard with -Edition' {
            ((Get-CommerceService -Name '*Service*' -Edition MagentoOpenSource).Name -join ',') | Should -Be 'Payment Services'
        }

        It 'finds an exact name in any case' {
            (Get-CommerceService -Name 'live search').Name | Should -BeExactly 'Live Search'
        }

        It 'returns nothing, and no error, for a wildcard that matches nothing' {
            $result = Get-CommerceService -Name 'Nothing*' -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'reports an unknown name with ServiceNotFound, listing the known services' {
            $err = { Get-CommerceService -Name 'Live Serch' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ServiceNotFound,CommerceConnector.Commands.GetCommerceServiceCommand' -PassThru

            $err.TargetObject | Should -Be 'Live Serch'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -BeLike '*Live Search*'
        }

        It 'reports a service that the edition does not have with ServiceNotFound' {
            $err = { Get-CommerceService -Name 'Live Search' -Edition MagentoOpenSource -ErrorAction Stop } |
                Should -Throw -ErrorId 'ServiceNotFound,CommerceConnector.Commands.GetCommerceServiceCommand' -PassThru

            $err.TargetObject | Should -Be 'Live Search'
            $err.Exception.Message | Should -BeLike '*MagentoOpenSource*'
        }

        It 'takes -Name from the Name property of piped objects and carries on past an unknown one' {
            $found = [pscustomobject]@{ Name = 'Channel Manager' }, [pscustomobject]@{ Name = 'Fax Service' }, [pscustomobject]@{ Name = 'Live Search' } |
                Get-CommerceService -ErrorAction SilentlyContinue -ErrorVariable failures

            ($found.Name -join ',') | Should -Be 'Channel Manager,Live Search'
            $failures | Should -HaveCount 1
            $failures[0].TargetObject | Should -Be 'Fax Service'
        }

        It 'refuses an edition that does not exist when binding the parameter' {
            { Get-CommerceService -Edition Enterprise } |
                Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
        }
    }

    Context 'With a session context' {
        BeforeEach {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $null = New-CommerceAccount -MageId MAG200 -Edition MagentoOpenSource -Owner owner@example.com
        }

        It 'tells which services the connected Magento Open Source account may use' {
            $null = Connect-CommerceAccount -MageId MAG200

            $services = Get-CommerceService

            $services | Should -HaveCount 7
            ($services.AccountMageId | Select-Object -Unique) | Should -Be 'MAG200'
            (($services | Where-Object AvailableToAccount).Name -join ',') | Should -Be 'Payment Services,Channel Manager'
            (($services | Where-Object { $_.AvailableToAccount -eq $false }).Name -join ',') |
                Should -Be 'Product Recommendations,Live Search,Site-Wide Analysis Tool,Catalog Service,Data Connection'
        }

        It 'tells that the connected Adobe Commerce account may use every service' {
            $null = Connect-CommerceAccount -MageId MAG100

            $services = Get-CommerceService

            ($services.AccountMageId | Select-Object -Unique) | Should -Be 'MAG100'
            foreach ($service in $services) {
                $service.AvailableToAccount | Should -BeTrue
            }
        }

        It 'keeps the verdict when filtering by an edition other than the account''s' {
            $null = Connect-CommerceAccount -MageId MAG200

            $service = Get-CommerceService -Name 'Catalog Service' -Edition AdobeCommerce

            $service.AccountMageId | Should -Be 'MAG200'
            $service.AvailableToAccount | Should -BeFalse
        }

        It 'uses the account named by COMMERCE_CONNECTOR_MAGEID' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG200'

            $service = Get-CommerceService -Name 'Payment Services'

            $service.AccountMageId | Should -Be 'MAG200'
            $service.AvailableToAccount | Should -BeTrue
        }

        It 'warns and lists the catalog without availability when the context cannot be resolved' {
            $env:COMMERCE_CONNECTOR_MAGEID = 'MAG999'

            $services = Get-CommerceService -WarningAction SilentlyContinue -WarningVariable warnings -ErrorVariable failures

            $services | Should -HaveCount 7
            foreach ($service in $services) {
                $service.AvailableToAccount | Should -BeNullOrEmpty
            }
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeLike 'The catalog is shown without account availability: *MAG999*'
            $failures | Should -HaveCount 0
        }
    }
}
