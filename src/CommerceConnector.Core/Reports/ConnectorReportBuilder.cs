using CommerceConnector.Core.Database;
using CommerceConnector.Core.DataExport;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Reports
{
    /// <summary>
    /// Gathers what the status page shows: the account, then per instance its role, configuration (keys as
    /// fingerprints), every check of Test-ConnectorConfiguration and, where the database answers, the feeds' counts and
    /// newest errors. The checks run one instance after the other (one fleet audit); the databases are read several at once.
    /// </summary>
    public sealed class ConnectorReportBuilder
    {
        /// <summary>How many failed items per instance the report lists.</summary>
        public const int NewestErrorCount = 5;

        private readonly IRegistryStore _store;
        private readonly DatabaseLogin? _login;
        private readonly ConfigurationSources _sources;
        private readonly Func<DateTimeOffset> _clock;

        /// <param name="store">The registry.</param>
        /// <param name="login">How to read the stores' databases for the feeds; null reads none (no feeds in the report).</param>
        /// <param name="sources">
        /// Where the checks and the configuration read connector values from, as Test-ConnectorConfiguration does (the files,
        /// then core_config_data); null judges the files alone. A database it cannot read is in its Warnings.
        /// </param>
        /// <param name="clock">The time the report is made.</param>
        public ConnectorReportBuilder(IRegistryStore store, DatabaseLogin? login, ConfigurationSources? sources = null, Func<DateTimeOffset>? clock = null)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _login = login;
            _sources = sources ?? ConfigurationSources.FilesOnly;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The report on <paramref name="instances"/> of account <paramref name="mageId"/>; databases read <paramref name="throttleLimit"/> at a time.</summary>
        public ConnectorReport Build(string mageId, IReadOnlyList<CommerceInstance> instances, int throttleLimit, Action<string>? onProgress = null)
        {
            var audit = new FleetAudit(_store, mageId, _sources);
            var document = _store.Read();
            var account = RegistryLookup.Account(document, mageId);
            var reports = new List<InstanceReport>();
            // The page names keys by fingerprint only: API key ids in the checks' messages and fixes are shortened.
            var apiKeyIds = document.ApiKeys.Select(k => k.Id).Where(id => !string.IsNullOrEmpty(id)).ToList();
            foreach (var instance in instances)
            {
                onProgress?.Invoke($"Checking {instance.Name}");
                var target = ConfigTarget.ForInstance(instance);
                var report = new InstanceReport(instance) { Checks = Masked(audit.Test(target), apiKeyIds) };
                // The configuration the checks judged (read once, the database included): null when env.php cannot be
                // read, which the check ConfigurationReadable already says.
                var configuration = audit.Configuration(target);
                if (configuration != null)
                {
                    Describe(report, configuration, document, account.MageId);
                    // The empty ids are filtered out, so the list holds no null.
                    IReadOnlyCollection<string> held = new[] { configuration.ProductionApiKey, configuration.SandboxApiKey }.Where(id => !Strings.IsNullOrEmpty(id) && !apiKeyIds.Contains(id)).ToList()!;
                    if (held.Count > 0)
                    {
                        report.Checks = Masked(report.Checks, held);
                    }
                }
                reports.Add(report);
            }
            if (_login == null)
            {
                foreach (var report in reports)
                {
                    report.DatabaseNote = "The database was not read (-NoDatabase).";
                }
            }
            else
            {
                var monitor = new DataExportMonitor(_login);
                Parallel.For(0, instances.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, throttleLimit) }, i =>
                {
                    onProgress?.Invoke($"Reading the data export status of {instances[i].Name}");
                    ReadFeeds(reports[i], ConfigTarget.ForInstance(instances[i]), monitor);
                });
            }
            return new ConnectorReport(account.MageId, account.Name, account.Edition.ToString(), _clock(), reports);
        }

        /// <summary>How the page shows an API key id: its last six characters ("…4dc43b"), enough to tell keys apart.</summary>
        public static string MaskApiKey(string id) => string.IsNullOrEmpty(id) || id.Length <= 8 ? "…" : "…" + id.Substring(id.Length - 6);

        private static IReadOnlyList<ConfigCheck> Masked(IReadOnlyList<ConfigCheck> checks, IReadOnlyCollection<string> ids) =>
            checks.Select(c => new ConfigCheck(c.Instance, c.Name, c.Verdict, Mask(c.Message, ids), Mask(c.Fix, ids))).ToList();

        [return: NotNullIfNotNull("text")]
        private static string? Mask(string? text, IEnumerable<string> ids)
        {
            if (Strings.IsNullOrEmpty(text))
            {
                return text;
            }
            foreach (string id in ids.OrderByDescending(i => i.Length))
            {
                int at;
                while ((at = text.IndexOf(id, StringComparison.OrdinalIgnoreCase)) >= 0)
                {
                    text = text.Substring(0, at) + MaskApiKey(id) + text.Substring(at + id.Length);
                }
            }
            return text;
        }

        private static void Describe(InstanceReport report, ConnectorConfiguration config, RegistryDocument document, string mageId)
        {
            report.Environment = Strings.IsNullOrEmpty(config.Environment) ? "production" : config.Environment.ToLowerInvariant();
            report.ProjectId = config.ProjectId;
            report.ProjectName = config.ProjectName;
            report.DataSpaceId = config.DataSpaceId;
            report.DataSpaceName = config.DataSpaceName;
            report.DataSpaceType = config.DataSpaceType;
            var keys = new List<ReportKey>();
            foreach (var environment in new[] { ApiKeyEnvironment.Production, ApiKeyEnvironment.Sandbox })
            {
                bool production = environment == ApiKeyEnvironment.Production;
                string? id = production ? config.ProductionApiKey : config.SandboxApiKey;
                string? fingerprint = production ? config.ProductionKeyFingerprint : config.SandboxKeyFingerprint;
                if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(fingerprint))
                {
                    continue;
                }
                var known = string.IsNullOrEmpty(id) ? null : document.ApiKeys.FirstOrDefault(k =>
                    string.Equals(k.MageId, mageId, StringComparison.OrdinalIgnoreCase) && string.Equals(k.Id, id, StringComparison.OrdinalIgnoreCase));
                string state = string.IsNullOrEmpty(id) || string.IsNullOrEmpty(fingerprint) ? "Incomplete"
                    : known == null ? "Not in the registry"
                    : known.Status.ToString();
                keys.Add(new ReportKey(environment, report.Environment == environment.ToString().ToLowerInvariant(), known?.Name,
                    string.IsNullOrEmpty(fingerprint) ? known?.Fingerprint : fingerprint, state));
            }
            report.Keys = keys;
        }

        private static void ReadFeeds(InstanceReport report, ConfigTarget target, DataExportMonitor monitor)
        {
            try
            {
                report.Feeds = monitor.Status(target, DataExportFeed.All);
                var errors = new List<DataExportItem>();
                foreach (var feed in report.Feeds.Where(f => f.Kind == DataExportKind.Immediate && (f.FailedRequireAttention > 0 || f.FailedWillRetry > 0)))
                {
                    var definition = DataExportFeed.Find(feed.Feed)!; // statuses are made for the known feeds only
                    if (feed.FailedRequireAttention > 0)
                    {
                        errors.AddRange(monitor.Items(target, definition, DataExportItemStatus.FailedRequireAttention, NewestErrorCount, null));
                    }
                    if (feed.FailedWillRetry > 0)
                    {
                        errors.AddRange(monitor.Items(target, definition, DataExportItemStatus.FailedWillRetry, NewestErrorCount, null));
                    }
                }
                report.NewestErrors = errors.OrderByDescending(e => e.ModifiedAt).ThenBy(e => e.Feed, StringComparer.Ordinal)
                    .Take(NewestErrorCount).Select(e => new ReportFeedError(e)).ToList();
            }
            catch (ConnectorException e)
            {
                report.Feeds = Array.Empty<DataExportStatus>();
                report.DatabaseNote = $"The feeds could not be read ({e.ErrorId}): {e.Message}";
            }
        }
    }
}
