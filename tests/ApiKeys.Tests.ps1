# New-, Get-, Revoke- and Test-ConnectorApiKey and Repair-ConnectorPrivateKey driven as a user would, against a
# throw-away registry per test. Every reference key is made by the openssl binary at test time, under $TestDrive:
# no key is ever committed.

BeforeDiscovery {
    # File modes are checked where they mean something: Linux and macOS, on PowerShell 7.3 or later (UnixFileMode).
    $skipUnixMode = $IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop' -or $null -eq ('System.IO.UnixFileMode' -as [type])
}

Describe 'API keys' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $savedEnvironment = Enter-ConnectorTest

        $apiKeyType = Get-ConnectorType 'CommerceConnector.Core.Keys.ApiKey'
        $testResultType = Get-ConnectorType 'CommerceConnector.Core.Keys.ApiKeyTestResult'
        $repairedType = Get-ConnectorType 'CommerceConnector.Core.Keys.RepairedPrivateKey'
        $secureStringType = [System.Security.SecureString]

        $MageId = 'MAG100200300'
        $Owner = 'owner@shop-one.example.com'
        $SharedUser = 'dev@shop-one.example.com'
        $PartnerUser = 'signer@partner.example.com'

        function Get-OpenSslFingerprint {
            # The SHA-256 of the DER public key of a PEM key file, as openssl computes the DER, in lower-case hex.
            param([Parameter(Mandatory = $true)] [string] $Path)

            $der = Join-Path $TestDrive ('public-' + [guid]::NewGuid().ToString('N') + '.der')
            $null = Invoke-OpenSsl -ArgumentList 'pkey', '-in', $Path, '-pubout', '-outform', 'DER', '-out', $der
            (Get-FileHash -LiteralPath $der -Algorithm SHA256).Hash.ToLowerInvariant()
        }

        function Get-OpenSslPublicKey {
            # The DER public key of a PEM key file as base64, as openssl writes it.
            param([Parameter(Mandatory = $true)] [string] $Path)

            $der = Join-Path $TestDrive ('public-' + [guid]::NewGuid().ToString('N') + '.der')
            $null = Invoke-OpenSsl -ArgumentList 'pkey', '-in', $Path, '-pubout', '-outform', 'DER', '-out', $der
            [System.Convert]::ToBase64String([System.IO.File]::ReadAllBytes($der))
        }

        function Split-Text {
            param([string] $Text, [int] $Width)

            for ($i = 0; $i -lt $Text.Length; $i += $Width) {
                $Text.Substring($i, [Math]::Min($Width, $Text.Length - $i))
            }
        }

        function ConvertTo-PlainText {
            param([Parameter(Mandatory = $true)] [System.Security.SecureString] $Secure)

            [System.Net.NetworkCredential]::new('', $Secure).Password
        }

        function ConvertTo-SecureText {
            param([Parameter(Mandatory = $true)] [string] $Text)

            ConvertTo-SecureString -String $Text -AsPlainText -Force
        }

        function Write-ExactText {
            # Writes the text as it is: no BOM, no added line break, no line-end translation.
            param([Parameter(Mandatory = $true)] [string] $Path, [Parameter(Mandatory = $true)] [AllowEmptyString()] [string] $Text)

            [System.IO.File]::WriteAllText($Path, $Text)
        }

        function Get-BrokenKeyText {
            # The clean PKCS#8 PEM of openssl, damaged the way copy and paste, JSON, .env files and other tools do.
            param([Parameter(Mandatory = $true)] [string] $Form, [Parameter(Mandatory = $true)] [string] $Pem, [string] $Traditional)

            $body = Get-PemBody -Pem $Pem
            switch ($Form) {
                'OneLongLine' { '-----BEGIN PRIVATE KEY-----' + $body + "-----END PRIVATE KEY-----`n" }
                'LiteralNewlines' { $Pem.TrimEnd([char]10).Replace("`n", '\n') }
                'QuotedLiteralNewlines' { '"' + $Pem.TrimEnd([char]10).Replace("`n", '\n') + '"' }
                'Crlf' { $Pem.Replace("`n", "`r`n") }
                'Quoted' { '"' + $Pem + '"' }
                'ShortDashes' { $Pem.Replace('-----BEGIN PRIVATE KEY-----', '----BEGIN PRIVATE KEY---').Replace('-----END PRIVATE KEY-----', '---END PRIVATE KEY----') }
                'Wrapped76' { "-----BEGIN PRIVATE KEY-----`n" + ((Split-Text -Text $body -Width 76) -join "`n") + "`n-----END PRIVATE KEY-----`n" }
                'Pkcs1' { $Traditional }
                default { throw "Unknown broken form '$Form'." }
            }
        }

        # The reference keys, made once for the whole file.
        $opensslFolder = Join-Path $TestDrive 'openssl'
        $null = New-Item -ItemType Directory -Path $opensslFolder
        $pkcs8Path = Join-Path $opensslFolder 'pkcs8.pem'
        $pkcs1Path = Join-Path $opensslFolder 'pkcs1.pem'
        $publicPath = Join-Path $opensslFolder 'public.pem'
        $certificatePath = Join-Path $opensslFolder 'certificate.pem'
        $encryptedPath = Join-Path $opensslFolder 'encrypted.pem'
        $null = Invoke-OpenSsl -ArgumentList 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', $pkcs8Path
        $null = Invoke-OpenSsl -ArgumentList 'rsa', '-in', $pkcs8Path, '-traditional', '-out', $pkcs1Path
        $null = Invoke-OpenSsl -ArgumentList 'pkey', '-in', $pkcs8Path, '-pubout', '-out', $publicPath
        $null = Invoke-OpenSsl -ArgumentList 'req', '-x509', '-key', $pkcs8Path, '-subj', '/CN=commerce.example', '-days', '1', '-out', $certificatePath
        $null = Invoke-OpenSsl -ArgumentList 'pkcs8', '-topk8', '-in', $pkcs8Path, '-v2', 'aes-256-cbc', '-passout', 'pass:secret', '-out', $encryptedPath
        $pkcs8Text = [System.IO.File]::ReadAllText($pkcs8Path)
        $pkcs1Text = [System.IO.File]::ReadAllText($pkcs1Path)
        $pkcs8Fingerprint = Get-OpenSslFingerprint -Path $pkcs8Path
        $refusalSources = @{
            Public      = $publicPath
            Certificate = $certificatePath
            Encrypted   = $encryptedPath
        }
    }

    AfterAll { Exit-ConnectorTest $savedEnvironment }

    BeforeEach {
        $registry = Reset-TestRegistry $TestDrive
        $registryFile = Join-Path $registry 'registry.json'

        $keyFolder = Join-Path $TestDrive ('keys-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $keyFolder

        $null = New-CommerceAccount -MageId $MageId -Edition AdobeCommerce -Owner $Owner -Name 'Shop One'
        $null = Add-CommerceAccountMember -MageId $MageId -User $SharedUser -Role SharedAccess
        $null = Add-CommerceAccountMember -MageId $MageId -User $PartnerUser -Role PartnerSigner
        $null = Connect-CommerceAccount -MageId $MageId
    }

    AfterEach { Disconnect-CommerceAccount }

    Context 'The reference keys' {
        It 'are the forms openssl writes, so that the tests below compare with real openssl output' {
            $pkcs8Text.StartsWith("-----BEGIN PRIVATE KEY-----`n") | Should -BeTrue
            $pkcs1Text.StartsWith("-----BEGIN RSA PRIVATE KEY-----`n") | Should -BeTrue
            [System.IO.File]::ReadAllText($publicPath).StartsWith('-----BEGIN PUBLIC KEY-----') | Should -BeTrue
            [System.IO.File]::ReadAllText($certificatePath).StartsWith('-----BEGIN CERTIFICATE-----') | Should -BeTrue
            [System.IO.File]::ReadAllText($encryptedPath).StartsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----') | Should -BeTrue
            $pkcs8Fingerprint | Should -MatchExactly '^[0-9a-f]{64}$'
        }
    }

    Context 'New-ConnectorApiKey' {
        It 'generates a production key for the licence owner and saves the private key as PKCS#8 PEM in -OutFile' {
            $path = Join-Path $keyFolder 'prod.pem'
            $before = [DateTimeOffset]::UtcNow

            $key = New-ConnectorApiKey -Environment Production -Name 'prod-2026' -OutFile $path

            $after = [DateTimeOffset]::UtcNow
            $key | Should -HaveCount 1
            $key | Should -BeOfType $apiKeyType
            $key.Id | Should -MatchExactly '^[0-9a-f]{32}$'
            $key.MageId | Should -Be $MageId
            $key.Name | Should -BeExactly 'prod-2026'
            "$($key.Environment)" | Should -Be 'Production'
            "$($key.Status)" | Should -Be 'Active'
            $key.KeySize | Should -Be 2048
            $key.CreatedBy | Should -Be $Owner
            $key.CreatedAt | Should -BeGreaterOrEqual $before
            $key.CreatedAt | Should -BeLessOrEqual $after
            $key.PrivateKey | Should -BeNullOrEmpty

            Test-Path -LiteralPath $path -PathType Leaf | Should -BeTrue
            $pem = Get-Content -LiteralPath $path -Raw
            $pem.StartsWith("-----BEGIN PRIVATE KEY-----`n") | Should -BeTrue
            $pem.EndsWith("`n-----END PRIVATE KEY-----`n") | Should -BeTrue
            $key.Fingerprint | Should -BeExactly (Get-OpenSslFingerprint -Path $path)
            $key.PublicKey | Should -BeExactly (Get-OpenSslPublicKey -Path $path)
            Invoke-OpenSsl -ArgumentList 'pkey', '-in', $path, '-noout', '-text' | Should -Match 'Private-Key: \(2048 bit'

            $listed = Get-ConnectorApiKey
            $listed | Should -HaveCount 1
            $listed.Id | Should -Be $key.Id
            $listed.Fingerprint | Should -Be $key.Fingerprint
        }

        It 'creates the -OutFile readable and writable by its owner only' -Skip:$skipUnixMode {
            $path = Join-Path $keyFolder 'prod.pem'

            $null = New-ConnectorApiKey -Environment Production -Name 'prod-2026' -OutFile $path

            (Get-Item -LiteralPath $path -Force).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
            @(Get-ChildItem -LiteralPath $keyFolder -Force).Name | Should -Be 'prod.pem'
        }

        It 'resolves a relative -OutFile against the current location' {
            Push-Location -LiteralPath $keyFolder
            try {
                $key = New-ConnectorApiKey Sandbox 'relative' -OutFile './relative.pem'
            }
            finally {
                Pop-Location
            }

            $path = Join-Path $keyFolder 'relative.pem'
            Test-Path -LiteralPath $path -PathType Leaf | Should -BeTrue
            $key.Fingerprint | Should -BeExactly (Get-OpenSslFingerprint -Path $path)
            "$($key.Environment)" | Should -Be 'Sandbox'
        }

        It 'returns the private key once as a SecureString with -AsSecureString and writes no file' {
            $key = New-ConnectorApiKey -Environment Sandbox -Name ci -AsSecureString

            $key.PrivateKey | Should -BeOfType $secureStringType
            @(Get-ChildItem -LiteralPath $keyFolder -Force) | Should -HaveCount 0
            $pem = ConvertTo-PlainText $key.PrivateKey
            $pem.StartsWith("-----BEGIN PRIVATE KEY-----`n") | Should -BeTrue
            $pem.EndsWith("`n-----END PRIVATE KEY-----`n") | Should -BeTrue
            $copy = Join-Path $keyFolder 'copy.pem'
            Write-ExactText -Path $copy -Text $pem
            $key.Fingerprint | Should -BeExactly (Get-OpenSslFingerprint -Path $copy)

            # The registry never hands it out again.
            (Get-ConnectorApiKey -Id $key.Id).PrivateKey | Should -BeNullOrEmpty
            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKey $key.PrivateKey -Environment Sandbox
            $result.IsValid | Should -BeTrue
        }

        It 'generates a key of the -KeySize asked for' {
            $path = Join-Path $keyFolder 'big.pem'

            $key = New-ConnectorApiKey -Environment Production -Name big -KeySize 3072 -OutFile $path

            $key.KeySize | Should -Be 3072
            Invoke-OpenSsl -ArgumentList 'pkey', '-in', $path, '-noout', '-text' | Should -Match 'Private-Key: \(3072 bit'
            $key.Fingerprint | Should -BeExactly (Get-OpenSslFingerprint -Path $path)
        }

        It 'refuses a key size that is not offered with InvalidKeySize' {
            $path = Join-Path $keyFolder 'small.pem'

            $err = { New-ConnectorApiKey -Environment Production -Name small -KeySize 1024 -OutFile $path -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidKeySize,CommerceConnector.Commands.NewConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be 1024
            Test-Path -LiteralPath $path | Should -BeFalse
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'refuses to generate without a destination with PrivateKeyDestinationRequired and registers nothing' {
            $before = Get-FileSnapshot $registryFile

            $err = { New-ConnectorApiKey -Environment Production -Name prod -ErrorAction Stop } |
                Should -Throw -ErrorId 'PrivateKeyDestinationRequired,CommerceConnector.Commands.NewConnectorApiKeyCommand' -PassThru

            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match '-OutFile'
            $err.Exception.Message | Should -Match '-AsSecureString'
            Get-FileSnapshot $registryFile | Should -Be $before
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'refuses -OutFile together with -AsSecureString with PrivateKeyDestinationConflict' {
            $path = Join-Path $keyFolder 'both.pem'

            { New-ConnectorApiKey -Environment Production -Name prod -OutFile $path -AsSecureString -ErrorAction Stop } |
                Should -Throw -ErrorId 'PrivateKeyDestinationConflict,CommerceConnector.Commands.NewConnectorApiKeyCommand'

            Test-Path -LiteralPath $path | Should -BeFalse
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'never overwrites an existing -OutFile: PrivateKeyFileExists, the file unchanged and no key registered' {
            $path = Join-Path $keyFolder 'prod.pem'
            Write-ExactText -Path $path -Text 'precious, not a key'

            $err = { New-ConnectorApiKey -Environment Production -Name prod -OutFile $path -ErrorAction Stop } |
                Should -Throw -ErrorId 'PrivateKeyFileExists,CommerceConnector.Commands.NewConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be $path
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -Match '-Force'
            Get-Content -LiteralPath $path -Raw | Should -BeExactly 'precious, not a key'
            @(Get-ChildItem -LiteralPath $keyFolder -Force).Name | Should -Be 'prod.pem'
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'replaces an existing -OutFile with -Force' {
            $path = Join-Path $keyFolder 'prod.pem'
            Write-ExactText -Path $path -Text 'an old file'

            $key = New-ConnectorApiKey -Environment Production -Name prod -OutFile $path -Force

            (Get-Content -LiteralPath $path -Raw).StartsWith("-----BEGIN PRIVATE KEY-----`n") | Should -BeTrue
            $key.Fingerprint | Should -BeExactly (Get-OpenSslFingerprint -Path $path)
            (Get-ConnectorApiKey).Id | Should -Be $key.Id
            @(Get-ChildItem -LiteralPath $keyFolder -Force).Name | Should -Be 'prod.pem'
        }

        It 'makes the file it replaces with -Force owner-only too' -Skip:$skipUnixMode {
            $path = Join-Path $keyFolder 'prod.pem'
            Write-ExactText -Path $path -Text 'an old file'

            $null = New-ConnectorApiKey -Environment Production -Name prod -OutFile $path -Force

            (Get-Item -LiteralPath $path -Force).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        }

        It 'refuses a member with Shared Access with KeyGenerationNotAllowed' {
            $null = Connect-CommerceAccount -MageId $MageId -User $SharedUser
            $path = Join-Path $keyFolder 'prod.pem'
            $before = Get-FileSnapshot $registryFile

            $err = { New-ConnectorApiKey -Environment Production -Name prod -OutFile $path -ErrorAction Stop } |
                Should -Throw -ErrorId 'KeyGenerationNotAllowed,CommerceConnector.Commands.NewConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be $SharedUser
            "$($err.CategoryInfo.Category)" | Should -Be 'PermissionDenied'
            $err.Exception.Message | Should -Match 'Shared Access'
            Test-Path -LiteralPath $path | Should -BeFalse
            Get-FileSnapshot $registryFile | Should -Be $before
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'refuses an account that is not in good standing with AccountNotInGoodStanding' {
            Set-CommerceAccount -MageId $MageId -Standing Suspended
            $path = Join-Path $keyFolder 'prod.pem'

            $err = { New-ConnectorApiKey -Environment Production -Name prod -OutFile $path -ErrorAction Stop } |
                Should -Throw -ErrorId 'AccountNotInGoodStanding,CommerceConnector.Commands.NewConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be $MageId
            $err.Exception.Message | Should -Match 'good standing'
            Test-Path -LiteralPath $path | Should -BeFalse
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'lets the signer of the partner agreement generate keys' {
            $null = Connect-CommerceAccount -MageId $MageId -User $PartnerUser
            $path = Join-Path $keyFolder 'si.pem'

            $key = New-ConnectorApiKey -Environment Sandbox -Name 'si-sandbox' -OutFile $path

            $key.CreatedBy | Should -Be $PartnerUser
            "$($key.Environment)" | Should -Be 'Sandbox'
            $key.Fingerprint | Should -BeExactly (Get-OpenSslFingerprint -Path $path)
            (Get-ConnectorApiKey -Name 'si-sandbox').Id | Should -Be $key.Id
        }

        It 'keeps names unique per account and environment among the active keys' {
            $first = New-ConnectorApiKey -Environment Production -Name main -OutFile (Join-Path $keyFolder 'a.pem')
            $before = Get-FileSnapshot $registryFile
            $clash = Join-Path $keyFolder 'b.pem'

            $err = { New-ConnectorApiKey -Environment Production -Name MAIN -OutFile $clash -ErrorAction Stop } |
                Should -Throw -ErrorId 'ApiKeyNameExists,CommerceConnector.Commands.NewConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -BeExactly 'MAIN'
            "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
            $err.Exception.Message | Should -Match $first.Id
            Test-Path -LiteralPath $clash | Should -BeFalse
            Get-FileSnapshot $registryFile | Should -Be $before

            # The same name is free in the other environment, and again once the first key is revoked.
            $sandbox = New-ConnectorApiKey -Environment Sandbox -Name main -OutFile (Join-Path $keyFolder 'c.pem')
            Revoke-ConnectorApiKey -Id $first.Id -Confirm:$false
            $rotated = New-ConnectorApiKey -Environment Production -Name main -OutFile (Join-Path $keyFolder 'd.pem')

            $rotated.Id | Should -Not -Be $first.Id
            ((Get-ConnectorApiKey -Name main).Id -join ',') | Should -Be (($rotated.Id, $sandbox.Id) -join ',')
        }

        It 'generates nothing with -WhatIf' {
            $path = Join-Path $keyFolder 'prod.pem'
            $before = Get-FileSnapshot $registryFile

            $result = New-ConnectorApiKey -Environment Production -Name prod -OutFile $path -WhatIf

            $result | Should -BeNullOrEmpty
            Test-Path -LiteralPath $path | Should -BeFalse
            @(Get-ChildItem -LiteralPath $keyFolder -Force) | Should -HaveCount 0
            Get-FileSnapshot $registryFile | Should -Be $before
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'stops with NotConnected without a session context' {
            Disconnect-CommerceAccount
            $path = Join-Path $keyFolder 'prod.pem'

            { New-ConnectorApiKey -Environment Production -Name prod -OutFile $path } |
                Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.NewConnectorApiKeyCommand'

            Test-Path -LiteralPath $path | Should -BeFalse
        }
    }

    Context 'Get-ConnectorApiKey' {
        BeforeEach {
            $prodA = New-ConnectorApiKey -Environment Production -Name 'prod-a' -AsSecureString
            $sandboxA = New-ConnectorApiKey -Environment Sandbox -Name 'sandbox-a' -AsSecureString
            $prodOld = New-ConnectorApiKey -Environment Production -Name 'prod-old' -AsSecureString
            $prodSandbox = New-ConnectorApiKey -Environment Sandbox -Name 'prod-sandbox' -AsSecureString
            Revoke-ConnectorApiKey -Id $prodOld.Id -Confirm:$false
        }

        It 'lists the active keys, production first, then by name, without private keys' {
            $keys = Get-ConnectorApiKey

            ($keys.Id -join ',') | Should -Be (($prodA.Id, $prodSandbox.Id, $sandboxA.Id) -join ',')
            ($keys.Name -join ',') | Should -Be 'prod-a,prod-sandbox,sandbox-a'
            foreach ($key in $keys) {
                $key | Should -BeOfType $apiKeyType
                "$($key.Status)" | Should -Be 'Active'
                $key.PrivateKey | Should -BeNullOrEmpty
            }
        }

        It 'keeps only the keys of -Environment' {
            ((Get-ConnectorApiKey -Environment Sandbox).Name -join ',') | Should -Be 'prod-sandbox,sandbox-a'
            ((Get-ConnectorApiKey -Environment Production).Name -join ',') | Should -Be 'prod-a'
        }

        It 'matches -Name with wildcards and without regard to case' {
            ((Get-ConnectorApiKey -Name 'PROD*').Id -join ',') | Should -Be (($prodA.Id, $prodSandbox.Id) -join ',')
            ((Get-ConnectorApiKey -Name 'prod*' -Environment Production).Id -join ',') | Should -Be $prodA.Id
            ((Get-ConnectorApiKey 'SANDBOX-A').Id -join ',') | Should -Be $sandboxA.Id
        }

        It 'returns nothing, without an error, for a pattern that matches no key' {
            $keys = Get-ConnectorApiKey -Name 'nothing*' -ErrorAction Stop

            $keys | Should -BeNullOrEmpty
        }

        It 'reports a name without wildcards that matches no active key as ApiKeyNotFound' {
            $err = { Get-ConnectorApiKey -Name 'prod-old' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ApiKeyNotFound,CommerceConnector.Commands.GetConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be 'prod-old'
            "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            (Get-ConnectorApiKey -Name 'prod-old' -IncludeRevoked).Id | Should -Be $prodOld.Id
        }

        It 'adds the revoked keys with -IncludeRevoked' {
            $keys = Get-ConnectorApiKey -Environment Production -IncludeRevoked

            ($keys.Name -join ',') | Should -Be 'prod-a,prod-old'
            ($keys | ForEach-Object { "$($_.Status)" }) -join ',' | Should -Be 'Active,Revoked'
            $keys[1].RevokedBy | Should -Be $Owner
            $keys[1].RevokedAt | Should -Not -BeNullOrEmpty
            @(Get-ConnectorApiKey -IncludeRevoked) | Should -HaveCount 4
        }

        It 'gets one key by -Id, in any case, whether it is active or revoked' {
            $old = Get-ConnectorApiKey -Id $prodOld.Id.ToUpperInvariant()

            $old | Should -HaveCount 1
            $old.Id | Should -BeExactly $prodOld.Id
            "$($old.Status)" | Should -Be 'Revoked'
            (Get-ConnectorApiKey -Id $sandboxA.Id).Name | Should -Be 'sandbox-a'
        }

        It 'binds -Id by property name from the pipeline' {
            $keys = @([pscustomobject]@{ Id = $sandboxA.Id }, [pscustomobject]@{ Id = $prodA.Id }) | Get-ConnectorApiKey

            ($keys.Name -join ',') | Should -Be 'sandbox-a,prod-a'
        }

        It 'reports an unknown -Id as ApiKeyNotFound' {
            $unknown = 'f' * 32

            $err = { Get-ConnectorApiKey -Id $unknown -ErrorAction Stop } |
                Should -Throw -ErrorId 'ApiKeyNotFound,CommerceConnector.Commands.GetConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be $unknown
        }

        It 'stops with NotConnected without a session context' {
            Disconnect-CommerceAccount

            { Get-ConnectorApiKey } | Should -Throw -ErrorId 'NotConnected,CommerceConnector.Commands.GetConnectorApiKeyCommand'
        }
    }

    Context 'Revoke-ConnectorApiKey' {
        It 'revokes a key by -Id and returns nothing' {
            $key = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString
            $before = [DateTimeOffset]::UtcNow

            $result = Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false

            $after = [DateTimeOffset]::UtcNow
            $result | Should -BeNullOrEmpty
            Get-ConnectorApiKey | Should -BeNullOrEmpty
            $stored = Get-ConnectorApiKey -Id $key.Id
            "$($stored.Status)" | Should -Be 'Revoked'
            $stored.RevokedBy | Should -Be $Owner
            $stored.RevokedAt | Should -BeGreaterOrEqual $before
            $stored.RevokedAt | Should -BeLessOrEqual $after
        }

        It 'returns the revoked key with -PassThru' {
            $key = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString

            $revoked = Revoke-ConnectorApiKey $key.Id -Confirm:$false -PassThru

            $revoked | Should -HaveCount 1
            $revoked | Should -BeOfType $apiKeyType
            $revoked.Id | Should -Be $key.Id
            "$($revoked.Status)" | Should -Be 'Revoked'
            $revoked.RevokedBy | Should -Be $Owner
        }

        It 'revokes by -Name only the key of -Environment' {
            $production = New-ConnectorApiKey -Environment Production -Name main -AsSecureString
            $sandbox = New-ConnectorApiKey -Environment Sandbox -Name main -AsSecureString

            $revoked = Revoke-ConnectorApiKey -Name MAIN -Environment Sandbox -Confirm:$false -PassThru

            $revoked.Id | Should -Be $sandbox.Id
            (Get-ConnectorApiKey).Id | Should -Be $production.Id
        }

        It 'revokes by -Name the keys of both environments without -Environment' {
            $null = New-ConnectorApiKey -Environment Production -Name main -AsSecureString
            $null = New-ConnectorApiKey -Environment Sandbox -Name main -AsSecureString
            $other = New-ConnectorApiKey -Environment Sandbox -Name other -AsSecureString

            $revoked = Revoke-ConnectorApiKey -Name main -Confirm:$false -PassThru

            $revoked | Should -HaveCount 2
            (Get-ConnectorApiKey).Id | Should -Be $other.Id
        }

        It 'takes -Name literally: a wildcard pattern revokes nothing and reports ApiKeyNotFound' {
            $key = New-ConnectorApiKey -Environment Production -Name 'prod-a' -AsSecureString

            { Revoke-ConnectorApiKey -Name 'prod*' -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'ApiKeyNotFound,CommerceConnector.Commands.RevokeConnectorApiKeyCommand'

            "$((Get-ConnectorApiKey -Id $key.Id).Status)" | Should -Be 'Active'
        }

        It 'revokes the keys piped from Get-ConnectorApiKey' {
            $production = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString
            $null = New-ConnectorApiKey -Environment Sandbox -Name 'sandbox-1' -AsSecureString
            $null = New-ConnectorApiKey -Environment Sandbox -Name 'sandbox-2' -AsSecureString

            $result = Get-ConnectorApiKey -Environment Sandbox | Revoke-ConnectorApiKey -Confirm:$false

            $result | Should -BeNullOrEmpty
            (Get-ConnectorApiKey).Id | Should -Be $production.Id
            ((Get-ConnectorApiKey -Environment Sandbox -IncludeRevoked) | ForEach-Object { "$($_.Name)=$($_.Status)" }) -join ',' |
                Should -Be 'sandbox-1=Revoked,sandbox-2=Revoked'
        }

        It 'revokes an -InputObject' {
            $key = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString

            $revoked = Revoke-ConnectorApiKey -InputObject $key -Confirm:$false -PassThru

            $revoked.Id | Should -Be $key.Id
            Get-ConnectorApiKey | Should -BeNullOrEmpty
        }

        It 'revokes nothing with -WhatIf' {
            $key = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString
            $before = Get-FileSnapshot $registryFile

            $result = Revoke-ConnectorApiKey -Id $key.Id -WhatIf

            $result | Should -BeNullOrEmpty
            Get-FileSnapshot $registryFile | Should -Be $before
            "$((Get-ConnectorApiKey -Id $key.Id).Status)" | Should -Be 'Active'
        }

        It 'refuses a member with Shared Access with KeyRevocationNotAllowed' {
            $key = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString
            $null = Connect-CommerceAccount -MageId $MageId -User $SharedUser

            $err = { Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'KeyRevocationNotAllowed,CommerceConnector.Commands.RevokeConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be $SharedUser
            "$((Get-ConnectorApiKey -Id $key.Id).Status)" | Should -Be 'Active'
        }

        It 'reports a key that is already revoked as ApiKeyAlreadyRevoked' {
            $key = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString
            Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false

            $err = { Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'ApiKeyAlreadyRevoked,CommerceConnector.Commands.RevokeConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be $key.Id
        }

        It 'reports an unknown id as ApiKeyNotFound and still revokes the next key of the pipeline' {
            $key = New-ConnectorApiKey -Environment Production -Name prod -AsSecureString
            $unknown = 'e' * 32

            @([pscustomobject]@{ Id = $unknown }, [pscustomobject]@{ Id = $key.Id }) |
                Revoke-ConnectorApiKey -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures

            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'ApiKeyNotFound,CommerceConnector.Commands.RevokeConnectorApiKeyCommand'
            $failures[0].TargetObject | Should -Be $unknown
            "$((Get-ConnectorApiKey -Id $key.Id).Status)" | Should -Be 'Revoked'
        }
    }

    Context 'Test-ConnectorApiKey' {
        BeforeEach {
            $keyPath = Join-Path $keyFolder 'prod.pem'
            $key = New-ConnectorApiKey -Environment Production -Name 'prod-2026' -OutFile $keyPath
        }

        It 'passes the six checks for the pair it was generated with' {
            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $keyPath -Environment Production

            $result | Should -HaveCount 1
            $result | Should -BeOfType $testResultType
            $result.IsValid | Should -BeTrue
            $result.ApiKey | Should -Be $key.Id
            $result.Fingerprint | Should -BeExactly $key.Fingerprint
            ($result.Checks.Name -join ',') | Should -BeExactly 'PemWellFormed,Pkcs8Rsa,KeySize,MatchesApiKey,KeyActive,Environment'
            ($result.Checks | ForEach-Object { "$($_.Verdict)" }) -join ',' | Should -Be 'Passed,Passed,Passed,Passed,Passed,Passed'
            @($result.Failures) | Should -HaveCount 0
        }

        It 'accepts the private key as a SecureString' {
            $secure = ConvertTo-SecureText -Text ([System.IO.File]::ReadAllText($keyPath))

            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKey $secure

            $result.IsValid | Should -BeTrue
            $result.Fingerprint | Should -BeExactly $key.Fingerprint
        }

        It 'tests the keys piped from Get-ConnectorApiKey' {
            $second = New-ConnectorApiKey -Environment Production -Name 'prod-second' -AsSecureString

            $results = Get-ConnectorApiKey -Name prod* | Test-ConnectorApiKey -PrivateKeyPath $keyPath

            $results | Should -HaveCount 2
            ($results.ApiKey -join ',') | Should -Be (($key.Id, $second.Id) -join ',')
            $results[0].IsValid | Should -BeTrue
            $results[1].IsValid | Should -BeFalse
            (@($results[1].Failures).Name -join ',') | Should -Be 'MatchesApiKey'
        }

        It 'fails the KeyActive check of a revoked key' {
            Revoke-ConnectorApiKey -Id $key.Id -Confirm:$false

            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $keyPath

            $result.IsValid | Should -BeFalse
            (@($result.Failures).Name -join ',') | Should -Be 'KeyActive'
            $check = $result.Checks | Where-Object Name -EQ 'KeyActive'
            "$($check.Verdict)" | Should -Be 'Failed'
            $check.Message | Should -Match ([regex]::Escape($Owner))
            $check.Fix | Should -Match 'New-ConnectorApiKey'
        }

        It 'fails the MatchesApiKey check for another private key' {
            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $pkcs8Path -Environment Production

            $result.IsValid | Should -BeFalse
            (@($result.Failures).Name -join ',') | Should -Be 'MatchesApiKey'
            $result.Fingerprint | Should -BeExactly $pkcs8Fingerprint
            $check = $result.Checks | Where-Object Name -EQ 'MatchesApiKey'
            "$($check.Verdict)" | Should -Be 'Failed'
            $check.Message | Should -Match $key.Fingerprint
            $check.Message | Should -Match $pkcs8Fingerprint
        }

        It 'fails the Environment check for a key of another environment' {
            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $keyPath -Environment Sandbox

            $result.IsValid | Should -BeFalse
            (@($result.Failures).Name -join ',') | Should -Be 'Environment'
            ($result.Checks | Where-Object Name -EQ 'Environment').Message | Should -Match 'a Sandbox key is required'
        }

        It 'fails PemWellFormed for a damaged copy of the right key, which still matches' {
            $damaged = Join-Path $keyFolder 'damaged.pem'
            Write-ExactText -Path $damaged -Text ([System.IO.File]::ReadAllText($keyPath).Replace("`n", "`r`n"))

            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $damaged

            $result.IsValid | Should -BeFalse
            (@($result.Failures).Name -join ',') | Should -Be 'PemWellFormed'
            $check = $result.Checks | Where-Object Name -EQ 'PemWellFormed'
            $check.Message | Should -Match 'CRLF'
            $check.Fix | Should -Match 'Repair-ConnectorPrivateKey'
        }

        It 'fails Pkcs8Rsa for a PKCS#1 key' {
            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $pkcs1Path

            ($result.Checks | ForEach-Object { "$($_.Name)=$($_.Verdict)" }) -join ',' |
                Should -Be 'PemWellFormed=Failed,Pkcs8Rsa=Failed,KeySize=Passed,MatchesApiKey=Failed,KeyActive=Passed,Environment=Passed'
        }

        It 'skips the checks that need the key when it is given a public key' {
            $result = Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $publicPath

            $result.IsValid | Should -BeFalse
            ($result.Checks | ForEach-Object { "$($_.Name)=$($_.Verdict)" }) -join ',' |
                Should -Be 'PemWellFormed=Failed,Pkcs8Rsa=Skipped,KeySize=Skipped,MatchesApiKey=Skipped,KeyActive=Passed,Environment=Passed'
            $result.Fingerprint | Should -BeNullOrEmpty
            ($result.Checks | Where-Object Name -EQ 'PemWellFormed').Message | Should -Match 'public key'
        }

        It 'fails MatchesApiKey for an id that is not registered and skips the checks that need the key' {
            $unknown = '0' * 32

            $result = Test-ConnectorApiKey -ApiKey $unknown -PrivateKeyPath $keyPath

            $result.IsValid | Should -BeFalse
            $result.ApiKey | Should -Be $unknown
            ($result.Checks | ForEach-Object { "$($_.Name)=$($_.Verdict)" }) -join ',' |
                Should -Be 'PemWellFormed=Passed,Pkcs8Rsa=Passed,KeySize=Passed,MatchesApiKey=Failed,KeyActive=Skipped,Environment=Skipped'
        }

        It 'reports a -PrivateKeyPath that does not exist as PrivateKeyPathInvalid' {
            $missing = Join-Path $keyFolder 'missing.pem'

            $err = { Test-ConnectorApiKey -ApiKey $key.Id -PrivateKeyPath $missing -ErrorAction Stop } |
                Should -Throw -ErrorId 'PrivateKeyPathInvalid,CommerceConnector.Commands.TestConnectorApiKeyCommand' -PassThru

            $err.TargetObject | Should -Be $missing
        }
    }

    Context 'Repair-ConnectorPrivateKey' {
        BeforeEach {
            $broken = Join-Path $keyFolder 'broken.pem'
            $fixed = Join-Path $keyFolder 'fixed.pem'
        }

        It 'repairs <Form> into the exact bytes openssl writes' -ForEach @(
            @{ Form = 'OneLongLine'; Fixes = @('the line breaks inside the key were lost (one long line)') }
            @{ Form = 'LiteralNewlines'; Fixes = @('literal \n sequences stood where line breaks belong') }
            @{ Form = 'QuotedLiteralNewlines'; Fixes = @('literal \n sequences stood where line breaks belong', 'the key was wrapped in quotes') }
            @{ Form = 'Crlf'; Fixes = @('the lines ended in CRLF') }
            @{ Form = 'Quoted'; Fixes = @('the key was wrapped in quotes') }
            @{ Form = 'ShortDashes'; Fixes = @('the BEGIN line did not have five dashes on each side', 'the END line did not have five dashes on each side') }
            @{ Form = 'Wrapped76'; Fixes = @('the base64 text was wrapped at another width than 64') }
            @{ Form = 'Pkcs1'; Fixes = @('the key was PKCS#1 (BEGIN RSA PRIVATE KEY), not PKCS#8') }
        ) {
            $text = Get-BrokenKeyText -Form $Form -Pem $pkcs8Text -Traditional $pkcs1Text
            $text | Should -Not -BeExactly $pkcs8Text
            Write-ExactText -Path $broken -Text $text

            $result = Repair-ConnectorPrivateKey -Path $broken -OutFile $fixed

            $result | Should -HaveCount 1
            $result | Should -BeOfType $repairedType
            Get-Content -LiteralPath $fixed -Raw | Should -BeExactly (Get-Content -LiteralPath $pkcs8Path -Raw)
            Get-FileSnapshot $fixed | Should -BeExactly (Get-FileSnapshot $pkcs8Path)
            (@($result.Fixes) -join '|') | Should -BeExactly ($Fixes -join '|')
            $result.KeySize | Should -Be 2048
            $result.Fingerprint | Should -BeExactly $pkcs8Fingerprint
            $result.OutFile | Should -Be $fixed
            $result.PrivateKey | Should -BeNullOrEmpty
            Get-Content -LiteralPath $broken -Raw | Should -BeExactly $text
        }

        It 'leaves a clean key as it is and reports no fix' {
            $result = Repair-ConnectorPrivateKey -Path $pkcs8Path -OutFile $fixed

            @($result.Fixes) | Should -HaveCount 0
            Get-FileSnapshot $fixed | Should -BeExactly (Get-FileSnapshot $pkcs8Path)
        }

        It 'writes the repaired key readable and writable by its owner only' -Skip:$skipUnixMode {
            Write-ExactText -Path $broken -Text (Get-BrokenKeyText -Form Crlf -Pem $pkcs8Text)

            $null = Repair-ConnectorPrivateKey -Path $broken -OutFile $fixed

            (Get-Item -LiteralPath $fixed -Force).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        }

        It 'repairs -Text given as a SecureString and returns the key as a SecureString with -AsSecureString' {
            $secure = ConvertTo-SecureText -Text (Get-BrokenKeyText -Form QuotedLiteralNewlines -Pem $pkcs8Text)

            $result = Repair-ConnectorPrivateKey -Text $secure -AsSecureString

            $result.PrivateKey | Should -BeOfType $secureStringType
            ConvertTo-PlainText $result.PrivateKey | Should -BeExactly $pkcs8Text
            $result.OutFile | Should -BeNullOrEmpty
            $result.Fingerprint | Should -BeExactly $pkcs8Fingerprint
            @(Get-ChildItem -LiteralPath $keyFolder -Force) | Should -HaveCount 0
        }

        It 'binds the FullName of piped files to -Path' {
            Write-ExactText -Path $broken -Text (Get-BrokenKeyText -Form Wrapped76 -Pem $pkcs8Text)

            $result = Get-Item -LiteralPath $broken | Repair-ConnectorPrivateKey -OutFile $fixed

            $result.OutFile | Should -Be $fixed
            Get-Content -LiteralPath $fixed -Raw | Should -BeExactly $pkcs8Text
        }

        It 'writes every fix as a verbose message' {
            Write-ExactText -Path $broken -Text (Get-BrokenKeyText -Form ShortDashes -Pem $pkcs8Text)

            $records = Repair-ConnectorPrivateKey -Path $broken -AsSecureString -Verbose 4>&1
            $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })

            ($verbose -join '|') | Should -BeExactly 'Fixed: the BEGIN line did not have five dashes on each side.|Fixed: the END line did not have five dashes on each side.'
            @($records | Where-Object { $_ -is $repairedType }) | Should -HaveCount 1
        }

        It 'refuses <What> with <ErrorId> and writes nothing' -ForEach @(
            @{ What = 'a public key'; Source = 'Public'; ErrorId = 'PrivateKeyIsPublicKey' }
            @{ What = 'a certificate'; Source = 'Certificate'; ErrorId = 'PrivateKeyIsCertificate' }
            @{ What = 'a key encrypted with a passphrase'; Source = 'Encrypted'; ErrorId = 'PrivateKeyEncrypted' }
        ) {
            $source = $refusalSources[$Source]

            $err = { Repair-ConnectorPrivateKey -Path $source -OutFile $fixed -ErrorAction Stop } |
                Should -Throw -ErrorId "$ErrorId,CommerceConnector.Commands.RepairConnectorPrivateKeyCommand" -PassThru

            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidData'
            Test-Path -LiteralPath $fixed | Should -BeFalse
            @(Get-ChildItem -LiteralPath $keyFolder -Force) | Should -HaveCount 0
        }

        It 'refuses to repair without a destination with PrivateKeyDestinationRequired' {
            { Repair-ConnectorPrivateKey -Path $pkcs1Path -ErrorAction Stop } |
                Should -Throw -ErrorId 'PrivateKeyDestinationRequired,CommerceConnector.Commands.RepairConnectorPrivateKeyCommand'
        }

        It 'never overwrites an existing -OutFile without -Force, and repairs a file in place with -Force' {
            $text = Get-BrokenKeyText -Form Crlf -Pem $pkcs8Text
            Write-ExactText -Path $broken -Text $text

            $err = { Repair-ConnectorPrivateKey -Path $broken -OutFile $broken -ErrorAction Stop } |
                Should -Throw -ErrorId 'PrivateKeyFileExists,CommerceConnector.Commands.RepairConnectorPrivateKeyCommand' -PassThru

            $err.TargetObject | Should -Be $broken
            Get-Content -LiteralPath $broken -Raw | Should -BeExactly $text

            $result = Repair-ConnectorPrivateKey -Path $broken -OutFile $broken -Force

            $result.OutFile | Should -Be $broken
            Get-Content -LiteralPath $broken -Raw | Should -BeExactly $pkcs8Text
            @(Get-ChildItem -LiteralPath $keyFolder -Force).Name | Should -Be 'broken.pem'
        }

        It 'writes nothing with -WhatIf' {
            Write-ExactText -Path $broken -Text (Get-BrokenKeyText -Form Crlf -Pem $pkcs8Text)

            $result = Repair-ConnectorPrivateKey -Path $broken -OutFile $fixed -WhatIf

            $result | Should -BeNullOrEmpty
            Test-Path -LiteralPath $fixed | Should -BeFalse
        }

        It 'needs no session context' {
            Disconnect-CommerceAccount
            Write-ExactText -Path $broken -Text $pkcs1Text

            $result = Repair-ConnectorPrivateKey $broken -OutFile $fixed

            $result.Fingerprint | Should -BeExactly $pkcs8Fingerprint
            Get-Content -LiteralPath $fixed -Raw | Should -BeExactly $pkcs8Text
        }

        It 'reports a -Path that does not exist as PrivateKeyPathInvalid' {
            $err = { Repair-ConnectorPrivateKey -Path $broken -OutFile $fixed -ErrorAction Stop } |
                Should -Throw -ErrorId 'PrivateKeyPathInvalid,CommerceConnector.Commands.RepairConnectorPrivateKeyCommand' -PassThru

            $err.TargetObject | Should -Be $broken
            Test-Path -LiteralPath $fixed | Should -BeFalse
        }
    }

    Context 'Private key material' {
        It 'never appears in any output, verbose or error record, nor in the registry, only in the -OutFile file' {
            $path = Join-Path $keyFolder 'prod.pem'

            $records = & {
                New-ConnectorApiKey -Environment Production -Name 'prod-2026' -OutFile $path -Verbose
                $secureKey = New-ConnectorApiKey -Environment Sandbox -Name 'ci' -AsSecureString -Verbose
                $secureKey
                $secureKey | Format-List -Property * -Force | Out-String -Width 4096
                $keys = Get-ConnectorApiKey -IncludeRevoked -Verbose
                $keys | Format-List -Property * -Force | Out-String -Width 4096
                $prod = $keys | Where-Object Name -EQ 'prod-2026'
                $pem = [System.IO.File]::ReadAllText($path)

                # The right key, and damaged copies of it given as text, never as another file.
                $result = Test-ConnectorApiKey -ApiKey $prod.Id -PrivateKeyPath $path -Verbose
                $result | Format-List -Property * -Force | Out-String -Width 4096
                $result.Checks | Format-List -Property * -Force | Out-String -Width 4096
                $damaged = Test-ConnectorApiKey -ApiKey $prod.Id -PrivateKey (ConvertTo-SecureText -Text $pem.Replace("`n", '\n')) -Environment Sandbox -Verbose
                $damaged.Checks | Format-List -Property * -Force | Out-String -Width 4096
                $repaired = Repair-ConnectorPrivateKey -Text (ConvertTo-SecureText -Text $pem.Replace("`n", "`r`n")) -AsSecureString -Verbose
                $repaired | Format-List -Property * -Force | Out-String -Width 4096

                # Failures whose messages are about this key.
                $truncated = ($pem -split "`n" | Select-Object -First 12) -join "`n"
                Repair-ConnectorPrivateKey -Text (ConvertTo-SecureText -Text $truncated) -AsSecureString -ErrorAction Continue
                Repair-ConnectorPrivateKey -Text (ConvertTo-SecureText -Text $pem) -OutFile $path -Verbose -ErrorAction Continue
                New-ConnectorApiKey -Environment Production -Name 'prod-2026' -OutFile $path -Force -ErrorAction Continue
                Revoke-ConnectorApiKey -Id $secureKey.Id -Confirm:$false -PassThru -Verbose
            } *>&1

            $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors | Should -HaveCount 3
            ($errors.FullyQualifiedErrorId -join ',') | Should -Be (@(
                    'PrivateKeyDamaged,CommerceConnector.Commands.RepairConnectorPrivateKeyCommand'
                    'PrivateKeyFileExists,CommerceConnector.Commands.RepairConnectorPrivateKeyCommand'
                    'ApiKeyNameExists,CommerceConnector.Commands.NewConnectorApiKeyCommand'
                ) -join ',')

            $seen = New-Object System.Text.StringBuilder
            $null = $seen.AppendLine(($records | Out-String -Width 4096))
            foreach ($record in $records) {
                if ($record -is [System.Management.Automation.ErrorRecord]) {
                    $null = $seen.AppendLine($record.ToString()).AppendLine($record.Exception.ToString()).AppendLine("$($record.TargetObject)")
                    $null = $seen.AppendLine("$($record.ErrorDetails)").AppendLine($record.FullyQualifiedErrorId)
                }
                elseif ($record -is [System.Management.Automation.InformationalRecord]) {
                    $null = $seen.AppendLine($record.Message)
                }
            }
            foreach ($file in Get-ChildItem -LiteralPath $registry -Recurse -File -Force) {
                $null = $seen.AppendLine([System.IO.File]::ReadAllText($file.FullName))
            }
            $text = $seen.ToString()
            # A leaked key would be wrapped at any column: search the captured text with every line break taken out.
            $flatText = $text -replace '\s', ''
            $registryText = [System.IO.File]::ReadAllText($registryFile)

            # What was captured really holds the streams: the key ids, the verbose messages, the errors' messages.
            $prodKey = Get-ConnectorApiKey -Name 'prod-2026'
            $ciKey = Get-ConnectorApiKey -Name 'ci' -IncludeRevoked
            $text | Should -Match $prodKey.Id
            $text | Should -Match $ciKey.Id
            $text | Should -Match 'It is not kept anywhere else'
            $text | Should -Match 'Fixed: the lines ended in CRLF'
            $text | Should -Match 'already exists'
            $text | Should -Match 'PrivateKeyDamaged'
            $registryText | Should -Match $prodKey.Fingerprint
            $registryText | Should -Not -Match 'PRIVATE KEY'

            $fileBody = Get-PemBody -Pem ([System.IO.File]::ReadAllText($path))
            $fileSlices = @(200, [int]($fileBody.Length / 2), ($fileBody.Length - 240)) | ForEach-Object { $fileBody.Substring($_, 40) }
            foreach ($slice in $fileSlices) {
                $slice.Length | Should -Be 40
                $flatText.Contains($slice) | Should -BeFalse -Because 'the private key saved to -OutFile must not show anywhere else'
            }
            $secureBody = Get-PemBody -Pem (ConvertTo-PlainText (@($records | Where-Object { $_ -is $apiKeyType -and $_.PrivateKey })[0].PrivateKey))
            $secureSlices = @(200, [int]($secureBody.Length / 2), ($secureBody.Length - 240)) | ForEach-Object { $secureBody.Substring($_, 40) }
            foreach ($slice in $secureSlices) {
                $flatText.Contains($slice) | Should -BeFalse -Because 'a private key returned as a SecureString must not show as text'
            }
        }
    }

    Context 'Help' {
        It 'Get-Help <Name> -Full shows the synopsis, description, parameters and examples of its page' -ForEach @(
            @{ Name = 'New-ConnectorApiKey' }
            @{ Name = 'Get-ConnectorApiKey' }
            @{ Name = 'Revoke-ConnectorApiKey' }
            @{ Name = 'Test-ConnectorApiKey' }
            @{ Name = 'Repair-ConnectorPrivateKey' }
        ) {
            $page = Join-Path $PSScriptRoot "../docs/en-US/$Name.md"
            $pageExamples = @([System.IO.File]::ReadAllLines($page) | Where-Object { $_ -match '^### Example \d+' })

            $help = Get-Help -Name $Name -Full

            $pageSynopsis = @(Get-MarkdownParagraph $page 'SYNOPSIS')
            $pageDescription = @(Get-MarkdownParagraph $page 'DESCRIPTION')
            (Join-HelpLine $help.Synopsis) | Should -BeExactly $pageSynopsis[0]
            # Get-Help ends the text of every paragraph but the last with a line break.
            $description = @($help.description | ForEach-Object { (Join-HelpLine $_.Text) })
            $description.Count | Should -BeGreaterThan 1
            $description[0] | Should -BeExactly $pageDescription[0]

            # The common parameters every cmdlet has and no help page lists (ProgressAction since PowerShell 7.4).
            $common = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable',
                'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable')
            $expected = @((Get-Command -Name $Name).Parameters.Keys | Where-Object { $common -notcontains $_ } | Sort-Object)
            $documented = @($help.parameters.parameter | ForEach-Object { $_.name } | Sort-Object)
            ($documented -join ',') | Should -Be ($expected -join ',')
            foreach ($parameter in $help.parameters.parameter) {
                (@($parameter.description | ForEach-Object { $_.Text }) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) needs a description"
            }

            $examples = @($help.examples.example)
            $examples.Count | Should -Be $pageExamples.Count
            $examples.Count | Should -BeGreaterOrEqual 2
            foreach ($example in $examples) {
                $example.code | Should -Match ([regex]::Escape($Name))
            }
        }
    }
}
