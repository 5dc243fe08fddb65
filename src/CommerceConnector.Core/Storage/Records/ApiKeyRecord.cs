using CommerceConnector.Core.Keys;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>The public half of an API key as registry.json stores it (never a private key).</summary>
    internal sealed class ApiKeyRecord : IStorageRecord
    {
        [JsonProperty("id")]
        public string Id { get; set; } = null!;

        [JsonProperty("mageId")]
        public string MageId { get; set; } = null!;

        [JsonProperty("name")]
        public string Name { get; set; } = null!;

        [JsonProperty("environment")]
        public ApiKeyEnvironment Environment { get; set; }

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        [JsonProperty("createdBy")]
        public string CreatedBy { get; set; } = null!;

        [JsonProperty("keySize")]
        public int KeySize { get; set; }

        [JsonProperty("fingerprint")]
        public string Fingerprint { get; set; } = null!;

        [JsonProperty("publicKey")]
        public string PublicKey { get; set; } = null!;

        [JsonProperty("status")]
        public ApiKeyStatus Status { get; set; }

        [JsonProperty("revokedAt")]
        public DateTimeOffset? RevokedAt { get; set; }

        [JsonProperty("revokedBy")]
        public string? RevokedBy { get; set; }

        [JsonProperty("source")]
        public RecordSource Source { get; set; }
    }
}
