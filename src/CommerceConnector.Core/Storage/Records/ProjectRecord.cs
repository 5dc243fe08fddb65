using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>A SaaS project as registry.json stores it (its data spaces are stored separately).</summary>
    internal sealed class ProjectRecord : IStorageRecord
    {
        [JsonProperty("projectId")]
        public string ProjectId { get; set; } = null!;

        [JsonProperty("projectName")]
        public string ProjectName { get; set; } = null!;

        [JsonProperty("mageId")]
        public string MageId { get; set; } = null!;

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        [JsonProperty("createdBy")]
        public string CreatedBy { get; set; } = null!;

        [JsonProperty("source")]
        public RecordSource Source { get; set; }
    }
}
