# The fleet audit on what env.php really holds: a generated fleet of 21 instances (7 projects, each with a production
# site and two staging sites), keys from openssl imported, projects and data spaces registered with made-up ids.
# A healthy fleet reports nothing; each problem is found, in its own test, as a failed verdict whose Message names
# the ids involved and whose Fix is a command.

Describe 'Fleet audit' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest

        $MageId = 'MAG500600700'
        $OtherMageId = 'MAG900800700'
        $ProductionApiKey = '3f9c2a7e41d84b0c9e56a1f2b7d30c48'
        $SandboxApiKey = '9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a'
        $OtherApiKey = 'aaaabbbbccccddddeeeeffff00001111'
        $UnknownApiKey = '1234567890abcdef1234567890abcdef'
        $ProjectCount = 7
        $FixPattern = '^(Set|Import|Register|New|Repair|Clear|Connect)-[A-Za-z]+ '

        $keyFolder = Join-Path $TestDrive 'keys'
        $null = New-Item -ItemType Directory -Path $keyFolder
        $prodKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'production.pem')
        $sandboxKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'sandbox.pem')
        $otherKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'other.pem')
        $strayKeyFile = New-OpenSslPrivateKey (Join-Path $keyFolder 'stray.pem')
        $pem = @{
            Production = [System.IO.File]::ReadAllText($prodKeyFile)
            Sandbox    = [System.IO.File]::ReadAllText($sandboxKeyFile)
            Other      = [System.IO.File]::ReadAllText($otherKeyFile)
            Stray      = [System.IO.File]::ReadAllText($strayKeyFile)
        }

        function Get-ProjectId([int] $k) { '00000000-0000-4000-8000-00000000000' + $k }
        function Get-SpaceId([int] $k, [int] $slot) { "1000000$k-0000-4000-8000-00000000000$slot" }

        function Get-FleetValues {
            # The connector values of a site: slot 0 is the production site, 1 and 2 the staging sites on Testing 1 and 2.
            param([int] $k, [int] $slot, [System.Collections.IDictionary] $Override = @{})

            $values = [ordered]@{
                'services_connector/services_connector_integration/production_api_key'     = $ProductionApiKey
                'services_connector/services_connector_integration/production_private_key' = $pem.Production
                'services_connector/services_connector_integration/sandbox_api_key'        = $SandboxApiKey
                'services_connector/services_connector_integration/sandbox_private_key'    = $pem.Sandbox
                'magento_saas/environment'                                                 = $(if ($slot -eq 0) { 'production' } else { 'sandbox' })
                'services_connector/services_id/project_id'                                = Get-ProjectId $k
                'services_connector/services_id/project_name'                              = "Brand $k"
                'services_connector/services_id/environment_id'                            = Get-SpaceId $k $slot
                'services_connector/services_id/environment_name'                          = $(if ($slot -eq 0) { 'Production' } else { "Testing $slot" })
                'services_connector/services_id/environment'                               = $(if ($slot -eq 0) { 'production' } else { 'testing' })
            }
            foreach ($key in $Override.Keys) {
                $values[$key] = $Override[$key]
            }
            $values
        }

        function Get-SiteName([int] $k, [int] $slot) { if ($slot -eq 0) { "prod-$k" } else { "stg-$k-$slot" } }

        function Set-Site {
            # Rewrites a site's env.php by hand, with some values changed.
            param([int] $k, [int] $slot, [System.Collections.IDictionary] $Override)

            $null = New-ConnectedMagentoRoot $roots[(Get-SiteName $k $slot)] (Get-FleetValues $k $slot $Override)
        }

        function Get-Failures {
            # The verdicts of the fleet that did not pass, as objects.
            @(Test-ConnectorConfiguration -All | Where-Object { "$($_.Verdict)" -ne 'Passed' })
        }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        Disconnect-CommerceAccount
        $registry = New-TestRegistryPath $TestDrive
        $env:COMMERCE_CONNECTOR_HOME = $registry
        Clear-ConnectorContextVariable

        # The other account: its own key, project and data space.
        $null = New-CommerceAccount -MageId $OtherMageId -Edition AdobeCommerce -Owner 'owner@other.example.com' -Name 'Other'
        $null = Connect-CommerceAccount -MageId $OtherMageId
        $null = Import-ConnectorApiKey -ApiKey $OtherApiKey -Environment Sandbox -PrivateKeyPath $otherKeyFile
        $null = Register-SaaSProject -ProjectId 'other-project' -Name 'Other'
        $null = Register-DataSpace -Project 'other-project' -DataSpaceId 'other-space' -Name 'Testing 1' -Type Testing

        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner 'owner@brands.example.com' -Name 'Brands'
        $null = Connect-CommerceAccount -MageId $MageId
        $null = Import-ConnectorApiKey -ApiKey $ProductionApiKey -Environment Production -PrivateKeyPath $prodKeyFile
        $null = Import-ConnectorApiKey -ApiKey $SandboxApiKey -Environment Sandbox -PrivateKeyPath $sandboxKeyFile
        $fleet = Join-Path $TestDrive "fleet-$(New-Guid)"
        $roots = @{}
        for ($k = 1; $k -le $ProjectCount; $k++) {
            $null = Register-SaaSProject -ProjectId (Get-ProjectId $k) -Name "Brand $k"
            $null = Register-DataSpace -Project (Get-ProjectId $k) -DataSpaceId (Get-SpaceId $k 0) -Name 'Production' -Type Production
            foreach ($slot in 0, 1, 2) {
                if ($slot -gt 0) {
                    $null = Register-DataSpace -Project (Get-ProjectId $k) -DataSpaceId (Get-SpaceId $k $slot) -Name "Testing $slot" -Type Testing
                }
                $name = Get-SiteName $k $slot
                $roots[$name] = New-ConnectedMagentoRoot (Join-Path $fleet $name) (Get-FleetValues $k $slot)
            }
        }
        $null = Get-ChildItem -Directory -LiteralPath $fleet | Where-Object Name -Like 'prod-*' | Register-CommerceInstance -Role Production
        $null = Get-ChildItem -Directory -LiteralPath $fleet | Where-Object Name -Like 'stg-*' | Register-CommerceInstance -Role Staging
    }

    It 'reports nothing on a healthy fleet of 21 instances, and -Quiet says $true' {
        $checks = @(Test-ConnectorConfiguration -All)

        @(Get-CommerceInstance) | Should -HaveCount 21
        $checks | Should -HaveCount (21 * 14)
        @($checks | Where-Object { "$($_.Verdict)" -ne 'Passed' } | ForEach-Object { "$($_.Instance)/$($_.Name): $($_.Message)" }) | Should -BeNullOrEmpty
        Test-ConnectorConfiguration -All -Quiet | Should -BeTrue
        Get-CommerceInstance | Test-ConnectorConfiguration -Quiet | Should -BeTrue
        @(Get-CommerceInstance -Role Staging | Test-ConnectorConfiguration) | Should -HaveCount (14 * 14)
    }

    It 'finds the production data space on a staging instance' {
        Set-Site 3 1 @{ 'services_connector/services_id/environment_id' = (Get-SpaceId 3 0); 'services_connector/services_id/environment_name' = 'Production'; 'services_connector/services_id/environment' = 'production' }

        $failures = Get-Failures
        $fits = @($failures | Where-Object Name -EQ 'DataSpaceFitsRole')

        @($fits | ForEach-Object Instance) | Should -Be @('stg-3-1')
        $fits[0].Message | Should -BeLike "*$(Get-SpaceId 3 0)*"
        $fits[0].Fix | Should -Match $FixPattern
        $fits[0].Fix | Should -BeLike "Set-DataSpace -Instance 'stg-3-1' -DataSpace *"
        @($failures | Where-Object Name -EQ 'DataSpaceNotShared' | ForEach-Object Instance) | Should -Be @('prod-3', 'stg-3-1')
        Test-ConnectorConfiguration -All -Quiet | Should -BeFalse
    }

    It 'finds one testing data space on two instances' {
        Set-Site 4 2 @{ 'services_connector/services_id/environment_id' = (Get-SpaceId 4 1); 'services_connector/services_id/environment_name' = 'Testing 1' }

        $failures = Get-Failures

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-4-1/DataSpaceNotShared', 'stg-4-2/DataSpaceNotShared')
        $failures[0].Message | Should -BeLike "*'stg-4-2'*$(Get-SpaceId 4 1)*"
        $failures[1].Fix | Should -Match $FixPattern
        # The fix names the data space stg-4-2 left free, and it works.
        $failures[1].Fix | Should -BeLike "Set-DataSpace -Instance 'stg-4-2' -DataSpace $(Get-SpaceId 4 2); Clear-DataSpace -Id *"
        $null = Set-DataSpace -Instance 'stg-4-2' -DataSpace (Get-SpaceId 4 2)
        Get-Failures | Should -BeNullOrEmpty
    }

    It 'sees another instance move onto its data space between two checks of one instance, once the files are kept' {
        # The fleet guards keep what they read from files last written more than 2 s ago: let the fleet's files age.
        Start-Sleep -Milliseconds 2100
        $notShared = { Test-ConnectorConfiguration -Instance 'stg-4-1' | Where-Object Name -EQ 'DataSpaceNotShared' }
        "$((& $notShared).Verdict)" | Should -Be 'Passed'
        "$((& $notShared).Verdict)" | Should -Be 'Passed'

        Set-Site 4 2 @{ 'services_connector/services_id/environment_id' = (Get-SpaceId 4 1); 'services_connector/services_id/environment_name' = 'Testing 1' }

        $check = & $notShared
        "$($check.Verdict)" | Should -Be 'Failed'
        $check.Message | Should -BeLike "*'stg-4-2'*$(Get-SpaceId 4 1)*"
    }

    It 'finds a key of the wrong environment' {
        Set-Site 5 1 @{ 'services_connector/services_connector_integration/sandbox_api_key' = $ProductionApiKey; 'services_connector/services_connector_integration/sandbox_private_key' = $pem.Production }

        $failures = Get-Failures

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-5-1/KeysMatchEnvironment')
        $failures[0].Message | Should -BeLike "Sandbox key pair $ProductionApiKey*Production key*"
        $failures[0].Fix | Should -BeLike "Set-ConnectorConfiguration -Instance 'stg-5-1' -SandboxApiKey $SandboxApiKey -SandboxPrivateKeyPath *"
    }

    It 'finds a revoked sandbox key on production instances too, whose environment is production' {
        Revoke-ConnectorApiKey -Id $SandboxApiKey -Force -Confirm:$false -WarningAction SilentlyContinue

        $failures = Get-Failures
        $prodOne = @($failures | Where-Object Instance -EQ 'prod-1')

        @($failures | Where-Object Name -EQ 'KeyActive') | Should -HaveCount 21
        # A revoked key fails KeyActive, and KeyCurrent too: the instance holds a key that is no longer current.
        @($prodOne | ForEach-Object Name) | Should -Be @('KeyActive', 'KeyCurrent')
        $prodOne[0].Message | Should -BeLike "Sandbox key pair $SandboxApiKey*revoked*"
        $prodOne[0].Fix | Should -Match $FixPattern
    }

    It 'finds a key of another account' {
        Set-Site 6 1 @{ 'services_connector/services_connector_integration/sandbox_api_key' = $OtherApiKey; 'services_connector/services_connector_integration/sandbox_private_key' = $pem.Other }

        $failures = @(Get-Failures | Where-Object Verdict -EQ 'Failed')

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-6-1/KeyMatchesApiKey')
        $failures[0].Message | Should -BeLike "*$OtherApiKey*another account ($OtherMageId)*"
        $failures[0].Fix | Should -BeLike "Set-ConnectorConfiguration -Instance 'stg-6-1' -SandboxApiKey $SandboxApiKey *"
    }

    It 'finds a data space of another account' {
        Set-Site 6 2 @{ 'services_connector/services_id/project_id' = 'other-project'; 'services_connector/services_id/environment_id' = 'other-space' }

        $failures = Get-Failures

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-6-2/DataSpaceExists')
        $failures[0].Message | Should -BeLike "*other-space*other-project*another account ($OtherMageId)*"
        $failures[0].Fix | Should -Be "Set-DataSpace -Instance 'stg-6-2' -DataSpace $(Get-SpaceId 6 2)"
    }

    It 'finds a project and data space the registry does not know, and its Fix registers them' {
        Set-Site 7 1 @{ 'services_connector/services_id/project_id' = 'p-new'; 'services_connector/services_id/project_name' = 'New Brand'; 'services_connector/services_id/environment_id' = 's-new' }

        $failures = Get-Failures

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-7-1/DataSpaceExists')
        $failures[0].Message | Should -BeLike '*s-new*p-new*not in the registry*'
        $failures[0].Fix | Should -BeExactly "Register-SaaSProject -ProjectId p-new -Name 'New Brand'; Register-DataSpace -Project p-new -DataSpaceId s-new -Name 'Testing 1' -Type Testing"
        foreach ($command in $failures[0].Fix.Split(';')) {
            $null = Invoke-Expression $command
        }
        Get-Failures | Should -BeNullOrEmpty
    }

    It 'finds an API key the registry does not know, with the Import-ConnectorApiKey command' {
        Set-Site 7 2 @{ 'services_connector/services_connector_integration/sandbox_api_key' = $UnknownApiKey; 'services_connector/services_connector_integration/sandbox_private_key' = $pem.Stray }

        $failures = @(Get-Failures | Where-Object Verdict -EQ 'Failed')

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-7-2/KeyMatchesApiKey')
        $failures[0].Message | Should -BeLike "*$UnknownApiKey*does not know it*"
        $failures[0].Fix | Should -BeLike "Import-ConnectorApiKey -ApiKey $UnknownApiKey -Environment Sandbox -PrivateKeyPath *"
    }

    It 'finds a private key that does not belong to its API key' {
        Set-Site 2 1 @{ 'services_connector/services_connector_integration/sandbox_private_key' = $pem.Stray }

        $failures = Get-Failures

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-2-1/KeyMatchesApiKey')
        $failures[0].Message | Should -BeLike "Sandbox key pair $SandboxApiKey*$(Get-OpenSslFingerprint $strayKeyFile)*does not belong*"
        $failures[0].Fix | Should -Match $FixPattern
    }

    It 'finds names in env.php that differ from the registry''s' {
        Set-Site 2 2 @{ 'services_connector/services_id/project_name' = 'Old Brand'; 'services_connector/services_id/environment_name' = 'QA' }

        $failures = Get-Failures

        @($failures | ForEach-Object { "$($_.Instance)/$($_.Name)" }) | Should -Be @('stg-2-2/NamesInSync')
        $failures[0].Message | Should -BeLike "*'Old Brand' / data space 'QA'*'Brand 2' / 'Testing 2'*$(Get-ProjectId 2)*$(Get-SpaceId 2 2)*"
        $failures[0].Fix | Should -BeExactly "Refresh them: Set-DataSpace -Instance 'stg-2-2' -DataSpace $(Get-SpaceId 2 2)"
    }
}
