using CommerceConnector.Core.DataExport;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Reports
{
    /// <summary>One instance in the report.</summary>
    public sealed class InstanceReport
    {
        internal InstanceReport(CommerceInstance instance) =>
            (Name, Role) = (instance.Name, instance.Role);

        public string Name { get; }

        public InstanceRole Role { get; }

        /// <summary>production or sandbox (magento_saas/environment; production when unset).</summary>
        public string? Environment { get; internal set; }

        public string? ProjectId { get; internal set; }

        public string? ProjectName { get; internal set; }

        public string? DataSpaceId { get; internal set; }

        public string? DataSpaceName { get; internal set; }

        public string? DataSpaceType { get; internal set; }

        public IReadOnlyList<ReportKey> Keys { get; internal set; } = Array.Empty<ReportKey>();

        /// <summary>Every check of Test-ConnectorConfiguration, with its verdict and fix.</summary>
        public IReadOnlyList<ConfigCheck> Checks { get; internal set; } = Array.Empty<ConfigCheck>();

        /// <summary>The feeds' status, when the database was read; empty otherwise.</summary>
        public IReadOnlyList<DataExportStatus> Feeds { get; internal set; } = Array.Empty<DataExportStatus>();

        /// <summary>The newest failed items, when the database was read.</summary>
        public IReadOnlyList<ReportFeedError> NewestErrors { get; internal set; } = Array.Empty<ReportFeedError>();

        /// <summary>Why the feeds are not shown (database not read); null when they are.</summary>
        public string? DatabaseNote { get; internal set; }

        public int FailedChecks => Checks.Count(c => c.Verdict == CheckVerdict.Failed);

        public int SkippedChecks => Checks.Count(c => c.Verdict == CheckVerdict.Skipped);

        /// <summary>Feeds whose health is NeedsAttention.</summary>
        public int FeedsNeedingAttention => Feeds.Count(f => f.Health == DataExportHealth.NeedsAttention);

        /// <summary>Feeds that are retrying, behind (Backlog) or locked.</summary>
        public int FeedsWithWarnings => Feeds.Count(f => f.Health == DataExportHealth.Retrying || f.Health == DataExportHealth.Backlog || (f.Health == DataExportHealth.Ok && f.LockedBy != null));

        public ReportState State =>
            FailedChecks > 0 || FeedsNeedingAttention > 0 ? ReportState.NeedsAttention
            : SkippedChecks > 0 || FeedsWithWarnings > 0 || DatabaseNote != null ? ReportState.Warning
            : ReportState.Ok;

        /// <summary>The state in a sentence: what is wrong, counted.</summary>
        public string Summary
        {
            get
            {
                var parts = new List<string>();
                if (FailedChecks > 0)
                {
                    parts.Add(Count(FailedChecks, "check failed", "checks failed"));
                }
                if (FeedsNeedingAttention > 0)
                {
                    parts.Add(Count(FeedsNeedingAttention, "feed needs attention", "feeds need attention"));
                }
                if (SkippedChecks > 0)
                {
                    parts.Add(Count(SkippedChecks, "check skipped", "checks skipped"));
                }
                if (FeedsWithWarnings > 0)
                {
                    parts.Add(Count(FeedsWithWarnings, "feed retrying, behind or locked", "feeds retrying, behind or locked"));
                }
                if (DatabaseNote != null)
                {
                    parts.Add("feeds not read");
                }
                return parts.Count == 0 ? "All checks passed" + (Feeds.Count > 0 ? ", every feed Ok" : string.Empty) : string.Join(", ", parts);
            }
        }

        private static string Count(int n, string one, string many) => n == 1 ? "1 " + one : n + " " + many;
    }
}
