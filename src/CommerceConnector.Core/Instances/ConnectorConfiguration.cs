using System.Collections.Generic;
using System.Linq;

namespace CommerceConnector.Core.Instances
{
    /// <summary>The connector configuration of one Commerce instance, private keys shown as fingerprints only.</summary>
    public sealed class ConnectorConfiguration
    {
        internal ConnectorConfiguration(string instance, string path, IReadOnlyList<ConfigSetting> settings)
        {
            Instance = instance;
            Path = path;
            Settings = settings;
        }

        /// <summary>The registered instance's name; null when read by path.</summary>
        public string Instance { get; }

        /// <summary>The Magento root.</summary>
        public string Path { get; }

        public IReadOnlyList<ConfigSetting> Settings { get; }

        public string Environment => Value(ConfigPaths.Environment);

        public string ProductionApiKey => Value(ConfigPaths.ProductionApiKey);

        public string ProductionKeyFingerprint => Value(ConfigPaths.ProductionPrivateKey);

        public string SandboxApiKey => Value(ConfigPaths.SandboxApiKey);

        public string SandboxKeyFingerprint => Value(ConfigPaths.SandboxPrivateKey);

        public string ProjectId => Value(ConfigPaths.ProjectId);

        public string ProjectName => Value(ConfigPaths.ProjectName);

        public string DataSpaceId => Value(ConfigPaths.DataSpaceId);

        public string DataSpaceName => Value(ConfigPaths.DataSpaceName);

        public string DataSpaceType => Value(ConfigPaths.DataSpaceType);

        public string ImsOrganizationId => Value(ConfigPaths.ImsOrganizationId);

        public string RegistryApiPath => Value(ConfigPaths.RegistryApiPath);

        public ConfigSetting Setting(string path) => Settings.First(s => s.Path == path);

        private string Value(string path) => Settings.FirstOrDefault(s => s.Path == path)?.Value;
    }
}
