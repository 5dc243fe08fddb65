using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Accounts
{
    public enum CommerceEdition
    {
        AdobeCommerce,
        MagentoOpenSource,
    }

    public enum AccountStanding
    {
        Good,
        Suspended,
    }

    public enum MemberRole
    {
        /// <summary>The licence owner of a merchant organisation: may generate API keys.</summary>
        LicenseOwner,

        /// <summary>Access shared by a licence owner: sees the organisation, may not generate keys.</summary>
        SharedAccess,

        /// <summary>The signer of a solution integrator's partner agreement: may generate API keys.</summary>
        PartnerSigner,
    }

    /// <summary>A Commerce account, identified by its MageID.</summary>
    public sealed class CommerceAccount
    {
        [JsonProperty("mageId")]
        public string MageId { get; set; }

        [JsonProperty("name")]
        public string Name { get; set; }

        [JsonProperty("edition")]
        public CommerceEdition Edition { get; set; }

        [JsonProperty("standing")]
        public AccountStanding Standing { get; set; }

        /// <summary>The e-mail address the account was created for; the default user of Connect-CommerceAccount.</summary>
        [JsonProperty("owner")]
        public string Owner { get; set; }

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        [JsonProperty("members")]
        public List<AccountMember> Members { get; set; } = new List<AccountMember>();

        public AccountMember FindMember(string user) =>
            Members.FirstOrDefault(m => string.Equals(m.User, user, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => MageId;

        [OnDeserialized]
        internal void OnDeserialized(StreamingContext context)
        {
            Members = Members ?? new List<AccountMember>();
            foreach (var member in Members)
            {
                member.MageId = MageId;
            }
        }
    }

    /// <summary>A user's membership of an account, with the role that decides what the user may do.</summary>
    public sealed class AccountMember
    {
        /// <summary>The account this membership belongs to (not stored: it is the enclosing account).</summary>
        [JsonIgnore]
        public string MageId { get; set; }

        [JsonProperty("user")]
        public string User { get; set; }

        [JsonProperty("role")]
        public MemberRole Role { get; set; }

        [JsonProperty("addedAt")]
        public DateTimeOffset AddedAt { get; set; }

        /// <summary>Whether this member may generate API keys (licence owners and partner signers).</summary>
        [JsonIgnore]
        public bool CanGenerateKeys => Role == MemberRole.LicenseOwner || Role == MemberRole.PartnerSigner;

        public override string ToString() => User;
    }
}
