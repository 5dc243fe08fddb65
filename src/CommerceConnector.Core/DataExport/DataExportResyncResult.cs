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
        [MemberNotNullWhen(false, nameof(ErrorId))]
        public bool Succeeded { get; }

        /// <summary>Magento's own measure, from "... complete in HH:MM:SS"; null when it did not complete.</summary>
        public TimeSpan? Duration { get; }

        /// <summary>saas:resync's exit code (0 or 1); -1 when it was stopped.</summary>
        public int ExitCode { get; }

        /// <summary>Magento's error line when it failed ("An error occurred re-syncing ...").</summary>
        public string? Error { get; }

        /// <summary>DataExportFeedLocked or DataExportResyncFailed when it failed; null otherwise.</summary>
        public string? ErrorId { get; }

        /// <summary>The process holding the feed when Magento skipped it ("Feed sync skipped, resource occupied by another process").</summary>
        public string? LockedBy { get; }

        public bool DryRun { get; }

        public bool CleanupFeed { get; }

        /// <summary>The command as it is typed in the Magento root.</summary>
        public string Command { get; }

        /// <summary>Every line Magento printed (blank ones left out).</summary>
        public IReadOnlyList<string> Output { get; }

        /// <summary>The feed's status counts before the resync, when the database could be read; else null.</summary>
        public DataExportStatus? Before { get; internal set; }

        /// <summary>The feed's status counts after the resync, when the database could be read; else null.</summary>
        public DataExportStatus? After { get; internal set; }

        public override string ToString() => $"{Instance} {Feed}: {(Succeeded ? "succeeded" : "failed")}";
    }
}
