using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Tests
{
    public sealed class StoreTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private string RegistryFolder => _temp.Combine("registry");

        private FileRegistryStore NewStore(TimeSpan? timeout = null) => new FileRegistryStore(RegistryFolder, timeout);

        private static CommerceAccount Account(string mageId) => new CommerceAccount
        {
            MageId = mageId,
            Name = mageId,
            Owner = "owner@example.com",
            Members = { new AccountMember { User = "owner@example.com", Role = MemberRole.LicenseOwner } },
        };

        [Fact]
        public void ReadOfAMissingRegistryIsEmptyAndCreatesNothing()
        {
            var document = NewStore().Read();

            Assert.Equal(RegistryDocument.CurrentSchemaVersion, document.SchemaVersion);
            Assert.Empty(document.Accounts);
            Assert.False(Directory.Exists(RegistryFolder));
        }

        [Fact]
        public void UpdateStoresTheChangeAndReturnsTheChangeResult()
        {
            var store = NewStore();

            int count = store.Update(d => { d.Accounts.Add(Account("MAG1")); return d.Accounts.Count; });

            Assert.Equal(1, count);
            var reread = new FileRegistryStore(RegistryFolder).Read();
            Assert.Equal("MAG1", Assert.Single(reread.Accounts).MageId);
            var json = JObject.Parse(File.ReadAllText(store.DocumentPath));
            Assert.Equal(1, (int)json["schemaVersion"]);
            Assert.Equal("LicenseOwner", (string)json["accounts"][0]["members"][0]["role"]);
        }

        [Fact]
        public void AChangeThatThrowsWritesNothing()
        {
            var store = NewStore();
            store.Update(d => { d.Accounts.Add(Account("MAG1")); return 0; });
            byte[] before = File.ReadAllBytes(store.DocumentPath);

            var error = Assert.Throws<InvalidOperationException>(() => store.Update<int>(d =>
            {
                d.Accounts.Add(Account("MAG2"));
                throw new InvalidOperationException("rule broken");
            }));

            Assert.Equal("rule broken", error.Message);
            Assert.Equal(before, File.ReadAllBytes(store.DocumentPath));
            Assert.Empty(Directory.GetFiles(RegistryFolder, "*.tmp"));
        }

        [SkippableUnixFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void FolderAndFilesAreOwnerOnly()
        {
            var store = NewStore();
            store.Update(d => { d.Accounts.Add(Account("MAG1")); return 0; });

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(RegistryFolder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.DocumentPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.LockPath));
        }

        [SkippableUnixFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void AFolderTheUserMadeIsRestrictedWhenItBecomesTheRegistry()
        {
            Directory.CreateDirectory(RegistryFolder);
            File.SetUnixFileMode(RegistryFolder, (UnixFileMode)Convert.ToInt32("755", 8));

            NewStore().Update(d => { d.Accounts.Add(Account("MAG1")); return 0; });

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(RegistryFolder));
        }

        public static IEnumerable<object[]> Steps() => Enum.GetNames(typeof(WriteStep)).Select(s => new object[] { s });

        [Theory]
        [MemberData(nameof(Steps))]
        public void AFailureAtAnyStepLeavesTheOldOrTheNewStateAndARegistryThatStillWorks(string step)
        {
            var failAt = Enum.Parse<WriteStep>(step);
            var store = NewStore();
            store.Update(d => { d.Accounts.Add(Account("MAG1")); return 0; });
            store.FaultInjector = step =>
            {
                if (step == failAt)
                {
                    throw new IOException("injected crash at " + step);
                }
            };

            var error = Assert.ThrowsAny<Exception>(() => store.Update(d => { d.Accounts.Add(Account("MAG2")); return 0; }));
            Assert.Contains("injected crash at " + failAt, error.ToString());

            var afterCrash = new FileRegistryStore(RegistryFolder).Read().Accounts.Select(a => a.MageId).ToArray();
            // Until the rename the old state stands; from the rename on, the new one.
            string[] expected = failAt == WriteStep.Replaced ? new[] { "MAG1", "MAG2" } : new[] { "MAG1" };
            Assert.Equal(expected, afterCrash);

            store.FaultInjector = null;
            store.Update(d => { d.Accounts.Add(Account("MAG3")); return 0; });
            Assert.Equal(expected.Concat(new[] { "MAG3" }), new FileRegistryStore(RegistryFolder).Read().Accounts.Select(a => a.MageId));
            Assert.Empty(Directory.GetFiles(RegistryFolder, "*.tmp"));
        }

        [Fact]
        public void ATempFileLeftByAKilledWriterIsIgnoredByReadersAndRemovedByTheNextWriter()
        {
            var store = NewStore();
            store.Update(d => { d.Accounts.Add(Account("MAG1")); return 0; });
            string leftover = Path.Combine(RegistryFolder, FileRegistryStore.DocumentFileName + ".deadbeef.tmp");
            File.WriteAllText(leftover, "{\"schemaVersion\": 1, \"accou");

            Assert.Equal("MAG1", Assert.Single(store.Read().Accounts).MageId);
            store.Update(d => { d.Accounts.Add(Account("MAG2")); return 0; });

            Assert.False(File.Exists(leftover));
            Assert.Equal(2, store.Read().Accounts.Count);
        }

        [Fact]
        public void EightThreadsTimesTwoHundredUpdatesLoseNothing()
        {
            var store = NewStore(TimeSpan.FromMinutes(2));
            const int threads = 8, perThread = 200;

            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                // Each thread has its own store object, as separate runspaces would.
                var mine = new FileRegistryStore(RegistryFolder, TimeSpan.FromMinutes(2));
                for (int i = 0; i < perThread; i++)
                {
                    mine.Update(d => { d.Accounts.Add(Account($"MAG{t + 1}{i:D4}")); return 0; });
                }
            });

            var ids = store.Read().Accounts.Select(a => a.MageId).ToList();
            Assert.Equal(threads * perThread, ids.Count);
            Assert.Equal(threads * perThread, ids.Distinct().Count());
        }

        [Fact]
        public void TwoProcessesTimesTwoHundredUpdatesLoseNothing()
        {
            string worker = Path.Combine(AppContext.BaseDirectory, "RegistryWorker.dll");
            Assert.True(File.Exists(worker), "the worker process is built next to the tests: " + worker);

            var processes = new[] { "1", "2" }.Select(prefix => Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { worker, RegistryFolder, prefix, "200" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })).ToList();
            foreach (var process in processes)
            {
                string output = process.StandardOutput.ReadToEnd();
                string errors = process.StandardError.ReadToEnd();
                Assert.True(process.WaitForExit(180_000), "worker did not finish");
                Assert.True(process.ExitCode == 0, errors);
                Assert.Equal("done 200", output.Trim());
            }

            var ids = NewStore().Read().Accounts.Select(a => a.MageId).ToList();
            Assert.Equal(400, ids.Count);
            Assert.Equal(200, ids.Count(id => id.StartsWith("MAG1", StringComparison.Ordinal)));
            Assert.Equal(200, ids.Count(id => id.StartsWith("MAG2", StringComparison.Ordinal)));
        }

        [Fact]
        public void AWriterThatCannotGetTheLockInTimeFailsWithRegistryLockedAndChangesNothing()
        {
            var store = NewStore(TimeSpan.FromMilliseconds(300));
            store.Update(d => { d.Accounts.Add(Account("MAG1")); return 0; });
            byte[] before = File.ReadAllBytes(store.DocumentPath);

            ConnectorException error;
            using (new FileStream(store.LockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                var watch = Stopwatch.StartNew();
                error = Assert.Throws<ConnectorException>(() => store.Update(d => { d.Accounts.Add(Account("MAG2")); return 0; }));
            }

            Assert.Equal(ErrorIds.RegistryLocked, error.ErrorId);
            Assert.Equal(ConnectorErrorCategory.ResourceBusy, error.Category);
            Assert.Equal(store.LockPath, error.Target);
            Assert.Equal(before, File.ReadAllBytes(store.DocumentPath));
            // Once the holder lets go, writing works again.
            store.Update(d => { d.Accounts.Add(Account("MAG2")); return 0; });
            Assert.Equal(2, store.Read().Accounts.Count);
        }

        [Fact]
        public void ReadersDoNotWaitForTheLock()
        {
            var store = NewStore(TimeSpan.FromMilliseconds(200));
            store.Update(d => { d.Accounts.Add(Account("MAG1")); return 0; });
            using (new FileStream(store.LockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                Assert.Equal("MAG1", Assert.Single(store.Read().Accounts).MageId);
            }
        }

        [Fact]
        public void AFileFromANewerSchemaIsRefusedAndLeftByteIdentical()
        {
            Directory.CreateDirectory(RegistryFolder);
            var store = NewStore();
            string text = "{\"schemaVersion\": 999, \"accounts\": [], \"galaxies\": {\"a\": 1}}";
            File.WriteAllText(store.DocumentPath, text);
            byte[] before = File.ReadAllBytes(store.DocumentPath);

            var onRead = Assert.Throws<ConnectorException>(() => store.Read());
            var onWrite = Assert.Throws<ConnectorException>(() => store.Update(d => { d.Accounts.Add(Account("MAG1")); return 0; }));

            foreach (var error in new[] { onRead, onWrite })
            {
                Assert.Equal(ErrorIds.RegistrySchemaTooNew, error.ErrorId);
                Assert.Equal(store.DocumentPath, error.Target);
                Assert.Contains("schema 999", error.Message);
                Assert.Contains("Update the CommerceConnector module", error.Message);
            }
            Assert.Equal(before, File.ReadAllBytes(store.DocumentPath));
        }

        public static IEnumerable<object[]> CorruptFiles() => new[]
        {
            new object[] { "", "not valid JSON" },
            new object[] { "{\"schemaVersion\": 1, \"accounts\": [", "not valid JSON" },
            new object[] { "\u0000\u0001garbage", "not valid JSON" },
            new object[] { "[1, 2, 3]", "not valid JSON" },
            new object[] { "{\"schemaVersion\": 1, \"accounts\": []} {\"schemaVersion\": 1}", "not valid JSON" },
            new object[] { "{\"accounts\": []}", "no integer 'schemaVersion'" },
            new object[] { "{\"schemaVersion\": \"1\", \"accounts\": []}", "no integer 'schemaVersion'" },
            new object[] { "{\"schemaVersion\": 0, \"accounts\": []}", "not a released schema" },
            new object[] { "{\"schemaVersion\": 1, \"accounts\": {\"mageId\": 5}}", "does not fit the registry schema" },
            new object[] { "{\"schemaVersion\": 1, \"accounts\": [{\"mageId\": \"MAG1\", \"edition\": \"Galactic\"}]}", "does not fit the registry schema" },
            new object[] { "{\"schemaVersion\": 1, \"accounts\": [{\"mageId\": \"MAG1\"}, {\"mageId\": \"mag1\"}]}", "appears twice" },
            new object[] { "{\"schemaVersion\": 1, \"accounts\": [null]}", "has no MageID" },
            new object[] { "{\"schemaVersion\": 1, \"accounts\": [{\"mageId\": \"MAG1\", \"members\": [{\"role\": \"SharedAccess\"}]}]}", "member without a user" },
        };

        [Theory]
        [MemberData(nameof(CorruptFiles))]
        public void ACorruptFileIsRefusedWithItsPathAndLeftByteIdentical(string content, string why)
        {
            Directory.CreateDirectory(RegistryFolder);
            var store = NewStore();
            File.WriteAllText(store.DocumentPath, content);
            byte[] before = File.ReadAllBytes(store.DocumentPath);

            var onRead = Assert.Throws<ConnectorException>(() => store.Read());
            var onWrite = Assert.Throws<ConnectorException>(() => store.Update(d => { d.Accounts.Add(Account("MAG9")); return 0; }));

            foreach (var error in new[] { onRead, onWrite })
            {
                Assert.Equal(ErrorIds.RegistryCorrupt, error.ErrorId);
                Assert.Equal(ConnectorErrorCategory.InvalidData, error.Category);
                Assert.Equal(store.DocumentPath, error.Target);
                Assert.Contains(store.DocumentPath, error.Message);
                Assert.Contains(why, error.Message);
                Assert.Contains("Restore it from a backup or move it aside", error.Message);
            }
            Assert.Equal(before, File.ReadAllBytes(store.DocumentPath));
        }

        [Fact]
        public void AnOlderSchemaIsMigratedForwardOnReadAndWrittenInTheNewSchemaOnUpdate()
        {
            // A hypothetical schema 2 that renamed "owner" to "ownerEmail" and back, to exercise the chain 1 -> 2 -> 3.
            var migrations = new[]
            {
                new RegistryMigration(1, root =>
                {
                    foreach (JObject account in root["accounts"])
                    {
                        account["ownerEmail"] = account["owner"];
                        account.Remove("owner");
                    }
                }),
                new RegistryMigration(2, root =>
                {
                    foreach (JObject account in root["accounts"])
                    {
                        account["owner"] = ((string)account["ownerEmail"]).ToLowerInvariant();
                        account.Remove("ownerEmail");
                    }
                }),
            };
            Directory.CreateDirectory(RegistryFolder);
            var store = new FileRegistryStore(RegistryFolder, null, 3, migrations);
            File.WriteAllText(store.DocumentPath, "{\"schemaVersion\": 1, \"accounts\": [{\"mageId\": \"MAG7\", \"owner\": \"Owner@Example.com\"}]}");

            var read = store.Read();
            Assert.Equal(3, read.SchemaVersion);
            Assert.Equal("owner@example.com", Assert.Single(read.Accounts).Owner);
            Assert.Contains("\"schemaVersion\": 1", File.ReadAllText(store.DocumentPath));

            store.Update(d => 0);
            var json = JObject.Parse(File.ReadAllText(store.DocumentPath));
            Assert.Equal(3, (int)json["schemaVersion"]);
            Assert.Equal("owner@example.com", (string)json["accounts"][0]["owner"]);
        }

        [Fact]
        public void AGapInTheMigrationChainIsReportedNotGuessed()
        {
            Directory.CreateDirectory(RegistryFolder);
            var store = new FileRegistryStore(RegistryFolder, null, 3, new[] { new RegistryMigration(2, _ => { }) });
            File.WriteAllText(store.DocumentPath, "{\"schemaVersion\": 1, \"accounts\": []}");

            var error = Assert.Throws<ConnectorException>(() => store.Read());

            Assert.Equal(ErrorIds.RegistryCorrupt, error.ErrorId);
            Assert.Contains("no migration leads from schema 1 to 3", error.Message);
        }

        [Fact]
        public void AnUnwritableFolderIsReportedAsRegistryPathInvalid()
        {
            string blocker = _temp.Combine("a-file");
            File.WriteAllText(blocker, "x");
            var store = new FileRegistryStore(Path.Combine(blocker, "registry"));

            var error = Assert.Throws<ConnectorException>(() => store.Update(d => 0));

            Assert.Equal(ErrorIds.RegistryPathInvalid, error.ErrorId);
            Assert.Equal(Path.Combine(blocker, "registry"), error.Target);
        }
    }

    /// <summary>A fact that runs only where Unix permissions exist.</summary>
    public sealed class SkippableUnixFactAttribute : FactAttribute
    {
        public SkippableUnixFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Unix permission bits do not exist on Windows.";
            }
        }
    }
}
