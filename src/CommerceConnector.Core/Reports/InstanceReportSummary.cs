using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.Reports
{
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
}
