namespace CommerceConnector.Core.Instances
{
    /// <summary>A connector value the database holds at website or store scope (the connector's values belong at default scope).</summary>
    public sealed class ScopedValue
    {
        public ScopedValue(string path, string scope, long scopeId, long configId, string? value) =>
            (Path, Scope, ScopeId, ConfigId, Value) = (path, scope, scopeId, configId, value);

        public string Path { get; }

        /// <summary>core_config_data scope: websites or stores.</summary>
        public string Scope { get; }

        public long ScopeId { get; }

        public long ConfigId { get; }

        /// <summary>The value as shown (a private key as its fingerprint).</summary>
        public string? Value { get; }

        public override string ToString() => $"{Path} at {Scope} {ScopeId}";
    }
}
