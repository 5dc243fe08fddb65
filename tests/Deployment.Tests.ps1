# env.php as deployments and hosting leave it: a release's env.php linked to a shared one (Deployer, Capistrano),
# values computed by PHP (getenv(), constants), a stale second 'system' block, and files other users can read.
# Driven as an administrator would, against a throw-away registry and Magento roots under $TestDrive; PHP is the judge.

Describe 'env.php in real deployments' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
        $MageId = 'MAG700800950'
        $Org = '0123456789ABCDEF01234567@AdobeOrg'
        $OldOrg = 'ABCDEF0123456789ABCDEF01@AdobeOrg'
        $ImsPath = 'services_connector/services_id/ims_organization_id'

        function New-EnvPhp {
            # A Magento root whose env.php holds Lines, owner-only as on a well-kept server.
            param([Parameter(Mandatory = $true, Position = 0)] [string] $Name, [Parameter(Mandatory = $true, Position = 1)] [string[]] $Lines)

            $root = New-MagentoTestSite $TestDrive $Name -EnvPhpBytes ([System.Text.UTF8Encoding]::new($false).GetBytes(($Lines -join "`n") + "`n"))
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')
            [System.IO.File]::SetUnixFileMode($envPhp, 'UserRead, UserWrite')
            $root
        }

        function New-DeployerLayout {
            # deploy_path/shared/app/etc/env.php, deploy_path/releases/1 with a relative link to it, and current -> releases/1.
            param([Parameter(Mandatory = $true, Position = 0)] [string] $Name)

            $deploy = Join-Path $TestDrive ("deployer-$Name-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
            $shared = [System.IO.Path]::Combine($deploy, 'shared', 'app', 'etc')
            $release = Join-Path $deploy 'releases/1'
            $null = New-Item -ItemType Directory -Path $shared -Force
            $source = New-EnvPhp $Name @('<?php', 'return [', "    'MAGE_MODE' => 'production',", '];')
            Copy-Item -LiteralPath ([System.IO.Path]::Combine($source, 'app', 'etc', 'config.php')) -Destination $shared
            Move-Item -LiteralPath ([System.IO.Path]::Combine($source, 'app', 'etc', 'env.php')) -Destination (Join-Path $shared 'env.php')
            $null = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($release, 'app', 'etc')) -Force
            Copy-Item -LiteralPath (Join-Path $shared 'config.php') -Destination ([System.IO.Path]::Combine($release, 'app', 'etc'))
            Push-Location ([System.IO.Path]::Combine($release, 'app', 'etc'))
            try {
                $null = & ln -s '../../../../shared/app/etc/env.php' 'env.php'
            }
            finally {
                Pop-Location
            }
            $null = & ln -s 'releases/1' (Join-Path $deploy 'current')
            [pscustomobject]@{
                Current   = Join-Path $deploy 'current'
                Link      = [System.IO.Path]::Combine($release, 'app', 'etc', 'env.php')
                Shared    = Join-Path $shared 'env.php'
                SharedEtc = $shared
                LinkEtc   = [System.IO.Path]::Combine($release, 'app', 'etc')
            }
        }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $env:COMMERCE_CONNECTOR_HOME = New-TestRegistryPath $TestDrive
        Clear-ConnectorContextVariable
        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner 'owner@shop-deploy.example.com' -Name 'Shop Deploy'
        $null = Connect-CommerceAccount -MageId $MageId
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'A release whose env.php links to the shared one' {
        It 'writes the shared file through the link, keeps the link, and keeps the backups beside the shared file' {
            $layout = New-DeployerLayout 'linked'
            $null = Register-CommerceInstance -Name 'linked' -Path $layout.Current -Role Staging
            $linkTarget = (Get-Item -LiteralPath $layout.Link -Force).Target

            Set-ImsOrganization -Instance 'linked' -OrganizationId $Org -WarningAction SilentlyContinue

            $link = Get-Item -LiteralPath $layout.Link -Force
            $link.LinkType | Should -Be 'SymbolicLink'
            $link.Target | Should -Be $linkTarget
            Read-PhpConnectorValue $layout.Shared $ImsPath | Should -BeExactly $Org
            Get-UnixModeText $layout.Shared | Should -Be '600'
            @(Get-ChildItem -LiteralPath $layout.SharedEtc -Filter 'env.php.cc-backup-*').Count | Should -Be 1
            @(Get-ChildItem -LiteralPath $layout.LinkEtc -Force | Where-Object Name -ne 'config.php' | Where-Object Name -ne 'env.php').Count | Should -Be 0
            Get-TemporaryLeftover $layout.SharedEtc | Should -HaveCount 0

            Clear-ImsOrganization -Instance 'linked' -WarningAction SilentlyContinue

            (Get-Item -LiteralPath $layout.Link -Force).LinkType | Should -Be 'SymbolicLink'
            Read-PhpConnectorValue $layout.Shared $ImsPath | Should -BeNullOrEmpty
            @(Get-ConnectorConfigurationBackup -Instance 'linked').Path | ForEach-Object { Split-Path -Parent $_ } | Should -Be @($layout.SharedEtc, $layout.SharedEtc)
        }

        It 'refuses a link to a missing file with ConfigurationLinkDangling, naming the link' {
            $layout = New-DeployerLayout 'dangling'
            Remove-Item -LiteralPath $layout.Shared

            $err = { Set-ImsOrganization -Path $layout.Current -OrganizationId $Org -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConfigurationLinkDangling,CommerceConnector.Commands.SetImsOrganizationCommand' -PassThru

            $err.Exception.Message | Should -BeLike "*env.php' is a symbolic link to a file that does not exist*"
            (Get-Item -LiteralPath $layout.Link -Force).LinkType | Should -Be 'SymbolicLink'
            Test-Path -LiteralPath $layout.Shared | Should -BeFalse
        }
    }

    Context 'Values env.php computes, and a stale second system block' {
        BeforeAll {
            $computedLines = @(
                '<?php'
                'return ['
                "    'system' => ['default' => ['services_connector' => ['services_id' => ["
                "        'ims_organization_id' => getenv('IMS_ORG'),"
                '    ]]]],'
                '];'
            )
            $duplicateLines = @(
                '<?php'
                'return ['
                "    'system' => ['default' => ['services_connector' => ['services_id' => ['ims_organization_id' => 'STALE']]]],"
                "    'MAGE_MODE' => 'production',"
                "    'system' => ['default' => ['services_connector' => ['services_id' => ['ims_organization_id' => '$OldOrg']]]],"
                '];'
            )
        }

        It 'refuses to replace getenv() with a literal, naming the path and the expression; nothing is written' {
            $root = New-EnvPhp 'computed' $computedLines
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')
            $before = Get-FileSnapshot $envPhp

            $err = { Set-ImsOrganization -Path $root -OrganizationId $Org -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConfigurationValueComputed,CommerceConnector.Commands.SetImsOrganizationCommand' -PassThru

            $err.Exception.Message | Should -BeLike "*$ImsPath (line 4: getenv('IMS_ORG'))*-Force*"
            Get-FileSnapshot $envPhp | Should -Be $before
            { Clear-ImsOrganization -Path $root -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigurationValueComputed,CommerceConnector.Commands.ClearImsOrganizationCommand'
            Get-FileSnapshot $envPhp | Should -Be $before
        }

        It 'says in -WhatIf that -Force replaces an expression, and replaces it with -Force and a warning' {
            $root = New-EnvPhp 'computed-force' $computedLines
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')

            $whatIf = Get-HostText { Set-ImsOrganization -Path $root -OrganizationId $Org -Force -WhatIf }
            ($whatIf -replace '\s+', ' ') | Should -BeLike "*${ImsPath}: computed getenv('IMS_ORG') -> '$Org'*"

            Set-ImsOrganization -Path $root -OrganizationId $Org -Force -WarningVariable warnings -WarningAction SilentlyContinue

            Read-PhpConnectorValue $envPhp $ImsPath | Should -BeExactly $Org
            $warnings[0].Message | Should -BeLike "*getenv('IMS_ORG')*replaced by a literal value because of -Force*"
        }

        It 'refuses a stale second system block, naming both lines, and with -Force changes the one PHP reads' {
            $root = New-EnvPhp 'duplicate' $duplicateLines
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')

            $err = { Set-ImsOrganization -Path $root -OrganizationId $Org -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConfigurationKeyDuplicated,CommerceConnector.Commands.SetImsOrganizationCommand' -PassThru
            $err.Exception.Message | Should -BeLike "*the key 'system' twice (lines 3 and 5)*PHP reads only the last*"

            Set-ImsOrganization -Path $root -OrganizationId $Org -Force -WarningVariable warnings -WarningAction SilentlyContinue

            Read-PhpConnectorValue $envPhp $ImsPath | Should -BeExactly $Org
            ([System.IO.File]::ReadAllText($envPhp)).Contains("'STALE'") | Should -BeTrue
            $warnings[0].Message | Should -BeLike "*'system' twice*Remove the stale block*"
        }
    }

    Context 'Files other users can read, backups, restore' {
        It 'warns once with the chmod fix when env.php is world-readable, and writes its backup owner-only' {
            $root = New-EnvPhp 'exposed' @('<?php', 'return [', "    'MAGE_MODE' => 'production',", '];')
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')
            [System.IO.File]::SetUnixFileMode($envPhp, 'UserRead, UserWrite, GroupRead, OtherRead')

            Set-ImsOrganization -Path $root -OrganizationId $Org -WarningVariable warnings -WarningAction SilentlyContinue

            $exposure = @($warnings | Where-Object Message -Like '*can be read by other users*')
            $exposure | Should -HaveCount 1
            $exposure[0].Message | Should -BeLike "*chmod 600 '$envPhp'*"
            Get-UnixModeText $envPhp | Should -Be '644'
            $backup = @(Get-ConnectorConfigurationBackup -Path $root)
            $backup | Should -HaveCount 1
            Get-UnixModeText $backup[0].Path | Should -Be '600'
            $backup[0].ReadableByOthers | Should -BeFalse
        }

        It 'says nothing about permissions when env.php and its backups are owner-only' {
            $root = New-EnvPhp 'private' @('<?php', 'return [', "    'MAGE_MODE' => 'production',", '];')

            Set-ImsOrganization -Path $root -OrganizationId $Org -WarningVariable warnings -WarningAction SilentlyContinue

            @($warnings | Where-Object Message -Like '*can be read by other users*') | Should -HaveCount 0
        }

        It 'lists the backups and restores one, showing what changes first' {
            $root = New-EnvPhp 'restore' @('<?php', 'return [', "    'MAGE_MODE' => 'production',", '];')
            $null = Register-CommerceInstance -Name 'restore' -Path $root -Role Staging
            $envPhp = [System.IO.Path]::Combine($root, 'app', 'etc', 'env.php')
            Set-ImsOrganization -Instance 'restore' -OrganizationId $OldOrg -WarningAction SilentlyContinue
            Start-Sleep -Milliseconds 20
            Set-ImsOrganization -Instance 'restore' -OrganizationId $Org -WarningAction SilentlyContinue
            $backups = @(Get-ConnectorConfigurationBackup -Instance 'restore')
            $backups | Should -HaveCount 2
            $backups[0].CreatedAt | Should -BeGreaterThan $backups[1].CreatedAt
            $backups[0].Instance | Should -Be 'restore'
            $before = Get-FileSnapshot $envPhp

            $whatIf = Get-HostText { Restore-ConnectorConfiguration -Instance 'restore' -WhatIf }
            ($whatIf -replace '\s+', ' ') | Should -BeLike "*app/etc/env.php: current file -> $($backups[0].Name); ${ImsPath}: '$Org' -> '$OldOrg'*"
            Get-FileSnapshot $envPhp | Should -Be $before

            $result = Restore-ConnectorConfiguration -Instance 'restore' -Backup $backups[0].Name -Confirm:$false -PassThru -WarningAction SilentlyContinue

            Read-PhpConnectorValue $envPhp $ImsPath | Should -BeExactly $OldOrg
            $result.BackupPath | Should -Not -BeNullOrEmpty
            [System.IO.File]::ReadAllText($result.BackupPath).Contains($Org) | Should -BeTrue
            @(Get-ConnectorConfigurationBackup -Instance 'restore') | Should -HaveCount 3

            { Restore-ConnectorConfiguration -Instance 'restore' -Backup '20000101T000000000Z' -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConfigurationBackupNotFound,CommerceConnector.Commands.RestoreConnectorConfigurationCommand'
        }
    }
}
