using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage.Records;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The registry file format is the landed one: registry.json files written by the build of commit ac7421b (made by
    /// Fixtures/New-RegistryFixture.ps1, every stored field set and the optional ones both set and absent) are read into
    /// the same values and written back byte for byte.
    /// </summary>
    public sealed class RegistryFileFormatTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private static byte[] Fixture(string name)
        {
            // The landed build wrote Environment.NewLine between lines; the fixture is committed with "\n".
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
            return new System.Text.UTF8Encoding(false).GetBytes(text.Replace("\r\n", "\n").Replace("\n", Environment.NewLine));
        }

        private FileRegistryStore StoreWith(byte[] bytes)
        {
            string folder = _temp.Combine("registry");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, FileRegistryStore.DocumentFileName), bytes);
            return new FileRegistryStore(folder);
        }

        [Theory]
        [InlineData("registry-landed.json")]
        [InlineData("registry-landed-norotations.json")]
        public void ALandedRegistryIsWrittenBackByteForByte(string fixture)
        {
            byte[] landed = Fixture(fixture);
            var store = StoreWith(landed);

            store.Update(document => 0);

            Assert.Equal(landed, File.ReadAllBytes(store.DocumentPath));
        }

        [Fact]
        public void ALandedRegistryReadsIntoTheSameValues()
        {
            var document = StoreWith(Fixture("registry-landed.json")).Read();

            Assert.Equal(1, document.SchemaVersion);
            Assert.Equal(new[] { "MAG123456789", "MAG987654321" }, document.Accounts.Select(a => a.MageId));
            var luma = document.Accounts[0];
            Assert.Equal(("Luma Retail", CommerceEdition.AdobeCommerce, AccountStanding.Good, "owner@luma.example"), (luma.Name, luma.Edition, luma.Standing, luma.Owner));
            Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero), luma.CreatedAt);
            Assert.Equal(new[] { "owner@luma.example|LicenseOwner|MAG123456789", "dev@agency.example|SharedAccess|MAG123456789" },
                luma.Members.Select(m => $"{m.User}|{m.Role}|{m.MageId}"));
            Assert.Equal(AccountStanding.Suspended, document.Accounts[1].Standing);
            Assert.Equal(MemberRole.PartnerSigner, document.Accounts[1].Members.Single().Role);

            Assert.Equal(3, document.ApiKeys.Count);
            var revoked = document.ApiKeys[0];
            Assert.Equal(ApiKeyStatus.Revoked, revoked.Status);
            Assert.Equal(new DateTimeOffset(2026, 4, 13, 9, 26, 53, TimeSpan.Zero), revoked.RevokedAt);
            Assert.Equal("owner@luma.example", revoked.RevokedBy);
            Assert.Equal(2048, revoked.KeySize);
            Assert.Equal(RecordSource.Generated, revoked.Source);
            var imported = document.ApiKeys[2];
            Assert.Equal(("Portal-Key É 1", ApiKeyEnvironment.Sandbox, RecordSource.Imported), (imported.Id, imported.Environment, imported.Source));
            Assert.Null(imported.Name);
            Assert.Null(imported.RevokedAt);
            Assert.Null(imported.UsedBy);

            Assert.Equal(new[] { "Luma \"EU\" <store>", "adopted" }, document.Projects.Select(p => p.ProjectName));
            Assert.Equal(RecordSource.Adopted, document.Projects[1].Source);
            Assert.Null(document.Projects[1].CreatedBy);
            var production = document.DataSpaces[0];
            Assert.Equal(("abcdefghij123", 1234, DataSpaceType.Production), (production.CloudId, production.ExportedItems, production.Type));
            Assert.Empty(production.Cleanups);
            var testing = document.DataSpaces[1];
            Assert.Equal(("CS-4711", RecordSource.Registry, (string)null), (testing.SupportTicket, testing.Source, testing.CloudId));
            Assert.Equal(new[] { "dev@agency.example|17", "owner@luma.example|0" }, testing.Cleanups.Select(c => $"{c.RequestedBy}|{c.RemovedItems}"));
            Assert.Equal(new DateTimeOffset(2026, 3, 19, 9, 26, 53, 123, TimeSpan.Zero), testing.LastCleanupAt);

            Assert.Equal(new[] { "luma-prod|Production|9f0a6b3c-aaaa-4bbb-8ccc-0123456789ab", "luma-dev|Development|", "luma-int|Integration|" },
                document.Instances.Select(i => $"{i.Name}|{i.Role}|{i.AssignedDataSpaceId}"));
            Assert.Equal("https://luma.example/", document.Instances[0].BaseUrl);
            Assert.Equal(@"C:\sites\luma dev", document.Instances[1].Path);
            Assert.Null(document.Instances[2].MageId);

            var completed = document.KeyRotations[0];
            Assert.Equal((KeyRotationStatus.Completed, true, 1, 0, 0), (completed.Status, completed.OldKeyRevoked, completed.Updated, completed.Failed, completed.Pending));
            Assert.Equal(new DateTimeOffset(2026, 4, 13, 9, 28, 53, TimeSpan.Zero), completed.CompletedAt);
            Assert.Equal("env.php no longer holds the old key\n(changed by hand)", completed.Instances[1].Reason);
            Assert.Equal(RotationState.Skipped, completed.Instances[1].State);
            var open = document.KeyRotations[1];
            Assert.Equal((KeyRotationStatus.Open, false, (DateTimeOffset?)null, ApiKeyEnvironment.Sandbox), (open.Status, open.OldKeyRevoked, open.CompletedAt, open.Environment));
            Assert.Equal(new[] { "luma-dev|Failed|access denied", "luma-int|Pending|" }, open.Instances.Select(i => $"{i.Name}|{i.State}|{i.Reason}"));
        }

        public sealed class Shown
        {
            public string Name { get; set; }

            public int Size { get; set; }

            public string Computed => Name + "!";
        }

        internal sealed class StoredName : IStorageRecord
        {
            public string Name { get; set; }
        }

        internal sealed class StoredWithoutCounterpart : IStorageRecord
        {
            public string Name { get; set; }

            public string Forgotten { get; set; }
        }

        internal sealed class StoredWithOtherType : IStorageRecord
        {
            public long Size { get; set; }
        }

        [Fact]
        public void TheCopierCopiesTheStoredPropertiesAndRefusesAStoredPropertyWithoutACounterpartOfTheSameType()
        {
            Assert.Equal("luma", RecordCopier.Copy<Shown, StoredName>(new Shown { Name = "luma", Size = 3 }).Name);
            var shown = RecordCopier.Copy<StoredName, Shown>(new StoredName { Name = "luma" });
            Assert.Equal(("luma", 0, "luma!"), (shown.Name, shown.Size, shown.Computed));
            Assert.Null(RecordCopier.Copy<StoredName, Shown>(null));
            Assert.Null(RecordCopier.CopyAll<StoredName, Shown>(null));
            Assert.Equal(new[] { "a", null }, RecordCopier.CopyAll<StoredName, Shown>(new System.Collections.Generic.List<StoredName> { new StoredName { Name = "a" }, null }).Select(s => s?.Name));

            var missing = Assert.IsType<InvalidOperationException>(Assert.ThrowsAny<TypeInitializationException>(() => RecordCopier.Copy<Shown, StoredWithoutCounterpart>(new Shown())).InnerException);
            Assert.Equal("StoredWithoutCounterpart.Forgotten has no readable and writable counterpart in Shown → StoredWithoutCounterpart.", missing.Message);
            var otherType = Assert.IsType<InvalidOperationException>(Assert.ThrowsAny<TypeInitializationException>(() => RecordCopier.Copy<StoredWithOtherType, Shown>(new StoredWithOtherType())).InnerException);
            Assert.Equal("StoredWithOtherType.Size (Int64) cannot be copied to Shown.Size (Int32).", otherType.Message);
        }

        [Fact]
        public void AChangeMadeThroughTheStoreKeepsTheRestOfTheLandedFileByteForByte()
        {
            byte[] landed = Fixture("registry-landed-norotations.json");
            var store = StoreWith(landed);

            store.Update(document => document.Instances.RemoveAll(i => i.Name == "luma-int"));
            store.Update(document =>
            {
                document.Instances.Add(new CommerceInstance { Name = "luma-int", Path = "/srv/int", Role = InstanceRole.Integration, RegisteredAt = new DateTimeOffset(2026, 3, 15, 9, 26, 53, TimeSpan.Zero) });
                return 0;
            });

            Assert.Equal(landed, File.ReadAllBytes(store.DocumentPath));
        }
    }
}
