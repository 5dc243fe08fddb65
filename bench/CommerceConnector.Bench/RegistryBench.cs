using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Bench
{
    /// <summary>How many runs each measurement gets.</summary>
    internal sealed class Plan
    {
        /// <summary>A time budget never cuts a measurement below this many timed runs.</summary>
        public const int MinimumRepeats = 5;

        private readonly int _smallReads;
        private readonly int _largeReads;
        private readonly int _smallWrites;
        private readonly int _largeWrites;

        private Plan(string name, int jitRounds, int warmUp, TimeSpan budget, int smallReads, int largeReads, int smallWrites, int largeWrites)
        {
            Name = name;
            JitRounds = jitRounds;
            WarmUp = warmUp;
            Budget = budget;
            _smallReads = smallReads;
            _largeReads = largeReads;
            _smallWrites = smallWrites;
            _largeWrites = largeWrites;
        }

        public static Plan Normal { get; } = new Plan("normal", jitRounds: 3, warmUp: 5, budget: TimeSpan.FromSeconds(8), smallReads: 300, largeReads: 150, smallWrites: 150, largeWrites: 60);

        public static Plan Quick { get; } = new Plan("quick", jitRounds: 2, warmUp: 1, budget: TimeSpan.FromSeconds(4), smallReads: 30, largeReads: 10, smallWrites: 15, largeWrites: 8);

        /// <summary>One round of the untimed JIT warm-up that runs before anything is measured.</summary>
        public static Plan JitWarmUp { get; } = new Plan("JIT warm-up", jitRounds: 0, warmUp: 0, budget: TimeSpan.FromSeconds(2), smallReads: 40, largeReads: 40, smallWrites: 15, largeWrites: 15);

        public string Name { get; }

        /// <summary>Rounds of <see cref="JitWarmUp"/> before the measurements.</summary>
        public int JitRounds { get; }

        /// <summary>Untimed runs before the timed ones, per measurement.</summary>
        public int WarmUp { get; }

        /// <summary>The timed runs of one measurement stop once they took this long (after <see cref="MinimumRepeats"/>).</summary>
        public TimeSpan Budget { get; }

        public int Reads(int records) => records <= 1_000 ? _smallReads : _largeReads;

        public int Writes(int records) => records <= 1_000 ? _smallWrites : _largeWrites;
    }

    /// <summary>Facts about one registry size that are measured once.</summary>
    internal sealed class SeedInfo
    {
        public int Records { get; set; }

        public long DocumentBytes { get; set; }

        public double SeedMilliseconds { get; set; }
    }

    /// <summary>Everything one run measured.</summary>
    internal sealed class BenchResult
    {
        public List<Sample> Store { get; } = new List<Sample>();

        public List<Sample> Baselines { get; } = new List<Sample>();

        public List<SeedInfo> Seeds { get; } = new List<SeedInfo>();
    }

    /// <summary>
    /// Seeds a registry of a given size in a folder of its own and times the store operations on it. Every timed
    /// call's result is checked (right account, right count), so a broken store stops the run instead of producing
    /// fast nonsense. No timing is ever asserted.
    /// </summary>
    internal sealed class RegistryBench
    {
        public const string ReadOne = "read one (GetAccount)";
        public const string ListAll = "list all (GetAccounts)";
        public const string AddOne = "add one durable (NewAccount)";
        public const string RawRead = "read registry.json bytes only";
        public const string ParseOnly = "parse the same JSON text, Newtonsoft only";
        public const string SerializeOnly = "serialize the document, Newtonsoft only";
        public const string RawDurableWrite = "write same bytes + fsync + rename";
        public const string RawWrite = "write same bytes + rename, no fsync";

        /// <summary>The registry size of the JIT warm-up rounds.</summary>
        public const int JitWarmUpRecords = 1_000;

        private static readonly DateTimeOffset SeedTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private readonly Func<bool> _cancelled;
        private readonly TextWriter _log;
        private Plan _plan;
        private bool _quiet;

        public RegistryBench(Plan plan, Func<bool> cancelled, TextWriter log)
        {
            _plan = plan;
            _cancelled = cancelled;
            _log = log;
        }

        /// <summary>
        /// Runs every measured code path a few times on a 1,000-record registry, untimed, with pauses in between, so
        /// that the tiered JIT has compiled the store, Newtonsoft.Json and the file APIs with full optimisation before
        /// the first timed run (a few warm-up runs per row alone leave the first rows on unoptimised code).
        /// </summary>
        public void WarmUpJit(string parentFolder)
        {
            Plan measured = _plan;
            _plan = Plan.JitWarmUp;
            _quiet = true;
            try
            {
                for (int round = 0; round < measured.JitRounds; round++)
                {
                    string folder = Path.Combine(parentFolder, "jit-warm-up-" + round.ToString(CultureInfo.InvariantCulture));
                    try
                    {
                        Run(JitWarmUpRecords, folder, new BenchResult());
                    }
                    finally
                    {
                        if (Directory.Exists(folder))
                        {
                            Directory.Delete(folder, recursive: true);
                        }
                    }
                    // Tier-up happens on a background thread once call counting has seen enough calls; give it time.
                    Thread.Sleep(250);
                }
            }
            finally
            {
                _plan = measured;
                _quiet = false;
            }
            _log.WriteLine($"JIT warm-up: {measured.JitRounds} untimed rounds on a {JitWarmUpRecords:N0}-record registry");
        }

        /// <summary>The MageID of seeded account <paramref name="index"/> (MAG1 + 8 digits).</summary>
        public static string SeedMageId(int index) => "MAG1" + index.ToString("D8", CultureInfo.InvariantCulture);

        /// <summary>The MageID of the <paramref name="index"/>th account added by the write measurement (MAG2 + 8 digits).</summary>
        public static string AddedMageId(int index) => "MAG2" + index.ToString("D8", CultureInfo.InvariantCulture);

        /// <summary>Measures one registry size in <paramref name="folder"/> (which must not exist yet) and adds to <paramref name="result"/>.</summary>
        public void Run(int records, string folder, BenchResult result)
        {
            var store = new FileRegistryStore(folder);
            var directory = new AccountDirectory(store);

            var seed = new SeedInfo { Records = records };
            long start = Stopwatch.GetTimestamp();
            Seed(store, records);
            seed.SeedMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            seed.DocumentBytes = new FileInfo(store.DocumentPath).Length;
            result.Seeds.Add(seed);
            Log($"[{records}] seeded in {seed.SeedMilliseconds:F0} ms, registry.json {seed.DocumentBytes:N0} bytes");

            int listed = directory.GetAccounts().Count;
            Check(listed == records, $"the seeded registry lists {listed} accounts, not {records}");

            var random = new Random(7919 + records);
            result.Store.Add(Measure(ReadOne, records, _plan.Reads(records), () =>
            {
                string id = SeedMageId(random.Next(records));
                long t = Stopwatch.GetTimestamp();
                CommerceAccount account = directory.GetAccount(id);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(account.MageId == id && account.Members.Count == 2, $"GetAccount({id}) returned {account.MageId} with {account.Members.Count} members");
                return elapsed;
            }));

            result.Store.Add(Measure(ListAll, records, _plan.Reads(records), () =>
            {
                long t = Stopwatch.GetTimestamp();
                IReadOnlyList<CommerceAccount> all = directory.GetAccounts();
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(all.Count == records, $"GetAccounts() returned {all.Count} accounts, not {records}");
                return elapsed;
            }));

            byte[] bytes = File.ReadAllBytes(store.DocumentPath);
            result.Baselines.Add(Measure(RawRead, records, _plan.Reads(records), () =>
            {
                long t = Stopwatch.GetTimestamp();
                byte[] read = File.ReadAllBytes(store.DocumentPath);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(read.Length == bytes.Length, $"registry.json has {read.Length} bytes, not {bytes.Length}");
                return elapsed;
            }));

            string text = new UTF8Encoding(false).GetString(bytes);
            RegistryDocument parsed = null;
            result.Baselines.Add(Measure(ParseOnly, records, _plan.Reads(records), () =>
            {
                long t = Stopwatch.GetTimestamp();
                parsed = RegistryFileFormat.Read(new StringReader(text));
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(parsed.Accounts.Count == records, $"the parsed text holds {parsed.Accounts.Count} accounts, not {records}");
                return elapsed;
            }));

            var buffer = new MemoryStream(bytes.Length + 4096);
            result.Baselines.Add(Measure(SerializeOnly, records, _plan.Writes(records), () =>
            {
                buffer.SetLength(0);
                long t = Stopwatch.GetTimestamp();
                using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 65536, leaveOpen: true))
                {
                    RegistryFileFormat.Write(parsed, writer);
                }
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(buffer.Length == bytes.Length, $"the serialized document has {buffer.Length} bytes, registry.json {bytes.Length}");
                return elapsed;
            }));

            string target = Path.Combine(folder, "baseline.json");
            result.Baselines.Add(Measure(RawDurableWrite, records, _plan.Writes(records), () => TimeRawWrite(bytes, target, fsync: true)));
            result.Baselines.Add(Measure(RawWrite, records, _plan.Writes(records), () => TimeRawWrite(bytes, target, fsync: false)));
            Check(new FileInfo(target).Length == bytes.Length, "the baseline file does not hold the bytes written");
            File.Delete(target);

            int added = 0;
            Sample add = Measure(AddOne, records, _plan.Writes(records), () =>
            {
                string id = AddedMageId(added);
                string owner = "new" + added.ToString(CultureInfo.InvariantCulture) + "@example.com";
                long t = Stopwatch.GetTimestamp();
                CommerceAccount account = directory.NewAccount(id, CommerceEdition.AdobeCommerce, owner);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                added++;
                Check(account.MageId == id, $"NewAccount({id}) returned {account.MageId}");
                // Untimed: take the account out again, so that every run adds to a registry of exactly `records` accounts.
                int removed = store.Update(document => document.Accounts.RemoveAll(a => a.MageId == id));
                Check(removed == 1, $"the account {id} just added was found {removed} times");
                return elapsed;
            });
            result.Store.Add(add);

            int after = directory.GetAccounts().Count;
            Check(after == records && added == _plan.WarmUp + add.Repeats, $"after {added} additions and removals the registry lists {after} accounts, not {records}");
        }

        /// <summary>Adds <paramref name="records"/> accounts with two members each in a single locked, durable update.</summary>
        private static void Seed(FileRegistryStore store, int records)
        {
            store.Update(document =>
            {
                document.Accounts.Capacity = document.Accounts.Count + records;
                for (int i = 0; i < records; i++)
                {
                    string id = SeedMageId(i);
                    string owner = "owner" + i.ToString(CultureInfo.InvariantCulture) + "@example.com";
                    DateTimeOffset created = SeedTime.AddMinutes(i);
                    document.Accounts.Add(new CommerceAccount
                    {
                        MageId = id,
                        Name = "Benchmark merchant " + i.ToString(CultureInfo.InvariantCulture),
                        Edition = i % 3 == 0 ? CommerceEdition.MagentoOpenSource : CommerceEdition.AdobeCommerce,
                        Standing = AccountStanding.Good,
                        Owner = owner,
                        CreatedAt = created,
                        Members =
                        {
                            new AccountMember { MageId = id, User = owner, Role = MemberRole.LicenseOwner, AddedAt = created },
                            new AccountMember { MageId = id, User = "staff" + i.ToString(CultureInfo.InvariantCulture) + "@example.com", Role = MemberRole.SharedAccess, AddedAt = created.AddSeconds(30) },
                        },
                    });
                }
                return records;
            });
        }

        /// <summary>The store's write path without JSON and lock: new temp file, write, optional fsync, rename over.</summary>
        private static TimeSpan TimeRawWrite(byte[] bytes, string target, bool fsync)
        {
            string temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            long t = Stopwatch.GetTimestamp();
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: fsync);
            }
            File.Move(temp, target, overwrite: true);
            return Stopwatch.GetElapsedTime(t);
        }

        /// <summary>Runs <paramref name="timedRun"/> untimed for the warm-up, then up to <paramref name="repeats"/> times.</summary>
        private Sample Measure(string operation, int records, int repeats, Func<TimeSpan> timedRun)
        {
            for (int i = 0; i < _plan.WarmUp; i++)
            {
                ThrowIfCancelled();
                timedRun();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var timings = new List<double>(repeats);
            bool stoppedByBudget = false;
            long started = Stopwatch.GetTimestamp();
            for (int i = 0; i < repeats; i++)
            {
                ThrowIfCancelled();
                timings.Add(timedRun().TotalMilliseconds);
                if (timings.Count >= Plan.MinimumRepeats && timings.Count < repeats && Stopwatch.GetElapsedTime(started) >= _plan.Budget)
                {
                    stoppedByBudget = true;
                    break;
                }
            }

            var sample = new Sample(operation, records, timings, stoppedByBudget);
            Log(string.Format(CultureInfo.InvariantCulture, "[{0}] {1}: {2} repeats{3}, median {4} ms, p95 {5} ms",
                records, operation, sample.Repeats, stoppedByBudget ? " (time budget)" : string.Empty,
                Report.Ms(sample.Median), Report.Ms(sample.P95)));
            return sample;
        }

        private void Log(string line)
        {
            if (!_quiet)
            {
                _log.WriteLine(line);
            }
        }

        private void ThrowIfCancelled()
        {
            if (_cancelled())
            {
                throw new OperationCanceledException("The benchmark was cancelled.");
            }
        }

        private static void Check(bool condition, string problem)
        {
            if (!condition)
            {
                throw new InvalidOperationException("The registry misbehaved: " + problem + ".");
            }
        }
    }
}
