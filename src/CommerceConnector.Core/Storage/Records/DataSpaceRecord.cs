using CommerceConnector.Core.Projects;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>A data space as registry.json stores it (its project's name is not stored).</summary>
    internal sealed class DataSpaceRecord : IStorageRecord
    {
        [JsonProperty("dataSpaceId")]
        public string DataSpaceId { get; set; } = null!;

        [JsonProperty("dataSpaceName")]
        public string DataSpaceName { get; set; } = null!;

        [JsonProperty("type")]
        public DataSpaceType Type { get; set; }

        [JsonProperty("projectId")]
        public string ProjectId { get; set; } = null!;

        [JsonProperty("mageId")]
        public string MageId { get; set; } = null!;

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        [JsonProperty("supportTicket")]
        public string? SupportTicket { get; set; }

        [JsonProperty("cleanups")]
        public List<CleanupRecord> Cleanups { get; set; } = new List<CleanupRecord>();

        [JsonProperty("exportedItems")]
        public int ExportedItems { get; set; }

        [JsonProperty("source")]
        public RecordSource Source { get; set; }

        [JsonProperty("cloudId", NullValueHandling = NullValueHandling.Ignore)]
        public string? CloudId { get; set; }
    }

    /// <summary>One cleanup request of a data space, as stored inside it.</summary>
    internal sealed class CleanupRecord : IStorageRecord
    {
        [JsonProperty("requestedAt")]
        public DateTimeOffset RequestedAt { get; set; }

        [JsonProperty("requestedBy")]
        public string RequestedBy { get; set; } = null!;

        [JsonProperty("removedItems")]
        public int RemovedItems { get; set; }
    }
}
