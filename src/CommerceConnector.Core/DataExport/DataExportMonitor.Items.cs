using CommerceConnector.Core.Database;
using CommerceConnector.Core.Instances;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.DataExport
{
    // The items behind a count: one feed's rows in one group, and what their errors and metadata say.
    public sealed partial class DataExportMonitor
    {
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

        internal static IReadOnlyList<string> ErrorLines(string? errors) =>
            Strings.IsNullOrWhiteSpace(errors)
                ? Array.Empty<string>()
                : errors.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        /// <summary>The X-Request-Id the metadata column holds (a JSON array of strings or of objects), or null.</summary>
        internal static string? RequestId(string? metadata)
        {
            var token = Json(metadata);
            var candidates = token is JArray array ? array.Children() : token == null ? Enumerable.Empty<JToken>() : new[] { token };
            foreach (var item in candidates)
            {
                if (item.Type == JTokenType.String && !string.IsNullOrWhiteSpace((string?)item))
                {
                    return (string?)item;
                }
                if (item is JObject obj)
                {
                    var property = obj.Properties().FirstOrDefault(p => p.Name.Replace("-", string.Empty).Replace("_", string.Empty)
                        .EndsWith("requestid", StringComparison.OrdinalIgnoreCase) && p.Value.Type == JTokenType.String);
                    if (property != null)
                    {
                        return (string?)property.Value;
                    }
                }
            }
            return null;
        }
    }
}
