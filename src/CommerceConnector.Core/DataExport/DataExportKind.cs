namespace CommerceConnector.Core.DataExport
{
    /// <summary>How a feed reaches Commerce Services.</summary>
    public enum DataExportKind
    {
        /// <summary>Each item is sent when its data changes and keeps its own status (the feed table has a status column).</summary>
        Immediate,

        /// <summary>Sent in batches by cron; the feed table keeps no per-item status.</summary>
        Legacy,
    }
}
