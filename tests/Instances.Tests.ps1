# The instance inventory: Register-, Get-, Set- and Unregister-CommerceInstance driven as a user would, against a
# throw-away registry per test and Magento roots generated under $TestDrive. None of these commands may touch env.php.

BeforeDiscovery {
    $helpCases = @(
        @{ Name = 'Register-CommerceInstance'; Parameters = 'Adopt,BaseUrl,Confirm,DatabaseCredential,HostName,Name,NoDatabase,Path,Port,Role,UserName,WhatIf'; Phrases = @('NotAMagentoRoot', 'InstanceExists', 'InstancePathRegistered', 'InvalidBaseUrl', 'InvalidInstanceName', 'ProductionDataSpaceOnNonProductionInstance', 'app/etc/env.php') }
        @{ Name = 'Get-CommerceInstance'; Parameters = 'Name,Role'; Phrases = @('InstanceNotFound', 'wildcards', 'AssignedDataSpaceId') }
        @{ Name = 'Set-CommerceInstance'; Parameters = 'BaseUrl,Confirm,DatabaseAccess,Name,NewName,PassThru,Path,Role,WhatIf'; Phrases = @('DatabaseAccess', 'NothingToChange', 'InstanceExists', 'InstancePathRegistered', 'NotAMagentoRoot', 'DataSpaceFitsRole', 'env.php is not touched') }
        @{ Name = 'Unregister-CommerceInstance'; Parameters = 'Confirm,Force,Name,PassThru,WhatIf'; Phrases = @('InstanceNotFound', 'Clear-ConnectorConfiguration', 'DataSpaceInUse', 'Clear-DataSpace', 'keeps exporting') }
    )
}

Describe 'Commerce instances' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $instanceType = Get-ConnectorType 'CommerceConnector.Core.Instances.CommerceInstance'

        $MageId = 'MAG100200300'
        $Owner = 'owner@shop-one.example.com'
        $OtherMageId = 'MAG400500600'
        $OtherOwner = 'owner@shop-two.example.com'

        # 'Name:Role' for each instance, in output order, joined by commas.
        function Get-InstanceSummary { $input | Join-TestSummary { "$($_.Name):$($_.Role)" } }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $registry = Reset-TestRegistry $TestDrive
        $registryFile = Join-Path $registry 'registry.json'

        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner $Owner -Name 'Shop One'
        $null = Connect-CommerceAccount -MageId $MageId
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'Register-CommerceInstance' {
        It 'registers a Magento root with its role and base URL, and leaves its env.php alone' {
            $root = New-TestMagentoRoot 'prod'
            $envBefore = Get-FileSnapshot (Get-EnvPhpPath $root)
            $before = [DateTimeOffset]::UtcNow

            $instance = Register-CommerceInstance -Name 'luma-prod' -Path $root -Role Production -BaseUrl 'https://www.luma.example.com'

            $after = [DateTimeOffset]::UtcNow
            $instance | Should -HaveCount 1
            $instance | Should -BeOfType $instanceType
            $instance.GetType().FullName | Should -Be 'CommerceConnector.Core.Instances.CommerceInstance'
            $instance.Name | Should -BeExactly 'luma-prod'
            $instance.MageId | Should -Be $MageId
            $instance.Path | Should -Be $root
            "$($instance.Role)" | Should -Be 'Production'
            $instance.BaseUrl | Should -BeExactly 'https://www.luma.example.com/'
            $instance.RegisteredBy | Should -Be $Owner
            $instance.RegisteredAt | Should -BeGreaterOrEqual $before
            $instance.RegisteredAt | Should -BeLessOrEqual $after
            $instance.AssignedDataSpaceId | Should -BeNullOrEmpty
            $instance.EnvPhpPath | Should -Be (Get-EnvPhpPath $root)
            $instance.ConfigPhpPath | Should -Be ([System.IO.Path]::Combine($root, 'app', 'etc', 'config.php'))
            Get-FileSnapshot (Get-EnvPhpPath $root) | Should -Be $envBefore
            (Get-CommerceInstance | Get-InstanceSummary) | Should -Be 'luma-prod:Production'
        }

        It 'trims the name, resolves a relative path and stores it without a trailing separator' {
            $root = New-TestMagentoRoot 'stage'
            Push-Location -LiteralPath $TestDrive
            try {
                $relative = '.' + [System.IO.Path]::DirectorySeparatorChar + (Split-Path -Leaf $root) + [System.IO.Path]::DirectorySeparatorChar
                $instance = Register-CommerceInstance -Name '  luma-staging  ' -Path $relative -Role Staging
            }
            finally {
                Pop-Location
            }

            $instance.Name | Should -BeExactly 'luma-staging'
            $instance.Path | Should -Be $root
            $instance.BaseUrl | Should -BeNullOrEmpty
            (Get-CommerceInstance -Name 'luma-staging').Path | Should -Be $root
        }

        It 'takes Name, Path, Role and BaseUrl from piped objects and carries on past a failing one' {
            $staging = New-TestMagentoRoot 'stage'
            $dev = New-TestMagentoRoot 'dev'
            $notMagento = Join-Path $TestDrive ('plain-' + [guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $notMagento
            $rows = @(
                [pscustomobject]@{ Name = 'luma-staging'; Path = $staging; Role = 'Staging'; BaseUrl = 'https://staging.luma.example.com/' }
                [pscustomobject]@{ Name = 'luma-broken'; Path = $notMagento; Role = 'Staging'; BaseUrl = 'https://broken.luma.example.com/' }
                [pscustomobject]@{ Name = 'luma-dev'; Path = $dev; Role = 'Development'; BaseUrl = 'http://luma.localhost/' }
            )

            $registered = @($rows | Register-CommerceInstance -ErrorAction SilentlyContinue -ErrorVariable failures)

            ($registered | Get-InstanceSummary) | Should -Be 'luma-staging:Staging,luma-dev:Development'
            ($registered.BaseUrl -join ',') | Should -Be 'https://staging.luma.example.com/,http://luma.localhost/'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'NotAMagentoRoot,CommerceConnector.Commands.RegisterCommerceInstanceCommand'
            $failures[0].TargetObject | Should -Be $notMagento
            (Get-CommerceInstance | Get-InstanceSummary) | Should -Be 'luma-dev:Development,luma-staging:Staging'
        }

        It 'refuses a folder without app/etc/env.php with NotAMagentoRoot and registers nothing' {
            $folder = Join-Path $TestDrive ('half-' + [guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($folder, 'app', 'etc'))
            [System.IO.File]::WriteAllText([System.IO.Path]::Combine($folder, 'app', 'etc', 'config.php'), "<?php`nreturn ['modules' => []];`n")
            $before = Get-FileSnapshot $registryFile

            $err = { Register-CommerceInstance -Name 'luma-prod' -Path $folder -Role Production -ErrorAction Stop } |
                Should -Throw -ErrorId 'NotAMagentoRoot,CommerceConnector.Commands.RegisterCommerceInstanceCommand' -PassThru

            $err.TargetObject | Should -Be $folder
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -BeLike '*app/etc/env.php*'
            Get-FileSnapshot $registryFile | Should -Be $before
            Get-CommerceInstance | Should -BeNullOrEmpty
        }

        It 'refuses a second instance of the same name, in any case, with InstanceExists' {
            $null = Register-CommerceInstance -Name 'luma-prod' -Path (New-TestMagentoRoot 'prod') -Role Production
            $other = New-TestMagentoRoot 'other'
            $before = Get-FileSnapshot $registryFile

            $err = { Register-CommerceInstance -Name 'LUMA-PROD' -Path $other -Role Staging -ErrorAction Stop } |
                Should -Throw -ErrorId 'InstanceExists,CommerceConnector.Commands.RegisterCommerceInstanceCommand' -PassThru

            $err.TargetObject | Should -Be 'LUMA-PROD'
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses a Magento root that is already registered, under another name, with InstancePathRegistered' {
            $root = New-TestMagentoRoot 'prod'
            $null = Register-CommerceInstance -Name 'luma-prod' -Path $root -Role Production
            $before = Get-FileSnapshot $registryFile

            $err = { Register-CommerceInstance -Name 'luma-again' -Path $root -Role Staging -ErrorAction Stop } |
                Should -Throw -ErrorId 'InstancePathRegistered,CommerceConnector.Commands.RegisterCommerceInstanceCommand' -PassThru

            $err.TargetObject | Should -Be $root
            $err.Exception.Message | Should -BeLike "*'luma-prod'*"
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses <Description> with <ErrorId>' -ForEach @(
            @{ Description = 'an ftp base URL'; Name = 'luma-prod'; BaseUrl = 'ftp://shop.example.com/'; ErrorId = 'InvalidBaseUrl' }
            @{ Description = 'a relative base URL'; Name = 'luma-prod'; BaseUrl = 'shop.example.com'; ErrorId = 'InvalidBaseUrl' }
            @{ Description = 'a blank name'; Name = '   '; BaseUrl = 'https://shop.example.com/'; ErrorId = 'InvalidInstanceName' }
            @{ Description = 'a name with a control character'; Name = "luma`tprod"; BaseUrl = 'https://shop.example.com/'; ErrorId = 'InvalidInstanceName' }
        ) {
            $root = New-TestMagentoRoot 'prod'
            $before = Get-FileSnapshot $registryFile

            { Register-CommerceInstance -Name $Name -Path $root -Role Production -BaseUrl $BaseUrl -ErrorAction Stop } |
                Should -Throw -ErrorId "$ErrorId,CommerceConnector.Commands.RegisterCommerceInstanceCommand"

            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'registers nothing and returns nothing with -WhatIf' {
            $root = New-TestMagentoRoot 'prod'
            $before = Get-FileSnapshot $registryFile

            $output = Register-CommerceInstance -Name 'luma-prod' -Path $root -Role Production -WhatIf

            $output | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
            Get-CommerceInstance | Should -BeNullOrEmpty
        }

        It 'stops with NotConnected without a session context' {
            $root = New-TestMagentoRoot 'prod'
            Disconnect-CommerceAccount

            { Register-CommerceInstance -Name 'luma-prod' -Path $root -Role Production } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.RegisterCommerceInstanceCommand'
        }
    }

    Context 'Get-CommerceInstance' {
        BeforeEach {
            $prodRoot = New-TestMagentoRoot 'prod'
            $null = Register-CommerceInstance -Name 'luma-prod' -Path $prodRoot -Role Production -BaseUrl 'https://www.luma.example.com/'
            $null = Register-CommerceInstance -Name 'luma-staging' -Path (New-TestMagentoRoot 'stage') -Role Staging
            $null = Register-CommerceInstance -Name 'aurora-dev' -Path (New-TestMagentoRoot 'dev') -Role Development
            # Another account in the same registry, with an instance of the same name.
            $null = New-CommerceAccount -MageId $OtherMageId -Edition MagentoOpenSource -Owner $OtherOwner
            $null = Connect-CommerceAccount -MageId $OtherMageId
            $otherRoot = New-TestMagentoRoot 'other'
            $null = Register-CommerceInstance -Name 'luma-prod' -Path $otherRoot -Role Production
            $null = Connect-CommerceAccount -MageId $MageId
        }

        It 'lists the instances of the connected account only, in name order' {
            $instances = @(Get-CommerceInstance)

            ($instances | Get-InstanceSummary) | Should -Be 'aurora-dev:Development,luma-prod:Production,luma-staging:Staging'
            foreach ($instance in $instances) {
                $instance | Should -BeOfType $instanceType
                $instance.MageId | Should -Be $MageId
            }
            (Get-CommerceInstance -Name 'luma-prod').Path | Should -Be $prodRoot
        }

        It 'lists the other account''s instances once connected to it' {
            $null = Connect-CommerceAccount -MageId $OtherMageId

            $instances = @(Get-CommerceInstance)

            ($instances | Get-InstanceSummary) | Should -Be 'luma-prod:Production'
            $instances[0].Path | Should -Be $otherRoot
            $instances[0].MageId | Should -Be $OtherMageId
        }

        It 'selects by the wildcard <Pattern>' -ForEach @(
            @{ Pattern = 'luma-*'; Expected = 'luma-prod:Production,luma-staging:Staging' }
            @{ Pattern = 'LUMA-P*'; Expected = 'luma-prod:Production' }
            @{ Pattern = '*-dev'; Expected = 'aurora-dev:Development' }
            @{ Pattern = '?uma-staging'; Expected = 'luma-staging:Staging' }
        ) {
            (Get-CommerceInstance -Name $Pattern | Get-InstanceSummary) | Should -Be $Expected
        }

        It 'finds an exact name in any case' {
            (Get-CommerceInstance -Name 'Luma-Staging').Name | Should -BeExactly 'luma-staging'
        }

        It 'keeps the instances of the role <Role>' -ForEach @(
            @{ Role = 'Production'; Expected = 'luma-prod:Production' }
            @{ Role = 'Staging'; Expected = 'luma-staging:Staging' }
            @{ Role = 'Integration'; Expected = '' }
        ) {
            (Get-CommerceInstance -Role $Role | Get-InstanceSummary) | Should -Be $Expected
        }

        It 'reports an unknown name with InstanceNotFound, and a wildcard that matches nothing with nothing' {
            $err = { Get-CommerceInstance -Name 'luma-qa' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InstanceNotFound,CommerceConnector.Commands.GetCommerceInstanceCommand' -PassThru
            $err.TargetObject | Should -Be 'luma-qa'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -BeLike '*Register-CommerceInstance*'

            $none = Get-CommerceInstance -Name 'qa-*' -ErrorVariable failures
            $none | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'takes -Name from the Name property of piped objects' {
            $found = [pscustomobject]@{ Name = 'luma-staging' }, [pscustomobject]@{ Name = 'aurora-dev' } | Get-CommerceInstance

            ($found | Get-InstanceSummary) | Should -Be 'luma-staging:Staging,aurora-dev:Development'
        }

        It 'stops with NotConnected without a session context' {
            Disconnect-CommerceAccount

            { Get-CommerceInstance } | Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.GetCommerceInstanceCommand'
        }
    }

    Context 'Set-CommerceInstance' {
        BeforeEach {
            $prodRoot = New-TestMagentoRoot 'prod'
            $stagingRoot = New-TestMagentoRoot 'stage'
            $null = Register-CommerceInstance -Name 'luma-prod' -Path $prodRoot -Role Production -BaseUrl 'https://www.luma.example.com/'
            $null = Register-CommerceInstance -Name 'luma-staging' -Path $stagingRoot -Role Staging -BaseUrl 'https://staging.luma.example.com/'
            $prodEnvBefore = Get-FileSnapshot (Get-EnvPhpPath $prodRoot)
            $stagingEnvBefore = Get-FileSnapshot (Get-EnvPhpPath $stagingRoot)
        }

        AfterEach {
            # Whatever the registry says, no instance command writes env.php.
            Get-FileSnapshot (Get-EnvPhpPath $prodRoot) | Should -Be $prodEnvBefore
            Get-FileSnapshot (Get-EnvPhpPath $stagingRoot) | Should -Be $stagingEnvBefore
        }

        It 'changes the role only, and returns nothing without -PassThru' {
            $output = Set-CommerceInstance -Name 'luma-staging' -Role Integration

            $output | Should -BeNullOrEmpty
            $stored = Get-CommerceInstance -Name 'luma-staging'
            "$($stored.Role)" | Should -Be 'Integration'
            $stored.BaseUrl | Should -Be 'https://staging.luma.example.com/'
            $stored.Path | Should -Be $stagingRoot
        }

        It 'renames and sets the base URL, returning the changed instance with -PassThru' {
            $changed = Set-CommerceInstance 'luma-staging' -NewName 'luma-stage' -BaseUrl 'https://stage.luma.example.com' -PassThru

            $changed | Should -BeOfType $instanceType
            $changed.Name | Should -BeExactly 'luma-stage'
            $changed.BaseUrl | Should -BeExactly 'https://stage.luma.example.com/'
            "$($changed.Role)" | Should -Be 'Staging'
            (Get-CommerceInstance | Get-InstanceSummary) | Should -Be 'luma-prod:Production,luma-stage:Staging'
            { Get-CommerceInstance -Name 'luma-staging' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InstanceNotFound,CommerceConnector.Commands.GetCommerceInstanceCommand'
        }

        It 'allows a change of case of the name' {
            $changed = Set-CommerceInstance -Name 'luma-prod' -NewName 'Luma-Prod' -PassThru

            $changed.Name | Should -BeExactly 'Luma-Prod'
            (Get-CommerceInstance -Name 'luma-prod').Name | Should -BeExactly 'Luma-Prod'
        }

        It 'refuses the name of another instance with InstanceExists and changes nothing' {
            $before = Get-FileSnapshot $registryFile

            $err = { Set-CommerceInstance -Name 'luma-staging' -NewName 'LUMA-PROD' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InstanceExists,CommerceConnector.Commands.SetCommerceInstanceCommand' -PassThru

            $err.TargetObject | Should -Be 'LUMA-PROD'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'moves an instance to another Magento root' {
            $moved = New-TestMagentoRoot 'moved'

            $changed = Set-CommerceInstance -Name 'luma-staging' -Path $moved -PassThru

            $changed.Path | Should -Be $moved
            (Get-CommerceInstance -Name 'luma-staging').Path | Should -Be $moved
        }

        It 'refuses -Path <Description> with <ErrorId>' -ForEach @(
            @{ Description = 'of another instance'; Which = 'registered'; ErrorId = 'InstancePathRegistered' }
            @{ Description = 'without app/etc/env.php'; Which = 'plain'; ErrorId = 'NotAMagentoRoot' }
        ) {
            $path = $prodRoot
            if ($Which -eq 'plain') {
                $path = Join-Path $TestDrive ('plain-' + [guid]::NewGuid().ToString('N'))
                $null = New-Item -ItemType Directory -Path $path
            }
            $before = Get-FileSnapshot $registryFile

            $err = { Set-CommerceInstance -Name 'luma-staging' -Path $path -ErrorAction Stop } |
                Should -Throw -ErrorId "$ErrorId,CommerceConnector.Commands.SetCommerceInstanceCommand" -PassThru

            $err.TargetObject | Should -Be $path
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses a base URL that is not http(s) with InvalidBaseUrl' {
            { Set-CommerceInstance -Name 'luma-prod' -BaseUrl 'mailto:ops@luma.example.com' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidBaseUrl,CommerceConnector.Commands.SetCommerceInstanceCommand'
            (Get-CommerceInstance -Name 'luma-prod').BaseUrl | Should -Be 'https://www.luma.example.com/'
        }

        It 'stops with the terminating NothingToChange when no change is given' {
            $before = Get-FileSnapshot $registryFile

            # Without -ErrorAction Stop: only a terminating error makes the block throw.
            $err = { Set-CommerceInstance -Name 'luma-prod' } |
                Should -Throw -ErrorId 'NothingToChange,CommerceConnector.Commands.SetCommerceInstanceCommand' -PassThru

            $err.TargetObject | Should -Be 'luma-prod'
            $err.Exception.Message | Should -BeLike '*-Role, -BaseUrl, -NewName or -Path*'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'reports an unknown instance with InstanceNotFound' {
            $err = { Set-CommerceInstance -Name 'luma-qa' -Role Staging -ErrorAction Stop } |
                Should -Throw -ErrorId 'InstanceNotFound,CommerceConnector.Commands.SetCommerceInstanceCommand' -PassThru

            $err.TargetObject | Should -Be 'luma-qa'
        }

        It 'changes nothing and returns nothing with -WhatIf' {
            $before = Get-FileSnapshot $registryFile

            $output = Set-CommerceInstance -Name 'luma-staging' -Role Production -NewName 'luma-live' -PassThru -WhatIf

            $output | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-CommerceInstance | Get-InstanceSummary) | Should -Be 'luma-prod:Production,luma-staging:Staging'
        }

        It 'changes every instance piped from Get-CommerceInstance' {
            $null = Register-CommerceInstance -Name 'luma-staging-2' -Path (New-TestMagentoRoot 'stage2') -Role Staging

            $changed = @(Get-CommerceInstance -Role Staging | Set-CommerceInstance -BaseUrl 'https://qa.luma.example.com/' -PassThru)

            ($changed.Name -join ',') | Should -Be 'luma-staging,luma-staging-2'
            ((Get-CommerceInstance -Role Staging).BaseUrl | Select-Object -Unique) | Should -Be 'https://qa.luma.example.com/'
            (Get-CommerceInstance -Name 'luma-prod').BaseUrl | Should -Be 'https://www.luma.example.com/'
        }
    }

    Context 'Unregister-CommerceInstance' {
        BeforeEach {
            $prodRoot = New-TestMagentoRoot 'prod'
            $devRoot = New-TestMagentoRoot 'dev'
            $null = Register-CommerceInstance -Name 'luma-prod' -Path $prodRoot -Role Production
            $null = Register-CommerceInstance -Name 'luma-dev' -Path $devRoot -Role Development
            $null = Register-CommerceInstance -Name 'aurora-dev' -Path (New-TestMagentoRoot 'aurora') -Role Development
        }

        It 'removes the instance from the inventory, returns nothing, and leaves its env.php as it is' {
            $envBefore = Get-FileSnapshot (Get-EnvPhpPath $devRoot)

            $output = Unregister-CommerceInstance -Name 'luma-dev' -Confirm:$false

            $output | Should -BeNullOrEmpty
            (Get-CommerceInstance | Get-InstanceSummary) | Should -Be 'aurora-dev:Development,luma-prod:Production'
            Get-FileSnapshot (Get-EnvPhpPath $devRoot) | Should -Be $envBefore
        }

        It 'returns the removed instance with -PassThru, and frees its Magento root for a new registration' {
            $removed = Unregister-CommerceInstance 'LUMA-DEV' -PassThru -Confirm:$false

            $removed | Should -BeOfType $instanceType
            $removed.Name | Should -BeExactly 'luma-dev'
            $removed.Path | Should -Be $devRoot
            $again = Register-CommerceInstance -Name 'luma-dev-2' -Path $devRoot -Role Development
            $again.Path | Should -Be $devRoot
        }

        It 'unregisters every instance piped from Get-CommerceInstance' {
            Get-CommerceInstance -Role Development | Unregister-CommerceInstance -Confirm:$false

            (Get-CommerceInstance | Get-InstanceSummary) | Should -Be 'luma-prod:Production'
        }

        It 'reports an unknown instance with InstanceNotFound and carries on' {
            $removed = @([pscustomobject]@{ Name = 'luma-qa' }, [pscustomobject]@{ Name = 'luma-dev' } |
                    Unregister-CommerceInstance -PassThru -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures)

            ($removed.Name -join ',') | Should -Be 'luma-dev'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'InstanceNotFound,CommerceConnector.Commands.UnregisterCommerceInstanceCommand'
            $failures[0].TargetObject | Should -Be 'luma-qa'
        }

        It 'keeps the instance with -WhatIf' {
            $before = Get-FileSnapshot $registryFile

            $output = Unregister-CommerceInstance -Name 'luma-prod' -PassThru -WhatIf

            $output | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-CommerceInstance -Name 'luma-prod').Path | Should -Be $prodRoot
        }
    }

    Context 'Declared shape of the cmdlets' {
        It '<Name> declares <OutputType> as its output and supports -WhatIf and -Confirm: <ShouldProcess>, with the confirmation impact <Impact>' -ForEach @(
            @{ Name = 'Register-CommerceInstance'; OutputType = 'CommerceConnector.Core.Instances.CommerceInstance'; ShouldProcess = $true; Impact = 'Medium' }
            @{ Name = 'Get-CommerceInstance'; OutputType = 'CommerceConnector.Core.Instances.CommerceInstance'; ShouldProcess = $false; Impact = 'n/a' }
            @{ Name = 'Set-CommerceInstance'; OutputType = 'CommerceConnector.Core.Instances.CommerceInstance'; ShouldProcess = $true; Impact = 'Medium' }
            @{ Name = 'Unregister-CommerceInstance'; OutputType = 'CommerceConnector.Core.Instances.CommerceInstance'; ShouldProcess = $true; Impact = 'Medium' }
        ) {
            Get-DeclaredOutputType $Name | Should -Be $OutputType
            Assert-DeclaredConfirmation -Name $Name -ShouldProcess $ShouldProcess -Impact $Impact
        }

        It '<Name> binds <Parameters> by property name' -ForEach @(
            @{ Name = 'Register-CommerceInstance'; Parameters = 'BaseUrl,HostName,Name,Path,Port,Role,UserName' }
            @{ Name = 'Get-CommerceInstance'; Parameters = 'Name' }
            @{ Name = 'Set-CommerceInstance'; Parameters = 'Name' }
            @{ Name = 'Unregister-CommerceInstance'; Parameters = 'Name' }
        ) {
            $byPropertyName = @((Get-Command -Name $Name).Parameters.Values | Where-Object {
                    @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }).Count -gt 0
                } | ForEach-Object Name | Sort-Object)

            ($byPropertyName -join ',') | Should -Be $Parameters
        }
    }

    Context 'Table view and tab completion' {
        BeforeEach {
            $null = Register-CommerceInstance -Name 'luma-prod' -Path (New-TestMagentoRoot 'prod') -Role Production -BaseUrl 'https://www.luma.example.com/'
            $null = Register-CommerceInstance -Name 'Luma Staging' -Path (New-TestMagentoRoot 'stage') -Role Staging
            $null = Register-CommerceInstance -Name 'aurora-dev' -Path (New-TestMagentoRoot 'dev') -Role Development
            # When a completer offers nothing PowerShell falls back to file names: complete in an empty folder.
            $emptyFolder = Join-Path $TestDrive "cwd-$(New-Guid)"
            $null = New-Item -ItemType Directory -Path $emptyFolder
            Push-Location -LiteralPath $emptyFolder
        }

        AfterEach { Pop-Location }

        It 'has one table view for CommerceInstance with the columns Name, Role, Path and BaseUrl' {
            Assert-OneTableView 'CommerceConnector.Core.Instances.CommerceInstance' 'Name,Role,Path,BaseUrl'
        }

        It 'shows an instance as a row with its name, role and base URL' {
            $root = (Get-CommerceInstance -Name 'luma-prod').Path

            $text = Get-CommerceInstance -Name 'luma-prod' | Out-String -Width 250

            $text | Should -Match 'Name\s+Role\s+Path\s+BaseUrl'
            # The Path column is 30 wide: it shows the start of the Magento root, cut short (and the temporary folder's
            # path may hold spaces, so the column is matched by its start, not as one word).
            $text | Should -Match ('luma-prod\s+Production\s+' + [regex]::Escape($root.Substring(0, [Math]::Min(25, $root.Length))) + '.*\s+https://www\.luma\.example\.com/')
        }

        It 'completes <Command> -<Parameter> with the instance names, quoting a name with a space' -ForEach @(
            @{ Command = 'Get-CommerceInstance'; Parameter = 'Name' }
            @{ Command = 'Set-CommerceInstance'; Parameter = 'Name' }
            @{ Command = 'Unregister-CommerceInstance'; Parameter = 'Name' }
            @{ Command = 'Set-ConnectorConfiguration'; Parameter = 'Instance' }
            @{ Command = 'Set-DataSpace'; Parameter = 'Instance' }
            @{ Command = 'Test-ConnectorConfiguration'; Parameter = 'Instance' }
            @{ Command = 'Get-CommerceService'; Parameter = 'Instance' }
        ) {
            (@(Get-CompletionResult "$Command -$Parameter " | ForEach-Object CompletionText) -join ',') | Should -Be "aurora-dev,'Luma Staging',luma-prod"
            (@(Get-CompletionResult "$Command -$Parameter lu" | ForEach-Object CompletionText) -join ',') | Should -Be "'Luma Staging',luma-prod"
        }

        It 'offers nothing without a session context' {
            Disconnect-CommerceAccount

            @(Get-CompletionResult 'Get-CommerceInstance -Name lu') | Should -HaveCount 0
        }
    }
}

Describe 'Help of <Name>' -ForEach $helpCases {
    . (Join-Path $PSScriptRoot 'HelpPage.Shared.ps1')
}
