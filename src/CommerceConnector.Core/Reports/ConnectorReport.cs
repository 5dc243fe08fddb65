using System;
using System.Collections.Generic;
using System.Linq;
using CommerceConnector.Core.DataExport;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Reports
{
    /// <summary>How an instance stands in the report, worst first (the report's order).</summary>
    public enum ReportState
    {
        /// <summary>A check failed, or a feed holds items refused for good.</summary>
        NeedsAttention,

        /// <summary>Nothing failed, but something is off: a skipped check, items waiting to be retried, a backlog, a lock, an unreadable database.</summary>
        Warning,

        /// <summary>Every check passed and every feed is Ok (or was not read).</summary>
        Ok,
    }

    /// <summary>One API key pair an instance holds, by fingerprint only.</summary>
    public sealed class ReportKey
    {
        internal ReportKey(ApiKeyEnvironment environment, bool selected, string name, string fingerprint, string state)
        {
            Environment = environment;
            Selected = selected;
            Name = name;
            Fingerprint = fingerprint;
            State = state;
        }

        public ApiKeyEnvironment Environment { get; }

        /// <summary>Whether magento_saas/environment selects this pair.</summary>
        public bool Selected { get; }

        /// <summary>The key's name in the registry; null when the registry does not know the key.</summary>
        public string Name { get; }

        /// <summary>The SHA-256 fingerprint of the key pair's public key (never the key, never the API key id).</summary>
        public string Fingerprint { get; }

        /// <summary>Active, Revoked, "Not in the registry", or Incomplete (a half of the pair is missing).</summary>
        public string State { get; }
    }

    /// <summary>One item behind a failed count, as the report shows it.</summary>
    public sealed class ReportFeedError
    {
        internal ReportFeedError(DataExportItem item)
        {
            Feed = item.Feed;
            SourceEntityId = item.SourceEntityId;
            StatusLabel = item.StatusLabel;
            Error = item.Errors.Count > 0 ? string.Join(" ", item.Errors) : null;
            ModifiedAt = item.ModifiedAt;
        }

        public string Feed { get; }

        public string SourceEntityId { get; }

        public string StatusLabel { get; }

        public string Error { get; }

        public DateTime? ModifiedAt { get; }
    }

    /// <summary>One instance in the report.</summary>
    public sealed class InstanceReport
    {
        internal InstanceReport(CommerceInstance instance)
        {
            Name = instance.Name;
            Role = instance.Role;
        }

        public string Name { get; }

        public InstanceRole Role { get; }

        /// <summary>production or sandbox (magento_saas/environment; production when unset).</summary>
        public string Environment { get; internal set; }

        public string ProjectId { get; internal set; }

        public string ProjectName { get; internal set; }

        public string DataSpaceId { get; internal set; }

        public string DataSpaceName { get; internal set; }

        public string DataSpaceType { get; internal set; }

        public IReadOnlyList<ReportKey> Keys { get; internal set; } = Array.Empty<ReportKey>();

        /// <summary>Every check of Test-ConnectorConfiguration, with its verdict and fix.</summary>
        public IReadOnlyList<ConfigCheck> Checks { get; internal set; } = Array.Empty<ConfigCheck>();

        /// <summary>The feeds' status, when the database was read; empty otherwise.</summary>
        public IReadOnlyList<DataExportStatus> Feeds { get; internal set; } = Array.Empty<DataExportStatus>();

        /// <summary>The newest failed items, when the database was read.</summary>
        public IReadOnlyList<ReportFeedError> NewestErrors { get; internal set; } = Array.Empty<ReportFeedError>();

        /// <summary>Why the feeds are not shown (database not read); null when they are.</summary>
        public string DatabaseNote { get; internal set; }

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

    /// <summary>The state of an account's fleet at one moment: what Export-ConnectorReport renders.</summary>
    public sealed class ConnectorReport
    {
        internal ConnectorReport(string mageId, string accountName, string edition, DateTimeOffset generatedAt, IEnumerable<InstanceReport> instances)
        {
            MageId = mageId;
            AccountName = accountName;
            Edition = edition;
            GeneratedAt = generatedAt;
            Instances = instances.OrderBy(i => i.State).ThenBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        public string MageId { get; }

        public string AccountName { get; }

        public string Edition { get; }

        public DateTimeOffset GeneratedAt { get; }

        /// <summary>Needs attention first, then warnings, then the rest; by name within each.</summary>
        public IReadOnlyList<InstanceReport> Instances { get; }

        public int Count(ReportState state) => Instances.Count(i => i.State == state);
    }

    /// <summary>One instance's line of the -PassThru summary.</summary>
    public sealed class InstanceReportSummary
    {
        internal InstanceReportSummary(InstanceReport instance)
        {
            Name = instance.Name;
            Role = instance.Role;
            State = instance.State;
            FailedChecks = instance.FailedChecks;
            FeedsNeedingAttention = instance.FeedsNeedingAttention;
            Summary = instance.Summary;
        }

        public string Name { get; }

        public InstanceRole Role { get; }

        public ReportState State { get; }

        public int FailedChecks { get; }

        public int FeedsNeedingAttention { get; }

        public string Summary { get; }

        public override string ToString() => $"{Name}: {State}";
    }

    /// <summary>What Export-ConnectorReport -PassThru returns: where the page is and the same summary, for scripts.</summary>
    public sealed class ConnectorReportSummary
    {
        public ConnectorReportSummary(string path, ConnectorReport report)
        {
            Path = path;
            MageId = report.MageId;
            GeneratedAt = report.GeneratedAt;
            Instances = report.Instances.Select(i => new InstanceReportSummary(i)).ToList();
            NeedsAttention = report.Count(ReportState.NeedsAttention);
            Warning = report.Count(ReportState.Warning);
            Ok = report.Count(ReportState.Ok);
        }

        /// <summary>The HTML file written.</summary>
        public string Path { get; }

        public string MageId { get; }

        public DateTimeOffset GeneratedAt { get; }

        public int NeedsAttention { get; }

        public int Warning { get; }

        public int Ok { get; }

        /// <summary>Each instance's state, in the report's order (needs attention first).</summary>
        public IReadOnlyList<InstanceReportSummary> Instances { get; }

        public override string ToString() => Path;
    }
}
