using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.DataExport
{
    /// <summary>The outcome for one instance of a run over many: its feeds, or the failure that stopped it.</summary>
    public sealed class InstanceExportStatus
    {
        internal InstanceExportStatus(ConfigTarget target, IReadOnlyList<DataExportStatus> feeds, ConnectorException? failure) =>
            (Target, Feeds, Failure) = (target, feeds, failure);

        public ConfigTarget Target { get; }

        public IReadOnlyList<DataExportStatus> Feeds { get; }

        public ConnectorException? Failure { get; }
    }
}
