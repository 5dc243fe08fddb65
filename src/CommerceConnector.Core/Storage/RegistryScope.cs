namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// What part of the registry a command reads or changes. A backend that keeps rows (PostgreSQL) loads and locks only
    /// the rows in scope; the file backend always reads its whole document. Every rule that a command checks on the
    /// document must only look at rows inside the scope it declared; what lies outside (a Magento root registered by
    /// another account) is guarded by the backend's own constraints.
    /// </summary>
    public sealed class RegistryScope
    {
        private RegistryScope(string? mageId)
        {
            MageId = mageId;
        }

        /// <summary>The whole registry: every row, and, for a change, every writer excluded.</summary>
        public static RegistryScope All { get; } = new RegistryScope(null);

        /// <summary>One account and everything it owns: members, keys, projects, data spaces, instances, rotations.</summary>
        public static RegistryScope Account(string mageId)
        {
            if (string.IsNullOrWhiteSpace(mageId))
            {
                throw new ArgumentException("An account scope needs a MageID.", nameof(mageId));
            }
            return new RegistryScope(mageId.Trim());
        }

        /// <summary>The account in scope, or null for the whole registry.</summary>
        public string? MageId { get; }

        public bool IsAll => MageId == null;

        public override string ToString() => IsAll ? "the whole registry" : "account " + MageId;
    }
}
