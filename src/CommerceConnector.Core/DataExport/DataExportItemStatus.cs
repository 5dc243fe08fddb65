namespace CommerceConnector.Core.DataExport
{
    /// <summary>The groups of the Admin's "Data Feed Sync Status" page, by which Get-DataExportItem selects items.</summary>
    public enum DataExportItemStatus
    {
        /// <summary>"Submitted to service": status 200 and not deleted.</summary>
        Submitted,

        /// <summary>"Failed, require attention": status 400, 401, 403 or 1.</summary>
        FailedRequireAttention,

        /// <summary>"Failed, will retry": any other status than 200, 400, 401, 403 and 1.</summary>
        FailedWillRetry,

        /// <summary>Items marked deleted (is_deleted = 1), whatever their status.</summary>
        Deleted,
    }
}
