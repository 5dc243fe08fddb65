<#
Writes Fixtures/registry-landed.json through the registry store of a built module, with every stored field set
(and the optional ones both set and absent), so RegistryFileFormatTests can prove that a later build reads and writes
the landed file format unchanged. The committed fixture was written by the build of commit ac7421b (before the
storage records were split from the output objects). Only public key halves are in it; there is no private key.

    ./tests/CommerceConnector.Core.Tests/Fixtures/New-RegistryFixture.ps1 -Module ./out/CommerceConnector -PublicKeys pub1.b64,pub2.b64
    ./tests/CommerceConnector.Core.Tests/Fixtures/New-RegistryFixture.ps1 -Module ./out/CommerceConnector -PublicKeys pub1.b64,pub2.b64 -NoRotations -Destination ./tests/CommerceConnector.Core.Tests/Fixtures/registry-landed-norotations.json
(pub*.b64: base64 DER public keys, e.g. `openssl pkey -in k.pem -pubout -outform DER | base64 -w0`.)
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string[]] $PublicKeys,
    [string] $Destination = (Join-Path $PSScriptRoot 'registry-landed.json'),
    # Leaves out the key rotations (registry-landed-norotations.json): the field is then not written at all.
    [switch] $NoRotations
)
$ErrorActionPreference = 'Stop'
Add-Type -Path (Join-Path $Module 'Newtonsoft.Json.dll')
Add-Type -Path (Join-Path $Module 'CommerceConnector.Core.dll')

function Get-Spki([string] $path) {
    $b64 = (Get-Content -Raw $path).Trim()
    $der = [Convert]::FromBase64String($b64)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    [pscustomobject]@{ Base64 = $b64; Fingerprint = (-join ($sha.ComputeHash($der) | ForEach-Object { $_.ToString('x2') })) }
}
$k1 = Get-Spki $PublicKeys[0]
$k2 = Get-Spki $PublicKeys[1]
$t = [DateTimeOffset]::new(2026, 3, 14, 9, 26, 53, [TimeSpan]::Zero)

$folder = Join-Path ([IO.Path]::GetTempPath()) ("fixture-" + [guid]::NewGuid().ToString('N'))
$store = [CommerceConnector.Core.Storage.FileRegistryStore]::new($folder)
$null = $store.Update([Func[CommerceConnector.Core.Storage.RegistryDocument, object]] {
    param($d)
    $a = [CommerceConnector.Core.Accounts.CommerceAccount]@{ MageId = 'MAG123456789'; Name = 'Luma Retail'; Edition = 'AdobeCommerce'; Standing = 'Good'; Owner = 'owner@luma.example'; CreatedAt = $t }
    $a.Members.Add([CommerceConnector.Core.Accounts.AccountMember]@{ User = 'owner@luma.example'; Role = 'LicenseOwner'; AddedAt = $t })
    $a.Members.Add([CommerceConnector.Core.Accounts.AccountMember]@{ User = 'dev@agency.example'; Role = 'SharedAccess'; AddedAt = $t.AddDays(1) })
    $d.Accounts.Add($a)
    $b = [CommerceConnector.Core.Accounts.CommerceAccount]@{ MageId = 'MAG987654321'; Name = 'Integrator'; Edition = 'MagentoOpenSource'; Standing = 'Suspended'; Owner = 'signer@si.example'; CreatedAt = $t.AddHours(1) }
    $b.Members.Add([CommerceConnector.Core.Accounts.AccountMember]@{ User = 'signer@si.example'; Role = 'PartnerSigner'; AddedAt = $t.AddHours(1) })
    $d.Accounts.Add($b)

    $d.ApiKeys.Add([CommerceConnector.Core.Keys.ApiKey]@{ Id = '0123456789abcdef0123456789abcdef'; MageId = 'MAG123456789'; Name = 'old production key'; Environment = 'Production'; CreatedAt = $t; CreatedBy = 'owner@luma.example'; KeySize = 2048; Fingerprint = $k1.Fingerprint; PublicKey = $k1.Base64; Status = 'Revoked'; RevokedAt = $t.AddDays(30); RevokedBy = 'owner@luma.example'; Source = 'Generated' })
    $d.ApiKeys.Add([CommerceConnector.Core.Keys.ApiKey]@{ Id = 'fedcba9876543210fedcba9876543210'; MageId = 'MAG123456789'; Name = 'production key'; Environment = 'Production'; CreatedAt = $t.AddDays(30); CreatedBy = 'owner@luma.example'; KeySize = 4096; Fingerprint = $k2.Fingerprint; PublicKey = $k2.Base64; Status = 'Active'; Source = 'Generated' })
    $d.ApiKeys.Add([CommerceConnector.Core.Keys.ApiKey]@{ Id = 'Portal-Key É 1'; MageId = 'MAG123456789'; Environment = 'Sandbox'; CreatedAt = $t.AddMinutes(5); KeySize = 2048; Fingerprint = $k1.Fingerprint; PublicKey = $k1.Base64; Status = 'Active'; Source = 'Imported' })

    $d.Projects.Add([CommerceConnector.Core.Projects.SaaSProject]@{ ProjectId = '4c1e8e0c-2f43-4f0e-9d3a-6d1f2b7c8a90'; ProjectName = 'Luma "EU" <store>'; MageId = 'MAG123456789'; CreatedAt = $t; CreatedBy = 'owner@luma.example'; Source = 'Generated' })
    $d.Projects.Add([CommerceConnector.Core.Projects.SaaSProject]@{ ProjectId = 'b7a9d3e2-1111-4222-8333-944455566677'; ProjectName = 'adopted'; MageId = 'MAG123456789'; CreatedAt = $t.AddDays(2); Source = 'Adopted' })
    $ds = [CommerceConnector.Core.Projects.DataSpace]@{ DataSpaceId = '9f0a6b3c-aaaa-4bbb-8ccc-0123456789ab'; DataSpaceName = 'production'; Type = 'Production'; ProjectId = '4c1e8e0c-2f43-4f0e-9d3a-6d1f2b7c8a90'; MageId = 'MAG123456789'; CreatedAt = $t; ExportedItems = 1234; Source = 'Generated'; CloudId = 'abcdefghij123' }
    $d.DataSpaces.Add($ds)
    $ds2 = [CommerceConnector.Core.Projects.DataSpace]@{ DataSpaceId = '0e1d2c3b-4a59-4687-9786-a5b4c3d2e1f0'; DataSpaceName = 'testing 2'; Type = 'Testing'; ProjectId = '4c1e8e0c-2f43-4f0e-9d3a-6d1f2b7c8a90'; MageId = 'MAG123456789'; CreatedAt = $t.AddDays(3); SupportTicket = 'CS-4711'; Source = 'Registry' }
    $ds2.Cleanups.Add([CommerceConnector.Core.Projects.CleanupRequest]@{ RequestedAt = $t.AddDays(4); RequestedBy = 'dev@agency.example'; RemovedItems = 17 })
    $ds2.Cleanups.Add([CommerceConnector.Core.Projects.CleanupRequest]@{ RequestedAt = $t.AddDays(5).AddMilliseconds(123); RequestedBy = 'owner@luma.example'; RemovedItems = 0 })
    $d.DataSpaces.Add($ds2)

    $d.Instances.Add([CommerceConnector.Core.Instances.CommerceInstance]@{ Name = 'luma-prod'; MageId = 'MAG123456789'; Path = '/var/www/luma'; Role = 'Production'; BaseUrl = 'https://luma.example/'; RegisteredAt = $t; RegisteredBy = 'owner@luma.example'; AssignedDataSpaceId = '9f0a6b3c-aaaa-4bbb-8ccc-0123456789ab' })
    $d.Instances.Add([CommerceConnector.Core.Instances.CommerceInstance]@{ Name = 'luma-dev'; MageId = 'MAG123456789'; Path = 'C:\sites\luma dev'; Role = 'Development'; RegisteredAt = $t.AddDays(1); RegisteredBy = 'dev@agency.example' })
    $d.Instances.Add([CommerceConnector.Core.Instances.CommerceInstance]@{ Name = 'luma-int'; Path = '/srv/int'; Role = 'Integration'; RegisteredAt = $t.AddDays(1) })

    $r = [CommerceConnector.Core.Keys.KeyRotation]@{ Id = '5d6e7f80-1234-4abc-9def-0123456789ab'; MageId = 'MAG123456789'; Environment = 'Production'; OldApiKey = '0123456789abcdef0123456789abcdef'; NewApiKey = 'fedcba9876543210fedcba9876543210'; NewKeyFingerprint = $k2.Fingerprint; StartedAt = $t.AddDays(30); StartedBy = 'owner@luma.example'; Status = 'Completed'; CompletedAt = $t.AddDays(30).AddMinutes(2); OldKeyRevoked = $true }
    $r.Instances.Add([CommerceConnector.Core.Keys.RotatedInstance]@{ Name = 'luma-prod'; Path = '/var/www/luma'; State = 'Updated'; ChangedAt = $t.AddDays(30).AddMinutes(1) })
    $r.Instances.Add([CommerceConnector.Core.Keys.RotatedInstance]@{ Name = 'gone'; Path = '/var/www/gone'; State = 'Skipped'; Reason = "env.php no longer holds the old key`n(changed by hand)" })
    $d.KeyRotations.Add($r)
    $o = [CommerceConnector.Core.Keys.KeyRotation]@{ Id = '6e7f8091-2345-4bcd-8ef0-123456789abc'; MageId = 'MAG123456789'; Environment = 'Sandbox'; OldApiKey = 'Portal-Key É 1'; NewApiKey = 'fedcba9876543210fedcba9876543210'; NewKeyFingerprint = $k2.Fingerprint; StartedAt = $t.AddDays(31); StartedBy = 'owner@luma.example'; Status = 'Open' }
    $o.Instances.Add([CommerceConnector.Core.Keys.RotatedInstance]@{ Name = 'luma-dev'; Path = 'C:\sites\luma dev'; State = 'Failed'; Reason = 'access denied'; ChangedAt = $t.AddDays(31) })
    $o.Instances.Add([CommerceConnector.Core.Keys.RotatedInstance]@{ Name = 'luma-int'; Path = '/srv/int'; State = 'Pending' })
    $d.KeyRotations.Add($o)
    if ($NoRotations) { $d.KeyRotations.Clear() }
    $null
})
Copy-Item (Join-Path $folder 'registry.json') $Destination
Remove-Item -Recurse -Force $folder
