using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage.Records;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The file store reuses the records of the registry.json it read or wrote last while the file's bytes are the same
    /// (KnownRegistryFile), and row changes are told by comparing records (RecordComparer): a reused read must give
    /// exactly what parsing the file gives, and any other bytes must be parsed. The store keeps one file per process, so
    /// these tests run alone: a test writing another registry at the same time would replace it and change the counts.
    /// </summary>
    [Collection(KnownRegistryFileCollection.Name)]
    public sealed class KnownRegistryFileTests : IDisposable
    {
        private static readonly DateTimeOffset Odd = new DateTimeOffset(2026, 12, 7, 18, 30, 15, TimeSpan.FromHours(2)).AddTicks(1234567);
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private FileRegistryStore Landed(string folder)
        {
            Directory.CreateDirectory(_temp.Combine(folder));
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "registry-landed.json"));
            File.WriteAllText(_temp.Combine(folder, FileRegistryStore.DocumentFileName), text);
            return new FileRegistryStore(_temp.Combine(folder));
        }

        /// <summary>Every value of a document, times to the tick and with their offsets.</summary>
        private static string Values(RegistryDocument document) => JsonConvert.SerializeObject(document, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

        private static void AddOddValues(RegistryDocument document)
        {
            document.Instances.Add(new CommerceInstance
            {
                Name = "lüma \"quoted\" ✓", MageId = document.Accounts[0].MageId, Path = "/srv/odd\\path", Role = InstanceRole.Staging,
                RegisteredAt = Odd, RegisteredBy = "owner@example.com", DatabaseAccess = DatabaseAccess.Off,
            });
            document.DataSpaces[0].Cleanups.Add(new CleanupRequest { RequestedAt = Odd, RequestedBy = "ops@example.com", RemovedItems = 7 });
        }

        [Fact]
        public void AReadOfWhatTheStoreWroteGivesWhatParsingTheWrittenBytesGives()
        {
            var store = Landed("a");
            store.Update(document =>
            {
                AddOddValues(document);
                return 0;
            });

            int parses = FileRegistryStore.ParsesOnThisThread;
            string reused = Values(store.Read());
            Assert.Equal(parses, FileRegistryStore.ParsesOnThisThread);

            Directory.CreateDirectory(_temp.Combine("b"));
            File.Copy(store.DocumentPath, _temp.Combine("b", FileRegistryStore.DocumentFileName));
            string parsed = Values(new FileRegistryStore(_temp.Combine("b")).Read());
            Assert.Equal(parses + 1, FileRegistryStore.ParsesOnThisThread);

            Assert.Equal(parsed, reused);
            Assert.Contains("2026-12-07T18:30:15.1234567+02:00", reused);
            Assert.Contains("lüma \\\"quoted\\\" ✓", reused);
        }

        [Fact]
        public void ARegistryReadTwiceIsParsedOnceAndEachReadIsANewDocument()
        {
            var store = Landed("a");
            int parses = FileRegistryStore.ParsesOnThisThread;

            var first = store.Read();
            first.Instances.Clear();
            var second = store.Read();

            Assert.Equal(parses + 1, FileRegistryStore.ParsesOnThisThread);
            Assert.NotEmpty(second.Instances);
            Assert.Equal(Values(Landed("b").Read()), Values(second));
        }

        [Fact]
        public void AFileChangedBehindTheStoresBackIsParsedAgainEvenAtTheSameLengthAndTime()
        {
            var store = Landed("a");
            store.Update(document => 0);
            var written = File.GetLastWriteTimeUtc(store.DocumentPath);
            string text = File.ReadAllText(store.DocumentPath);
            Assert.Contains("\"luma-int\"", text);

            File.WriteAllText(store.DocumentPath, text.Replace("\"luma-int\"", "\"luma-xyz\""));
            File.SetLastWriteTimeUtc(store.DocumentPath, written);
            int parses = FileRegistryStore.ParsesOnThisThread;

            var names = store.Read().Instances.Select(i => i.Name).ToList();

            Assert.Equal(parses + 1, FileRegistryStore.ParsesOnThisThread);
            Assert.Contains("luma-xyz", names);
            Assert.DoesNotContain("luma-int", names);
        }

        [Fact]
        public void AFileTornBehindTheStoresBackIsRefusedNotServedFromMemory()
        {
            var store = Landed("a");
            store.Update(document => 0);
            byte[] bytes = File.ReadAllBytes(store.DocumentPath);
            bytes[bytes.Length / 2] = (byte)'{';
            File.WriteAllBytes(store.DocumentPath, bytes);

            var refused = Assert.Throws<ConnectorException>(() => store.Read());

            Assert.Equal(ErrorIds.RegistryCorrupt, refused.ErrorId);
        }

        [Fact]
        public void RecordsCompareByEveryStoredValueTimesToTheMicrosecond()
        {
            var instance = new InstanceRecord { Name = "shop", MageId = "MAG1", Path = "/srv/shop", RegisteredAt = Odd, RegisteredBy = "a@example.com" };
            Assert.True(RecordComparer.Equal(instance, RecordCopier.Copy<InstanceRecord, InstanceRecord>(instance)));
            foreach (Action<InstanceRecord> change in new Action<InstanceRecord>[]
            {
                r => r.Name = "Shop", r => r.Path = "/srv/shop/", r => r.Role = InstanceRole.Staging, r => r.BaseUrl = "https://shop.example.com",
                r => r.RegisteredAt = Odd.AddTicks(10), r => r.RegisteredBy = null!, r => r.AssignedDataSpaceId = "ds-1", r => r.DatabaseAccess = DatabaseAccess.Off,
            })
            {
                var changed = RecordCopier.Copy<InstanceRecord, InstanceRecord>(instance);
                change(changed);
                Assert.False(RecordComparer.Equal(instance, changed));
            }
            var subMicrosecond = RecordCopier.Copy<InstanceRecord, InstanceRecord>(instance);
            subMicrosecond.RegisteredAt = Odd.AddTicks(-7).ToUniversalTime();
            Assert.True(RecordComparer.Equal(instance, subMicrosecond));

            var rotation = new KeyRotationRecord { Id = "r1", Instances = new List<RotatedInstanceRecord> { new RotatedInstanceRecord { Name = "shop", Path = "/srv/shop" } } };
            var same = RecordCopier.Copy<KeyRotationRecord, KeyRotationRecord>(rotation);
            same.Instances = new List<RotatedInstanceRecord> { new RotatedInstanceRecord { Name = "shop", Path = "/srv/shop" } };
            Assert.True(RecordComparer.Equal(rotation, same));
            same.Instances[0].State = RotationState.Updated;
            Assert.False(RecordComparer.Equal(rotation, same));
            same.Instances = new List<RotatedInstanceRecord>();
            Assert.False(RecordComparer.Equal(rotation, same));
            Assert.False(RecordComparer.Equal(rotation, null));
            Assert.Throws<ArgumentException>(() => RecordComparer.Equal("text", "text!"));
        }

        [Fact]
        public void ADiffNamesEachRowTheChangeTouchedAndNoOther()
        {
            var store = Landed("a");
            var before = store.Read();
            var snapshot = RegistrySnapshot.Take(before);
            var removed = before.Instances.Single(i => i.Name == "luma-int");

            before.Instances.Remove(removed);
            before.Instances[0].AssignedDataSpaceId = null;
            before.Instances[0].Connector = null;
            before.Accounts[0].Members[0].Role = MemberRole.SharedAccess;
            var changes = snapshot.Diff(before);

            Assert.Equal(new[]
            {
                $"Changed Member {before.Accounts[0].MageId}/{before.Accounts[0].Members[0].User}",
                $"Changed Instance {before.Instances[0].MageId}/{before.Instances[0].Name}",
                $"Removed Instance {removed.MageId}/luma-int",
            }, changes.Select(c => c.ToString()));
            var gone = changes.Single(c => c.Action == RegistryRowAction.Removed);
            Assert.Equal(new[] { $"{removed.MageId}", "luma-int" }, gone.KeyParts);
            Assert.Equal(removed.Path, Assert.IsType<CommerceInstance>(gone.Row).Path);
        }

        [Fact]
        public void WritesThatKeepUnchangedRecordsTextsAreByteForByteWhatNewtonsoftWrites()
        {
            var store = Landed("a");
            var changes = new (string What, Action<RegistryDocument> Change, int? Serialized)[]
            {
                ("nothing (the first write serializes every record)", d => { }, null),
                ("nothing again", d => { }, 0),
                ("one instance's data space", d => d.Instances[1].AssignedDataSpaceId = "ds-1", 1),
                ("odd values", AddOddValues, 2),
                ("a member of the first account", d => d.Accounts[0].Members.Add(new AccountMember { User = "new@example.com", Role = MemberRole.SharedAccess, AddedAt = Odd }), 1),
                ("the first instance removed (the others move up a place)", d => d.Instances.RemoveAt(0), null),
                ("an instance put first", d => d.Instances.Insert(0, new CommerceInstance { Name = "first", MageId = d.Accounts[0].MageId, Path = "/srv/first", RegisteredAt = Odd, RegisteredBy = "a@example.com" }), null),
                ("a text with a line break and a tab", d => d.Projects[0].ProjectName = "line one\nline two\tend", 1),
                ("every key rotation removed (the list is then left out)", d => d.KeyRotations.Clear(), 0),
                ("a key rotation", d => d.KeyRotations.Add(new KeyRotation { Id = "r-9", MageId = d.Accounts[0].MageId, Instances = { new RotatedInstance { Name = "x", Path = "/srv/x" } } }), 1),
            };
            foreach (var (what, change, serialized) in changes)
            {
                int before = RegistryFileText.SerializedOnThisThread;
                store.Update(document =>
                {
                    change(document);
                    return 0;
                });
                string written = File.ReadAllText(store.DocumentPath);
                var records = JsonConvert.DeserializeObject<RegistryFile>(written, FileRegistryStore.SerializerSettings);
                Assert.True(JsonConvert.SerializeObject(records, FileRegistryStore.SerializerSettings) == written, "after " + what);
                if (serialized != null)
                {
                    Assert.True(serialized == RegistryFileText.SerializedOnThisThread - before, $"after {what}: {RegistryFileText.SerializedOnThisThread - before} records serialized");
                }
            }
        }
    }

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class KnownRegistryFileCollection
    {
        public const string Name = "the process's known registry file";
    }
}
