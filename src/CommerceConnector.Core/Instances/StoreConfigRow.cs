namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// One core_config_data row of a connector path, its encrypted value already decrypted in memory. A value that could
    /// not be read (a cipher the module does not read, a missing key) has <see cref="Value"/> null and says why in
    /// <see cref="Problem"/>.
    /// </summary>
    public sealed class StoreConfigRow
    {
        public StoreConfigRow(long configId, string scope, long scopeId, string path, string? value, string? problem) =>
            (ConfigId, Scope, ScopeId, Path, Value, Problem) = (configId, scope, scopeId, path, value, problem);

        public long ConfigId { get; }

        public string Scope { get; }

        public long ScopeId { get; }

        public string Path { get; }

        /// <summary>The value Magento reads (decrypted for encrypted fields); null when unreadable.</summary>
        public string? Value { get; }

        /// <summary>Why the value could not be read; null when it was.</summary>
        public string? Problem { get; }

        public bool IsDefaultScope => Scope == "default" && ScopeId == 0;

        /// <summary>Where the row is, as messages name it.</summary>
        public string Location => $"core_config_data config_id {ConfigId}";
    }
}
