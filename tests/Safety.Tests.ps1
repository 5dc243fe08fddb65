# Nothing lost, nothing leaked: what the module leaves behind and what it returns, driven as a user would against a
# throw-away registry per test and Magento roots generated under $TestDrive. Secrets must never reach a result object;
# temporary files are owner-only and cleaned up; bytes of env.php outside an edit stay exactly as they were.

Describe 'Safety of secrets and files' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1') -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Save-ConnectorEnvironment
        $MageId = 'MAG700800900'
        $Owner = 'owner@shop-safe.example.com'

        function Get-PemBodySlice {
            # Slices of a PEM file's base64 text: none of them may appear where secrets must not be.
            param([Parameter(Mandatory = $true, Position = 0)] [string] $Path)

            $body = (([System.IO.File]::ReadAllText($Path) -split "`n") | Where-Object { $_.Length -gt 0 -and -not $_.StartsWith('-----') }) -join ''
            @(0, 200, 600, 1100) | ForEach-Object { $body.Substring($_, 40) }
        }

        function Read-PhpBytes {
            # The bytes PHP reads at Key in the array env.php returns.
            param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] [string[]] $Key)

            $out = Join-Path $TestDrive ('php-' + [guid]::NewGuid().ToString('N') + '.out')
            $script = '$v = include $argv[1]; foreach (array_slice($argv, 3) as $k) { $v = $v[$k]; } file_put_contents($argv[2], $v);'
            $null = & php -r $script $Path $out @Key
            $LASTEXITCODE | Should -Be 0
            , [System.IO.File]::ReadAllBytes($out)
        }
    }

    AfterAll {
        Disconnect-CommerceAccount
        Restore-ConnectorEnvironment $savedEnvironment
    }

    BeforeEach {
        $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
        Clear-ConnectorContextVariable
        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner $Owner -Name 'Shop Safe'
        $null = Connect-CommerceAccount -MageId $MageId
        $keyFolder = Join-Path $TestDrive ('keys-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $keyFolder
        $prodKeyFile = Join-Path $keyFolder 'production.pem'
        $sandboxKeyFile = Join-Path $keyFolder 'sandbox.pem'
        $prodKey = New-ConnectorApiKey -Environment Production -Name 'production' -OutFile $prodKeyFile
        $sandboxKey = New-ConnectorApiKey -Environment Sandbox -Name 'sandbox' -OutFile $sandboxKeyFile
    }

    AfterEach {
        Disconnect-CommerceAccount
    }

    Context 'Export-ConnectorConfiguration -OutFile' {
        It 'returns the path and the names written, never the private keys (Format-List *, ConvertTo-Json)' {
            $root = New-MagentoTestSite $TestDrive 'export'
            $null = Register-CommerceInstance -Name 'prod' -Path $root -Role Production
            Set-ConnectorConfiguration -Instance 'prod' -Environment Production -ProductionApiKey $prodKey.Id -ProductionPrivateKeyPath $prodKeyFile `
                -SandboxApiKey $sandboxKey.Id -SandboxPrivateKeyPath $sandboxKeyFile
            $file = Join-Path $TestDrive ('connector-' + [guid]::NewGuid().ToString('N') + '.env')

            $export = Export-ConnectorConfiguration -Instance 'prod' -Format Dotenv -IncludeSecret -Force -OutFile $file

            $export.OutFile | Should -Be $file
            $export.IncludesSecrets | Should -BeTrue
            $export.Variables | Should -Contain 'CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_CONNECTOR_INTEGRATION__PRODUCTION_PRIVATE_KEY'
            $export.Text | Should -BeNullOrEmpty
            $shown = ($export | Format-List * | Out-String) + ($export | ConvertTo-Json -Depth 5) + "$export"
            $shown | Should -Not -BeLike '*PRIVATE KEY*'
            foreach ($slice in (Get-PemBodySlice $prodKeyFile) + (Get-PemBodySlice $sandboxKeyFile)) {
                $shown.Contains($slice) | Should -BeFalse
            }
            # The file holds them, owner-only.
            $written = [System.IO.File]::ReadAllText($file)
            foreach ($slice in (Get-PemBodySlice $prodKeyFile) + (Get-PemBodySlice $sandboxKeyFile)) {
                $written.Contains($slice) | Should -BeTrue
            }
        }
    }
}
