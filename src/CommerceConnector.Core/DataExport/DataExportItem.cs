namespace CommerceConnector.Core.DataExport
{
    /// <summary>One row of a feed table: an entity as it was (or will be) sent, with the status the service gave it.</summary>
    public sealed class DataExportItem
    {
        internal DataExportItem(string instance, string feed, string sourceEntityId, string feedId, int statusCode, bool isDeleted,
            IReadOnlyList<string> errors, string? requestId, DateTime? modifiedAt)
        {
            Instance = instance;
            Feed = feed;
            SourceEntityId = sourceEntityId;
            FeedId = feedId;
            StatusCode = statusCode;
            StatusLabel = FeedStatusCode.Label(statusCode);
            Status = FeedStatusCode.Group(statusCode);
            IsDeleted = isDeleted;
            Errors = errors;
            RequestId = requestId;
            ModifiedAt = modifiedAt;
        }

        public string Instance { get; }

        public string Feed { get; }

        /// <summary>The entity's id in Magento (a product id, a category id, ...).</summary>
        public string SourceEntityId { get; }

        /// <summary>The item's id in the feed (unique per feed: the entity with its scope).</summary>
        public string FeedId { get; }

        /// <summary>The status column: 200, 400, 1, 2, 0, or an older raw HTTP code.</summary>
        public int StatusCode { get; }

        /// <summary>The Admin's label for the code, e.g. "Data payload error (status code: 400)".</summary>
        public string StatusLabel { get; }

        /// <summary>The page's group of the code.</summary>
        public DataExportItemStatus Status { get; }

        public bool IsDeleted { get; }

        /// <summary>The errors the service or the exporter recorded (the errors column, split into lines).</summary>
        public IReadOnlyList<string> Errors { get; }

        /// <summary>The X-Request-Id of the request that sent the item (metadata column, 2025 and later), or null.</summary>
        public string? RequestId { get; }

        public DateTime? ModifiedAt { get; }

        public override string ToString() => $"{Feed} {FeedId}: {StatusLabel}";
    }
}
