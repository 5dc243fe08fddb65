using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Projects
{
    /// <summary>
    /// A data space (the registry protocol's "environment"): where one Commerce installation's exported data lives.
    /// </summary>
    public sealed class DataSpace
    {
        public string DataSpaceId { get; set; } = null!;

        public string DataSpaceName { get; set; } = null!;

        public DataSpaceType Type { get; set; }

        public string ProjectId { get; set; } = null!;

        /// <summary>The project's current name (filled in on read).</summary>
        public string? ProjectName { get; set; }

        public string MageId { get; set; } = null!;

        public DateTimeOffset CreatedAt { get; set; }

        /// <summary>The support ticket that granted an additional testing data space.</summary>
        public string? SupportTicket { get; set; }

        public List<CleanupRequest> Cleanups { get; set; } = new List<CleanupRequest>();

        /// <summary>Items exported into this data space (the data export fills it; a cleanup empties it).</summary>
        public int ExportedItems { get; set; }

        /// <summary>Where the record came from: created here, registered by hand, or adopted from an instance's env.php.</summary>
        public RecordSource Source { get; set; }

        /// <summary>The Adobe Commerce Cloud project the registry linked this data space to (PUT .../cloudid/{id}); null when none.</summary>
        public string? CloudId { get; set; }

        public DateTimeOffset? LastCleanupAt => Cleanups.Count == 0 ? (DateTimeOffset?)null : Cleanups[Cleanups.Count - 1].RequestedAt;

        public override string ToString() => DataSpaceName;
    }
}
