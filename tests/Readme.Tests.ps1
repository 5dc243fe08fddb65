# README.md as a new user meets it: the Quick start block, pasted verbatim into a fresh pwsh whose HOME is empty, at
# the repository's root, after ./build.ps1.

Describe 'README Quick start' {
    BeforeAll {
        $root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..')).ProviderPath
        $readme = [System.IO.File]::ReadAllText((Join-Path $root 'README.md'))
        $section = [regex]::Match($readme, '(?ms)^## Quick start\s*$(.*?)^## ')
        $blocks = [regex]::Matches($section.Groups[1].Value, '(?ms)^```powershell\s*$(.*?)^```\s*$')
        $block = if ($blocks.Count -gt 0) { $blocks[0].Groups[1].Value } else { '' }

        $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        $emptyHome = Join-Path $TestDrive 'empty-home'
        $temp = Join-Path $TestDrive 'tmp'
        $null = New-Item -ItemType Directory -Path $emptyHome, $temp -Force

        # The block as it is; then this test's own lines, which read what the block left behind.
        $script = "`$ErrorActionPreference = 'Stop'`n" + $block + @'

"VERDICTS " + ((Test-ConnectorConfiguration -Instance luma-prod | ForEach-Object { "$($_.Name)=$($_.Verdict)" }) -join ' ')
"KEYFILE " + (Test-Path -LiteralPath (Join-Path $keys 'prod.pem'))
"WORK " + $work
'@
        $scriptPath = Join-Path $TestDrive 'quickstart-from-readme.ps1'
        [System.IO.File]::WriteAllText($scriptPath, $script)

        $saved = @{ HOME = $env:HOME; TMPDIR = $env:TMPDIR; COMMERCE_CONNECTOR_HOME = $env:COMMERCE_CONNECTOR_HOME }
        try {
            $env:HOME = $emptyHome
            $env:TMPDIR = $temp
            $env:COMMERCE_CONNECTOR_HOME = $null
            Push-Location -LiteralPath $root
            $output = @(& $pwsh -NoProfile -NonInteractive -File $scriptPath 2>&1 | ForEach-Object { "$_" })
            $exitCode = $LASTEXITCODE
        }
        finally {
            Pop-Location
            foreach ($name in $saved.Keys) {
                [System.Environment]::SetEnvironmentVariable($name, $saved[$name])
            }
        }
        $all = $output -join [System.Environment]::NewLine
        $verdicts = @($output | Where-Object { $_.StartsWith('VERDICTS ') } | ForEach-Object { $_.Substring(9) -split ' ' })
    }

    It 'has a Quick start section with one PowerShell block that imports the built module' {
        $section.Success | Should -BeTrue
        $blocks.Count | Should -Be 1
        $block | Should -Match 'Import-Module ./out/CommerceConnector/CommerceConnector.psd1'
    }

    It 'runs verbatim in a fresh pwsh with an empty HOME' {
        $exitCode | Should -Be 0 -Because $all
        $all | Should -Not -Match 'Exception|error' -Because $all
    }

    It 'ends with a configured production instance whose every check passed' {
        $verdicts.Count | Should -BeGreaterOrEqual 10 -Because $all
        @($verdicts | Where-Object { $_ -notmatch '=Passed$' }) | Should -BeNullOrEmpty
        $verdicts | Should -Contain 'DataSpaceFitsRole=Passed'
        $output | Should -Contain 'KEYFILE True'
    }

    It 'keeps everything it made inside its scratch folder, never the default registry in HOME' {
        $work = @($output | Where-Object { $_.StartsWith('WORK ') } | ForEach-Object { $_.Substring(5) })
        $work | Should -HaveCount 1
        $work[0] | Should -BeLike (Join-Path $temp '*')
        Test-Path -LiteralPath (Join-Path $emptyHome '.commerceconnector') | Should -BeFalse
    }
}
