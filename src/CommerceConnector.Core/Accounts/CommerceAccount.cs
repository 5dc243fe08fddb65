using System;
using System.Collections.Generic;
using System.Linq;

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
        public string MageId { get; set; }

        public string Name { get; set; }

        public CommerceEdition Edition { get; set; }

        public AccountStanding Standing { get; set; }

        /// <summary>The e-mail address the account was created for; the default user of Connect-CommerceAccount.</summary>
        public string Owner { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public List<AccountMember> Members { get; set; } = new List<AccountMember>();

        public AccountMember FindMember(string user) =>
            Members.FirstOrDefault(m => string.Equals(m.User, user, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => MageId;
    }

    /// <summary>A user's membership of an account, with the role that decides what the user may do.</summary>
    public sealed class AccountMember
    {
        /// <summary>The account this membership belongs to (not stored: it is the enclosing account).</summary>
        public string MageId { get; set; }

        public string User { get; set; }

        public MemberRole Role { get; set; }

        public DateTimeOffset AddedAt { get; set; }

        /// <summary>Whether this member may generate API keys (licence owners and partner signers).</summary>
        public bool CanGenerateKeys => Role == MemberRole.LicenseOwner || Role == MemberRole.PartnerSigner;

        public override string ToString() => User;
    }
}
