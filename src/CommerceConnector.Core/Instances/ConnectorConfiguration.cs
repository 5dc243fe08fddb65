namespace CommerceConnector.Core.Instances
{
    /// <summary>The connector configuration of one Commerce instance, private keys shown as fingerprints only.</summary>
    public sealed class ConnectorConfiguration
    {
        internal ConnectorConfiguration(string? instance, string path, IReadOnlyList<ConfigSetting> settings, IReadOnlyList<ScopedValue>? scopedValues = null, bool databaseRead = false) =>
            (Instance, Path, Settings, ScopedValues, DatabaseRead) =
            (instance, path, settings, scopedValues ?? new ScopedValue[0], databaseRead);

        /// <summary>The registered instance's name; null when read by path.</summary>
        public string? Instance { get; }

        /// <summary>The Magento root.</summary>
        public string Path { get; }

        public IReadOnlyList<ConfigSetting> Settings { get; }

        /// <summary>Whether the database's core_config_data was read besides the files.</summary>
        public bool DatabaseRead { get; }

        /// <summary>Connector values the database holds at website or store scope (none when it was not read).</summary>
        public IReadOnlyList<ScopedValue> ScopedValues { get; }

        public string? Environment => Value(ConfigPaths.Environment);

        public string? ProductionApiKey => Value(ConfigPaths.ProductionApiKey);

        public string? ProductionKeyFingerprint => Value(ConfigPaths.ProductionPrivateKey);

        public string? SandboxApiKey => Value(ConfigPaths.SandboxApiKey);

        public string? SandboxKeyFingerprint => Value(ConfigPaths.SandboxPrivateKey);

        public string? ProjectId => Value(ConfigPaths.ProjectId);

        public string? ProjectName => Value(ConfigPaths.ProjectName);

        public string? DataSpaceId => Value(ConfigPaths.DataSpaceId);

        public string? DataSpaceName => Value(ConfigPaths.DataSpaceName);

        public string? DataSpaceType => Value(ConfigPaths.DataSpaceType);

        public string? ImsOrganizationId => Value(ConfigPaths.ImsOrganizationId);

        public string? RegistryApiPath => Value(ConfigPaths.RegistryApiPath);

        public ConfigSetting Setting(string path) => Settings.First(s => s.Path == path);

        private string? Value(string path) => Settings.FirstOrDefault(s => s.Path == path)?.Value;
    }
}
