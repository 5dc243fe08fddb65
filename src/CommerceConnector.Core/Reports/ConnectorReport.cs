namespace CommerceConnector.Core.Reports
{
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
}
