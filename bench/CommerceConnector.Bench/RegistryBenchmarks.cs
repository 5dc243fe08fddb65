using System;
using System.Globalization;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Storage.Records;
using CommerceConnector.TestSupport;
using Newtonsoft.Json;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// The embedded registry (FileRegistryStore + AccountDirectory) at 1, 1,000 and 10,000 accounts of two members each,
    /// seeded by one Update; next to it the parts of its work done alone on the same registry.json bytes (baselines).
    /// Every call's result is checked, so a broken store stops the run instead of producing fast nonsense.
    /// </summary>
    public class RegistryBenchmarks
    {
        private TempFolder _folder;
        private FileRegistryStore _store;
        private AccountDirectory _directory;
        private byte[] _bytes;
        private string _text;
        private RegistryFile _parsed;
        private Random _random;
        private int _added;

        [Params(1, 1_000, 10_000)]
        public int Records { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _folder = new TempFolder("cc-bench-registry-");
            _store = new FileRegistryStore(_folder.Combine("registry"));
            _directory = new AccountDirectory(_store);
            _store.Update(document =>
            {
                for (int i = 0; i < Records; i++)
                {
                    string id = "MAG1" + i.ToString("D8", CultureInfo.InvariantCulture);
                    string owner = "owner" + i.ToString(CultureInfo.InvariantCulture) + "@example.com";
                    var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i);
                    document.Accounts.Add(new CommerceAccount
                    {
                        MageId = id, Name = "Benchmark merchant " + i, Edition = i % 3 == 0 ? CommerceEdition.MagentoOpenSource : CommerceEdition.AdobeCommerce,
                        Standing = AccountStanding.Good, Owner = owner, CreatedAt = created,
                        Members =
                        {
                            new AccountMember { MageId = id, User = owner, Role = MemberRole.LicenseOwner, AddedAt = created },
                            new AccountMember { MageId = id, User = "staff" + i + "@example.com", Role = MemberRole.SharedAccess, AddedAt = created.AddSeconds(30) },
                        },
                    });
                }
                return Records;
            });
            _bytes = File.ReadAllBytes(_store.DocumentPath);
            _text = new UTF8Encoding(false).GetString(_bytes);
            _parsed = JsonConvert.DeserializeObject<RegistryFile>(_text, FileRegistryStore.SerializerSettings);
            _random = new Random(7919 + Records);
            Console.WriteLine($"// registry.json with {Records:N0} accounts: {_bytes.Length / 1024.0:N0} KiB");
        }

        [GlobalCleanup]
        public void Cleanup() => _folder.Dispose();

        [Benchmark(Description = "read one: AccountDirectory.GetAccount (registry.json read and found byte for byte the one last read: its records copied into a new document, validated)")]
        public CommerceAccount ReadOne()
        {
            string id = "MAG1" + _random.Next(Records).ToString("D8", CultureInfo.InvariantCulture);
            CommerceAccount account = _directory.GetAccount(id);
            return account.MageId == id && account.Members.Count == 2 ? account : throw new InvalidOperationException($"GetAccount({id}) returned {account.MageId}");
        }

        [Benchmark(Description = "list all: AccountDirectory.GetAccounts (the same read, then sorted by MageID)")]
        public int ListAll() => Check(_directory.GetAccounts().Count, Records, "GetAccounts");

        [Benchmark(Description = "add one durable: AccountDirectory.NewAccount (lock, read, add, serialize all, temp file + fsync, rename), then an Update takes it out again")]
        public void AddOne()
        {
            string id = "MAG2" + (_added++).ToString("D8", CultureInfo.InvariantCulture);
            _directory.NewAccount(id, CommerceEdition.AdobeCommerce, "new" + _added + "@example.com");
            Check(_store.Update(document => document.Accounts.RemoveAll(a => a.MageId == id)), 1, "the account just added");
        }

        [Benchmark(Description = "baseline: read registry.json bytes only")]
        public int RawRead() => Check(File.ReadAllBytes(_store.DocumentPath).Length, _bytes.Length, "registry.json bytes");

        [Benchmark(Description = "baseline: parse the same JSON text into the store's records (what a read whose bytes changed costs), Newtonsoft only")]
        public int ParseOnly() => Check(JsonConvert.DeserializeObject<RegistryFile>(_text, FileRegistryStore.SerializerSettings).Accounts.Count, Records, "parsed accounts");

        [Benchmark(Description = "baseline: serialize the records, Newtonsoft only")]
        public int SerializeOnly() => Check(Encoding.UTF8.GetByteCount(JsonConvert.SerializeObject(_parsed, FileRegistryStore.SerializerSettings)), _bytes.Length, "serialized bytes");

        [Benchmark(Description = "baseline: write the same bytes + fsync + rename")]
        public void RawDurableWrite() => RawWrite(fsync: true);

        [Benchmark(Description = "baseline: write the same bytes + rename, no fsync")]
        public void RawWriteNoFsync() => RawWrite(fsync: false);

        internal static int Check(int actual, int expected, string what) =>
            actual == expected ? actual : throw new InvalidOperationException($"{what}: {actual}, not {expected}");

        private void RawWrite(bool fsync)
        {
            string target = _folder.Combine("baseline.json"), temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(_bytes, 0, _bytes.Length);
                stream.Flush(flushToDisk: fsync);
            }
            File.Move(temp, target, overwrite: true);
        }
    }
}
