using CommerceConnector.Core.Database;
using CommerceConnector.Core.Instances;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// Reads what the Admin's "Data Feed Sync Status" page shows, from the store's database, read-only: per feed the
    /// counts by status, the changelog backlog, the indexer and the locks; and the items behind a count.
    /// </summary>
    public sealed partial class DataExportMonitor
    {
        /// <summary>A changelog backlog over this many entities is a warning sign.</summary>
        public const int BacklogThreshold = 1000;

        private readonly DatabaseLogin _login;

        public DataExportMonitor(DatabaseLogin? login = null)
        {
            _login = login ?? new DatabaseLogin();
        }

        /// <summary>The feeds whose names match any of <paramref name="patterns"/> (wildcards); all when none is given.</summary>
        public static IReadOnlyList<DataExportFeed> Feeds(IReadOnlyList<string>? patterns)
        {
            if (patterns == null || patterns.Count == 0)
            {
                return DataExportFeed.All;
            }
            var matchers = patterns.Select(Text.Wildcard.Matcher).ToList();
            var feeds = DataExportFeed.All.Where(f => matchers.Any(m => m(f.Name))).ToList();
            if (feeds.Count == 0)
            {
                throw new ConnectorException(ErrorIds.DataExportFeedNotFound, ConnectorErrorCategory.ObjectNotFound, string.Join(", ", patterns),
                    $"No data export feed matches '{string.Join("', '", patterns)}': the feeds are {string.Join(", ", DataExportFeed.All.Select(f => f.Name))}.");
            }
            return feeds;
        }

        /// <summary>
        /// How many connections one instance's status is read over at once: the feed tables (and slices of the large
        /// ones, by primary key) are counted concurrently, so that a server with several cores scans them side by side.
        /// </summary>
        public int ConnectionsPerInstance { get; set; } = 4;

        /// <summary>The status of each feed of one instance.</summary>
        public IReadOnlyList<DataExportStatus> Status(ConfigTarget target, IReadOnlyList<DataExportFeed> feeds)
        {
            var env = Php.PhpConfigFile.Parse(Instances.ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            using (var db = _login.Open(env))
            {
                return Status(db, target.Instance?.Name ?? target.Root, feeds, () => _login.Open(env), ConnectionsPerInstance);
            }
        }

        /// <summary>The status of many instances, at most <paramref name="throttleLimit"/> at once, in the order given.</summary>
        public IReadOnlyList<InstanceExportStatus> Status(IReadOnlyList<ConfigTarget> targets, IReadOnlyList<DataExportFeed> feeds, int throttleLimit)
        {
            var results = new InstanceExportStatus[targets.Count];
            Parallel.For(0, targets.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, throttleLimit) }, i =>
            {
                try
                {
                    results[i] = new InstanceExportStatus(targets[i], Status(targets[i], feeds), null);
                }
                catch (ConnectorException e)
                {
                    results[i] = new InstanceExportStatus(targets[i], Array.Empty<DataExportStatus>(), e);
                }
            });
            return results;
        }

        /// <summary>A table (or a slice of one, by id) whose rows are counted per status and is_deleted.</summary>
        private sealed class CountJob
        {
            public DataExportStatus Status = null!; // every job is made with its status and feed
            public DataExportFeed Feed = null!;
            public long? From;
            public long? To;
            public string? Changelog;
            public long Version;
            public List<object?[]> Rows = null!; // filled by the job's count before it is read
        }

        /// <summary>Rows per slice when a feed table is counted in slices over several connections.</summary>
        internal const long SliceRows = 200000;

        internal static IReadOnlyList<DataExportStatus> Status(MagentoDatabase db, string instance, IReadOnlyList<DataExportFeed> feeds,
            Func<MagentoDatabase>? openAnother = null, int connections = 1, long sliceRows = SliceRows)
        {
            var wanted = new List<string> { MagentoDatabase.MviewState, MagentoDatabase.IndexerState, MagentoDatabase.Flag };
            wanted.AddRange(feeds.SelectMany(f => f.TableCandidates.Concat(f.ViewCandidates.Select(MagentoDatabase.Changelog))));
            var existing = db.ExistingTables(wanted);
            var views = ViewStates(db, existing, feeds);
            var indexers = IndexerStates(db, existing, feeds);
            var flags = Flags(db, existing, feeds);
            bool parallel = openAnother != null && connections > 1;

            var statuses = new List<DataExportStatus>();
            var jobs = new List<CountJob>();
            foreach (var feed in feeds)
            {
                var status = new DataExportStatus(instance, feed);
                status.Table = feed.TableCandidates.FirstOrDefault(existing.Contains);
                if (indexers.TryGetValue(feed.IndexerId, out string indexerStatus))
                {
                    status.IndexerStatus = indexerStatus;
                }
                string view = feed.ViewCandidates.FirstOrDefault(views.ContainsKey) ?? feed.ViewCandidates.FirstOrDefault(v => existing.Contains(MagentoDatabase.Changelog(v)));
                views.TryGetValue(view ?? string.Empty, out var viewState);
                status.IndexerMode = viewState.Mode == "enabled" ? "Schedule" : "Save";
                if (flags.TryGetValue(feed.LockFlag, out var lockFlag))
                {
                    status.LockedBy = LockedBy(lockFlag.Data);
                }
                if (flags.TryGetValue(feed.VersionFlag, out var versionFlag))
                {
                    status.LastSubmit = versionFlag.Updated;
                }
                if (status.Table != null)
                {
                    jobs.AddRange(Slices(db, feed, status, parallel, sliceRows));
                    if (view != null && existing.Contains(MagentoDatabase.Changelog(view)))
                    {
                        jobs.Add(new CountJob { Status = status, Feed = feed, Changelog = MagentoDatabase.Changelog(view), Version = viewState.Version });
                    }
                }
                statuses.Add(status);
            }
            Run(db, jobs, parallel ? openAnother : null, connections);
            foreach (var job in jobs)
            {
                if (job.Changelog != null)
                {
                    job.Status.AwaitingSubmission = Convert.ToInt64(job.Rows[0][0], CultureInfo.InvariantCulture);
                }
                else
                {
                    Add(job.Feed, job.Status, job.Rows);
                }
            }
            foreach (var status in statuses)
            {
                if (status.Table != null && status.Kind == DataExportKind.Immediate)
                {
                    status.FailedRequireAttention = status.FailedRequireAttention ?? 0;
                    status.FailedWillRetry = status.FailedWillRetry ?? 0;
                }
                status.Health = Judge(status);
            }
            return statuses;
        }

        /// <summary>One job for a table, or (counting in parallel) one per slice of SliceRows ids, largest tables first.</summary>
        private static IEnumerable<CountJob> Slices(MagentoDatabase db, DataExportFeed feed, DataExportStatus status, bool parallel, long sliceRows)
        {
            if (!parallel)
            {
                return new[] { new CountJob { Status = status, Feed = feed } };
            }
            // Count jobs are made only for feeds whose table was found.
            var bounds = db.Select($"SELECT MIN(id), MAX(id) FROM {db.Table(status.Table!)}", status.Table)[0];
            if (bounds[0] == null)
            {
                return new[] { new CountJob { Status = status, Feed = feed } };
            }
            long min = Convert.ToInt64(bounds[0], CultureInfo.InvariantCulture);
            long max = Convert.ToInt64(bounds[1], CultureInfo.InvariantCulture);
            var slices = new List<CountJob>();
            for (long from = min; from <= max; from += sliceRows)
            {
                slices.Add(new CountJob { Status = status, Feed = feed, From = from, To = Math.Min(max, from + sliceRows - 1) });
            }
            return slices;
        }

        /// <summary>Runs the jobs: on <paramref name="db"/> alone, or on up to <paramref name="connections"/> connections at once.</summary>
        private static void Run(MagentoDatabase db, List<CountJob> jobs, Func<MagentoDatabase>? openAnother, int connections)
        {
            if (openAnother == null || jobs.Count < 2)
            {
                foreach (var job in jobs)
                {
                    Execute(db, job);
                }
                return;
            }
            var queue = new System.Collections.Concurrent.ConcurrentQueue<CountJob>(jobs.OrderByDescending(j => j.Changelog == null ? (j.To ?? long.MaxValue) - (j.From ?? 0) : 0));
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            int workers = Math.Min(connections, jobs.Count);
            var threads = Enumerable.Range(0, workers).Select(w => Task.Run(() =>
            {
                MagentoDatabase? own = null;
                try
                {
                    var connection = w == 0 ? db : (own = openAnother());
                    while (failures.IsEmpty && queue.TryDequeue(out var job))
                    {
                        Execute(connection, job);
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }
                finally
                {
                    own?.Dispose();
                }
            })).ToArray();
            Task.WaitAll(threads);
            if (failures.TryDequeue(out var failure))
            {
                if (failure is ConnectorException)
                {
                    throw failure;
                }
                throw new AggregateException(failure);
            }
        }

        private static void Execute(MagentoDatabase db, CountJob job)
        {
            if (job.Changelog != null)
            {
                job.Rows = db.Select($"SELECT COUNT(DISTINCT entity_id) FROM {db.Table(job.Changelog)} WHERE version_id > @v", job.Changelog, ("@v", job.Version)).ToList();
                return;
            }
            string table = db.Table(job.Status.Table!); // jobs exist only for tables that were found
            string range = job.From == null ? string.Empty : " WHERE id BETWEEN @from AND @to";
            string sql = job.Feed.Kind == DataExportKind.Immediate
                ? $"SELECT status, is_deleted, COUNT(*), MAX(modified_at) FROM {table}{range} GROUP BY status, is_deleted"
                : $"SELECT 200, is_deleted, COUNT(*), MAX(modified_at) FROM {table}{range} GROUP BY is_deleted";
            job.Rows = (job.From == null
                ? db.Select(sql, job.Status.Table)
                : db.Select(sql, job.Status.Table, ("@from", job.From.Value), ("@to", job.To!.Value))).ToList(); // a slice has both ends
        }

        /// <summary>The one-word health: NotInstalled, else NeedsAttention, else Retrying, else Backlog, else Ok.</summary>
        internal static DataExportHealth Judge(DataExportStatus status)
        {
            if (status.Table == null)
            {
                return DataExportHealth.NotInstalled;
            }
            if (status.FailedRequireAttention > 0)
            {
                return DataExportHealth.NeedsAttention;
            }
            if (status.FailedWillRetry > 0)
            {
                return DataExportHealth.Retrying;
            }
            return status.AwaitingSubmission > BacklogThreshold ? DataExportHealth.Backlog : DataExportHealth.Ok;
        }

        /// <summary>Adds the rows (status, is_deleted, count, newest modified_at) of a table or a slice to the feed's counts.</summary>
        private static void Add(DataExportFeed feed, DataExportStatus status, IReadOnlyList<object?[]> rows)
        {
            bool immediate = feed.Kind == DataExportKind.Immediate;
            long attention = 0, retry = 0;
            foreach (var row in rows)
            {
                int code = Convert.ToInt32(row[0], CultureInfo.InvariantCulture);
                bool deleted = Convert.ToInt32(row[1], CultureInfo.InvariantCulture) != 0;
                long count = Convert.ToInt64(row[2], CultureInfo.InvariantCulture);
                status.Items += count;
                if (row[3] is DateTime modified && (status.LastModified == null || modified > status.LastModified))
                {
                    status.LastModified = modified;
                }
                if (deleted)
                {
                    status.Deleted += count;
                }
                switch (FeedStatusCode.Group(code))
                {
                    case DataExportItemStatus.Submitted:
                        status.Submitted += deleted ? 0 : count;
                        break;
                    case DataExportItemStatus.FailedRequireAttention:
                        attention += count;
                        break;
                    default:
                        retry += count;
                        break;
                }
            }
            if (immediate)
            {
                status.FailedRequireAttention = (status.FailedRequireAttention ?? 0) + attention;
                status.FailedWillRetry = (status.FailedWillRetry ?? 0) + retry;
            }
        }

        private static Dictionary<string, (string Mode, long Version)> ViewStates(MagentoDatabase db, ISet<string> existing, IReadOnlyList<DataExportFeed> feeds)
        {
            var states = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
            if (!existing.Contains(MagentoDatabase.MviewState))
            {
                return states;
            }
            var ids = feeds.SelectMany(f => f.ViewCandidates).Distinct().ToList();
            foreach (var row in db.Select($"SELECT view_id, mode, version_id FROM {db.Table(MagentoDatabase.MviewState)} WHERE view_id IN ({Parameters(ids.Count)})",
                MagentoDatabase.MviewState, Bind(ids)))
            {
                states[Convert.ToString(row[0], CultureInfo.InvariantCulture)] = (Convert.ToString(row[1], CultureInfo.InvariantCulture), row[2] == null ? 0 : Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
            }
            return states;
        }

        private static Dictionary<string, string> IndexerStates(MagentoDatabase db, ISet<string> existing, IReadOnlyList<DataExportFeed> feeds)
        {
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!existing.Contains(MagentoDatabase.IndexerState))
            {
                return states;
            }
            var ids = feeds.Select(f => f.IndexerId).ToList();
            foreach (var row in db.Select($"SELECT indexer_id, status FROM {db.Table(MagentoDatabase.IndexerState)} WHERE indexer_id IN ({Parameters(ids.Count)})",
                MagentoDatabase.IndexerState, Bind(ids)))
            {
                states[Convert.ToString(row[0], CultureInfo.InvariantCulture)] = Convert.ToString(row[1], CultureInfo.InvariantCulture);
            }
            return states;
        }

        private static Dictionary<string, (string? Data, DateTime? Updated)> Flags(MagentoDatabase db, ISet<string> existing, IReadOnlyList<DataExportFeed> feeds)
        {
            var flags = new Dictionary<string, (string?, DateTime?)>(StringComparer.Ordinal);
            if (!existing.Contains(MagentoDatabase.Flag))
            {
                return flags;
            }
            var codes = feeds.SelectMany(f => new[] { f.LockFlag, f.VersionFlag }).ToList();
            foreach (var row in db.Select($"SELECT flag_code, flag_data, last_update FROM {db.Table(MagentoDatabase.Flag)} WHERE flag_code IN ({Parameters(codes.Count)})",
                MagentoDatabase.Flag, Bind(codes)))
            {
                flags[Convert.ToString(row[0], CultureInfo.InvariantCulture)] = (row[1] as string, row[2] as DateTime?);
            }
            return flags;
        }

        /// <summary>lockedBy from a feed_metadata flag ({"lockedBy":"..."}, possibly JSON-encoded twice); null when unlocked.</summary>
        internal static string? LockedBy(string? flagData)
        {
            var token = Json(flagData);
            if (token?.Type == JTokenType.String)
            {
                token = Json((string?)token);
            }
            string? lockedBy = token is JObject obj && obj["lockedBy"]?.Type == JTokenType.String ? (string?)obj["lockedBy"] : null;
            return string.IsNullOrEmpty(lockedBy) ? null : lockedBy;
        }

        private static JToken? Json(string? text)
        {
            if (Strings.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            try
            {
                return JToken.Parse(text);
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return null;
            }
        }

        private static string Parameters(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@p" + i));

        private static (string, object)[] Bind(IReadOnlyList<string> values) => values.Select((v, i) => ("@p" + i, (object)v)).ToArray();
    }
}
