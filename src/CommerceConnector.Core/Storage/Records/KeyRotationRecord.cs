using CommerceConnector.Core.Keys;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>A key rotation as registry.json stores it.</summary>
    internal sealed class KeyRotationRecord : IStorageRecord
    {
        [JsonProperty("id")]
        public string Id { get; set; } = null!;

        [JsonProperty("mageId")]
        public string MageId { get; set; } = null!;

        [JsonProperty("environment")]
        public ApiKeyEnvironment Environment { get; set; }

        [JsonProperty("oldApiKey")]
        public string OldApiKey { get; set; } = null!;

        [JsonProperty("newApiKey")]
        public string NewApiKey { get; set; } = null!;

        [JsonProperty("newKeyFingerprint")]
        public string NewKeyFingerprint { get; set; } = null!;

        [JsonProperty("startedAt")]
        public DateTimeOffset StartedAt { get; set; }

        [JsonProperty("startedBy")]
        public string StartedBy { get; set; } = null!;

        [JsonProperty("status")]
        public KeyRotationStatus Status { get; set; }

        [JsonProperty("completedAt")]
        public DateTimeOffset? CompletedAt { get; set; }

        [JsonProperty("oldKeyRevoked")]
        public bool OldKeyRevoked { get; set; }

        [JsonProperty("instances")]
        public List<RotatedInstanceRecord> Instances { get; set; } = new List<RotatedInstanceRecord>();
    }

    /// <summary>One instance of a key rotation, as stored inside it.</summary>
    internal sealed class RotatedInstanceRecord : IStorageRecord
    {
        [JsonProperty("name")]
        public string Name { get; set; } = null!;

        [JsonProperty("path")]
        public string Path { get; set; } = null!;

        [JsonProperty("state")]
        public RotationState State { get; set; }

        [JsonProperty("reason")]
        public string? Reason { get; set; }

        [JsonProperty("changedAt")]
        public DateTimeOffset? ChangedAt { get; set; }
    }
}
