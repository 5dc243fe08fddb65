using CommerceConnector.Core.Instances;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>A registered Commerce installation as registry.json stores it.</summary>
    internal sealed class InstanceRecord : IStorageRecord
    {
        [JsonProperty("name")]
        public string Name { get; set; } = null!;

        [JsonProperty("mageId")]
        public string MageId { get; set; } = null!;

        [JsonProperty("path")]
        public string Path { get; set; } = null!;

        [JsonProperty("role")]
        public InstanceRole Role { get; set; }

        [JsonProperty("baseUrl")]
        public string? BaseUrl { get; set; }

        [JsonProperty("registeredAt")]
        public DateTimeOffset RegisteredAt { get; set; }

        [JsonProperty("registeredBy")]
        public string RegisteredBy { get; set; } = null!;

        [JsonProperty("assignedDataSpaceId")]
        public string? AssignedDataSpaceId { get; set; }

        [JsonProperty("databaseAccess", NullValueHandling = NullValueHandling.Ignore)]
        public DatabaseAccess? DatabaseAccess { get; set; }
    }
}
