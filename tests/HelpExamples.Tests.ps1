# Every example in the help (docs/en-US/*.md, the EXAMPLES of each page, and the code of about_CommerceConnector) is
# read by the PowerShell parser: each CommerceConnector command it names must exist, and each parameter it gives that
# command must be one of its parameters or aliases (or a common parameter), spelled out in full.

BeforeDiscovery {
    $docs = Join-Path $PSScriptRoot '../docs/en-US'
    $pageCases = @(Get-ChildItem -LiteralPath $docs -Filter '*-*.md' | Sort-Object Name | ForEach-Object { @{ Page = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1') -Force
    $exported = @{}
    foreach ($command in Get-Command -Module CommerceConnector) {
        $exported[$command.Name] = $command
    }
    $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)

    function Get-ExampleCode {
        # The code of a help page's examples: in a block with PS> prompts, the prompt lines only (the rest is output).
        param([string] $Path)
        $text = [System.IO.File]::ReadAllText($Path)
        $examples = $text.Substring([Math]::Max(0, $text.IndexOf('## EXAMPLES')))
        $examples = $examples.Substring(0, [Math]::Max(0, $examples.IndexOf('## PARAMETERS')))
        foreach ($block in [regex]::Matches($examples, '(?ms)^```powershell\s*$(.*?)^```\s*$')) {
            $lines = $block.Groups[1].Value -split "`r?`n"
            if (@($lines | Where-Object { $_ -match '^PS[^>]*> ' }).Count -gt 0) {
                $code = New-Object System.Collections.Generic.List[string]
                $continued = $false
                foreach ($line in $lines) {
                    if ($line -match '^PS[^>]*> (.*)$') {
                        $code.Add($Matches[1])
                        $continued = $Matches[1].TrimEnd().EndsWith('`') -or $Matches[1].TrimEnd().EndsWith('|')
                    }
                    elseif ($continued -or $line -match '^>> ') {
                        $code.Add(($line -replace '^>> ', ''))
                        $continued = $line.TrimEnd().EndsWith('`') -or $line.TrimEnd().EndsWith('|')
                    }
                }
                $code -join "`n"
            }
            else {
                $block.Groups[1].Value
            }
        }
    }

    function Get-AboutCode {
        # The code lines of an about topic: the lines indented by eight spaces or more.
        param([string] $Path)
        ([System.IO.File]::ReadAllLines($Path) | Where-Object { $_ -match '^ {8,}\S' } | ForEach-Object { $_.Trim() }) -join "`n"
    }

    function Test-ExampleCode {
        # One line per problem: a command of the module that does not exist, or a parameter it does not have.
        param([string] $Code, [string] $Where)
        $tokens = $null
        $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $parseErrors)
        foreach ($commandAst in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $commandAst.GetCommandName()
            if (-not $name) {
                continue
            }
            if (-not $exported.ContainsKey($name)) {
                if ($name -match '^[A-Za-z]+-(Commerce|Connector|SaaS|DataSpace|ImsOrganization)') {
                    "${Where}: $name is not a command of the module"
                }
                continue
            }
            $command = $exported[$name]
            foreach ($parameterAst in $commandAst.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                $parameter = $parameterAst.ParameterName
                $known = $command.Parameters.ContainsKey($parameter) -or $common -contains $parameter -or
                    @($command.Parameters.Values | Where-Object { $_.Aliases -contains $parameter }).Count -gt 0
                if (-not $known) {
                    "${Where}: $name has no parameter -$parameter"
                }
            }
        }
    }
}

Describe 'Help examples use commands and parameters that exist' {
    It '<Page>: every CommerceConnector command and parameter of its examples exists' -ForEach $pageCases {
        $code = @(Get-ExampleCode -Path $Path)

        $code.Count | Should -BeGreaterThan 0 -Because "$Page has examples"
        $problems = @($code | ForEach-Object { Test-ExampleCode -Code $_ -Where $Page })
        $problems | Should -BeNullOrEmpty
    }

    It 'about_CommerceConnector: every CommerceConnector command and parameter of its code exists' {
        $about = Join-Path $PSScriptRoot '../docs/en-US/about_CommerceConnector.help.txt'
        $code = Get-AboutCode -Path $about

        $code | Should -Match 'Connect-CommerceAccount'
        $problems = @(Test-ExampleCode -Code $code -Where 'about_CommerceConnector')
        $problems | Should -BeNullOrEmpty
    }

    It 'finds a parameter that does not exist (the check itself can fail)' {
        @(Test-ExampleCode -Code 'Get-CommerceInstance -MageId MAG1; Get-CommerceWidget' -Where 'sample') |
            Should -Be @('sample: Get-CommerceInstance has no parameter -MageId', 'sample: Get-CommerceWidget is not a command of the module')
    }
}
