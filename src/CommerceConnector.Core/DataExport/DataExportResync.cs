using System.Text.RegularExpressions;

namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// The rules of <c>bin/magento saas:resync</c> (magento/saas-export's Resync command and its options): which feed names
    /// it takes, which option goes with which feed, the order several feeds run in, the arguments it is given, and how
    /// its output reads.
    /// </summary>
    public static class DataExportResync
    {
        public const string Command = "saas:resync";

        /// <summary>
        /// The feeds the names stand for (names or Magento's lower-case aliases, case ignored), each once, in the order
        /// the documentation recommends for a first sync. A name that is no feed is DataExportFeedNotFound.
        /// </summary>
        public static IReadOnlyList<DataExportFeed> ResolveFeeds(IEnumerable<string> names)
        {
            var feeds = new List<DataExportFeed>();
            var unknown = new List<string>();
            foreach (string name in names ?? Enumerable.Empty<string>())
            {
                var feed = DataExportFeed.Resolve(name);
                if (feed == null)
                {
                    unknown.Add(name);
                }
                else if (!feeds.Contains(feed))
                {
                    feeds.Add(feed);
                }
            }
            if (unknown.Count > 0 || feeds.Count == 0)
            {
                throw new ConnectorException(ErrorIds.DataExportFeedNotFound, ConnectorErrorCategory.ObjectNotFound, string.Join(", ", unknown),
                    $"saas:resync has no feed '{string.Join("', '", unknown)}': give one of {string.Join(", ", DataExportFeed.All.Select(f => f.Name))} (or the lower-case aliases {string.Join(", ", DataExportFeed.Aliases)}).");
            }
            return DataExportFeed.All.Where(feeds.Contains).ToList();
        }

        /// <summary>
        /// Refuses, before anything runs, what saas:resync does not allow: --by-ids, --id-type and --continue-resync for
        /// other feeds than products, prices and productOverrides; --no-reindex for those three; --id-type without --by-ids.
        /// </summary>
        public static void Validate(IReadOnlyList<DataExportFeed> feeds, ResyncOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }
            var byItem = DataExportFeed.All.Where(f => f.ResyncsByItem).Select(f => f.Name).ToList();
            string allowed = string.Join(", ", byItem);
            var problems = new List<string>();
            var notByItem = feeds.Where(f => !f.ResyncsByItem).Select(f => f.Name).ToList();
            var byItemFeeds = feeds.Where(f => f.ResyncsByItem).Select(f => f.Name).ToList();
            bool byIds = options.ByIds != null && options.ByIds.Count > 0;
            if (byIds && notByItem.Count > 0)
            {
                problems.Add($"-ById (--by-ids) works only for {allowed}, not for {string.Join(", ", notByItem)}.");
            }
            if (options.ContinueResync && notByItem.Count > 0)
            {
                problems.Add($"-ContinueResync (--continue-resync) works only for {allowed}, not for {string.Join(", ", notByItem)}.");
            }
            if (options.NoReindex && byItemFeeds.Count > 0)
            {
                problems.Add($"-NoReindex (--no-reindex) is not for {string.Join(", ", byItemFeeds)}: Magento re-indexes those feeds on every resync.");
            }
            if (options.IdType != null && !byIds)
            {
                problems.Add("-IdType (--id-type) says what -ById holds: give -ById too.");
            }
            if (byIds)
            {
                foreach (string id in options.ByIds!) // byIds: set and not empty
                {
                    if (string.IsNullOrWhiteSpace(id) || id.IndexOf(',') >= 0 || id.IndexOf('"') >= 0 || id.Any(char.IsControl))
                    {
                        problems.Add($"-ById value '{id}' cannot be passed to --by-ids (a comma-separated list): give each SKU or product id on its own, without commas or double quotes.");
                    }
                    else if (options.IdType == ResyncIdType.ProductId && !id.Trim().All(char.IsDigit))
                    {
                        problems.Add($"-ById value '{id}' is not a product id (digits only); use -IdType Sku for SKUs.");
                    }
                }
            }
            if (options.BatchSize != null && options.BatchSize < 1)
            {
                problems.Add("-BatchSize must be 1 or more.");
            }
            if (options.ThreadCount != null && options.ThreadCount < 1)
            {
                problems.Add("-ThreadCount must be 1 or more.");
            }
            if (problems.Count > 0)
            {
                throw new ConnectorException(ErrorIds.DataExportResyncOptionsInvalid, ConnectorErrorCategory.InvalidArgument, string.Join(", ", feeds.Select(f => f.Name)),
                    "Nothing was run: " + string.Join(" ", problems) + (feeds.Count > 1 ? " Run the feeds that need these options in a command of their own." : string.Empty));
            }
        }

        /// <summary>The arguments after bin/magento for one feed: saas:resync --feed=&lt;name&gt; and the options given.</summary>
        public static IReadOnlyList<string> Arguments(DataExportFeed feed, ResyncOptions options)
        {
            var arguments = new List<string> { Command, "--feed=" + feed.Name };
            if (options.NoReindex)
            {
                arguments.Add("--no-reindex");
            }
            if (options.CleanupFeed)
            {
                arguments.Add("--cleanup-feed");
            }
            if (options.DryRun)
            {
                arguments.Add("--dry-run");
            }
            if (options.ContinueResync)
            {
                arguments.Add("--continue-resync");
            }
            if (options.ByIds != null && options.ByIds.Count > 0)
            {
                arguments.Add("--by-ids=" + string.Join(",", options.ByIds.Select(i => i.Trim())));
            }
            if (options.IdType != null)
            {
                arguments.Add("--id-type=" + (options.IdType == ResyncIdType.ProductId ? "productId" : "sku"));
            }
            if (options.BatchSize != null)
            {
                arguments.Add("--batch-size=" + options.BatchSize.Value.ToString(CultureInfo.InvariantCulture));
            }
            if (options.ThreadCount != null)
            {
                arguments.Add("--thread-count=" + options.ThreadCount.Value.ToString(CultureInfo.InvariantCulture));
            }
            return arguments;
        }

        // ---- Magento's output ------------------------------------------------------------------------------------

        private static readonly Regex Started = new Regex(@"^(?:Executing full re-sync of|Re-submitting) (?<summary>.+) feed data\.\.\.$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        private static readonly Regex Completed = new Regex(@"^(?<summary>.+) feed data (?:full re-sync|re-submit) complete in (?:(?<days>\d+) day\(s\) )?(?<h>\d{2}):(?<m>\d{2}):(?<s>\d{2})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        private static readonly Regex Failed = new Regex(@"^(?:An error occurred re-(?:syncing|submitting) |Resync option --feed is required)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        private static readonly Regex Locked = new Regex(@"Feed sync skipped, resource occupied by another process: (?<by>.*?)\.?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>What one line of saas:resync's output says.</summary>
        public static ResyncLine Parse(string line)
        {
            string text = (line ?? string.Empty).Trim();
            var locked = Locked.Match(text);
            if (locked.Success)
            {
                return new ResyncLine(text, ResyncLineKind.Locked, null, locked.Groups["by"].Value.Trim());
            }
            if (Failed.IsMatch(text))
            {
                return new ResyncLine(text, ResyncLineKind.Error, null, null);
            }
            var completed = Completed.Match(text);
            if (completed.Success)
            {
                int days = completed.Groups["days"].Success ? int.Parse(completed.Groups["days"].Value, CultureInfo.InvariantCulture) : 0;
                var duration = new TimeSpan(days, int.Parse(completed.Groups["h"].Value, CultureInfo.InvariantCulture),
                    int.Parse(completed.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(completed.Groups["s"].Value, CultureInfo.InvariantCulture));
                return new ResyncLine(text, ResyncLineKind.Completed, duration, null);
            }
            if (Started.IsMatch(text))
            {
                return new ResyncLine(text, ResyncLineKind.Started, null, null);
            }
            return new ResyncLine(text, text.Length == 0 ? ResyncLineKind.Blank : ResyncLineKind.Progress, null, null);
        }
    }
}
