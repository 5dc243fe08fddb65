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
}
