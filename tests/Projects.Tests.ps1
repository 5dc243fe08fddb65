# SaaS projects and data spaces: Get-, New-, Rename-SaaSProject and Get-, New-, Rename-, Clear-DataSpace driven as a
# user would, against a throw-away registry per test, with accounts of both editions.

BeforeDiscovery {
    # The seven cmdlets, each with a call that needs a session context, written without -ErrorAction so that a
    # terminating error is what makes them fail.
    $withoutContext = @(
        @{ Command = 'Get-SaaSProject'; Class = 'GetSaaSProjectCommand'; Action = { Get-SaaSProject } }
        @{ Command = 'New-SaaSProject'; Class = 'NewSaaSProjectCommand'; Action = { New-SaaSProject -Name 'Luma' } }
        @{ Command = 'Rename-SaaSProject'; Class = 'RenameSaaSProjectCommand'; Action = { Rename-SaaSProject -Name 'Luma' -NewName 'Luma EU' } }
        @{ Command = 'Get-DataSpace'; Class = 'GetDataSpaceCommand'; Action = { Get-DataSpace } }
        @{ Command = 'New-DataSpace'; Class = 'NewDataSpaceCommand'; Action = { New-DataSpace -Project 'Luma' -Name 'Staging 3' -SupportTicket 'MDVA-1' } }
        @{ Command = 'Rename-DataSpace'; Class = 'RenameDataSpaceCommand'; Action = { Rename-DataSpace -Project 'Luma' -Name 'Testing 1' -NewName 'Staging EU' } }
        @{ Command = 'Clear-DataSpace'; Class = 'ClearDataSpaceCommand'; Action = { Clear-DataSpace -Project 'Luma' -Name 'Testing 1' -Confirm:$false } }
    )

    # The same calls with -ErrorAction Stop, for the non-terminating NoActiveApiKey.
    $withoutKey = @(
        @{ Command = 'Get-SaaSProject'; Class = 'GetSaaSProjectCommand'; Action = { Get-SaaSProject -ErrorAction Stop } }
        @{ Command = 'New-SaaSProject'; Class = 'NewSaaSProjectCommand'; Action = { New-SaaSProject -Name 'Aurora' -ErrorAction Stop } }
        @{ Command = 'Rename-SaaSProject'; Class = 'RenameSaaSProjectCommand'; Action = { Rename-SaaSProject -Name 'Luma' -NewName 'Luma EU' -ErrorAction Stop } }
        @{ Command = 'Get-DataSpace'; Class = 'GetDataSpaceCommand'; Action = { Get-DataSpace -ErrorAction Stop } }
        @{ Command = 'New-DataSpace'; Class = 'NewDataSpaceCommand'; Action = { New-DataSpace -Project 'Luma' -Name 'Staging 3' -SupportTicket 'MDVA-1' -ErrorAction Stop } }
        @{ Command = 'Rename-DataSpace'; Class = 'RenameDataSpaceCommand'; Action = { Rename-DataSpace -Project 'Luma' -Name 'Testing 1' -NewName 'Staging EU' -ErrorAction Stop } }
        @{ Command = 'Clear-DataSpace'; Class = 'ClearDataSpaceCommand'; Action = { Clear-DataSpace -Project 'Luma' -Name 'Testing 1' -Confirm:$false -ErrorAction Stop } }
    )

    # Every state-changing call, with -WhatIf, against the projects Luma and Aurora of an Adobe Commerce account.
    $whatIf = @(
        @{ Description = 'New-SaaSProject'; Action = { New-SaaSProject -Name 'Venia' -WhatIf -ErrorAction Stop } }
        @{ Description = 'Rename-SaaSProject -Name'; Action = { Rename-SaaSProject -Name 'Luma' -NewName 'Luma EU' -WhatIf -ErrorAction Stop } }
        @{ Description = 'Get-SaaSProject | Rename-SaaSProject'; Action = { Get-SaaSProject 'Luma' | Rename-SaaSProject -NewName 'Luma EU' -PassThru -WhatIf -ErrorAction Stop } }
        @{ Description = 'New-DataSpace'; Action = { New-DataSpace -Project 'Luma' -Name 'Staging 3' -SupportTicket 'MDVA-12345' -WhatIf -ErrorAction Stop } }
        @{ Description = 'Rename-DataSpace -Name'; Action = { Rename-DataSpace -Project 'Luma' -Name 'Testing 1' -NewName 'Staging EU' -PassThru -WhatIf -ErrorAction Stop } }
        @{ Description = 'Get-DataSpace | Rename-DataSpace'; Action = { Get-DataSpace -Project 'Aurora' -Name 'Testing 2' | Rename-DataSpace -NewName 'QA' -WhatIf -ErrorAction Stop } }
        @{ Description = 'Clear-DataSpace -Name'; Action = { Clear-DataSpace -Project 'Luma' -Name 'Testing 1' -PassThru -WhatIf -ErrorAction Stop } }
        @{ Description = 'Get-DataSpace | Clear-DataSpace'; Action = { Get-DataSpace | Clear-DataSpace -PassThru -WhatIf -ErrorAction Stop } }
    )

    $helpCases = @(
        @{ Name = 'Get-SaaSProject'; Parameters = 'Id,Name'; Phrases = @('NoActiveApiKey', 'ProjectNotFound', 'one production and two testing data spaces') }
        @{ Name = 'New-SaaSProject'; Parameters = 'ApiKey,Confirm,Gateway,Instance,Name,PrivateKeyPath,Remote,WhatIf'; Phrases = @('NoActiveApiKey', 'ProjectNameExists', 'InvalidProjectName', 'two testing data spaces', 'no testing data spaces', '1 to 255 characters', 'Clear-DataSpace') }
        @{ Name = 'Rename-SaaSProject'; Parameters = 'Confirm,Id,InputObject,Name,NewName,PassThru,UpdateInstances,WhatIf'; Phrases = @('NoActiveApiKey', 'ProjectNameExists', 'changes only the label') }
        @{ Name = 'Get-DataSpace'; Parameters = 'Id,Name,Project,Type'; Phrases = @('NoActiveApiKey', 'DataSpaceNotFound', 'production installation', 'two environments at once') }
        @{ Name = 'New-DataSpace'; Parameters = 'Confirm,Name,Project,SupportTicket,Type,WhatIf'; Phrases = @('NoActiveApiKey', 'SupportTicketRequired', 'TestingDataSpacesNotInEdition', 'SecondProductionDataSpace', 'DataSpaceNameExists') }
        @{ Name = 'Rename-DataSpace'; Parameters = 'Confirm,Id,InputObject,Name,NewName,PassThru,Project,UpdateInstances,WhatIf'; Phrases = @('NoActiveApiKey', 'AmbiguousDataSpace', 'DataSpaceNameExists', 'changes only the label') }
        @{ Name = 'Clear-DataSpace'; Parameters = 'ApiKey,Confirm,Gateway,Id,InputObject,Instance,Name,PassThru,PrivateKeyPath,Project,Remote,WhatIf'; Phrases = @('NoActiveApiKey', 'AmbiguousDataSpace', 'two environments at once', 'exported') }
    )
}

Describe 'SaaS projects and data spaces' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        # The Core types are loaded with the module (on PowerShell 7 into a private load context), so they are
        # looked up here rather than written as type literals.
        $projectType = Get-ConnectorType 'CommerceConnector.Core.Projects.SaaSProject'
        $dataSpaceType = Get-ConnectorType 'CommerceConnector.Core.Projects.DataSpace'

        $adobe = 'MAG100200300'
        $adobeOwner = 'owner@shop-one.example.com'
        $open = 'MAG400500600'
        $openOwner = 'owner@shop-two.example.com'

        function Initialize-TestAccount {
            # Creates the account, connects to it and, unless -WithoutKey, gives it an active production API key (returned).
            param(
                [Parameter(Mandatory = $true)] [string] $MageId,
                [Parameter(Mandatory = $true)] [string] $Edition,
                [Parameter(Mandatory = $true)] [string] $Owner,
                [switch] $WithoutKey
            )
            $null = New-CommerceAccount -MageId $MageId -Edition $Edition -Owner $Owner
            $null = Connect-CommerceAccount -MageId $MageId
            if (-not $WithoutKey) {
                New-TestApiKey -Name 'k'
            }
        }

        function New-TestApiKey {
            param([Parameter(Mandatory = $true)] [string] $Name)
            New-ConnectorApiKey -Environment Production -Name $Name -OutFile (Join-Path $TestDrive "k-$(New-Guid).pem")
        }

        # 'Project/DataSpace:Type' for each data space, in output order, joined by commas.
        function Get-SpaceSummary { $input | Join-TestSummary { "$($_.ProjectName)/$($_.DataSpaceName):$($_.Type)" } }

        function Set-TestExportedItem {
            # Stands in for the data export: sets the exportedItems of one data space (one without cleanups yet) in
            # the registry file.
            param(
                [Parameter(Mandatory = $true)] [string] $Path,
                [Parameter(Mandatory = $true)] [string] $DataSpaceId,
                [Parameter(Mandatory = $true)] [int] $Count
            )
            $text = [System.IO.File]::ReadAllText($Path)
            $objectPattern = '\{[^{}]*"dataSpaceId":\s*"' + [regex]::Escape($DataSpaceId) + '"[^{}]*\}'
            $match = [regex]::Match($text, $objectPattern)
            if (-not $match.Success -or $match.Value -notmatch '"exportedItems":\s*\d+') {
                throw "The registry file $Path has no data space $DataSpaceId with an exportedItems field."
            }
            $object = [regex]::Replace($match.Value, '("exportedItems":\s*)\d+', ('${1}' + $Count))
            $text = $text.Substring(0, $match.Index) + $object + $text.Substring($match.Index + $match.Length)
            [System.IO.File]::WriteAllText($Path, $text, (New-Object System.Text.UTF8Encoding($false)))
        }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $registry = Reset-TestRegistry $TestDrive
        $registryFile = Join-Path $registry 'registry.json'
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'The data spaces a new project gets from the licence' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $open -Edition MagentoOpenSource -Owner $openOwner
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
        }

        It 'gives a project of an Adobe Commerce account one production and two testing data spaces' {
            $before = [DateTimeOffset]::UtcNow
            $project = New-SaaSProject -Name 'Luma'
            $after = [DateTimeOffset]::UtcNow

            $project | Should -HaveCount 1
            $project | Should -BeOfType $projectType
            $project.GetType().FullName | Should -Be 'CommerceConnector.Core.Projects.SaaSProject'
            $project.ProjectName | Should -BeExactly 'Luma'
            $project.MageId | Should -Be $adobe
            $project.CreatedBy | Should -Be $adobeOwner
            $project.CreatedAt | Should -BeGreaterOrEqual $before
            $project.CreatedAt | Should -BeLessOrEqual $after
            $parsed = [guid]::Empty
            [guid]::TryParse($project.ProjectId, [ref] $parsed) | Should -BeTrue

            ($project.DataSpaces | Get-SpaceSummary) | Should -Be 'Luma/Production:Production,Luma/Testing 1:Testing,Luma/Testing 2:Testing'
            foreach ($space in $project.DataSpaces) {
                $space | Should -BeOfType $dataSpaceType
                $space.GetType().FullName | Should -Be 'CommerceConnector.Core.Projects.DataSpace'
                $space.ProjectId | Should -Be $project.ProjectId
                $space.MageId | Should -Be $adobe
                [guid]::TryParse($space.DataSpaceId, [ref] $parsed) | Should -BeTrue
                $space.SupportTicket | Should -BeNullOrEmpty
                $space.ExportedItems | Should -Be 0
                $space.Cleanups | Should -HaveCount 0
                $space.LastCleanupAt | Should -BeNullOrEmpty
            }
            @($project.DataSpaces.DataSpaceId | Select-Object -Unique) | Should -HaveCount 3
            $project.DataSpaces.DataSpaceId | Should -Not -Contain $project.ProjectId
        }

        It 'gives a project of a Magento Open Source account one production data space and no testing ones' {
            $null = Connect-CommerceAccount -MageId $open

            $project = New-SaaSProject -Name 'Venia'

            $project.MageId | Should -Be $open
            $project.CreatedBy | Should -Be $openOwner
            $project.DataSpaces | Should -HaveCount 1
            ($project.DataSpaces | Get-SpaceSummary) | Should -Be 'Venia/Production:Production'
            Get-DataSpace -Type Testing | Should -BeNullOrEmpty
            (Get-DataSpace | Get-SpaceSummary) | Should -Be 'Venia/Production:Production'
        }

        It 'stores the data spaces, so that Get-DataSpace returns them with the same ids' {
            $project = New-SaaSProject -Name 'Luma'

            $stored = @(Get-DataSpace -Project 'Luma')

            ($stored | Get-SpaceSummary) | Should -Be 'Luma/Production:Production,Luma/Testing 1:Testing,Luma/Testing 2:Testing'
            ($stored.DataSpaceId -join ',') | Should -Be ($project.DataSpaces.DataSpaceId -join ',')
            (Get-SaaSProject -Name 'Luma').ProjectId | Should -Be $project.ProjectId
        }

        It 'lets another account use the same project name, and keeps the accounts'' projects apart' {
            $luma = New-SaaSProject -Name 'Luma'
            $null = Connect-CommerceAccount -MageId $open

            $other = New-SaaSProject -Name 'Luma'

            $other.ProjectId | Should -Not -Be $luma.ProjectId
            $other.DataSpaces | Should -HaveCount 1
            $mine = @(Get-SaaSProject)
            $mine | Should -HaveCount 1
            $mine[0].ProjectId | Should -Be $other.ProjectId
            $err = { Get-DataSpace -Project $luma.ProjectId -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.GetDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be $luma.ProjectId
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            { Get-DataSpace -Id $luma.DataSpaces[0].DataSpaceId -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceNotFound,CommerceConnector.Commands.GetDataSpaceCommand'
        }
    }

    Context 'An active API key is required' {
        BeforeEach { $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner -WithoutKey }

        It '<Command> reports NoActiveApiKey before any key was generated, and changes nothing' -ForEach $withoutKey {
            $before = Get-FileSnapshot $registryFile

            $err = { & $Action } | Should -Throw -ErrorId "NoActiveApiKey,CommerceConnector.Commands.$Class" -PassThru

            $err.TargetObject | Should -Be $adobe
            "$($err.CategoryInfo.Category)" | Should -Be 'PermissionDenied'
            $err.Exception.Message | Should -BeLike '*New-ConnectorApiKey*'
            $before | Should -Not -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'writes NoActiveApiKey as a non-terminating error' {
            $result = Get-SaaSProject -ErrorAction SilentlyContinue -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'NoActiveApiKey,CommerceConnector.Commands.GetSaaSProjectCommand'
        }

        It '<Command> reports NoActiveApiKey after the only key was revoked' -ForEach $withoutKey {
            $key = New-TestApiKey -Name 'k'
            $null = New-SaaSProject -Name 'Luma'
            $null = Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false
            $before = Get-FileSnapshot $registryFile

            $err = { & $Action } | Should -Throw -ErrorId "NoActiveApiKey,CommerceConnector.Commands.$Class" -PassThru

            $err.TargetObject | Should -Be $adobe
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'shows the projects again, unchanged, once the account has an active key again' {
            $key = New-TestApiKey -Name 'k'
            $project = New-SaaSProject -Name 'Luma'
            $null = Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false
            { Get-SaaSProject -ErrorAction Stop } | Should -Throw -ErrorId 'NoActiveApiKey,CommerceConnector.Commands.GetSaaSProjectCommand'

            $null = New-TestApiKey -Name 'k2'
            $projects = @(Get-SaaSProject)

            $projects | Should -HaveCount 1
            $projects[0].ProjectId | Should -Be $project.ProjectId
            $projects[0].ProjectName | Should -Be 'Luma'
            ($projects[0].DataSpaces.DataSpaceId -join ',') | Should -Be ($project.DataSpaces.DataSpaceId -join ',')
        }
    }

    Context 'Without a session context' {
        It '<Command> stops with NotConnected' -ForEach $withoutContext {
            { & $Action } | Should -Throw -ErrorId "NotConnected,CommerceConnector.Commands.$Class"
        }

        It 'uses the account named by COMMERCE_CONNECTOR_MAGEID' {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $project = New-SaaSProject -Name 'Luma'
            Disconnect-CommerceAccount
            $env:COMMERCE_CONNECTOR_MAGEID = $adobe

            (Get-SaaSProject).ProjectId | Should -Be $project.ProjectId
            (Get-DataSpace -Type Production).DataSpaceId | Should -Be $project.DataSpaces[0].DataSpaceId
        }
    }

    Context 'Project names' {
        BeforeEach { $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner }

        It 'trims the name' {
            (New-SaaSProject -Name "  Luma`t ").ProjectName | Should -BeExactly 'Luma'
            (Get-SaaSProject).ProjectName | Should -BeExactly 'Luma'
        }

        It 'accepts a name of 255 characters' {
            $name = 'p' * 255

            (New-SaaSProject -Name $name).ProjectName | Should -BeExactly $name
        }

        It 'refuses a name that another project of the account has, in any case, with ProjectNameExists' {
            $luma = New-SaaSProject -Name 'Luma'
            $before = Get-FileSnapshot $registryFile

            $err = { New-SaaSProject -Name ' LUMA ' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNameExists,CommerceConnector.Commands.NewSaaSProjectCommand' -PassThru

            $err.TargetObject | Should -Be 'LUMA'
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -BeLike "*'Luma' ($($luma.ProjectId))*"
            Get-FileSnapshot $registryFile | Should -Be $before
            @(Get-SaaSProject) | Should -HaveCount 1
        }

        It 'refuses a name <Description> with InvalidProjectName and changes nothing' -ForEach @(
            @{ Description = 'of blanks only'; Name = '   ' }
            @{ Description = 'of 256 characters'; Name = ('p' * 256) }
            @{ Description = 'with a control character'; Name = "Lu$([char]7)ma" }
        ) {
            $before = Get-FileSnapshot $registryFile

            $err = { New-SaaSProject -Name $Name -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidProjectName,CommerceConnector.Commands.NewSaaSProjectCommand' -PassThru

            $err.TargetObject | Should -Be $Name
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            Get-FileSnapshot $registryFile | Should -Be $before
            Get-SaaSProject | Should -BeNullOrEmpty
        }

        It 'creates a project per piped name and carries on after a refused one' {
            $created = 'Luma', 'Aurora', 'luma', '   ' | New-SaaSProject -ErrorAction SilentlyContinue -ErrorVariable failures

            ($created.ProjectName -join ',') | Should -Be 'Luma,Aurora'
            $failures | Should -HaveCount 2
            $failures[0].FullyQualifiedErrorId | Should -Be 'ProjectNameExists,CommerceConnector.Commands.NewSaaSProjectCommand'
            $failures[0].TargetObject | Should -Be 'luma'
            $failures[1].FullyQualifiedErrorId | Should -Be 'InvalidProjectName,CommerceConnector.Commands.NewSaaSProjectCommand'
            ((Get-SaaSProject).ProjectName -join ',') | Should -Be 'Aurora,Luma'
        }

        It 'takes -Name from the Name property of piped objects' {
            $created = [pscustomobject]@{ Name = 'Aurora' } | New-SaaSProject

            $created.ProjectName | Should -Be 'Aurora'
            $created.DataSpaces | Should -HaveCount 3
        }
    }

    Context 'Getting projects' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma'
            $aurora = New-SaaSProject -Name 'Aurora'
        }

        It 'lists the projects of the account sorted by name, each with its data spaces' {
            $projects = @(Get-SaaSProject)

            ($projects.ProjectName -join ',') | Should -Be 'Aurora,Luma'
            ($projects.ProjectId -join ',') | Should -Be "$($aurora.ProjectId),$($luma.ProjectId)"
            foreach ($project in $projects) {
                $project | Should -BeOfType $projectType
                ($project.DataSpaces.DataSpaceName -join ',') | Should -Be 'Production,Testing 1,Testing 2'
                @($project.DataSpaces | Where-Object { $_.ProjectName -ne $project.ProjectName }) | Should -HaveCount 0
            }
        }

        It 'selects by the wildcard <Pattern>' -ForEach @(
            @{ Pattern = 'l*'; Expected = 'Luma' }
            @{ Pattern = '*R*'; Expected = 'Aurora' }
            @{ Pattern = '?UMA'; Expected = 'Luma' }
            @{ Pattern = '*'; Expected = 'Aurora,Luma' }
        ) {
            ((Get-SaaSProject -Name $Pattern).ProjectName -join ',') | Should -Be $Expected
        }

        It 'finds an exact name in any case, given by position' {
            $found = Get-SaaSProject 'LUMA'

            $found | Should -HaveCount 1
            $found.ProjectId | Should -Be $luma.ProjectId
        }

        It 'returns nothing, and no error, for a wildcard that matches nothing' {
            $result = Get-SaaSProject -Name 'Z*' -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }

        It 'reports an unknown name with ProjectNotFound, as a non-terminating error' {
            $err = { Get-SaaSProject -Name 'Zeta' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.GetSaaSProjectCommand' -PassThru

            $err.TargetObject | Should -Be 'Zeta'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $result = Get-SaaSProject -Name 'Zeta' -ErrorAction SilentlyContinue -ErrorVariable failures
            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
        }

        It 'gets a project by -Id, whatever the case and surrounding spaces' {
            $found = Get-SaaSProject -Id " $($aurora.ProjectId.ToUpperInvariant()) "

            $found | Should -HaveCount 1
            $found.ProjectName | Should -Be 'Aurora'
        }

        It 'reports an unknown id with ProjectNotFound' {
            $id = [guid]::NewGuid().ToString()

            $err = { Get-SaaSProject -Id $id -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.GetSaaSProjectCommand' -PassThru

            $err.TargetObject | Should -Be $id
        }

        It 'returns the project of a data space piped to it' {
            $space = $aurora.DataSpaces | Where-Object DataSpaceName -EQ 'Testing 2'

            $found = Get-DataSpace -Id $space.DataSpaceId | Get-SaaSProject

            $found | Should -HaveCount 1
            $found.ProjectId | Should -Be $aurora.ProjectId
        }
    }

    Context 'Getting data spaces' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma'
            $aurora = New-SaaSProject -Name 'Aurora'
        }

        It 'lists the data spaces of every project, sorted by project, type and name' {
            $spaces = @(Get-DataSpace)

            $spaces | Should -HaveCount 6
            ($spaces | Get-SpaceSummary) | Should -Be ('Aurora/Production:Production,Aurora/Testing 1:Testing,Aurora/Testing 2:Testing,' +
                'Luma/Production:Production,Luma/Testing 1:Testing,Luma/Testing 2:Testing')
            foreach ($space in $spaces) {
                $space | Should -BeOfType $dataSpaceType
                $space.MageId | Should -Be $adobe
            }
        }

        It 'keeps one type with -Type <Type>' -ForEach @(
            @{ Type = 'Production'; Expected = 'Aurora/Production:Production,Luma/Production:Production' }
            @{ Type = 'Testing'; Expected = 'Aurora/Testing 1:Testing,Aurora/Testing 2:Testing,Luma/Testing 1:Testing,Luma/Testing 2:Testing' }
        ) {
            (Get-DataSpace -Type $Type | Get-SpaceSummary) | Should -Be $Expected
        }

        It 'Get-SaaSProject Luma | Get-DataSpace -Type Testing returns the testing data spaces of Luma' {
            $spaces = @(Get-SaaSProject Luma | Get-DataSpace -Type Testing)

            ($spaces | Get-SpaceSummary) | Should -Be 'Luma/Testing 1:Testing,Luma/Testing 2:Testing'
            ($spaces.ProjectId | Select-Object -Unique) | Should -Be $luma.ProjectId
            ($spaces.DataSpaceId -join ',') | Should -Be (($luma.DataSpaces | Where-Object { "$($_.Type)" -eq 'Testing' }).DataSpaceId -join ',')
        }

        It 'gives the data spaces of every piped project' {
            (Get-SaaSProject | Get-DataSpace -Type Production | Get-SpaceSummary) | Should -Be 'Aurora/Production:Production,Luma/Production:Production'
        }

        It 'selects the project by name or by id' {
            (Get-DataSpace -Project 'aurora' | Get-SpaceSummary) | Should -Be 'Aurora/Production:Production,Aurora/Testing 1:Testing,Aurora/Testing 2:Testing'
            (Get-DataSpace -Project $luma.ProjectId | Get-SpaceSummary) | Should -Be 'Luma/Production:Production,Luma/Testing 1:Testing,Luma/Testing 2:Testing'
        }

        It 'selects by name with wildcards, across projects unless -Project is given' {
            (Get-DataSpace -Name 'Testing 1' | Get-SpaceSummary) | Should -Be 'Aurora/Testing 1:Testing,Luma/Testing 1:Testing'
            (Get-DataSpace 'prod*' -Project 'Luma' | Get-SpaceSummary) | Should -Be 'Luma/Production:Production'
            (Get-DataSpace -Name '*2' -Project 'Aurora' | Get-SpaceSummary) | Should -Be 'Aurora/Testing 2:Testing'
        }

        It 'gets one data space by -Id' {
            $wanted = $luma.DataSpaces[2]

            $found = @(Get-DataSpace -Id $wanted.DataSpaceId)

            $found | Should -HaveCount 1
            $found[0].DataSpaceId | Should -Be $wanted.DataSpaceId
            $found[0].DataSpaceName | Should -Be 'Testing 2'
            $found[0].ProjectName | Should -Be 'Luma'
        }

        It 'reports an unknown name or id with DataSpaceNotFound and an unknown project with ProjectNotFound' {
            $id = [guid]::NewGuid().ToString()

            $err = { Get-DataSpace -Name 'Staging' -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceNotFound,CommerceConnector.Commands.GetDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be 'Staging'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $err = { Get-DataSpace -Id $id -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceNotFound,CommerceConnector.Commands.GetDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be $id
            $err = { Get-DataSpace -Project 'Zeta' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.GetDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be 'Zeta'
        }

        It 'returns nothing, and no error, for a wildcard that matches nothing' {
            $result = Get-DataSpace -Name 'Staging*' -ErrorVariable failures

            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 0
        }
    }

    Context 'Renaming projects' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma'
            $aurora = New-SaaSProject -Name 'Aurora'
            $lumaSpaceIds = $luma.DataSpaces.DataSpaceId -join ','
        }

        It 'renames a project given by name: the ids stay, the data spaces follow, and nothing is returned' {
            $result = Rename-SaaSProject -Name 'luma' -NewName '  Luma EU '

            $result | Should -BeNullOrEmpty
            $renamed = Get-SaaSProject -Name 'Luma EU'
            $renamed.ProjectId | Should -Be $luma.ProjectId
            $renamed.ProjectName | Should -BeExactly 'Luma EU'
            ($renamed.DataSpaces.DataSpaceId -join ',') | Should -Be $lumaSpaceIds
            $spaces = @(Get-DataSpace -Project 'Luma EU')
            ($spaces.DataSpaceId -join ',') | Should -Be $lumaSpaceIds
            ($spaces | Get-SpaceSummary) | Should -Be 'Luma EU/Production:Production,Luma EU/Testing 1:Testing,Luma EU/Testing 2:Testing'
            ($spaces.ProjectId | Select-Object -Unique) | Should -Be $luma.ProjectId
            { Get-SaaSProject -Name 'Luma' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.GetSaaSProjectCommand'
        }

        It 'Get-SaaSProject Luma | Rename-SaaSProject -NewName ... -PassThru returns the renamed project' {
            $renamed = Get-SaaSProject Luma | Rename-SaaSProject -NewName 'Luma Retail' -PassThru

            $renamed | Should -HaveCount 1
            $renamed | Should -BeOfType $projectType
            $renamed.ProjectId | Should -Be $luma.ProjectId
            $renamed.ProjectName | Should -Be 'Luma Retail'
            ($renamed.DataSpaces.DataSpaceId -join ',') | Should -Be $lumaSpaceIds
            ($renamed.DataSpaces.ProjectName | Select-Object -Unique) | Should -Be 'Luma Retail'
            (Get-DataSpace -Id $luma.DataSpaces[1].DataSpaceId).ProjectName | Should -Be 'Luma Retail'
        }

        It 'renames a project given by -Id, or by its id given to -Name' {
            Rename-SaaSProject -Id $luma.ProjectId -NewName 'Luma EU'
            Rename-SaaSProject $aurora.ProjectId 'Aurora EU'

            ((Get-SaaSProject).ProjectName -join ',') | Should -Be 'Aurora EU,Luma EU'
            (Get-SaaSProject -Id $aurora.ProjectId).ProjectName | Should -Be 'Aurora EU'
        }

        It 'renames the project of a piped data space, found by its ProjectId' {
            $renamed = Get-DataSpace -Project 'Luma' -Type Production | Rename-SaaSProject -NewName 'Luma EU' -PassThru

            $renamed.ProjectId | Should -Be $luma.ProjectId
            $renamed.ProjectName | Should -Be 'Luma EU'
        }

        It 'lets a project change only the case of its own name' {
            $renamed = Rename-SaaSProject -Name 'Luma' -NewName 'LUMA' -PassThru

            $renamed.ProjectName | Should -BeExactly 'LUMA'
            $renamed.ProjectId | Should -Be $luma.ProjectId
        }

        It 'refuses the name of another project with ProjectNameExists and changes nothing' {
            $before = Get-FileSnapshot $registryFile

            $err = { Rename-SaaSProject -Name 'Luma' -NewName 'aurora' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNameExists,CommerceConnector.Commands.RenameSaaSProjectCommand' -PassThru

            $err.TargetObject | Should -Be 'aurora'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses the new name <Description> with InvalidProjectName' -ForEach @(
            @{ Description = 'of blanks only'; NewName = '   ' }
            @{ Description = 'of 256 characters'; NewName = ('p' * 256) }
        ) {
            $before = Get-FileSnapshot $registryFile

            { Rename-SaaSProject -Name 'Luma' -NewName $NewName -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidProjectName,CommerceConnector.Commands.RenameSaaSProjectCommand'

            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'reports an unknown project with ProjectNotFound, even with -WhatIf' {
            $err = { Rename-SaaSProject -Name 'Zeta' -NewName 'Omega' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.RenameSaaSProjectCommand' -PassThru
            $err.TargetObject | Should -Be 'Zeta'

            { Rename-SaaSProject -Name 'Zeta' -NewName 'Omega' -WhatIf -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.RenameSaaSProjectCommand'
        }
    }

    Context 'Renaming data spaces' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma'
            $aurora = New-SaaSProject -Name 'Aurora'
            $lumaTesting1 = $luma.DataSpaces | Where-Object DataSpaceName -EQ 'Testing 1'
        }

        It 'Get-DataSpace -Id ... | Rename-DataSpace -NewName ... -PassThru keeps the id, type and project' {
            $renamed = Get-DataSpace -Id $lumaTesting1.DataSpaceId | Rename-DataSpace -NewName 'Staging EU' -PassThru

            $renamed | Should -HaveCount 1
            $renamed | Should -BeOfType $dataSpaceType
            $renamed.DataSpaceId | Should -Be $lumaTesting1.DataSpaceId
            $renamed.DataSpaceName | Should -BeExactly 'Staging EU'
            "$($renamed.Type)" | Should -Be 'Testing'
            $renamed.ProjectId | Should -Be $luma.ProjectId
            $renamed.ProjectName | Should -Be 'Luma'
            (Get-DataSpace -Project 'Luma' | Get-SpaceSummary) | Should -Be 'Luma/Production:Production,Luma/Staging EU:Testing,Luma/Testing 2:Testing'
            (Get-DataSpace -Project 'Aurora' -Name 'Testing 1').DataSpaceName | Should -Be 'Testing 1'
        }

        It 'renames a data space given by name within -Project, and returns nothing without -PassThru' {
            $target = $aurora.DataSpaces | Where-Object DataSpaceName -EQ 'Testing 2'

            $result = Rename-DataSpace -Project 'Aurora' -Name 'testing 2' -NewName ' Development '

            $result | Should -BeNullOrEmpty
            (Get-DataSpace -Id $target.DataSpaceId).DataSpaceName | Should -BeExactly 'Development'
            (Get-DataSpace -Project 'Luma' -Name 'Testing 2').DataSpaceName | Should -Be 'Testing 2'
        }

        It 'renames a data space given by -Id, or by its id given to -Name, without -Project' {
            Rename-DataSpace -Id $lumaTesting1.DataSpaceId -NewName 'QA'
            Rename-DataSpace $luma.DataSpaces[2].DataSpaceId 'Integration'

            (Get-DataSpace -Project 'Luma' | Get-SpaceSummary) | Should -Be 'Luma/Production:Production,Luma/Integration:Testing,Luma/QA:Testing'
        }

        It 'shows the new project name on the data spaces of a renamed project' {
            Rename-SaaSProject -Name 'Luma' -NewName 'Luma EU'

            $space = Get-DataSpace -Id $lumaTesting1.DataSpaceId

            $space.ProjectName | Should -Be 'Luma EU'
            $space.ProjectId | Should -Be $luma.ProjectId
            $space.DataSpaceName | Should -Be 'Testing 1'
        }

        It 'refuses the name of another data space of the same project with DataSpaceNameExists, but not of another project' {
            $before = Get-FileSnapshot $registryFile

            $err = { Rename-DataSpace -Project 'Luma' -Name 'Testing 2' -NewName 'production' -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceNameExists,CommerceConnector.Commands.RenameDataSpaceCommand' -PassThru

            $err.TargetObject | Should -Be 'production'
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
            Get-FileSnapshot $registryFile | Should -Be $before
            Rename-DataSpace -Project 'Luma' -Name 'Testing 2' -NewName 'QA'
            $qa = Rename-DataSpace -Project 'Aurora' -Name 'Testing 2' -NewName 'qa' -PassThru
            $qa.ProjectName | Should -Be 'Aurora'
            (Get-DataSpace -Name 'QA' | Get-SpaceSummary) | Should -Be 'Aurora/qa:Testing,Luma/QA:Testing'
        }

        It 'refuses the new name <Description> with InvalidDataSpaceName' -ForEach @(
            @{ Description = 'of blanks only'; NewName = '   ' }
            @{ Description = 'of 256 characters'; NewName = ('d' * 256) }
        ) {
            $before = Get-FileSnapshot $registryFile

            { Rename-DataSpace -Id $lumaTesting1.DataSpaceId -NewName $NewName -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidDataSpaceName,CommerceConnector.Commands.RenameDataSpaceCommand'

            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'accepts a new name of 255 characters' {
            $name = 'd' * 255

            (Rename-DataSpace -Id $lumaTesting1.DataSpaceId -NewName $name -PassThru).DataSpaceName | Should -BeExactly $name
        }

        It 'reports an unknown data space with DataSpaceNotFound and an unknown project with ProjectNotFound' {
            $err = { Rename-DataSpace -Project 'Luma' -Name 'Staging' -NewName 'QA' -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceNotFound,CommerceConnector.Commands.RenameDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be 'Staging'
            { Rename-DataSpace -Project 'Zeta' -Name 'Testing 1' -NewName 'QA' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.RenameDataSpaceCommand'
        }
    }

    Context 'A data space name that two projects use' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma'
            $aurora = New-SaaSProject -Name 'Aurora'
        }

        It 'is returned for both projects by Get-DataSpace' {
            (Get-DataSpace -Name 'Testing 1' | Get-SpaceSummary) | Should -Be 'Aurora/Testing 1:Testing,Luma/Testing 1:Testing'
        }

        It 'makes Rename-DataSpace without -Project fail with AmbiguousDataSpace' {
            $before = Get-FileSnapshot $registryFile

            $err = { Rename-DataSpace -Name 'Testing 1' -NewName 'QA' -ErrorAction Stop } |
                Should -Throw -ErrorId 'AmbiguousDataSpace,CommerceConnector.Commands.RenameDataSpaceCommand' -PassThru

            $err.TargetObject | Should -Be 'Testing 1'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike '*-Project*'
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'makes Clear-DataSpace without -Project fail with AmbiguousDataSpace, even with -WhatIf' {
            $before = Get-FileSnapshot $registryFile

            $err = { Clear-DataSpace -Name 'Testing 1' -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'AmbiguousDataSpace,CommerceConnector.Commands.ClearDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be 'Testing 1'
            { Clear-DataSpace -Name 'Testing 1' -WhatIf -ErrorAction Stop } |
                Should -Throw -ErrorId 'AmbiguousDataSpace,CommerceConnector.Commands.ClearDataSpaceCommand'

            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'is changed in the project named by -Project only' {
            $renamed = Rename-DataSpace 'Testing 1' 'QA' -Project 'Aurora' -PassThru
            $cleared = Clear-DataSpace -Name 'Testing 1' -Project 'Luma' -Confirm:$false -PassThru

            $renamed.ProjectId | Should -Be $aurora.ProjectId
            $cleared.ProjectId | Should -Be $luma.ProjectId
            $cleared.Cleanups | Should -HaveCount 1
            (Get-DataSpace -Type Testing | Get-SpaceSummary) | Should -Be 'Aurora/QA:Testing,Aurora/Testing 2:Testing,Luma/Testing 1:Testing,Luma/Testing 2:Testing'
            (Get-DataSpace -Project 'Aurora' -Name 'QA').Cleanups | Should -HaveCount 0
        }
    }

    Context 'Testing data spaces granted by support' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $open -Edition MagentoOpenSource -Owner $openOwner
            $venia = New-SaaSProject -Name 'Venia'
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma'
        }

        It 'adds a testing data space, recording the support ticket' {
            $before = [DateTimeOffset]::UtcNow
            $added = New-DataSpace -Project 'Luma' -Name ' Staging 3 ' -SupportTicket ' MDVA-12345 '
            $after = [DateTimeOffset]::UtcNow

            $added | Should -HaveCount 1
            $added | Should -BeOfType $dataSpaceType
            $added.DataSpaceName | Should -BeExactly 'Staging 3'
            "$($added.Type)" | Should -Be 'Testing'
            $added.SupportTicket | Should -BeExactly 'MDVA-12345'
            $added.ProjectId | Should -Be $luma.ProjectId
            $added.ProjectName | Should -Be 'Luma'
            $added.MageId | Should -Be $adobe
            $added.CreatedAt | Should -BeGreaterOrEqual $before
            $added.CreatedAt | Should -BeLessOrEqual $after
            $luma.DataSpaces.DataSpaceId | Should -Not -Contain $added.DataSpaceId
            (Get-DataSpace -Project 'Luma' | Get-SpaceSummary) | Should -Be 'Luma/Production:Production,Luma/Staging 3:Testing,Luma/Testing 1:Testing,Luma/Testing 2:Testing'
            (Get-SaaSProject -Name 'Luma').DataSpaces | Should -HaveCount 4
            (Get-DataSpace -Id $added.DataSpaceId).SupportTicket | Should -Be 'MDVA-12345'
        }

        It 'adds the data space to a project piped from Get-SaaSProject, by its ProjectId' {
            $added = Get-SaaSProject 'Luma' | New-DataSpace 'Integration' -SupportTicket 'MDVA-12346'

            $added.ProjectId | Should -Be $luma.ProjectId
            $added.DataSpaceName | Should -Be 'Integration'
            "$($added.Type)" | Should -Be 'Testing'
        }

        It 'refuses a data space without a support ticket with SupportTicketRequired' {
            $before = Get-FileSnapshot $registryFile

            $err = { New-DataSpace -Project 'Luma' -Name 'Staging 3' -ErrorAction Stop } |
                Should -Throw -ErrorId 'SupportTicketRequired,CommerceConnector.Commands.NewDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be 'Staging 3'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike '*-SupportTicket*'
            { New-DataSpace -Project 'Luma' -Name 'Staging 3' -SupportTicket '   ' -ErrorAction Stop } |
                Should -Throw -ErrorId 'SupportTicketRequired,CommerceConnector.Commands.NewDataSpaceCommand'

            Get-FileSnapshot $registryFile | Should -Be $before
            Get-DataSpace -Project 'Luma' | Should -HaveCount 3
        }

        It 'refuses the ticket <Ticket> with InvalidSupportTicket' -ForEach @(
            @{ Ticket = 'ticket with spaces' }
            @{ Ticket = '-MDVA-1' }
            @{ Ticket = ('T' * 65) }
        ) {
            $before = Get-FileSnapshot $registryFile

            $err = { New-DataSpace -Project 'Luma' -Name 'Staging 3' -SupportTicket $Ticket -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidSupportTicket,CommerceConnector.Commands.NewDataSpaceCommand' -PassThru

            $err.TargetObject | Should -Be $Ticket
            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses a second production data space with SecondProductionDataSpace' {
            $before = Get-FileSnapshot $registryFile

            $err = { New-DataSpace -Project 'Luma' -Name 'Production 2' -Type Production -SupportTicket 'MDVA-12345' -ErrorAction Stop } |
                Should -Throw -ErrorId 'SecondProductionDataSpace,CommerceConnector.Commands.NewDataSpaceCommand' -PassThru

            $err.TargetObject | Should -Be 'Production 2'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            $err.Exception.Message | Should -BeLike '*exactly one*'
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-DataSpace -Type Production | Get-SpaceSummary) | Should -Be 'Luma/Production:Production'
        }

        It 'refuses testing data spaces on Magento Open Source with TestingDataSpacesNotInEdition, even with a ticket' {
            $null = Connect-CommerceAccount -MageId $open
            $before = Get-FileSnapshot $registryFile

            $err = { New-DataSpace -Project 'Venia' -Name 'Staging' -SupportTicket 'MDVA-12345' -ErrorAction Stop } |
                Should -Throw -ErrorId 'TestingDataSpacesNotInEdition,CommerceConnector.Commands.NewDataSpaceCommand' -PassThru

            $err.TargetObject | Should -Be 'Venia'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            $err.Exception.Message | Should -BeLike '*Magento Open Source*'
            Get-FileSnapshot $registryFile | Should -Be $before
            (Get-DataSpace | Get-SpaceSummary) | Should -Be 'Venia/Production:Production'
        }

        It 'refuses a second production data space on Magento Open Source with SecondProductionDataSpace' {
            $null = Connect-CommerceAccount -MageId $open

            { New-DataSpace -Project $venia.ProjectId -Name 'Production 2' -Type Production -SupportTicket 'MDVA-12345' -ErrorAction Stop } |
                Should -Throw -ErrorId 'SecondProductionDataSpace,CommerceConnector.Commands.NewDataSpaceCommand'
        }

        It 'refuses a name that the project already has with DataSpaceNameExists, but not one of another project' {
            $aurora = New-SaaSProject -Name 'Aurora'
            $null = New-DataSpace -Project 'Aurora' -Name 'Staging 3' -SupportTicket 'MDVA-1'

            $err = { New-DataSpace -Project 'Luma' -Name 'testing 1' -SupportTicket 'MDVA-2' -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceNameExists,CommerceConnector.Commands.NewDataSpaceCommand' -PassThru
            $err.TargetObject | Should -Be 'testing 1'

            $added = New-DataSpace -Project 'Luma' -Name 'Staging 3' -SupportTicket 'MDVA-3'
            $added.ProjectId | Should -Be $luma.ProjectId
            (Get-DataSpace -Name 'Staging 3' | Get-SpaceSummary) | Should -Be 'Aurora/Staging 3:Testing,Luma/Staging 3:Testing'
            (Get-SaaSProject -Name 'Aurora').DataSpaces | Should -HaveCount 4
            (Get-DataSpace -Name 'Staging 3' -Project $aurora.ProjectId).SupportTicket | Should -Be 'MDVA-1'
        }

        It 'refuses the name <Description> with InvalidDataSpaceName' -ForEach @(
            @{ Description = 'of blanks only'; Name = '   ' }
            @{ Description = 'of 256 characters'; Name = ('d' * 256) }
        ) {
            $before = Get-FileSnapshot $registryFile

            { New-DataSpace -Project 'Luma' -Name $Name -SupportTicket 'MDVA-12345' -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidDataSpaceName,CommerceConnector.Commands.NewDataSpaceCommand'

            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'reports an unknown project with ProjectNotFound' {
            $err = { New-DataSpace -Project 'Zeta' -Name 'Staging 3' -SupportTicket 'MDVA-12345' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNotFound,CommerceConnector.Commands.NewDataSpaceCommand' -PassThru

            $err.TargetObject | Should -Be 'Zeta'
        }
    }

    Context 'Clearing data spaces' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma'
            $lumaTesting1 = $luma.DataSpaces | Where-Object DataSpaceName -EQ 'Testing 1'
            Set-TestExportedItem -Path $registryFile -DataSpaceId $lumaTesting1.DataSpaceId -Count 1234
        }

        It 'starts from a data space holding exported items' {
            (Get-DataSpace -Id $lumaTesting1.DataSpaceId).ExportedItems | Should -Be 1234
        }

        It 'removes the exported items and records the cleanup request' {
            $before = [DateTimeOffset]::UtcNow
            $cleared = Clear-DataSpace -Project 'Luma' -Name 'Testing 1' -Confirm:$false -PassThru
            $after = [DateTimeOffset]::UtcNow

            $cleared | Should -HaveCount 1
            $cleared | Should -BeOfType $dataSpaceType
            $cleared.DataSpaceId | Should -Be $lumaTesting1.DataSpaceId
            $cleared.DataSpaceName | Should -Be 'Testing 1'
            $cleared.ProjectName | Should -Be 'Luma'
            $cleared.ExportedItems | Should -Be 0
            $cleared.Cleanups | Should -HaveCount 1
            $cleared.Cleanups[0].RemovedItems | Should -Be 1234
            $cleared.Cleanups[0].RequestedBy | Should -Be $adobeOwner
            $cleared.Cleanups[0].RequestedAt | Should -BeGreaterOrEqual $before
            $cleared.Cleanups[0].RequestedAt | Should -BeLessOrEqual $after
            $cleared.LastCleanupAt | Should -Be $cleared.Cleanups[0].RequestedAt

            $stored = Get-DataSpace -Id $lumaTesting1.DataSpaceId
            $stored.ExportedItems | Should -Be 0
            $stored.Cleanups | Should -HaveCount 1
            $stored.LastCleanupAt | Should -Be $cleared.LastCleanupAt
            (Get-DataSpace -Project 'Luma' -Name 'Testing 2').Cleanups | Should -HaveCount 0
        }

        It 'adds one request per cleanup' {
            $first = Clear-DataSpace -Id $lumaTesting1.DataSpaceId -Confirm:$false -PassThru
            $second = Clear-DataSpace -Id $lumaTesting1.DataSpaceId -Confirm:$false -PassThru

            $first.Cleanups | Should -HaveCount 1
            $second.Cleanups | Should -HaveCount 2
            $second.Cleanups[0].RemovedItems | Should -Be 1234
            $second.Cleanups[1].RemovedItems | Should -Be 0
            $second.Cleanups[1].RequestedAt | Should -BeGreaterOrEqual $second.Cleanups[0].RequestedAt
            $second.LastCleanupAt | Should -Be $second.Cleanups[1].RequestedAt
        }

        It 'returns nothing without -PassThru and tells with -Verbose how many items it removed' {
            $output = @(Clear-DataSpace -Id $lumaTesting1.DataSpaceId -Confirm:$false -Verbose 4>&1)

            # With -Verbose, ShouldProcess itself writes 'Performing the operation "<action>" on target "<target>".'
            # before the cmdlet's own message: two verbose records, and no object.
            $output | Should -HaveCount 2
            $output[0] | Should -BeOfType ([System.Management.Automation.VerboseRecord])
            $output[1] | Should -BeOfType ([System.Management.Automation.VerboseRecord])
            $output[0].Message | Should -BeLike '*Request a cleanup: delete all 1234 exported items*'
            $output[0].Message | Should -BeLike "*Testing data space 'Testing 1' ($($lumaTesting1.DataSpaceId)) of 'Luma'*"
            $output[1].Message | Should -Be "Cleanup requested for $($lumaTesting1.DataSpaceId); 1234 exported items removed."
            (Get-DataSpace -Id $lumaTesting1.DataSpaceId).Cleanups | Should -HaveCount 1
        }

        It 'clears every data space piped from Get-DataSpace' {
            $cleared = @(Get-SaaSProject Luma | Get-DataSpace -Type Testing | Clear-DataSpace -Confirm:$false -PassThru)

            ($cleared | Get-SpaceSummary) | Should -Be 'Luma/Testing 1:Testing,Luma/Testing 2:Testing'
            ($cleared.Cleanups.RemovedItems -join ',') | Should -Be '1234,0'
            (Get-DataSpace -Project 'Luma' -Type Production).Cleanups | Should -HaveCount 0
        }

        It 'reports an unknown data space with DataSpaceNotFound' {
            $id = [guid]::NewGuid().ToString()

            $err = { Clear-DataSpace -Id $id -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'DataSpaceNotFound,CommerceConnector.Commands.ClearDataSpaceCommand' -PassThru

            $err.TargetObject | Should -Be $id
        }
    }

    Context '-WhatIf' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $null = New-SaaSProject -Name 'Luma'
            $null = New-SaaSProject -Name 'Aurora'
            $testing1 = Get-DataSpace -Project 'Luma' -Name 'Testing 1'
            Set-TestExportedItem -Path $registryFile -DataSpaceId $testing1.DataSpaceId -Count 42
        }

        It 'changes nothing and returns nothing: <Description>' -ForEach $whatIf {
            $before = [System.IO.File]::ReadAllBytes($registryFile)
            $spacesBefore = Get-DataSpace | Get-SpaceSummary

            $output = & $Action

            $output | Should -BeNullOrEmpty
            $after = [System.IO.File]::ReadAllBytes($registryFile)
            $after.Length | Should -Be $before.Length
            [System.Convert]::ToBase64String($after) | Should -Be ([System.Convert]::ToBase64String($before))
            (Get-DataSpace | Get-SpaceSummary) | Should -Be $spacesBefore
            ((Get-SaaSProject).ProjectName -join ',') | Should -Be 'Aurora,Luma'
            $stored = Get-DataSpace -Id $testing1.DataSpaceId
            $stored.ExportedItems | Should -Be 42
            $stored.Cleanups | Should -HaveCount 0
        }
    }

    Context 'Declared shape of the cmdlets' {
        It '<Name> declares <OutputType> as its output and supports -WhatIf and -Confirm: <ShouldProcess>, with the confirmation impact <Impact>' -ForEach @(
            @{ Name = 'Get-SaaSProject'; OutputType = 'CommerceConnector.Core.Projects.SaaSProject'; ShouldProcess = $false; Impact = 'n/a' }
            @{ Name = 'New-SaaSProject'; OutputType = 'CommerceConnector.Core.Projects.SaaSProject'; ShouldProcess = $true; Impact = 'Medium' }
            @{ Name = 'Rename-SaaSProject'; OutputType = 'CommerceConnector.Core.Projects.SaaSProject'; ShouldProcess = $true; Impact = 'Medium' }
            @{ Name = 'Get-DataSpace'; OutputType = 'CommerceConnector.Core.Projects.DataSpace'; ShouldProcess = $false; Impact = 'n/a' }
            @{ Name = 'New-DataSpace'; OutputType = 'CommerceConnector.Core.Projects.DataSpace'; ShouldProcess = $true; Impact = 'Medium' }
            @{ Name = 'Rename-DataSpace'; OutputType = 'CommerceConnector.Core.Projects.DataSpace'; ShouldProcess = $true; Impact = 'Medium' }
            @{ Name = 'Clear-DataSpace'; OutputType = 'CommerceConnector.Core.Projects.DataSpace'; ShouldProcess = $true; Impact = 'High' }
        ) {
            Get-DeclaredOutputType $Name | Should -Be $OutputType
            Assert-DeclaredConfirmation -Name $Name -ShouldProcess $ShouldProcess -Impact $Impact
        }

        It '<Name> has the parameter sets <Sets>, by default <Default>' -ForEach @(
            @{ Name = 'Get-SaaSProject'; Sets = 'Id,Name'; Default = 'Name' }
            @{ Name = 'New-SaaSProject'; Sets = '__AllParameterSets'; Default = '' }
            @{ Name = 'Rename-SaaSProject'; Sets = 'Id,InputObject,Name'; Default = 'Name' }
            @{ Name = 'Get-DataSpace'; Sets = 'Id,Name'; Default = 'Name' }
            @{ Name = 'New-DataSpace'; Sets = '__AllParameterSets'; Default = '' }
            @{ Name = 'Rename-DataSpace'; Sets = 'Id,InputObject,Name'; Default = 'Name' }
            @{ Name = 'Clear-DataSpace'; Sets = 'Id,InputObject,Name'; Default = 'Name' }
        ) {
            $attribute = Get-CmdletAttribute $Name

            Get-ParameterSetList $Name | Should -Be $Sets
            "$($attribute.DefaultParameterSetName)" | Should -Be $Default
        }
    }

    Context 'Table views' {
        BeforeEach {
            $null = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $luma = New-SaaSProject -Name 'Luma Retail'
        }

        It 'has one table view for <TypeName> with the columns <Columns>' -ForEach @(
            @{ TypeName = 'CommerceConnector.Core.Projects.SaaSProject'; Columns = 'ProjectName,DataSpaces,ProjectId' }
            @{ TypeName = 'CommerceConnector.Core.Projects.DataSpace'; Columns = 'ProjectName,DataSpaceName,Type,DataSpaceId' }
        ) {
            Assert-OneTableView $TypeName $Columns
        }

        It 'shows a project as a row with the names of its data spaces' {
            $text = Get-SaaSProject | Out-String -Width 250

            $text | Should -Match 'ProjectName\s+DataSpaces\s+ProjectId'
            $text | Should -Match ('Luma Retail\s+Production, Testing 1, Testing 2\s+' + [regex]::Escape($luma.ProjectId))
        }

        It 'shows data spaces as rows with their project, id, name and type' {
            $testing2 = $luma.DataSpaces | Where-Object DataSpaceName -EQ 'Testing 2'

            $text = Get-DataSpace -Project 'Luma Retail' | Out-String -Width 250

            $text | Should -Match 'ProjectName\s+DataSpaceName\s+Type\s+DataSpaceId'
            $text | Should -Match ('Luma Retail\s+Testing 2\s+Testing\s+' + [regex]::Escape($testing2.DataSpaceId))
        }
    }

    Context 'Tab completion' {
        BeforeEach {
            $key = Initialize-TestAccount -MageId $adobe -Edition AdobeCommerce -Owner $adobeOwner
            $null = New-SaaSProject -Name 'Luma Retail'
            $null = New-SaaSProject -Name 'Aurora'
            $null = New-DataSpace -Project 'Luma Retail' -Name 'Staging 3' -SupportTicket 'MDVA-12345'
            # When a completer offers nothing PowerShell falls back to file names: complete in an empty folder, so
            # that only the module's completers can offer anything.
            $emptyFolder = Join-Path $TestDrive "cwd-$(New-Guid)"
            $null = New-Item -ItemType Directory -Path $emptyFolder
            Push-Location -LiteralPath $emptyFolder
        }

        AfterEach { Pop-Location }

        It 'completes Get-SaaSProject -Name with a project name that has a space, quoted' {
            $inputScript = 'Get-SaaSProject -Name Lu'

            $completion = TabExpansion2 -inputScript $inputScript -cursorColumn $inputScript.Length
            $results = @($completion.CompletionMatches)

            $results | Should -HaveCount 1
            $results[0].CompletionText | Should -Be "'Luma Retail'"
            $results[0].ListItemText | Should -Be 'Luma Retail'
            "$($results[0].ResultType)" | Should -Be 'ParameterValue'
            $found = Invoke-Expression ('Get-SaaSProject -Name ' + $results[0].CompletionText)
            $found.ProjectName | Should -Be 'Luma Retail'
        }

        It 'completes <Command> -<Parameter> with the project names' -ForEach @(
            @{ Command = 'Get-SaaSProject'; Parameter = 'Name' }
            @{ Command = 'Rename-SaaSProject'; Parameter = 'Name' }
            @{ Command = 'Get-DataSpace'; Parameter = 'Project' }
            @{ Command = 'New-DataSpace'; Parameter = 'Project' }
            @{ Command = 'Rename-DataSpace'; Parameter = 'Project' }
            @{ Command = 'Clear-DataSpace'; Parameter = 'Project' }
        ) {
            (@(Get-CompletionResult "$Command -$Parameter a" | ForEach-Object CompletionText) -join ',') | Should -Be 'Aurora'
            (@(Get-CompletionResult "$Command -$Parameter " | ForEach-Object CompletionText) -join ',') | Should -Be "Aurora,'Luma Retail'"
        }

        It 'completes data space names of the project given with -Project, for <Command>' -ForEach @(
            @{ Command = 'Get-DataSpace' }
            @{ Command = 'Rename-DataSpace' }
            @{ Command = 'Clear-DataSpace' }
        ) {
            (@(Get-CompletionResult "$Command -Project 'Luma Retail' -Name S" | ForEach-Object CompletionText) -join ',') | Should -Be "'Staging 3'"
            (@(Get-CompletionResult "$Command -Project Aurora -Name S" | ForEach-Object CompletionText) -join ',') | Should -Be ''
            (@(Get-CompletionResult "$Command -Project Aurora -Name t" | ForEach-Object CompletionText) -join ',') | Should -Be "'Testing 1','Testing 2'"
            (@(Get-CompletionResult "$Command -Name S" | ForEach-Object CompletionText) -join ',') | Should -Be "'Staging 3'"
        }

        It 'offers nothing while the account has no active API key' {
            $null = Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false

            @(Get-CompletionResult 'Get-SaaSProject -Name Lu') | Should -HaveCount 0
            @(Get-CompletionResult 'Get-DataSpace -Name S') | Should -HaveCount 0
        }
    }
}

Describe 'Help of <Name>' -ForEach $helpCases {
    . (Join-Path $PSScriptRoot 'HelpPage.Shared.ps1')
}
