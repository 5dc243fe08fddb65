using CommerceConnector.Core.DataExport;

namespace CommerceConnector.Core.Reports
{
    /// <summary>One item behind a failed count, as the report shows it.</summary>
    public sealed class ReportFeedError
    {
        internal ReportFeedError(DataExportItem item) =>
            (Feed, SourceEntityId, StatusLabel, Error, ModifiedAt) =
            (item.Feed, item.SourceEntityId, item.StatusLabel, item.Errors.Count > 0 ? string.Join(" ", item.Errors) : null, item.ModifiedAt);

        public string Feed { get; }

        public string SourceEntityId { get; }

        public string StatusLabel { get; }

        public string? Error { get; }

        public DateTime? ModifiedAt { get; }
    }
}
