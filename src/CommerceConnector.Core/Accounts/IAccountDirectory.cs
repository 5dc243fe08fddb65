namespace CommerceConnector.Core.Accounts
{
    /// <summary>The Commerce accounts known to a registry, with their members and the rules that guard them.</summary>
    public interface IAccountDirectory
    {
        IReadOnlyList<CommerceAccount> GetAccounts(string? mageIdPattern = null);

        CommerceAccount GetAccount(string mageId);

        CommerceAccount NewAccount(string mageId, CommerceEdition edition, string owner, string? name = null, AccountStanding standing = AccountStanding.Good);

        CommerceAccount SetAccount(string mageId, AccountStanding? standing, string? name);

        AccountMember AddMember(string mageId, string user, MemberRole role);

        AccountMember RemoveMember(string mageId, string user);
    }
}
