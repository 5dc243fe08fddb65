using System.Text.RegularExpressions;

namespace CommerceConnector.Core.Tests
{
    public sealed class ApiKeyPortalTests : IDisposable, IClassFixture<OpenSslKeys>
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
        private readonly TempFolder _temp = new TempFolder();
        private readonly OpenSslKeys _openssl;
        private readonly FileRegistryStore _store;
        private readonly AccountDirectory _accounts;
        private readonly ApiKeyPortal _portal;

        public ApiKeyPortalTests(OpenSslKeys openssl)
        {
            _openssl = openssl;
            _store = new FileRegistryStore(_temp.Combine("registry"));
            _accounts = new AccountDirectory(_store, () => Now);
            _portal = new ApiKeyPortal(_store, () => Now, id => id == "in-use" ? new[] { "luma-prod" } : Array.Empty<string>());
            _accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            _accounts.AddMember("MAG1", "dev@example.com", MemberRole.SharedAccess);
            _accounts.AddMember("MAG1", "si@partner.example", MemberRole.PartnerSigner);
        }

        public void Dispose() => _temp.Dispose();

        private string _captured;

        private Action Keep(GeneratedApiKey generated)
        {
            _captured = generated.PrivateKeyPem;
            return () => _captured = null;
        }

        [Fact]
        public void TheLicenceOwnerGeneratesAKeyWhosePrivateHalfLeavesOnceAndIsNeverStored()
        {
            var generated = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, " production-main ", 2048, Keep);
            var key = generated.Key;

            Assert.Matches(new Regex("^[0-9a-f]{32}$"), key.Id);
            Assert.Equal(("MAG1", "production-main", ApiKeyEnvironment.Production, Now, "owner@example.com", 2048, ApiKeyStatus.Active),
                (key.MageId, key.Name, key.Environment, key.CreatedAt, key.CreatedBy, key.KeySize, key.Status));
            Assert.Equal(generated.PrivateKeyPem, _captured);

            // The private key is clean PKCS#8 that openssl reads, and the fingerprint is openssl's.
            string path = _temp.Combine("k.pem");
            File.WriteAllText(path, _captured);
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", _captured);
            string opensslFingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(OpenSsl.RunBytes("pkey", "-in", path, "-pubout", "-outform", "DER"))).ToLowerInvariant();
            Assert.Equal(opensslFingerprint, key.Fingerprint);

            // The registry holds the public half only.
            string registry = File.ReadAllText(_store.DocumentPath);
            string body = string.Concat(_captured.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
            for (int i = 0; i + 16 <= body.Length; i += 16)
            {
                Assert.DoesNotContain(body.Substring(i, 16), registry);
            }
            Assert.DoesNotContain("PRIVATE KEY", registry);
            Assert.Equal(key.Id, Assert.Single(_portal.GetKeys("MAG1")).Id);
        }

        [Fact]
        public void APartnerSignerMayGenerateAndTheKeySizeIsHonoured()
        {
            var key = _portal.Generate("MAG1", "si@partner.example", ApiKeyEnvironment.Sandbox, "si-sandbox", 3072, Keep).Key;
            Assert.Equal((3072, ApiKeyEnvironment.Sandbox, "si@partner.example"), (key.KeySize, key.Environment, key.CreatedBy));
            Assert.Equal(3072, PrivateKeyText.ReadStrict(_captured).KeySize);
        }

        [Fact]
        public void SharedAccessCannotGenerateKeysEvenThoughItSeesTheOrganisation()
        {
            var error = Fails(ErrorIds.KeyGenerationNotAllowed, () => _portal.Generate("MAG1", "dev@example.com", ApiKeyEnvironment.Production, "x", 2048, Keep));

            Assert.Equal(ConnectorErrorCategory.PermissionDenied, error.Category);
            Assert.Equal("dev@example.com", error.Target);
            Assert.Contains("Shared Access", error.Message);
            Assert.Contains("licence owner", error.Message);
            Assert.Null(_captured);
            Assert.Empty(_store.Read().ApiKeys);
        }

        [Fact]
        public void ASuspendedAccountCannotGenerateKeys()
        {
            _accounts.SetAccount("MAG1", AccountStanding.Suspended, null);

            var error = Fails(ErrorIds.AccountNotInGoodStanding, () => _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "x", 2048, Keep));

            Assert.Equal("MAG1", error.Target);
            Assert.Contains("good standing", error.Message);
            Assert.Null(_captured);
        }

        [Fact]
        public void NamesAreUniquePerAccountAndEnvironmentAmongActiveKeys()
        {
            var first = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "main", 2048, Keep).Key;
            byte[] before = File.ReadAllBytes(_store.DocumentPath);

            var error = Fails(ErrorIds.ApiKeyNameExists, () => _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "MAIN", 2048, Keep));
            Assert.Equal("MAIN", error.Target);
            Assert.Contains(first.Id, error.Message);
            Assert.Equal(before, File.ReadAllBytes(_store.DocumentPath));

            _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Sandbox, "main", 2048, Keep);
            _portal.Revoke("MAG1", "owner@example.com", first.Id);
            var rotated = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "main", 2048, Keep).Key;
            Assert.NotEqual(first.Id, rotated.Id);
        }

        [Theory]
        [InlineData(1024)]
        [InlineData(2047)]
        [InlineData(8192)]
        public void OnlyOfferedKeySizesAreAccepted(int size)
        {
            Fails(ErrorIds.InvalidKeySize, () => _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "x", size, Keep));
        }

        [Fact]
        public void WithoutADestinationNoKeyIsMade()
        {
            Fails(ErrorIds.PrivateKeyDestinationRequired, () => _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "x", 2048, null));
            Assert.Empty(_store.Read().ApiKeys);
        }

        [Fact]
        public void WhenDeliveryFailsNothingIsRegistered()
        {
            Assert.Throws<IOException>(() => _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "x", 2048, _ => throw new IOException("disk full")));
            Assert.Empty(_store.Read().ApiKeys);
        }

        [Fact]
        public void WhenRegisteringFailsTheDeliveryIsUndone()
        {
            _store.FaultInjector = step =>
            {
                if (step == WriteStep.TempWritten)
                {
                    throw new IOException("registry disk full");
                }
            };

            Assert.ThrowsAny<Exception>(() => _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "x", 2048, Keep));

            Assert.Null(_captured);
            _store.FaultInjector = null;
            Assert.Empty(_store.Read().ApiKeys);
        }

        [Fact]
        public void GetFiltersByEnvironmentNameAndIdAndHidesRevokedUnlessAsked()
        {
            var prod = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod-a", 2048, Keep).Key;
            var sandbox = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Sandbox, "sandbox-a", 2048, Keep).Key;
            var old = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod-old", 2048, Keep).Key;
            _portal.Revoke("MAG1", "owner@example.com", old.Id);

            Assert.Equal(new[] { prod.Id, sandbox.Id }, _portal.GetKeys("MAG1").Select(k => k.Id));
            Assert.Equal(new[] { prod.Id, old.Id }, _portal.GetKeys("MAG1", ApiKeyEnvironment.Production, includeRevoked: true).Select(k => k.Id));
            Assert.Equal(new[] { prod.Id }, _portal.GetKeys("MAG1", namePattern: "prod*").Select(k => k.Id));
            Assert.Equal(new[] { old.Id }, _portal.GetKeys("MAG1", id: old.Id.ToUpperInvariant()).Select(k => k.Id));
            Assert.Empty(_portal.GetKeys("MAG1", namePattern: "nothing*"));
            Fails(ErrorIds.ApiKeyNotFound, () => _portal.GetKeys("MAG1", namePattern: "nothing"));
            Fails(ErrorIds.ApiKeyNotFound, () => _portal.GetKeys("MAG1", id: "00000000000000000000000000000000"));
            Assert.All(_portal.GetKeys("MAG1", includeRevoked: true), k => Assert.Null(k.PrivateKey));
            Assert.Equal(new[] { prod.Id }, _portal.GetKeysByName("MAG1", " PROD-A ").Select(k => k.Id));
            var literal = Fails(ErrorIds.ApiKeyNotFound, () => _portal.GetKeysByName("MAG1", "prod*"));
            Assert.Equal("prod*", literal.Target);
            Assert.Contains("'prod*'", literal.Message);
        }

        [Fact]
        public void RevokingMarksTheKeyAndOnlyOwnersMayDoIt()
        {
            var key = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, Keep).Key;

            Fails(ErrorIds.KeyRevocationNotAllowed, () => _portal.Revoke("MAG1", "dev@example.com", key.Id));
            var revoked = _portal.Revoke("MAG1", "si@partner.example", key.Id);

            Assert.Equal((ApiKeyStatus.Revoked, (DateTimeOffset?)Now, "si@partner.example"), (revoked.Key.Status, revoked.Key.RevokedAt, revoked.Key.RevokedBy));
            Assert.Empty(revoked.InstancesStillConfigured);
            Fails(ErrorIds.ApiKeyAlreadyRevoked, () => _portal.Revoke("MAG1", "owner@example.com", key.Id));
            Fails(ErrorIds.ApiKeyNotFound, () => _portal.Revoke("MAG1", "owner@example.com", "ffffffffffffffffffffffffffffffff"));
        }

        [Fact]
        public void TestPassesEveryCheckForTheRightPair()
        {
            var key = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, Keep).Key;

            var result = _portal.Test("MAG1", key.Id, _captured, ApiKeyEnvironment.Production);

            Assert.True(result.IsValid);
            Assert.Equal(new[] { "PemWellFormed", "Pkcs8Rsa", "KeySize", "MatchesApiKey", "KeyActive", "Environment" }, result.Checks.Select(c => c.Name));
            Assert.All(result.Checks, c => Assert.Equal(CheckVerdict.Passed, c.Verdict));
            Assert.Equal(key.Fingerprint, result.Fingerprint);
        }

        [Fact]
        public void ARevokedKeyFailsItsTest()
        {
            var key = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, Keep).Key;
            string pem = _captured;
            _portal.Revoke("MAG1", "owner@example.com", key.Id);

            var result = _portal.Test("MAG1", key.Id, pem, null);

            Assert.False(result.IsValid);
            var failure = Assert.Single(result.Failures);
            Assert.Equal(("KeyActive", CheckVerdict.Failed), (failure.Name, failure.Verdict));
            Assert.Contains("New-ConnectorApiKey", failure.Fix);
        }

        [Fact]
        public void AnotherPrivateKeyOrAnotherEnvironmentFailsWithAFix()
        {
            var key = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Sandbox, "sb", 2048, Keep).Key;

            var wrongKey = _portal.Test("MAG1", key.Id, _openssl.Other, null);
            var wrongEnvironment = _portal.Test("MAG1", key.Id, _captured, ApiKeyEnvironment.Production);

            Assert.Equal("MatchesApiKey", Assert.Single(wrongKey.Failures).Name);
            Assert.Contains(key.Fingerprint, Assert.Single(wrongKey.Failures).Message);
            var environment = Assert.Single(wrongEnvironment.Failures);
            Assert.Equal("Environment", environment.Name);
            Assert.Contains("a Production key is required", environment.Message);
        }

        [Fact]
        public void DamagedSmallOrUnreadableKeysAreReportedCheckByCheck()
        {
            var key = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, Keep).Key;

            var crlf = _portal.Test("MAG1", key.Id, _captured.Replace("\n", "\r\n"), null);
            Assert.Equal(new[] { "PemWellFormed" }, crlf.Failures.Select(c => c.Name));
            Assert.Contains("Repair-ConnectorPrivateKey", crlf.Failures.Single().Fix);

            var pkcs1 = _portal.Test("MAG1", key.Id, _openssl.Pkcs1, null);
            Assert.Equal(new[] { "PemWellFormed", "Pkcs8Rsa", "MatchesApiKey" }, pkcs1.Failures.Select(c => c.Name));

            var small = _portal.Test("MAG1", key.Id, _openssl.Small1024, null);
            Assert.Equal(new[] { "KeySize", "MatchesApiKey" }, small.Failures.Select(c => c.Name));

            var publicKey = _portal.Test("MAG1", key.Id, _openssl.PublicKey, null);
            // A skipped check is not a failure: only PemWellFormed failed; the checks it made impossible are Skipped.
            Assert.Equal(new[] { ("PemWellFormed", CheckVerdict.Failed) }, publicKey.Failures.Select(c => (c.Name, c.Verdict)));
            Assert.Equal(new[] { "Pkcs8Rsa", "KeySize", "MatchesApiKey" }, publicKey.Checks.Where(c => c.Verdict == CheckVerdict.Skipped).Select(c => c.Name));
            Assert.False(publicKey.IsValid);

            var unknown = _portal.Test("MAG1", "not-an-id", _captured, null);
            Assert.Equal(("MatchesApiKey", CheckVerdict.Failed), (unknown.Failures.First().Name, unknown.Failures.First().Verdict));
        }

        [Fact]
        public void NoMessageOfATestResultCarriesKeyMaterial()
        {
            var key = _portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, Keep).Key;
            var result = _portal.Test("MAG1", key.Id, _openssl.Pkcs8.Replace("\n", "\\n"), ApiKeyEnvironment.Sandbox);
            foreach (var check in result.Checks)
            {
                _openssl.AssertNoKeyMaterial(check.Message);
                _openssl.AssertNoKeyMaterial(check.Fix);
            }
        }
    }

    public sealed class PrivateKeyFileTests : IDisposable
    {
        private const string Pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        [SkippableUnixFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void TheFileIsOwnerOnlyAndHoldsExactlyThePem()
        {
            string path = _temp.Combine("key.pem");
            PrivateKeyFile.Write(path, Pem, force: false);

            Assert.Equal(Pem, File.ReadAllText(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Single(Directory.GetFileSystemEntries(_temp.Path));
        }

        [Fact]
        public void AnExistingFileIsNeverReplacedWithoutForce()
        {
            string path = _temp.Combine("key.pem");
            File.WriteAllText(path, "precious");

            var error = Assert.Throws<ConnectorException>(() => PrivateKeyFile.Write(path, Pem, force: false));

            Assert.Equal(ErrorIds.PrivateKeyFileExists, error.ErrorId);
            Assert.Equal(path, error.Target);
            Assert.Contains("-Force", error.Message);
            Assert.Equal("precious", File.ReadAllText(path));
            Assert.Single(Directory.GetFileSystemEntries(_temp.Path));

            PrivateKeyFile.Write(path, Pem, force: true);
            Assert.Equal(Pem, File.ReadAllText(path));
        }

        [Fact]
        public void TheUndoActionRemovesTheFile()
        {
            string path = _temp.Combine("key.pem");
            PrivateKeyFile.Write(path, Pem, force: false)();
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void AMissingFolderOrAFolderPathIsRefused()
        {
            Assert.Equal(ErrorIds.PrivateKeyPathInvalid, Assert.Throws<ConnectorException>(() => PrivateKeyFile.Write(_temp.Combine("no", "key.pem"), Pem, false)).ErrorId);
            Assert.Equal(ErrorIds.PrivateKeyPathInvalid, Assert.Throws<ConnectorException>(() => PrivateKeyFile.Write(_temp.Path, Pem, true)).ErrorId);
        }
    }
}
