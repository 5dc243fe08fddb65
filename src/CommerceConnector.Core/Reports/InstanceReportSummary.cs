using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.Reports
{
    /// <summary>One instance's line of the -PassThru summary.</summary>
    public sealed class InstanceReportSummary
    {
        internal InstanceReportSummary(InstanceReport instance) =>
            (Name, Role, State, FailedChecks, FeedsNeedingAttention, Summary) =
            (instance.Name, instance.Role, instance.State, instance.FailedChecks, instance.FeedsNeedingAttention, instance.Summary);

        public string Name { get; }

        public InstanceRole Role { get; }

        public ReportState State { get; }

        public int FailedChecks { get; }

        public int FeedsNeedingAttention { get; }

        public string Summary { get; }

        public override string ToString() => $"{Name}: {State}";
    }
}
