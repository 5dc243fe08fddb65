using CommerceConnector.Core.Accounts;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>A Commerce account as registry.json stores it.</summary>
    internal sealed class AccountRecord : IStorageRecord
    {
        [JsonProperty("mageId")]
        public string MageId { get; set; } = null!;

        [JsonProperty("name")]
        public string Name { get; set; } = null!;

        [JsonProperty("edition")]
        public CommerceEdition Edition { get; set; }

        [JsonProperty("standing")]
        public AccountStanding Standing { get; set; }

        [JsonProperty("owner")]
        public string Owner { get; set; } = null!;

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        [JsonProperty("members")]
        public List<MemberRecord> Members { get; set; } = new List<MemberRecord>();
    }

    /// <summary>A membership as stored inside its account (the account's MageID is not repeated).</summary>
    internal sealed class MemberRecord : IStorageRecord
    {
        [JsonProperty("user")]
        public string User { get; set; } = null!;

        [JsonProperty("role")]
        public MemberRole Role { get; set; }

        [JsonProperty("addedAt")]
        public DateTimeOffset AddedAt { get; set; }
    }
}
