using CommerceConnector.Core.Database;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Magento;

namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// Runs the instance's own <c>php bin/magento saas:resync</c>, one feed after the other in the recommended order,
    /// through <see cref="MagentoCli.Execute"/> (the one place that starts bin/magento). Magento's yes/no question of
    /// --cleanup-feed is answered "yes" only when the caller says the truncation was confirmed; with the database
    /// reachable, each result carries the feed's status counts before and after.
    /// </summary>
    public sealed class DataExportResyncRunner
    {
        /// <summary>How long one feed may take before it is stopped: a full catalog can take hours.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(12);

        private readonly DatabaseLogin? _login;
        private readonly string _php;
        private readonly TimeSpan _timeout;

        /// <param name="login">How to read the status counts; null reads none.</param>
        /// <param name="php">The PHP binary.</param>
        /// <param name="timeout">How long one feed may take.</param>
        public DataExportResyncRunner(DatabaseLogin? login, string php = "php", TimeSpan? timeout = null) =>
            (_login, _php, _timeout) = (login, string.IsNullOrEmpty(php) ? "php" : php, timeout ?? DefaultTimeout);

        /// <summary>
        /// Runs saas:resync for each of <paramref name="feeds"/> (already validated, in order) on <paramref name="target"/>.
        /// <paramref name="cleanupConfirmed"/> must be true when <paramref name="options"/> asks to clean up: it is the
        /// answer given to Magento's question. A failed or locked feed does not stop the next one.
        /// </summary>
        public InstanceResyncRun Run(ConfigTarget target, IReadOnlyList<DataExportFeed> feeds, ResyncOptions options, bool cleanupConfirmed,
            Action<ResyncProgress> onProgress, CancellationToken cancellation)
        {
            if (options.AsksToCleanUp && !cleanupConfirmed)
            {
                throw new InvalidOperationException("--cleanup-feed truncates the feed table: confirm it before running.");
            }
            string instance = target.Instance?.Name ?? target.Root;
            var run = new InstanceResyncRun(target);
            DataExportMonitor? monitor = _login == null ? null : new DataExportMonitor(_login);
            for (int i = 0; i < feeds.Count && !cancellation.IsCancellationRequested; i++)
            {
                var feed = feeds[i];
                int index = i;
                onProgress?.Invoke(new ResyncProgress(instance, feed, index, feeds.Count, null));
                DataExportStatus? before = ReadStatus(monitor, target, feed, run);
                var invocation = new MagentoInvocation(target.Root, DataExportResync.Arguments(feed, options))
                {
                    Php = _php,
                    Timeout = _timeout,
                    Cancellation = cancellation,
                    OnLine = text =>
                    {
                        onProgress?.Invoke(new ResyncProgress(instance, feed, index, feeds.Count, DataExportResync.Parse(text)));
                    },
                };
                if (options.AsksToCleanUp)
                {
                    // Magento's yes/no question, answered after PowerShell's confirmation. Symfony Console treats input
                    // that is not a terminal as non-interactive (and takes the default, no) unless SHELL_INTERACTIVE is set.
                    invocation.StandardInput = "yes\n";
                    invocation.Environment["SHELL_INTERACTIVE"] = "1";
                }
                MagentoProcessResult process;
                try
                {
                    process = MagentoCli.Execute(invocation);
                }
                catch (ConnectorException e)
                {
                    run.Failure = e;
                    return run;
                }
                var result = new DataExportResyncResult(instance, process.Root, feed, options, process, process.Lines.Select(DataExportResync.Parse).ToList())
                {
                    Before = before,
                };
                result.After = before == null ? null : ReadStatus(monitor, target, feed, run);
                run.Results.Add(result);
            }
            return run;
        }

        private static DataExportStatus? ReadStatus(DataExportMonitor? monitor, ConfigTarget target, DataExportFeed feed, InstanceResyncRun run)
        {
            if (monitor == null || run.StatusUnavailable != null)
            {
                return null;
            }
            try
            {
                return monitor.Status(target, new[] { feed }).FirstOrDefault();
            }
            catch (ConnectorException e)
            {
                run.StatusUnavailable = e.Message;
                return null;
            }
        }
    }
}
