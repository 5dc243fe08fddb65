using System;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>A SaaS project as registry.json stores it (its data spaces are stored separately).</summary>
    internal sealed class ProjectRecord : IStorageRecord
    {
        [JsonProperty("projectId")]
        public string ProjectId { get; set; }

        [JsonProperty("projectName")]
        public string ProjectName { get; set; }

        [JsonProperty("mageId")]
        public string MageId { get; set; }

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        [JsonProperty("createdBy")]
        public string CreatedBy { get; set; }

        [JsonProperty("source")]
        public RecordSource Source { get; set; }
    }
}
