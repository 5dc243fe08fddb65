using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.DataExport
{
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
        public string? StatusUnavailable { get; internal set; }

        /// <summary>What stopped the instance before or between feeds (no bin/magento, no php); null otherwise.</summary>
        public ConnectorException? Failure { get; internal set; }
    }
}
