namespace CommerceConnector.Core.Reports
{
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
