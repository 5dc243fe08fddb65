<#
The tests every "Help of <Name>" block of Configuration, Instances and Projects.Tests.ps1 ran, written once. A test file
dot-sources this inside its Describe 'Help of <Name>' -ForEach $helpCases (each case: Name, Parameters, Phrases):
    . (Join-Path $PSScriptRoot 'HelpPage.Shared.ps1')
and names in -Own the tests it writes itself instead ('explains', 'examples'), where its assertions differ.
#>
param(
    [ValidateSet('explains', 'examples')]
    [string[]] $Own = @()
)

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Enter-HelpTest $Name
}

AfterAll { [System.Threading.Thread]::CurrentThread.CurrentUICulture = $previousCulture }

It 'shows the synopsis of its page' {
    $synopsis = @(Get-MarkdownParagraph $page 'SYNOPSIS') -join ' '

    $synopsis | Should -Not -BeNullOrEmpty
    (Join-HelpLine $help.Synopsis) | Should -Be $synopsis
    $helpText | Should -BeLike "*$synopsis*"
}

It 'shows the description of its page, paragraph by paragraph' {
    $paragraphs = @(Get-MarkdownParagraph $page 'DESCRIPTION')

    $paragraphs.Count | Should -BeGreaterOrEqual 3
    ($description -join "`n") | Should -Be ($paragraphs -join "`n")
    $helpText | Should -Match 'DESCRIPTION'
}

if ($Own -notcontains 'explains') {
    It 'explains the rules behind it in its description' {
        $text = $description -join ' '

        foreach ($phrase in $Phrases) {
            $text | Should -BeLike "*$phrase*" -Because "the help of $Name explains $phrase"
        }
    }
}

It 'documents exactly the parameters <Parameters>, each with a description' {
    $documented = @($help.parameters.parameter | Where-Object { $null -ne $_ })
    $declared = @($command.Parameters.Keys | Where-Object { [System.Management.Automation.Cmdlet]::CommonParameters -notcontains $_ } | Sort-Object)

    (@($documented | ForEach-Object { "$($_.name)" } | Sort-Object) -join ',') | Should -Be $Parameters
    ($declared -join ',') | Should -Be $Parameters
    foreach ($parameter in $documented) {
        (@($parameter.description | ForEach-Object { "$($_.Text)" }) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) of $Name is described"
        $helpText | Should -BeLike "*-$($parameter.name)*"
    }
}

It 'shows one syntax per parameter set' {
    @($help.syntax.syntaxItem) | Should -HaveCount @($command.ParameterSets).Count
}

if ($Own -notcontains 'examples') {
    It 'has at least two examples that use it, each with remarks' {
        $examples = @($help.examples.example | Where-Object { $null -ne $_ })

        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)" | Should -BeLike "*$Name*"
            (@($example.remarks | ForEach-Object { "$($_.Text)" }) -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }
        $helpText | Should -Match 'Example 1'
        $helpText | Should -Match 'Example 2'
    }
}

It 'names its output type in OUTPUTS' {
    $outputs = $helpText.Substring([Math]::Max(0, $helpText.IndexOf('OUTPUTS')))

    $outputs | Should -BeLike "*$(@($command.OutputType)[0].Name)*"
}
