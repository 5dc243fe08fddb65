namespace CommerceConnector.Core.DataExport
{
    /// <summary>A feed's state in one word: NotInstalled, else NeedsAttention, else Retrying, else Backlog, else Ok.</summary>
    public enum DataExportHealth
    {
        /// <summary>Every item sent or waiting its normal turn.</summary>
        Ok,

        /// <summary>Items failed for a reason cron retries (status 0, 2 or another HTTP code): they go out again within minutes.</summary>
        Retrying,

        /// <summary>Items were refused for good (status 400, 401, 403 or 1): they stay refused until their data or the keys change.</summary>
        NeedsAttention,

        /// <summary>More than 1,000 entities wait in the changelog: the indexer (cron) is behind.</summary>
        Backlog,

        /// <summary>The feed's table is not in the database: its module is not installed.</summary>
        NotInstalled,
    }
}
