# Bringing in a store that is already connected: keys from the API portal (made here by openssl), a project and data
# spaces made in the Admin (made-up ids), an env.php configured by hand. Import, register, adopt, audit, move to
# another data space, and check env.php with php. Every refusal has its error id and leaves the registry byte-identical.

Describe 'Bringing in an existing store' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest

        $MageId = 'MAG700800900'
        $Owner = 'owner@luma.example.com'
        $OtherMageId = 'MAG111222333'
        $OtherOwner = 'owner@aurora.example.com'

        # As the portal and the Admin show them; the API keys are mixed case to prove they are kept byte-exact.
        $ProductionApiKey = 'A1b2C3d4E5f60718293a4B5c6D7e8F90'
        $SandboxApiKey = '0fEdCbA98765432100112233445566aB'
        $ProjectId = '0f4c2a1e-8b7d-4c3e-9a65-2d1f0e9c8b7a'
        $ProductionSpaceId = '2b9e4f61-0c3d-4a8e-b7f5-1d2c3b4a5e6f'
        $Testing1Id = '7e1d2c3b-4a59-4867-b5c4-d3e2f1a0b9c8'
        $Testing2Id = '5b2a3c4d-6e7f-4081-92a3-b4c5d6e7f809'

        $paths = Get-ConnectorConfigPath

        $keyFolder = Join-Path $TestDrive 'keys'
        $null = New-Item -ItemType Directory -Path $keyFolder
        $prodKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'production.pem')
        $sandboxKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'sandbox.pem')
        $strayKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'stray.pem')
        $prodFingerprint = Get-OpenSslFingerprint $prodKeyFile
        $sandboxFingerprint = Get-OpenSslFingerprint $sandboxKeyFile

        function New-StagingStore {
            # A staging store configured by hand: sandbox environment, both key pairs, the project and Testing 1.
            param([string] $Name = 'luma-staging', [System.Collections.IDictionary] $Override = @{})

            $values = Get-StagingConnectorValue -ProductionApiKey $ProductionApiKey -ProductionKeyFile $prodKeyFile `
                -SandboxApiKey $SandboxApiKey -SandboxKeyFile $sandboxKeyFile -ProjectId $ProjectId -DataSpaceId $Testing1Id
            foreach ($key in $Override.Keys) {
                $values[$key] = $Override[$key]
            }
            New-ConnectedMagentoRoot (Join-Path $TestDrive ("www-$(New-Guid)/$Name")) $values
        }

        function Get-EnvPhp([string] $Root) { [System.IO.Path]::Combine($Root, 'app', 'etc', 'env.php') }

        function Import-StoreKeys {
            $csv = Join-Path $TestDrive "keys-$(New-Guid).csv"
            @(
                [pscustomobject]@{ ApiKey = $ProductionApiKey; Environment = 'Production'; PrivateKeyPath = $prodKeyFile; Name = 'luma-prod' }
                [pscustomobject]@{ ApiKey = $SandboxApiKey; Environment = 'Sandbox'; PrivateKeyPath = $sandboxKeyFile; Name = 'luma-sandbox' }
            ) | Export-Csv -LiteralPath $csv -NoTypeInformation
            Import-Csv -LiteralPath $csv | Import-ConnectorApiKey
        }

        function Register-StoreProject {
            $null = Register-SaaSProject -ProjectId $ProjectId -Name 'Luma'
            $null = Register-DataSpace -Project $ProjectId -DataSpaceId $ProductionSpaceId -Name 'Production' -Type Production
            $null = Register-DataSpace -Project 'Luma' -DataSpaceId $Testing1Id -Name 'Testing 1' -Type Testing
            $null = Register-DataSpace -Project 'Luma' -DataSpaceId $Testing2Id -Name 'Testing 2' -Type Testing
        }

        function Get-RegistryHash { (Get-FileHash -LiteralPath $registryFile -Algorithm SHA256).Hash }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        Disconnect-CommerceAccount
        $registry = New-TestRegistryPath $TestDrive
        $registryFile = Join-Path $registry 'registry.json'
        $env:COMMERCE_CONNECTOR_HOME = $registry
        Clear-ConnectorContextVariable
        $null = New-CommerceAccount -MageId $OtherMageId -Edition AdobeCommerce -Owner $OtherOwner -Name 'Aurora'
        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner $Owner -Name 'Luma Retail'
        $null = Connect-CommerceAccount -MageId $MageId
    }

    Context 'The whole path, as an administrator takes it' {
        It 'imports, registers, adopts nothing new, audits clean, moves to Testing 2, and php reads the result' {
            $root = New-StagingStore
            $envPhp = Get-EnvPhp $root
            $before = Get-FileSnapshot $envPhp

            $keys = @(Import-StoreKeys)
            Register-StoreProject
            $instance = Register-CommerceInstance -Path $root -Role Staging -WarningVariable warnings -WarningAction SilentlyContinue

            @($keys | ForEach-Object Id) | Should -Be @($ProductionApiKey, $SandboxApiKey)
            @($keys | ForEach-Object { "$($_.Source)" }) | Should -Be @('Imported', 'Imported')
            @($keys | ForEach-Object Fingerprint) | Should -Be @($prodFingerprint, $sandboxFingerprint)
            $instance.Name | Should -Be 'luma-staging'
            $instance.AssignedDataSpaceId | Should -BeExactly $Testing1Id
            $instance.Connector.SandboxApiKey | Should -BeExactly $SandboxApiKey
            $instance.Connector.SandboxKeyFingerprint | Should -Be $sandboxFingerprint
            @($instance.Unknown) | Should -HaveCount 0
            @($warnings) | Should -HaveCount 0
            Get-FileSnapshot $envPhp | Should -Be $before -Because 'registering never changes env.php'

            $checks = @(Test-ConnectorConfiguration -Instance 'luma-staging')
            @($checks | Where-Object { "$($_.Verdict)" -ne 'Passed' } | ForEach-Object { "$($_.Name): $($_.Message)" }) | Should -BeNullOrEmpty
            Test-ConnectorConfiguration -All -Quiet | Should -BeTrue

            $null = Set-DataSpace -Instance 'luma-staging' -Project 'Luma' -DataSpace 'Testing 2'

            Read-PhpConnectorValue $envPhp $paths.DataSpaceId | Should -BeExactly $Testing2Id
            Read-PhpConnectorValue $envPhp $paths.DataSpaceName | Should -BeExactly 'Testing 2'
            Read-PhpConnectorValue $envPhp $paths.ProjectId | Should -BeExactly $ProjectId
            Read-PhpConnectorValue $envPhp $paths.SandboxApiKey | Should -BeExactly $SandboxApiKey
            Read-PhpConnectorValue $envPhp $paths.ProductionApiKey | Should -BeExactly $ProductionApiKey
            Read-PhpConnectorValue $envPhp $paths.SandboxPrivateKey | Should -BeExactly ([System.IO.File]::ReadAllText($sandboxKeyFile))
            (Invoke-TestTool php @('-l', $envPhp)).ExitCode | Should -Be 0
            (Get-CommerceInstance -Name 'luma-staging').AssignedDataSpaceId | Should -BeExactly $Testing2Id
            Test-ConnectorConfiguration -Instance 'luma-staging' -Quiet | Should -BeTrue
        }

        It 'adopts keys, project and data space from env.php into an empty registry, marked Adopted, and env.php stays byte-identical' {
            $root = New-StagingStore
            $envPhp = Get-EnvPhp $root
            $before = Get-FileSnapshot $envPhp

            $instance = Register-CommerceInstance -Path $root -Role Staging -Adopt

            (@($instance.Adopted | ForEach-Object { "$($_.Kind):$($_.Id)" }) -join ',') |
                Should -BeExactly "ApiKey:$ProductionApiKey,ApiKey:$SandboxApiKey,Project:$ProjectId,DataSpace:$Testing1Id"
            @($instance.Unknown) | Should -HaveCount 0
            Get-FileSnapshot $envPhp | Should -Be $before
            $adoptedKeys = @(Get-ConnectorApiKey)
            @($adoptedKeys | ForEach-Object { "$($_.Id):$($_.Source)" }) | Should -Be @("$($ProductionApiKey):Adopted", "$($SandboxApiKey):Adopted")
            ($adoptedKeys | Where-Object Id -CEQ $SandboxApiKey).Fingerprint | Should -Be $sandboxFingerprint
            (Get-SaaSProject -Id $ProjectId).Source | Should -Be 'Adopted'
            (Get-SaaSProject -Id $ProjectId).ProjectName | Should -BeExactly 'Luma'
            $space = Get-DataSpace -Id $Testing1Id
            "$($space.Source),$($space.Type),$($space.DataSpaceName)" | Should -Be 'Adopted,Testing,Testing 1'
            (Get-Content -LiteralPath $registryFile -Raw) | Should -Not -BeLike '*PRIVATE KEY*'
            Test-ConnectorConfiguration -Instance 'luma-staging' -Quiet | Should -BeTrue
        }

        It 'reports what the registry does not know, as warnings and in Unknown, each with its command' {
            $root = New-StagingStore

            $instance = Register-CommerceInstance -Path $root -Role Staging -WarningVariable warnings -WarningAction SilentlyContinue

            (@($instance.Unknown | ForEach-Object { "$($_.Kind):$($_.Id)" }) -join ',') |
                Should -BeExactly "ApiKey:$ProductionApiKey,ApiKey:$SandboxApiKey,Project:$ProjectId,DataSpace:$Testing1Id"
            @($warnings) | Should -HaveCount 4
            ($instance.Unknown | Where-Object Kind -EQ 'ApiKey')[0].Fix | Should -BeLike "Import-ConnectorApiKey -ApiKey '$ProductionApiKey' -Environment Production -PrivateKeyPath *"
            ($instance.Unknown | Where-Object Kind -EQ 'Project').Fix | Should -BeExactly "Register-SaaSProject -ProjectId '$ProjectId' -Name 'Luma'"
            ($instance.Unknown | Where-Object Kind -EQ 'DataSpace').Fix | Should -BeExactly "Register-DataSpace -Project '$ProjectId' -DataSpaceId '$Testing1Id' -Name 'Testing 1' -Type Testing"
            $warnings[3].Message | Should -BeLike "*data space $Testing1Id*Register-DataSpace*"

            # The commands work as given, and a second -Adopt registration of the same instance adopts into it.
            $null = Import-StoreKeys
            Invoke-Expression ($instance.Unknown | Where-Object Kind -EQ 'Project').Fix | Out-Null
            Invoke-Expression ($instance.Unknown | Where-Object Kind -EQ 'DataSpace').Fix | Out-Null
            $again = Register-CommerceInstance -Name 'luma-staging' -Path $root -Role Staging -Adopt
            @($again.Unknown) | Should -HaveCount 0
            @($again.Adopted) | Should -HaveCount 0
            $again.AssignedDataSpaceId | Should -BeExactly $Testing1Id
        }

        It 'registers every Magento root piped from Get-ChildItem, named after its folder, and a piped env.php means its root' {
            $parent = Join-Path $TestDrive "www-$(New-Guid)"
            $a = New-ConnectedMagentoRoot (Join-Path $parent 'shop-a') ([ordered]@{ $paths.Environment = 'sandbox' })
            $null = New-ConnectedMagentoRoot (Join-Path $parent 'shop-b') ([ordered]@{ $paths.Environment = 'sandbox' })
            $other = New-StagingStore -Name 'shop-c'

            $registered = @(Get-ChildItem -Directory -LiteralPath $parent | Register-CommerceInstance -Role Staging)
            $fromFile = Get-Item -LiteralPath (Get-EnvPhp $other) | Register-CommerceInstance -Role Development -Adopt

            @($registered | ForEach-Object Name) | Should -Be @('shop-a', 'shop-b')
            $registered[0].Path | Should -Be $a
            $fromFile.Name | Should -Be 'shop-c'
            $fromFile.Path | Should -Be $other
            "$($fromFile.Role)" | Should -Be 'Development'
        }

        It 'writes an imported API key into env.php byte-exact, whatever case it is typed in' {
            $null = Import-StoreKeys
            $root = New-ConnectedMagentoRoot (Join-Path $TestDrive "www-$(New-Guid)/fresh") ([ordered]@{})
            $null = Register-CommerceInstance -Path $root -Role Production

            $null = Set-ConnectorConfiguration -Instance 'fresh' -Environment Production -ProductionApiKey $ProductionApiKey.ToLowerInvariant() -ProductionPrivateKeyPath $prodKeyFile

            Read-PhpConnectorValue (Get-EnvPhp $root) $paths.ProductionApiKey | Should -BeExactly $ProductionApiKey
        }

        It 'makes registered projects and data spaces work with Rename-, Clear- and Get-, with a Source' {
            $null = Import-StoreKeys
            Register-StoreProject

            Rename-SaaSProject -Id $ProjectId -NewName 'Luma EU'
            Rename-DataSpace -Project 'Luma EU' -Name 'Testing 2' -NewName 'UAT'
            Clear-DataSpace -Id $Testing2Id -Confirm:$false

            (Get-SaaSProject -Name 'Luma EU').ProjectId | Should -BeExactly $ProjectId
            (Get-SaaSProject -Name 'Luma EU').Source | Should -Be 'Imported'
            $uat = Get-DataSpace -Project 'Luma EU' -Name 'UAT'
            $uat.DataSpaceId | Should -BeExactly $Testing2Id
            @($uat.Cleanups) | Should -HaveCount 1
            (Get-CompletionResult 'Get-DataSpace -Project ''Luma EU'' -Name U').CompletionText | Should -Contain 'UAT'
        }

        It 'imports the same key pair again without changing the registry' {
            $null = Import-StoreKeys
            $hash = Get-RegistryHash

            $again = @(Import-StoreKeys)

            Get-RegistryHash | Should -Be $hash
            @($again | ForEach-Object Id) | Should -Be @($ProductionApiKey, $SandboxApiKey)
        }
    }

    Context 'Refusals: each with its error id, the registry byte-identical' {
        BeforeEach {
            $null = Import-StoreKeys
            Register-StoreProject
            $hash = Get-RegistryHash
        }

        It 'refuses <Case> with <ErrorId>' -ForEach @(
            @{ Case = 'a malformed API key'; ErrorId = 'InvalidApiKey'; Action = { Import-ConnectorApiKey -ApiKey 'not<a>key!' -Environment Production -PrivateKeyPath $strayKeyFile -ErrorAction Stop } }
            @{ Case = 'an API key with whitespace'; ErrorId = 'ApiKeyHasWhitespaceOrQuotes'; Action = { Import-ConnectorApiKey -ApiKey "$ProductionApiKey " -Environment Production -PrivateKeyPath $strayKeyFile -ErrorAction Stop } }
            @{ Case = 'an API key with quotes'; ErrorId = 'ApiKeyHasWhitespaceOrQuotes'; Action = { Import-ConnectorApiKey -ApiKey """$ProductionApiKey""" -Environment Production -PrivateKeyPath $strayKeyFile -ErrorAction Stop } }
            @{ Case = 'the same API key with another pair'; ErrorId = 'ApiKeyPairConflict'; Action = { Import-ConnectorApiKey -ApiKey $ProductionApiKey -Environment Production -PrivateKeyPath $strayKeyFile -ErrorAction Stop } }
            @{ Case = 'the same API key as the other environment'; ErrorId = 'ApiKeyEnvironmentConflict'; Action = { Import-ConnectorApiKey -ApiKey $ProductionApiKey -Environment Sandbox -PrivateKeyPath $prodKeyFile -ErrorAction Stop } }
            @{ Case = 'a key pair registered under another API key'; ErrorId = 'PrivateKeyOfAnotherApiKey'; Action = { Import-ConnectorApiKey -ApiKey 'ffffffffffffffffffffffffffffffff' -Environment Production -PrivateKeyPath $prodKeyFile -ErrorAction Stop } }
            @{ Case = 'a malformed private key'; ErrorId = 'PrivateKeyNotPem'; Action = {
                    $bad = Join-Path $TestDrive "bad-$(New-Guid).pem"
                    [System.IO.File]::WriteAllText($bad, 'this is not a key')
                    Import-ConnectorApiKey -ApiKey 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' -Environment Production -PrivateKeyPath $bad -ErrorAction Stop } }
            @{ Case = 'a project id in use'; ErrorId = 'ProjectIdExists'; Action = { Register-SaaSProject -ProjectId $ProjectId -Name 'Another name' -ErrorAction Stop } }
            @{ Case = 'a project id with a space'; ErrorId = 'InvalidProjectId'; Action = { Register-SaaSProject -ProjectId "$ProjectId " -Name 'Spaced' -ErrorAction Stop } }
            @{ Case = 'a data space id in use'; ErrorId = 'DataSpaceIdExists'; Action = { Register-DataSpace -Project 'Luma' -DataSpaceId $Testing1Id -Name 'Copy' -Type Testing -ErrorAction Stop } }
            @{ Case = 'a data space id with quotes'; ErrorId = 'InvalidDataSpaceId'; Action = { Register-DataSpace -Project 'Luma' -DataSpaceId "'abc'" -Name 'Quoted' -Type Testing -ErrorAction Stop } }
            @{ Case = 'a second production data space'; ErrorId = 'SecondProductionDataSpace'; Action = { Register-DataSpace -Project 'Luma' -DataSpaceId 'prod-2' -Name 'Production 2' -Type Production -ErrorAction Stop } }
            @{ Case = 'a third testing data space without its ticket'; ErrorId = 'SupportTicketRequired'; Action = { Register-DataSpace -Project 'Luma' -DataSpaceId 'testing-3' -Name 'Testing 3' -Type Testing -ErrorAction Stop } }
            @{ Case = 'adopting a data space whose type env.php does not name'; ErrorId = 'DataSpaceTypeUnknown'; Action = {
                    $root = New-StagingStore -Override @{ 'services_connector/services_id/environment_id' = 'untyped-1'; 'services_connector/services_id/environment' = 'staging' }
                    Register-CommerceInstance -Path $root -Role Staging -Adopt -ErrorAction Stop } }
        ) {
            $err = $null
            try {
                & $Action
            }
            catch {
                $err = $_
            }

            $err | Should -Not -BeNullOrEmpty -Because "$Case is refused"
            $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,CommerceConnector.Commands.*"
            Get-RegistryHash | Should -Be $hash
        }

        It 'refuses an API key registered for another account with ApiKeyOfAnotherAccount' {
            $null = Connect-CommerceAccount -MageId $OtherMageId
            $err = $null
            try {
                Import-ConnectorApiKey -ApiKey $ProductionApiKey -Environment Production -PrivateKeyPath $prodKeyFile -ErrorAction Stop
            }
            catch {
                $err = $_
            }

            $err.FullyQualifiedErrorId | Should -Be 'ApiKeyOfAnotherAccount,CommerceConnector.Commands.ImportConnectorApiKeyCommand'
            $err.Exception.Message | Should -BeLike "*$MageId*"
            Get-RegistryHash | Should -Be $hash
        }

        It 'never shows the private key in an error, a warning or verbose output' {
            $body = ([System.IO.File]::ReadAllLines($strayKeyFile))[3]
            $output = Import-ConnectorApiKey -ApiKey $ProductionApiKey -Environment Production -PrivateKeyPath $strayKeyFile -Verbose -ErrorAction SilentlyContinue -ErrorVariable errors 4>&1 3>&1
            $text = (@($output) + @($errors) | Out-String -Width 4096)

            $text.Contains($body) | Should -BeFalse
            Get-RegistryHash | Should -Be $hash
        }
    }
}
