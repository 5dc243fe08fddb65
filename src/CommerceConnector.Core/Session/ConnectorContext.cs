using CommerceConnector.Core.Accounts;

namespace CommerceConnector.Core.Session
{
    /// <summary>Who is acting, on which account, against which registry.</summary>
    public sealed class ConnectorContext
    {
        public ConnectorContext(string mageId, string accountName, CommerceEdition edition, string user, MemberRole role, string registryPath, ContextSource source) =>
            (MageId, AccountName, Edition, User, Role, RegistryPath, Source) =
            (mageId, accountName, edition, user, role, registryPath, source);

        public string MageId { get; }

        public string AccountName { get; }

        public CommerceEdition Edition { get; }

        public string User { get; }

        public MemberRole Role { get; }

        public string RegistryPath { get; }

        public ContextSource Source { get; }

        public override string ToString() => $"{User} on {MageId}";
    }
}
