namespace CommerceConnector.Core.Accounts
{
    /// <summary>A user's membership of an account, with the role that decides what the user may do.</summary>
    public sealed class AccountMember
    {
        /// <summary>The account this membership belongs to (not stored: it is the enclosing account).</summary>
        public string MageId { get; set; } = null!;

        public string User { get; set; } = null!;

        public MemberRole Role { get; set; }

        public DateTimeOffset AddedAt { get; set; }

        /// <summary>Whether this member may generate API keys (licence owners and partner signers).</summary>
        public bool CanGenerateKeys => Role == MemberRole.LicenseOwner || Role == MemberRole.PartnerSigner;

        public override string ToString() => User;
    }
}
