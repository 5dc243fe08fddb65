# The embedded registry seen through the cmdlets: where it lives, its file format, owner-only permissions,
# refusing damaged or newer files without touching them, locking, and concurrent writers losing nothing.

BeforeDiscovery {
    # File modes are checked on Linux and macOS, on PowerShell 7.3 or later ([System.IO.UnixFileMode] and the
    # UnixFileMode property that Get-UnixModeText reads come with .NET 7).
    $skipUnixMode = $IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop' -or $null -eq ('System.IO.UnixFileMode' -as [type])
}

Describe 'Embedded registry' {
    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../out/CommerceConnector/CommerceConnector.psd1'
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $registry = New-TestRegistryPath $TestDrive
        $registryFile = Join-Path $registry 'registry.json'
        $lockFile = Join-Path $registry 'registry.lock'
        $env:COMMERCE_CONNECTOR_HOME = $registry
        Clear-ConnectorContextVariable
        Disconnect-CommerceAccount
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'Location and format' {
        It 'creates the folder named by COMMERCE_CONNECTOR_HOME at the first write' {
            Test-Path -LiteralPath $registry | Should -BeFalse

            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com

            Test-Path -LiteralPath $registryFile -PathType Leaf | Should -BeTrue
        }

        It 'uses the per-user default folder when COMMERCE_CONNECTOR_HOME is not set' {
            $profileFolder = New-TestRegistryPath $TestDrive -Prefix 'profile'
            $null = New-Item -ItemType Directory -Path $profileFolder
            $onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
            if ($onWindows) {
                $variable = 'LOCALAPPDATA'
                $expected = Join-Path $profileFolder 'CommerceConnector'
            }
            else {
                $variable = 'HOME'
                $expected = Join-Path $profileFolder '.commerceconnector'
            }
            $previous = [System.Environment]::GetEnvironmentVariable($variable)
            try {
                [System.Environment]::SetEnvironmentVariable($variable, $profileFolder)
                [System.Environment]::SetEnvironmentVariable('COMMERCE_CONNECTOR_HOME', $null)

                $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
                $context = Connect-CommerceAccount -MageId MAG100
            }
            finally {
                [System.Environment]::SetEnvironmentVariable($variable, $previous)
                Disconnect-CommerceAccount
            }

            Test-Path -LiteralPath (Join-Path $expected 'registry.json') -PathType Leaf | Should -BeTrue
            $context.RegistryPath | Should -Be $expected
        }

        It 'keeps one JSON document with the schema version, the accounts and their members' {
            $null = New-CommerceAccount -MageId MAG100 -Edition MagentoOpenSource -Owner owner@example.com -Name 'Shop One'
            $null = Add-CommerceAccountMember -MageId MAG100 -User analyst@example.com -Role SharedAccess

            $document = Get-Content -LiteralPath $registryFile -Raw | ConvertFrom-Json

            $document.schemaVersion | Should -Be 1
            @($document.accounts) | Should -HaveCount 1
            $document.accounts[0].mageId | Should -Be 'MAG100'
            $document.accounts[0].name | Should -Be 'Shop One'
            $document.accounts[0].edition | Should -Be 'MagentoOpenSource'
            $document.accounts[0].standing | Should -Be 'Good'
            $document.accounts[0].owner | Should -Be 'owner@example.com'
            (@($document.accounts[0].members).user -join ',') | Should -Be 'owner@example.com,analyst@example.com'
            (@($document.accounts[0].members).role -join ',') | Should -Be 'LicenseOwner,SharedAccess'
        }

        It 'leaves no temporary file behind, only the document, the lock file and the audit trail' {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            Set-CommerceAccount -MageId MAG100 -Name 'Renamed'
            $null = Add-CommerceAccountMember -MageId MAG100 -User analyst@example.com -Role SharedAccess

            ((Get-ChildItem -LiteralPath $registry -Force).Name | Sort-Object) -join ',' | Should -Be 'audit.jsonl,registry.json,registry.lock'
        }

        It 'removes a temporary file left by an interrupted writer at the next write' {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $leftover = Join-Path $registry 'registry.json.0123456789abcdef0123456789abcdef.tmp'
            Set-Content -LiteralPath $leftover -Value '{ "schemaVersion": 1, "acc'

            Set-CommerceAccount -MageId MAG100 -Standing Suspended

            Test-Path -LiteralPath $leftover | Should -BeFalse
            "$((Get-CommerceAccount -MageId MAG100).Standing)" | Should -Be 'Suspended'
        }
    }

    Context 'Owner-only permissions on Linux and macOS' {
        It 'creates the folder with mode 700 and the file with mode 600' -Skip:$skipUnixMode {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com

            Get-UnixModeText $registry | Should -Be '700'
            Get-UnixModeText $registryFile | Should -Be '600'
        }

        It 'writes the file with mode 600 again at every change, even after someone widened it' -Skip:$skipUnixMode {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            [System.IO.File]::SetUnixFileMode($registryFile, [System.IO.UnixFileMode]420)
            Get-UnixModeText $registryFile | Should -Be '644'

            Set-CommerceAccount -MageId MAG100 -Name 'Renamed'

            Get-UnixModeText $registryFile | Should -Be '600'
        }
    }

    Context 'Owner-only permissions on Windows' {
        It 'grants the registry folder, and so the file in it, to the current user only' -Skip:(-not ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop')) {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $currentUser = [System.Security.Principal.WindowsIdentity]::GetCurrent().User

            # The folder drops what it would inherit from its parent and grants the current user alone (icacls
            # /inheritance:r /grant:r user:(OI)(CI)F). Files in it are left to that inheritable entry, so the file's one
            # entry is inherited from the owner-only folder (FilePermissions.RestrictFileInOwnerOnlyFolder).
            $folderAcl = Get-Acl -LiteralPath $registry
            $folderAcl.AreAccessRulesProtected | Should -BeTrue -Because "$registry keeps no inherited entries"
            foreach ($path in $registry, $registryFile) {
                $rules = @((Get-Acl -LiteralPath $path).GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))
                $rules | Should -HaveCount 1 -Because "$path grants one user only"
                $rules[0].IdentityReference | Should -Be $currentUser
                "$($rules[0].AccessControlType)" | Should -Be 'Allow'
            }
        }
    }

    Context 'Damaged and newer registry files' {
        It 'refuses a registry that <Case> with RegistryCorrupt and leaves it byte-identical' -ForEach @(
            @{ Case = 'is not JSON'; Content = '{ "schemaVersion": 1, "accounts": [' }
            @{ Case = 'is empty'; Content = '' }
            @{ Case = 'has no schemaVersion'; Content = '{ "accounts": [] }' }
            @{ Case = 'has a quoted schemaVersion'; Content = '{ "schemaVersion": "1", "accounts": [] }' }
            @{ Case = 'has schemaVersion 0'; Content = '{ "schemaVersion": 0, "accounts": [] }' }
            @{ Case = 'has the same MageID twice'; Content = '{ "schemaVersion": 1, "accounts": [ { "mageId": "MAG100", "members": [] }, { "mageId": "mag100", "members": [] } ] }' }
            @{ Case = 'has an account without MageID'; Content = '{ "schemaVersion": 1, "accounts": [ { "name": "Nameless", "members": [] } ] }' }
            @{ Case = 'has a member without user'; Content = '{ "schemaVersion": 1, "accounts": [ { "mageId": "MAG100", "members": [ { "role": "SharedAccess" } ] } ] }' }
        ) {
            $null = New-Item -ItemType Directory -Path $registry
            [System.IO.File]::WriteAllText($registryFile, $Content)
            $before = Get-FileSnapshot $registryFile

            $err = { $ErrorActionPreference = 'Continue'; Get-CommerceAccount } |
                Should -Throw -ErrorId 'RegistryCorrupt,CommerceConnector.Commands.GetCommerceAccountCommand' -PassThru
            $err.TargetObject | Should -Be $registryFile
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidData'
            $err.Exception.Message | Should -BeLike "*$registryFile*"

            { $ErrorActionPreference = 'Continue'; New-CommerceAccount -MageId MAG900 -Edition AdobeCommerce -Owner owner@example.com } |
                Should -Throw -ErrorId 'RegistryCorrupt,CommerceConnector.Commands.NewCommerceAccountCommand'
            { $ErrorActionPreference = 'Continue'; Connect-CommerceAccount -MageId MAG100 } |
                Should -Throw -ErrorId 'RegistryCorrupt,CommerceConnector.Commands.ConnectCommerceAccountCommand'

            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'refuses a registry of schemaVersion 999 with RegistrySchemaTooNew and leaves it byte-identical' {
            $null = New-Item -ItemType Directory -Path $registry
            [System.IO.File]::WriteAllText($registryFile, '{ "schemaVersion": 999, "accounts": [ { "mageId": "MAG100", "futureField": true, "members": [] } ] }')
            $before = Get-FileSnapshot $registryFile

            $err = { $ErrorActionPreference = 'Continue'; Get-CommerceAccount } |
                Should -Throw -ErrorId 'RegistrySchemaTooNew,CommerceConnector.Commands.GetCommerceAccountCommand' -PassThru
            $err.TargetObject | Should -Be $registryFile
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidData'
            $err.Exception.Message | Should -BeLike '*999*'

            { $ErrorActionPreference = 'Continue'; Set-CommerceAccount -MageId MAG100 -Standing Suspended } |
                Should -Throw -ErrorId 'RegistrySchemaTooNew,CommerceConnector.Commands.SetCommerceAccountCommand'
            { $ErrorActionPreference = 'Continue'; New-CommerceAccount -MageId MAG900 -Edition AdobeCommerce -Owner owner@example.com } |
                Should -Throw -ErrorId 'RegistrySchemaTooNew,CommerceConnector.Commands.NewCommerceAccountCommand'

            Get-FileSnapshot $registryFile | Should -Be $before
        }

        It 'shows the catalog with a warning when the connected registry became unreadable' {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $null = Connect-CommerceAccount -MageId MAG100
            [System.IO.File]::WriteAllText($registryFile, 'garbage')

            $services = Get-CommerceService -WarningAction SilentlyContinue -WarningVariable warnings

            $services | Should -HaveCount 7
            $warnings | Should -HaveCount 1
            $warnings[0].Message | Should -BeLike "The catalog is shown without account availability: *$registryFile*"
        }

        It 'offers no completion, and no error, while the registry is unreadable' {
            $null = New-Item -ItemType Directory -Path $registry
            [System.IO.File]::WriteAllText($registryFile, 'garbage')

            $results = @(Get-CompletionResult 'Get-CommerceAccount -MageId MAG')

            @($results | Where-Object { $_.CompletionText -like 'MAG*' }) | Should -HaveCount 0
        }
    }

    Context 'Locking and concurrent writers' {
        It 'lets readers in while a writer holds the lock, then stops the next writer with RegistryLocked' -Tag 'Slow' {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $before = Get-FileSnapshot $registryFile

            $lock = [System.IO.File]::Open($lockFile, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)
            try {
                (Get-CommerceAccount -MageId MAG100).Owner | Should -Be 'owner@example.com'
                $err = { $ErrorActionPreference = 'Continue'; Set-CommerceAccount -MageId MAG100 -Standing Suspended } |
                    Should -Throw -ErrorId 'RegistryLocked,CommerceConnector.Commands.SetCommerceAccountCommand' -PassThru
            }
            finally {
                $lock.Dispose()
            }

            $err.TargetObject | Should -Be $lockFile
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceBusy'
            Get-FileSnapshot $registryFile | Should -Be $before

            Set-CommerceAccount -MageId MAG100 -Standing Suspended
            "$((Get-CommerceAccount -MageId MAG100).Standing)" | Should -Be 'Suspended'
        }

        It 'keeps every member added by eight runspaces at the same time' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
            $null = New-CommerceAccount -MageId MAG100 -Edition AdobeCommerce -Owner owner@example.com
            $modulePath = $manifestPath

            $added = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:modulePath
                $worker = $_
                foreach ($index in 1..5) {
                    Add-CommerceAccountMember -MageId MAG100 -User "worker$worker-$index@example.com" -Role SharedAccess
                }
            } -ErrorVariable failures

            $failures | Should -HaveCount 0
            $added | Should -HaveCount 40
            $expected = foreach ($worker in 1..8) { foreach ($index in 1..5) { "worker$worker-$index@example.com" } }
            $members = (Get-CommerceAccount -MageId MAG100).Members
            $members | Should -HaveCount 41
            ((@($members | Where-Object Role -eq SharedAccess).User | Sort-Object) -join ',') | Should -Be (($expected | Sort-Object) -join ',')
            ((Get-ChildItem -LiteralPath $registry -Force).Name | Sort-Object) -join ',' | Should -Be 'audit.jsonl,registry.json,registry.lock'
        }
    }
}
