using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using CommerceConnector.Core.Database;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Instances;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// Reads what the Admin's "Data Feed Sync Status" page shows, from the store's database, read-only: per feed the
    /// counts by status, the changelog backlog, the indexer and the locks; and the items behind a count.
    /// </summary>
    public sealed class DataExportMonitor
    {
        /// <summary>A changelog backlog over this many entities is a warning sign.</summary>
        public const int BacklogThreshold = 1000;

        private readonly DatabaseLogin _login;

        public DataExportMonitor(DatabaseLogin login = null)
        {
            _login = login ?? new DatabaseLogin();
        }

        /// <summary>The feeds whose names match any of <paramref name="patterns"/> (wildcards); all when none is given.</summary>
        public static IReadOnlyList<DataExportFeed> Feeds(IReadOnlyList<string> patterns)
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

        /// <summary>The status of each feed of one instance.</summary>
        public IReadOnlyList<DataExportStatus> Status(ConfigTarget target, IReadOnlyList<DataExportFeed> feeds)
        {
            using (var db = _login.Open(target))
            {
                return Status(db, target.Instance?.Name ?? target.Root, feeds);
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

        internal static IReadOnlyList<DataExportStatus> Status(MagentoDatabase db, string instance, IReadOnlyList<DataExportFeed> feeds)
        {
            var wanted = new List<string> { MagentoDatabase.MviewState, MagentoDatabase.IndexerState, MagentoDatabase.Flag };
            wanted.AddRange(feeds.SelectMany(f => f.TableCandidates.Concat(f.ViewCandidates.Select(MagentoDatabase.Changelog))));
            var existing = db.ExistingTables(wanted);
            var views = ViewStates(db, existing, feeds);
            var indexers = IndexerStates(db, existing, feeds);
            var flags = Flags(db, existing, feeds);

            var statuses = new List<DataExportStatus>();
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
                    Count(db, feed, status);
                    if (view != null && existing.Contains(MagentoDatabase.Changelog(view)))
                    {
                        string changelog = MagentoDatabase.Changelog(view);
                        var rows = db.Select($"SELECT COUNT(DISTINCT entity_id) FROM {db.Table(changelog)} WHERE version_id > @v", changelog, ("@v", viewState.Version));
                        status.AwaitingSubmission = Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
                    }
                }
                status.Health = Judge(status);
                statuses.Add(status);
            }
            return statuses;
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

        private static void Count(MagentoDatabase db, DataExportFeed feed, DataExportStatus status)
        {
            string table = db.Table(status.Table);
            bool immediate = feed.Kind == DataExportKind.Immediate;
            string sql = immediate
                ? $"SELECT status, is_deleted, COUNT(*), MAX(modified_at) FROM {table} GROUP BY status, is_deleted"
                : $"SELECT 200, is_deleted, COUNT(*), MAX(modified_at) FROM {table} GROUP BY is_deleted";
            long attention = 0, retry = 0;
            foreach (var row in db.Select(sql, status.Table))
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
                status.FailedRequireAttention = attention;
                status.FailedWillRetry = retry;
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

        private static Dictionary<string, (string Data, DateTime? Updated)> Flags(MagentoDatabase db, ISet<string> existing, IReadOnlyList<DataExportFeed> feeds)
        {
            var flags = new Dictionary<string, (string, DateTime?)>(StringComparer.Ordinal);
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
        internal static string LockedBy(string flagData)
        {
            var token = Json(flagData);
            if (token?.Type == JTokenType.String)
            {
                token = Json((string)token);
            }
            string lockedBy = (token as JObject)?["lockedBy"]?.Type == JTokenType.String ? (string)token["lockedBy"] : null;
            return string.IsNullOrEmpty(lockedBy) ? null : lockedBy;
        }

        // ---- items -------------------------------------------------------------------------------------------

        /// <summary>The newest items of one feed in one group, at most <paramref name="first"/>, modified at or after <paramref name="since"/>.</summary>
        public IReadOnlyList<DataExportItem> Items(ConfigTarget target, DataExportFeed feed, DataExportItemStatus status, int first, DateTime? since)
        {
            using (var db = _login.Open(target))
            {
                return Items(db, target.Instance?.Name ?? target.Root, feed, status, first, since);
            }
        }

        internal static IReadOnlyList<DataExportItem> Items(MagentoDatabase db, string instance, DataExportFeed feed, DataExportItemStatus status, int first, DateTime? since)
        {
            if (feed.Kind == DataExportKind.Legacy)
            {
                throw new ConnectorException(ErrorIds.DataExportFeedHasNoItemStatus, ConnectorErrorCategory.InvalidOperation, feed.Name,
                    $"The {feed.Name} feed is a legacy feed: its table keeps no status per item. Use Get-DataExportStatus for its last submit, or Get-DataExportLog -Feed {feed.Name} for its runs.");
            }
            string found = feed.TableCandidates.FirstOrDefault(db.ExistingTables(feed.TableCandidates).Contains);
            if (found == null)
            {
                throw new ConnectorException(ErrorIds.DatabaseTableMissing, ConnectorErrorCategory.NotEnabled, db.Settings.TablePrefix + feed.TableCandidates[0],
                    $"Database '{db.Settings.Name}' has no table for the {feed.Name} feed ({string.Join(" or ", feed.TableCandidates.Select(t => db.Settings.TablePrefix + t))}): the data export module of that feed is not installed, or db/table_prefix in env.php is not this store's prefix.");
            }
            bool hasMetadata = db.Columns(found).Contains("metadata");
            string codes = string.Join(", ", FeedStatusCode.RequireAttention.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            string where;
            switch (status)
            {
                case DataExportItemStatus.Submitted:
                    where = "status = 200 AND is_deleted = 0";
                    break;
                case DataExportItemStatus.FailedRequireAttention:
                    where = $"status IN ({codes})";
                    break;
                case DataExportItemStatus.FailedWillRetry:
                    where = $"status NOT IN (200, {codes})";
                    break;
                default:
                    where = "is_deleted = 1";
                    break;
            }
            var parameters = new List<(string, object)> { ("@first", Math.Max(0, first)) };
            if (since != null)
            {
                where += " AND modified_at >= @since";
                parameters.Add(("@since", since.Value));
            }
            string sql = $"SELECT source_entity_id, feed_id, status, is_deleted, errors, {(hasMetadata ? "metadata" : "NULL")}, modified_at " +
                $"FROM {db.Table(found)} WHERE {where} ORDER BY modified_at DESC, id DESC LIMIT @first";
            return db.Select(sql, found, parameters.ToArray()).Select(row => new DataExportItem(
                instance,
                feed.Name,
                Convert.ToString(row[0], CultureInfo.InvariantCulture),
                Convert.ToString(row[1], CultureInfo.InvariantCulture),
                Convert.ToInt32(row[2], CultureInfo.InvariantCulture),
                Convert.ToInt32(row[3], CultureInfo.InvariantCulture) != 0,
                ErrorLines(row[4] as string),
                RequestId(row[5] as string),
                row[6] as DateTime?)).ToList();
        }

        internal static IReadOnlyList<string> ErrorLines(string errors) =>
            string.IsNullOrWhiteSpace(errors)
                ? Array.Empty<string>()
                : errors.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        /// <summary>The X-Request-Id the metadata column holds (a JSON array of strings or of objects), or null.</summary>
        internal static string RequestId(string metadata)
        {
            var token = Json(metadata);
            var candidates = token is JArray array ? array.Children() : token == null ? Enumerable.Empty<JToken>() : new[] { token };
            foreach (var item in candidates)
            {
                if (item.Type == JTokenType.String && !string.IsNullOrWhiteSpace((string)item))
                {
                    return (string)item;
                }
                if (item is JObject obj)
                {
                    var property = obj.Properties().FirstOrDefault(p => p.Name.Replace("-", string.Empty).Replace("_", string.Empty)
                        .EndsWith("requestid", StringComparison.OrdinalIgnoreCase) && p.Value.Type == JTokenType.String);
                    if (property != null)
                    {
                        return (string)property.Value;
                    }
                }
            }
            return null;
        }

        private static JToken Json(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
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
