using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>
    /// The schema of registry.json, and only that: the file store reads and writes these records and maps them to and
    /// from <see cref="RegistryDocument"/> (<see cref="RecordMapping"/>), so the objects commands output can change
    /// without changing the file. Property order here is the order in the file.
    /// </summary>
    internal sealed class RegistryFile : IStorageRecord
    {
        /// <summary>The schema of the stored file; 0 when a file lacks the field (which makes it corrupt).</summary>
        [JsonProperty("schemaVersion", Order = -2)]
        [JsonConverter(typeof(StrictIntegerConverter))]
        public int SchemaVersion { get; set; }

        [JsonProperty("accounts")]
        public List<AccountRecord> Accounts { get; set; } = new List<AccountRecord>();

        /// <summary>The public halves of API keys (never a private key).</summary>
        [JsonProperty("apiKeys")]
        public List<ApiKeyRecord> ApiKeys { get; set; } = new List<ApiKeyRecord>();

        [JsonProperty("projects")]
        public List<ProjectRecord> Projects { get; set; } = new List<ProjectRecord>();

        [JsonProperty("dataSpaces")]
        public List<DataSpaceRecord> DataSpaces { get; set; } = new List<DataSpaceRecord>();

        [JsonProperty("instances")]
        public List<InstanceRecord> Instances { get; set; } = new List<InstanceRecord>();

        /// <summary>
        /// Key rotations, open and completed (Update-ConnectorApiKey). Added without a schema change: a file without the
        /// field reads as none, and the field is written only when there is one, so a registry that never rotated a key
        /// stays byte-identical to what earlier builds write.
        /// </summary>
        [JsonProperty("keyRotations")]
        public List<KeyRotationRecord> KeyRotations { get; set; } = new List<KeyRotationRecord>();

        public bool ShouldSerializeKeyRotations() => KeyRotations != null && KeyRotations.Count > 0;
    }

    /// <summary>Reads only a JSON integer: a quoted number in a hand-edited file is corruption, not a schema.</summary>
    internal sealed class StrictIntegerConverter : JsonConverter<int>
    {
        public override int ReadJson(JsonReader reader, System.Type objectType, int existingValue, bool hasExistingValue, JsonSerializer serializer)
        {
            if (reader.TokenType != JsonToken.Integer)
            {
                throw new JsonSerializationException($"expected an integer, found {reader.TokenType}");
            }
            return System.Convert.ToInt32(reader.Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        public override void WriteJson(JsonWriter writer, int value, JsonSerializer serializer) => writer.WriteValue(value);
    }
}
