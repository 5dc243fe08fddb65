namespace CommerceConnector.Core.Projects
{
    /// <summary>One cleanup request of a data space's exported data.</summary>
    public sealed class CleanupRequest
    {
        public DateTimeOffset RequestedAt { get; set; }

        public string RequestedBy { get; set; } = null!;

        /// <summary>How many exported items the cleanup removed.</summary>
        public int RemovedItems { get; set; }
    }
}
