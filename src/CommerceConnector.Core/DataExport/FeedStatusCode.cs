namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// The rules of the Admin's "Data Feed Sync Status" page for a feed item's <c>status</c> column: which group a code
    /// belongs to and the finer label the page shows for it.
    /// </summary>
    public static class FeedStatusCode
    {
        public const int Sent = 200;
        public const int PayloadError = 400;
        public const int InvalidInAcceptedBatch = 1;
        public const int WillRetry = 2;
        public const int ApplicationError = 0;

        /// <summary>The codes the page counts as "Failed, require attention" (final until the item's data changes).</summary>
        public static readonly int[] RequireAttention = { 400, 401, 403, 1 };

        /// <summary>The group of a status code, deleted or not (a deleted item counts in its status group as well).</summary>
        public static DataExportItemStatus Group(int status)
        {
            if (status == Sent)
            {
                return DataExportItemStatus.Submitted;
            }
            return System.Array.IndexOf(RequireAttention, status) >= 0 ? DataExportItemStatus.FailedRequireAttention : DataExportItemStatus.FailedWillRetry;
        }

        /// <summary>The Admin's label for a status code.</summary>
        public static string Label(int status)
        {
            switch (status)
            {
                case Sent:
                    return "Submitted to service";
                case PayloadError:
                    return "Data payload error (status code: 400)";
                case 401:
                    return "Unauthorized (status code: 401)";
                case 403:
                    return "Forbidden (status code: 403)";
                case InvalidInAcceptedBatch:
                    return "Invalid item in an accepted batch";
                case WillRetry:
                    return "Not accepted (to be retried)";
                case ApplicationError:
                    return "Application error (to be retried)";
                default:
                    return "Server response (status code: " + status.ToString(CultureInfo.InvariantCulture) + ", to be retried)";
            }
        }
    }
}
