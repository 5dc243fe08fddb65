namespace CommerceConnector.Core.Accounts
{
    /// <summary>A Commerce account, identified by its MageID.</summary>
    public sealed class CommerceAccount
    {
        public string MageId { get; set; } = null!;

        public string Name { get; set; } = null!;

        public CommerceEdition Edition { get; set; }

        public AccountStanding Standing { get; set; }

        /// <summary>The e-mail address the account was created for; the default user of Connect-CommerceAccount.</summary>
        public string Owner { get; set; } = null!;

        public DateTimeOffset CreatedAt { get; set; }

        public List<AccountMember> Members { get; set; } = new List<AccountMember>();

        public AccountMember? FindMember(string user) =>
            Members.FirstOrDefault(m => string.Equals(m.User, user, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => MageId;
    }
}
