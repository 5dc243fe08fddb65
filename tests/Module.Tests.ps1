# The built module as a whole: manifest and exports, output types, table views, help (Get-Help -Full and the
# about topic), tab completion, and import next to PowerShell's own Newtonsoft.Json.

BeforeDiscovery {
    $sourceManifest = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot '../CommerceConnector.psd1')
    $commandCases = @($sourceManifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

Describe 'CommerceConnector module' {
    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $module = Get-Module -Name CommerceConnector
        $manifest = Import-PowerShellDataFile -Path $manifestPath
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach { $registry = Reset-TestRegistry $TestDrive }

    AfterEach { Disconnect-CommerceAccount }

    Context 'Manifest and exports' {
        It 'is the manifest of the repository, copied unchanged into the built module' {
            Get-FileSnapshot $manifestPath | Should -Be (Get-FileSnapshot (Join-Path $PSScriptRoot '../CommerceConnector.psd1'))
        }

        It 'is a valid manifest whose version is the version of the loaded module' {
            $tested = Test-ModuleManifest -Path $manifestPath

            $tested.Version | Should -Be ([version]$manifest.ModuleVersion)
            $module.Version | Should -Be ([version]$manifest.ModuleVersion)
            $module.RootModule | Should -Be 'CommerceConnector.dll'
        }

        It 'names the cmdlet assembly, its format file, a three-part version and every cmdlet once by name, read by PowerShell as build.ps1 reads it' {
            $source = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot '../CommerceConnector.psd1')

            $source.RootModule | Should -Be 'CommerceConnector.dll'
            @($source.FormatsToProcess) | Should -Be @('CommerceConnector.Format.ps1xml')
            $source.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
            @($source.CmdletsToExport).Count | Should -BeGreaterThan 0
            @($source.CmdletsToExport | Where-Object { $_ -cnotmatch '^[A-Z][a-z]+-[A-Z][A-Za-z]+$' }) | Should -BeNullOrEmpty
            @($source.CmdletsToExport | Select-Object -Unique).Count | Should -Be @($source.CmdletsToExport).Count
        }

        It 'exports exactly the cmdlets the manifest lists' {
            $exported = @(Get-Command -Module CommerceConnector | ForEach-Object Name | Sort-Object)

            ($exported -join ',') | Should -Be ((@($manifest.CmdletsToExport) | Sort-Object) -join ',')
            @(Get-Command -Module CommerceConnector -CommandType Cmdlet) | Should -HaveCount $exported.Count
            $module.ExportedFunctions.Count | Should -Be 0
            $module.ExportedAliases.Count | Should -Be 0
            $module.ExportedVariables.Count | Should -Be 0
        }

        It 'exports the eight foundation cmdlets' {
            foreach ($name in 'New-CommerceAccount', 'Get-CommerceAccount', 'Set-CommerceAccount', 'Add-CommerceAccountMember',
                'Remove-CommerceAccountMember', 'Connect-CommerceAccount', 'Disconnect-CommerceAccount', 'Get-CommerceService') {
                $command = Get-Command -Name $name -Module CommerceConnector -ErrorAction SilentlyContinue
                $command | Should -Not -BeNullOrEmpty -Because "$name is a foundation cmdlet"
                $command.ImplementingType.Namespace | Should -Be 'CommerceConnector.Commands'
            }
        }

        It 'declares <OutputType> as the output of <Name>' -ForEach @(
            @{ Name = 'New-CommerceAccount'; OutputType = 'CommerceConnector.Core.Accounts.CommerceAccount' }
            @{ Name = 'Get-CommerceAccount'; OutputType = 'CommerceConnector.Core.Accounts.CommerceAccount' }
            @{ Name = 'Set-CommerceAccount'; OutputType = 'CommerceConnector.Core.Accounts.CommerceAccount' }
            @{ Name = 'Add-CommerceAccountMember'; OutputType = 'CommerceConnector.Core.Accounts.AccountMember' }
            @{ Name = 'Remove-CommerceAccountMember'; OutputType = 'CommerceConnector.Core.Accounts.AccountMember' }
            @{ Name = 'Connect-CommerceAccount'; OutputType = 'CommerceConnector.Core.Session.ConnectorContext' }
            @{ Name = 'Get-CommerceService'; OutputType = 'CommerceConnector.Core.Catalog.CommerceService' }
        ) {
            Get-DeclaredOutputType $Name | Should -Be $OutputType
        }

        It 'supports -WhatIf and -Confirm on <Name>: <ShouldProcess>' -ForEach @(
            @{ Name = 'New-CommerceAccount'; ShouldProcess = $true }
            @{ Name = 'Set-CommerceAccount'; ShouldProcess = $true }
            @{ Name = 'Add-CommerceAccountMember'; ShouldProcess = $true }
            @{ Name = 'Remove-CommerceAccountMember'; ShouldProcess = $true }
            @{ Name = 'Get-CommerceAccount'; ShouldProcess = $false }
            @{ Name = 'Connect-CommerceAccount'; ShouldProcess = $false }
            @{ Name = 'Disconnect-CommerceAccount'; ShouldProcess = $false }
            @{ Name = 'Get-CommerceService'; ShouldProcess = $false }
        ) {
            $command = Get-Command -Name $Name -Module CommerceConnector

            $command.Parameters.ContainsKey('WhatIf') | Should -Be $ShouldProcess
            $command.Parameters.ContainsKey('Confirm') | Should -Be $ShouldProcess
        }

        It 'keeps every assembly beside its manifest, where PowerShell looks while it imports' {
            $moduleFolderDlls = @(Get-ChildItem -LiteralPath $module.ModuleBase -Filter '*.dll' | ForEach-Object Name)

            $moduleFolderDlls | Should -Contain 'CommerceConnector.dll'
            $moduleFolderDlls | Should -Contain 'CommerceConnector.Core.dll'
            $moduleFolderDlls | Should -Contain 'Newtonsoft.Json.dll'
            $moduleFolderDlls | Should -Not -Contain 'System.Management.Automation.dll'
            Test-Path -LiteralPath (Join-Path $module.ModuleBase 'dependencies') | Should -BeFalse
        }
    }

    Context 'Table views' {
        It 'has one table view for <TypeName> with the columns <Columns>' -ForEach @(
            @{ TypeName = 'CommerceConnector.Core.Accounts.CommerceAccount'; Columns = 'MageId,Name,Edition,Members,Owner' }
            @{ TypeName = 'CommerceConnector.Core.Accounts.AccountMember'; Columns = 'MageId,User,Role,AddedAt' }
            @{ TypeName = 'CommerceConnector.Core.Session.ConnectorContext'; Columns = 'MageId,User,Role,Source,RegistryPath' }
            @{ TypeName = 'CommerceConnector.Core.Catalog.CommerceService'; Columns = 'Name,Available,Enabled,Commerce,OpenSource' }
        ) {
            Assert-OneTableView $TypeName $Columns
        }

        It 'shows accounts as a table with a member count' {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com -Name 'Shop One'
            $null = Add-CommerceAccountMember -MageId MAG100 -User analyst@example.com -Role SharedAccess

            $text = Get-CommerceAccount | Out-String -Width 250

            $text | Should -Match 'MageId\s+Name\s+Edition\s+Members\s+Owner'
            $text | Should -Match 'MAG100\s+Shop One\s+AdobeCommerce\s+2\s+owner@example\.com'
        }
    }

    Context 'Tab completion' {
        BeforeEach {
            $null = New-CommerceAccount -MageId MAG200 -Edition AdobeCommerce -Owner owner@example.com
            $null = New-CommerceAccount -MageId MAG101 -Edition AdobeCommerce -Owner owner@example.com
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
        }

        It 'completes -MageId of <Command> with the MageIDs of the registry' -ForEach @(
            @{ Command = 'Get-CommerceAccount' }
            @{ Command = 'Set-CommerceAccount' }
            @{ Command = 'Add-CommerceAccountMember' }
            @{ Command = 'Remove-CommerceAccountMember' }
            @{ Command = 'Connect-CommerceAccount' }
        ) {
            $results = @(Get-CompletionResult "$Command -MageId MAG1")

            (@($results | ForEach-Object CompletionText) -join ',') | Should -Be 'MAG100,MAG101'
            (@($results | ForEach-Object { "$($_.ResultType)" } | Select-Object -Unique) -join ',') | Should -Be 'ParameterValue'
        }

        It 'completes a MageID typed in lower case' {
            $results = @(Get-CompletionResult 'Get-CommerceAccount -MageId mag2')

            (@($results | ForEach-Object CompletionText) -join ',') | Should -Be 'MAG200'
        }

        It 'completes from the connected registry' {
            $other = New-TestRegistryPath $TestDrive -Prefix 'other'
            $env:COMMERCE_CONNECTOR_HOME = $other
            $null = New-CommerceAccount -MageId MAG900 -Edition AdobeCommerce -Owner owner@example.com
            $env:COMMERCE_CONNECTOR_HOME = $registry
            $null = Connect-CommerceAccount -MageId MAG900 -RegistryPath $other

            $results = @(Get-CompletionResult 'Get-CommerceAccount -MageId MAG')

            (@($results | ForEach-Object CompletionText) -join ',') | Should -Be 'MAG900'
        }

        It 'completes Get-CommerceService -Name <Word> as <Expected>, quoting names with spaces' -ForEach @(
            @{ Word = 'Live'; Expected = "'Live Search'" }
            @{ Word = 'Pay'; Expected = "'Payment Services'" }
            @{ Word = 'C'; Expected = "'Catalog Service','Channel Manager'" }
            @{ Word = 'site'; Expected = "'Site-Wide Analysis Tool'" }
        ) {
            $results = @(Get-CompletionResult "Get-CommerceService -Name $Word")

            (@($results | ForEach-Object CompletionText) -join ',') | Should -Be $Expected
        }

        It 'lists service names without quotes and inserts text that PowerShell parses back to the name' {
            $results = @(Get-CompletionResult 'Get-CommerceService -Name Live')

            $results | Should -HaveCount 1
            $results[0].ListItemText | Should -Be 'Live Search'
            "$($results[0].ResultType)" | Should -Be 'ParameterValue'
            $completed = 'Get-CommerceService -Name ' + $results[0].CompletionText
            (Invoke-Expression $completed).Name | Should -Be 'Live Search'
        }
    }

    Context 'About topic' {
        BeforeAll {
            $previousCulture = [System.Threading.Thread]::CurrentThread.CurrentUICulture
            [System.Threading.Thread]::CurrentThread.CurrentUICulture = [System.Globalization.CultureInfo]::GetCultureInfo('en-US')
        }

        AfterAll { [System.Threading.Thread]::CurrentThread.CurrentUICulture = $previousCulture }

        It 'ships about_CommerceConnector with the module, naming the foundation cmdlets' {
            $aboutFile = Join-Path (Join-Path $module.ModuleBase 'en-US') 'about_CommerceConnector.help.txt'

            Test-Path -LiteralPath $aboutFile -PathType Leaf | Should -BeTrue
            $text = [System.IO.File]::ReadAllText($aboutFile)
            foreach ($name in 'New-CommerceAccount', 'Get-CommerceAccount', 'Set-CommerceAccount', 'Add-CommerceAccountMember',
                'Remove-CommerceAccountMember', 'Connect-CommerceAccount', 'Disconnect-CommerceAccount', 'Get-CommerceService') {
                $text | Should -BeLike "*$name*" -Because "the about topic lists $name"
            }
            foreach ($word in 'COMMERCE_CONNECTOR_HOME', 'COMMERCE_CONNECTOR_MAGEID', 'COMMERCE_CONNECTOR_USER', 'RegistryLocked', 'RegistryCorrupt', 'RegistrySchemaTooNew') {
                $text | Should -BeLike "*$word*" -Because "the about topic explains $word"
            }
        }

        It 'is shown by Get-Help about_CommerceConnector' {
            $text = Get-Help -Name about_CommerceConnector | Out-String

            $text | Should -BeLike '*about_CommerceConnector*'
            $text | Should -BeLike '*COMMERCE_CONNECTOR_HOME*'
        }
    }

    Context 'Importing next to other copies of Newtonsoft.Json' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        BeforeAll {
            # PowerShell 7 ships and loads Newtonsoft.Json 13 (assembly version 13.0.0.0). The module shares it rather
            # than isolating its own: one identity per load context, and 13.x keeps 13.0.0.0 for all of 13.
            $hostJson = Join-Path $PSHOME 'Newtonsoft.Json.dll'
            $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
            $fullManifestPath = (Resolve-Path -LiteralPath $manifestPath).ProviderPath

            # Another module that brought its own copy of Newtonsoft.Json and loads it by path when it is imported.
            $otherModule = Join-Path $TestDrive 'OtherJsonModule'
            $null = New-Item -ItemType Directory -Path $otherModule -Force
            Copy-Item -LiteralPath (Join-Path $module.ModuleBase 'Newtonsoft.Json.dll') -Destination $otherModule
            Set-Content -LiteralPath (Join-Path $otherModule 'OtherJsonModule.psm1') -Value @'
Add-Type -LiteralPath (Join-Path $PSScriptRoot 'Newtonsoft.Json.dll')
function ConvertTo-OtherJson { param($Value) [Newtonsoft.Json.JsonConvert]::SerializeObject($Value) }
'@

            $childScript = Join-Path $TestDrive 'import-beside-newtonsoft.ps1'
            Set-Content -LiteralPath $childScript -Value @'
param([string] $Manifest, [string] $Registry, [string] $First, [string] $OtherModule)
$ErrorActionPreference = 'Stop'
if ($First -eq 'PowerShell') { $null = '{"a":1}' | ConvertFrom-Json; $null = @{ a = 1 } | ConvertTo-Json }
if ($First -eq 'OtherModule') { Import-Module (Join-Path $OtherModule 'OtherJsonModule.psm1'); "other=$(ConvertTo-OtherJson @{ a = 1 })" }
$env:COMMERCE_CONNECTOR_HOME = $Registry
Import-Module $Manifest
$null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
"owner=$((Get-CommerceAccount -MageId MAG100).Owner)"
$core = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CommerceConnector.Core' }
$reference = $core.GetReferencedAssemblies() | Where-Object Name -eq 'Newtonsoft.Json'
"module=$([System.Reflection.Assembly]::Load($reference).Location)"
"builtin=$((Get-CommerceAccount -MageId MAG100 | Select-Object MageId | ConvertTo-Json -Compress))"
if ($First -eq 'Module') { Import-Module (Join-Path $OtherModule 'OtherJsonModule.psm1'); "other=$(ConvertTo-OtherJson @{ a = 1 })" }
'@
            function Invoke-ChildImport([string] $First) {
                $lines = @{}
                $output = & $pwsh -NoProfile -NonInteractive -File $childScript -Manifest $fullManifestPath `
                    -Registry (New-TestRegistryPath $TestDrive -Prefix 'child') -First $First -OtherModule $otherModule 2>&1
                $lines['exit'] = $LASTEXITCODE
                $lines['all'] = ($output | ForEach-Object { "$_" }) -join [System.Environment]::NewLine
                foreach ($line in $output) {
                    $text = "$line"
                    $separator = $text.IndexOf('=')
                    if ($separator -gt 0) {
                        $lines[$text.Substring(0, $separator)] = $text.Substring($separator + 1)
                    }
                }
                $lines
            }
        }

        It 'imports and works after PowerShell used its own Newtonsoft.Json' {
            $child = Invoke-ChildImport 'PowerShell'

            $child['exit'] | Should -Be 0 -Because $child['all']
            $child['owner'] | Should -Be 'owner@example.com'
            $child['builtin'] | Should -Be '{"MageId":"MAG100"}'
        }

        It 'binds to the Newtonsoft.Json that PowerShell ships, not a second copy' {
            $child = Invoke-ChildImport 'PowerShell'

            [System.IO.Path]::GetFullPath($child['module']) | Should -Be ([System.IO.Path]::GetFullPath($hostJson)) -Because $child['all']
        }

        It 'imports and works beside another module that loaded its own copy first' {
            $child = Invoke-ChildImport 'OtherModule'

            $child['exit'] | Should -Be 0 -Because $child['all']
            $child['other'] | Should -Be '{"a":1}'
            $child['owner'] | Should -Be 'owner@example.com'
        }

        It 'leaves another module that loads its own copy afterwards working' {
            $child = Invoke-ChildImport 'Module'

            $child['exit'] | Should -Be 0 -Because $child['all']
            $child['owner'] | Should -Be 'owner@example.com'
            $child['other'] | Should -Be '{"a":1}'
        }
    }
}

Describe 'Help of <Name>' -ForEach $commandCases {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Enter-HelpTest $Name -ParameterLists
    }

    AfterAll { [System.Threading.Thread]::CurrentThread.CurrentUICulture = $previousCulture }

    It 'has a help page in docs/en-US' {
        Test-Path -LiteralPath $page -PathType Leaf | Should -BeTrue
    }

    It 'shows the synopsis of its help page' {
        $synopsis = @(Get-MarkdownParagraph $page 'SYNOPSIS') -join ' '

        $synopsis | Should -Not -BeNullOrEmpty
        (Join-HelpLine $help.Synopsis) | Should -Be $synopsis
        $helpText | Should -BeLike "*$synopsis*"
    }

    It 'shows the description of its help page' {
        $description = @(Get-MarkdownParagraph $page 'DESCRIPTION')

        $description.Count | Should -BeGreaterThan 1
        $shown = @($help.description | ForEach-Object { (Join-HelpLine $_.Text) } | Where-Object { $_ })
        $shown.Count | Should -BeGreaterThan 1
        $shown[0] | Should -Be $description[0]
        $helpText | Should -Match 'DESCRIPTION'
    }

    It 'documents every parameter, with the attributes the cmdlet declares' {
        (@($helpParameters | ForEach-Object { "$($_.name)" } | Sort-Object) -join ',') |
            Should -Be (@($parameters | ForEach-Object Name | Sort-Object) -join ',')

        foreach ($parameter in $parameters) {
            $because = "-$($parameter.Name) of $Name"
            $entry = @($helpParameters | Where-Object { "$($_.name)" -eq $parameter.Name })
            $entry | Should -HaveCount 1 -Because $because
            $entry = $entry[0]
            $attribute = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })[0]
            $expectedPosition = if ($attribute.Position -eq [int]::MinValue) { 'named' } else { "$($attribute.Position)" }
            $wildcards = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0

            (@($entry.description | ForEach-Object { "$($_.Text)" }) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because $because
            "$($entry.required)" | Should -Be "$($attribute.Mandatory)" -Because "$because is Mandatory=$($attribute.Mandatory)"
            "$($entry.position)" | Should -Be $expectedPosition -Because $because
            "$($entry.globbing)" | Should -Be "$wildcards" -Because "$because supports wildcards: $wildcards"
            @($parameter.ParameterType.Name, $parameter.ParameterType.FullName) | Should -Contain "$($entry.type.name)" -Because $because

            $pipelineInput = "$($entry.pipelineInput)"
            if ($attribute.ValueFromPipeline -or $attribute.ValueFromPipelineByPropertyName) {
                $pipelineInput | Should -BeLike 'True*' -Because "$because accepts pipeline input"
            }
            else {
                $pipelineInput | Should -BeLike 'False*' -Because "$because takes no pipeline input"
            }
            if ($attribute.ValueFromPipeline) {
                $pipelineInput | Should -BeLike '*ByValue*' -Because $because
            }
            else {
                $pipelineInput | Should -Not -BeLike '*ByValue*' -Because $because
            }
            if ($attribute.ValueFromPipelineByPropertyName) {
                $pipelineInput | Should -BeLike '*ByPropertyName*' -Because $because
            }
            else {
                $pipelineInput | Should -Not -BeLike '*ByPropertyName*' -Because $because
            }

            $helpText | Should -BeLike "*-$($parameter.Name)*" -Because "Get-Help -Full shows $because"
        }
    }

    It 'has at least two examples that use it, each with code and remarks' {
        $examples = @($help.examples.example | Where-Object { $null -ne $_ })

        $examples.Count | Should -BeGreaterOrEqual 2
        @($examples | Where-Object { "$($_.code)" -like "*$Name*" }).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty
            (@($example.remarks | ForEach-Object { "$($_.Text)" }) -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }
        $helpText | Should -Match 'Example 1'
    }

    It 'names its output type in the OUTPUTS section of the help' {
        $declared = @($command.OutputType | ForEach-Object Name | Where-Object { $_ -ne 'System.Void' })
        $outputs = $helpText.Substring([Math]::Max(0, $helpText.IndexOf('OUTPUTS')))

        $helpText | Should -Match 'OUTPUTS'
        foreach ($typeName in $declared) {
            $outputs | Should -BeLike "*$typeName*"
        }
    }
}
