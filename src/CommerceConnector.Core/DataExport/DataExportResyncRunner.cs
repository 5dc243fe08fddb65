using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CommerceConnector.Core.Database;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Magento;

namespace CommerceConnector.Core.DataExport
{
    /// <summary>The outcome of one saas:resync of one feed on one instance.</summary>
    public sealed class DataExportResyncResult
    {
        internal DataExportResyncResult(string instance, string root, DataExportFeed feed, ResyncOptions options, MagentoProcessResult run, IReadOnlyList<ResyncLine> lines)
        {
            Instance = instance;
            Root = root;
            Feed = feed.Name;
            DryRun = options.DryRun;
            CleanupFeed = options.CleanupFeed;
            Command = run.Command;
            ExitCode = run.ExitCode;
            Output = lines.Where(l => l.Kind != ResyncLineKind.Blank).Select(l => l.Text).ToList();
            Duration = lines.LastOrDefault(l => l.Duration != null)?.Duration;
            var locked = lines.FirstOrDefault(l => l.Kind == ResyncLineKind.Locked);
            var error = locked ?? lines.FirstOrDefault(l => l.Kind == ResyncLineKind.Error);
            LockedBy = locked?.LockedBy;
            Succeeded = run.ExitCode == 0 && error == null && !run.TimedOut && !run.Cancelled;
            if (!Succeeded)
            {
                Error = error?.Text
                    ?? (run.TimedOut ? $"saas:resync did not finish within the time allowed and was stopped."
                        : run.Cancelled ? "saas:resync was stopped."
                        : lines.LastOrDefault(l => l.Kind != ResyncLineKind.Blank)?.Text ?? $"saas:resync exited with code {run.ExitCode} and printed nothing.");
                ErrorId = locked != null ? ErrorIds.DataExportFeedLocked : ErrorIds.DataExportResyncFailed;
            }
        }

        /// <summary>The registered instance's name (or the Magento root for a path).</summary>
        public string Instance { get; }

        public string Root { get; }

        /// <summary>The feed, by the name saas:resync --feed was given.</summary>
        public string Feed { get; }

        /// <summary>Exit code 0 and no error line.</summary>
        public bool Succeeded { get; }

        /// <summary>Magento's own measure, from "... complete in HH:MM:SS"; null when it did not complete.</summary>
        public TimeSpan? Duration { get; }

        /// <summary>saas:resync's exit code (0 or 1); -1 when it was stopped.</summary>
        public int ExitCode { get; }

        /// <summary>Magento's error line when it failed ("An error occurred re-syncing ...").</summary>
        public string Error { get; }

        /// <summary>DataExportFeedLocked or DataExportResyncFailed when it failed; null otherwise.</summary>
        public string ErrorId { get; }

        /// <summary>The process holding the feed when Magento skipped it ("Feed sync skipped, resource occupied by another process").</summary>
        public string LockedBy { get; }

        public bool DryRun { get; }

        public bool CleanupFeed { get; }

        /// <summary>The command as it is typed in the Magento root.</summary>
        public string Command { get; }

        /// <summary>Every line Magento printed (blank ones left out).</summary>
        public IReadOnlyList<string> Output { get; }

        /// <summary>The feed's status counts before the resync, when the database could be read; else null.</summary>
        public DataExportStatus Before { get; internal set; }

        /// <summary>The feed's status counts after the resync, when the database could be read; else null.</summary>
        public DataExportStatus After { get; internal set; }

        public override string ToString() => $"{Instance} {Feed}: {(Succeeded ? "succeeded" : "failed")}";
    }

    /// <summary>One line of Magento's output as it came, with the instance and feed it belongs to.</summary>
    public sealed class ResyncProgress
    {
        internal ResyncProgress(string instance, DataExportFeed feed, int feedIndex, int feedCount, ResyncLine line)
        {
            Instance = instance;
            Feed = feed.Name;
            FeedIndex = feedIndex;
            FeedCount = feedCount;
            Line = line;
        }

        public string Instance { get; }

        public string Feed { get; }

        /// <summary>Which of the instance's feeds this is (0-based), of FeedCount.</summary>
        public int FeedIndex { get; }

        public int FeedCount { get; }

        /// <summary>The line; null when the feed is about to start.</summary>
        public ResyncLine Line { get; }
    }

    /// <summary>What a resync of one instance did: a result per feed run, or the failure that stopped it.</summary>
    public sealed class InstanceResyncRun
    {
        internal InstanceResyncRun(ConfigTarget target)
        {
            Target = target;
        }

        public ConfigTarget Target { get; }

        public List<DataExportResyncResult> Results { get; } = new List<DataExportResyncResult>();

        /// <summary>Why the status counts could not be read (the database); null when they were, or were not asked for.</summary>
        public string StatusUnavailable { get; internal set; }

        /// <summary>What stopped the instance before or between feeds (no bin/magento, no php); null otherwise.</summary>
        public ConnectorException Failure { get; internal set; }
    }

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

        private readonly DatabaseLogin _login;
        private readonly string _php;
        private readonly TimeSpan _timeout;

        /// <param name="login">How to read the status counts; null reads none.</param>
        /// <param name="php">The PHP binary.</param>
        /// <param name="timeout">How long one feed may take.</param>
        public DataExportResyncRunner(DatabaseLogin login, string php = "php", TimeSpan? timeout = null)
        {
            _login = login;
            _php = string.IsNullOrEmpty(php) ? "php" : php;
            _timeout = timeout ?? DefaultTimeout;
        }

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
            DataExportMonitor monitor = _login == null ? null : new DataExportMonitor(_login);
            for (int i = 0; i < feeds.Count && !cancellation.IsCancellationRequested; i++)
            {
                var feed = feeds[i];
                int index = i;
                onProgress?.Invoke(new ResyncProgress(instance, feed, index, feeds.Count, null));
                DataExportStatus before = ReadStatus(monitor, target, feed, run);
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

        private static DataExportStatus ReadStatus(DataExportMonitor monitor, ConfigTarget target, DataExportFeed feed, InstanceResyncRun run)
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
