namespace CommerceConnector.Core.DataExport
{
    /// <summary>One feed of one instance as the Admin's "Data Feed Sync Status" page counts it, with its indexer and locks.</summary>
    public sealed class DataExportStatus
    {
        internal DataExportStatus(string instance, DataExportFeed feed) =>
            (Instance, Feed, Kind, IndexerId) = (instance, feed.Name, feed.Kind, feed.IndexerId);

        /// <summary>The registered instance's name (or the Magento root for a path).</summary>
        public string Instance { get; }

        /// <summary>The feed's name, as bin/magento saas:resync --feed takes it.</summary>
        public string Feed { get; }

        /// <summary>The feed table found (the 103.3.0 name or the older one, without the prefix); null when none exists.</summary>
        public string? Table { get; internal set; }

        public DataExportKind Kind { get; }

        public string IndexerId { get; }

        /// <summary>Rows in the feed table.</summary>
        public long Items { get; internal set; }

        /// <summary>"Submitted to service": status 200 and not deleted (legacy feeds: rows not deleted).</summary>
        public long Submitted { get; internal set; }

        /// <summary>"Failed, require attention": status 400, 401, 403 or 1 (null for legacy feeds, which keep no status).</summary>
        public long? FailedRequireAttention { get; internal set; }

        /// <summary>"Failed, will retry": any other status than 200, 400, 401, 403, 1 (null for legacy feeds).</summary>
        public long? FailedWillRetry { get; internal set; }

        /// <summary>Rows marked deleted (is_deleted = 1).</summary>
        public long Deleted { get; internal set; }

        /// <summary>"Awaiting submission": distinct entities in the changelog beyond mview_state.version_id; null without a changelog.</summary>
        public long? AwaitingSubmission { get; internal set; }

        /// <summary>The newest modified_at of the feed table.</summary>
        public DateTime? LastModified { get; internal set; }

        /// <summary>The indexer mode: Schedule (Update by Schedule, mview enabled) or Save (Update on Save).</summary>
        public string? IndexerMode { get; internal set; }

        /// <summary>indexer_state.status: valid, invalid, working, suspended; null when the indexer has no state row.</summary>
        public string? IndexerStatus { get; internal set; }

        /// <summary>The operation holding the feed's lock ("&lt;operation&gt;(&lt;pid&gt;)" from flag feed_metadata_&lt;feed&gt;), or null.</summary>
        public string? LockedBy { get; internal set; }

        /// <summary>When the feed's last submit was recorded (flag &lt;name&gt;-feed-version), or null.</summary>
        public DateTime? LastSubmit { get; internal set; }

        public DataExportHealth Health { get; internal set; }

        public override string ToString() => $"{Feed}: {Health}";
    }
}
