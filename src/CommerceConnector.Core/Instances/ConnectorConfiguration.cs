using System.Collections.Generic;
using System.Linq;

namespace CommerceConnector.Core.Instances
{
    /// <summary>One connector setting as an instance has it, and where the value came from.</summary>
    public sealed class ConfigSetting
    {
        public ConfigSetting(string path, string value, string source, bool isSecret)
        {
            Path = path;
            Value = value;
            Source = source;
            IsSecret = isSecret;
        }

        /// <summary>The Magento config path, e.g. services_connector/services_id/environment_id.</summary>
        public string Path { get; }

        /// <summary>The value; for private keys the key's fingerprint, never its text.</summary>
        public string Value { get; }

        /// <summary>Where the value came from: "app/etc/env.php line 12", "app/etc/config.php line 40", "default", or null when unset.</summary>
        public string Source { get; }

        public bool IsSecret { get; }

        public override string ToString() => $"{Path} = {Value}";
    }

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

    /// <summary>One value a command will change: shown by -WhatIf, secrets as fingerprints.</summary>
    public sealed class ConfigChange
    {
        public ConfigChange(string path, string oldDisplay, string newDisplay, string newValue)
        {
            Path = path;
            OldDisplay = oldDisplay;
            NewDisplay = newDisplay;
            NewValue = newValue;
        }

        public string Path { get; }

        public string OldDisplay { get; }

        public string NewDisplay { get; }

        /// <summary>The value to write; null removes the path.</summary>
        internal string NewValue { get; }

        public bool Removes => NewValue == null;

        public override string ToString() => $"{Path}: {OldDisplay ?? "(unset)"} -> {NewDisplay ?? "(removed)"}";
    }

    /// <summary>The outcome of a write: what changed, and the backup taken before.</summary>
    public sealed class ConfigurationResult
    {
        internal ConfigurationResult(string instance, string path, IReadOnlyList<ConfigChange> changes, string backupPath, IReadOnlyList<string> warnings)
        {
            Instance = instance;
            Path = path;
            Changes = changes;
            BackupPath = backupPath;
            Warnings = warnings;
        }

        public string Instance { get; }

        public string Path { get; }

        public IReadOnlyList<ConfigChange> Changes { get; }

        /// <summary>The backup of env.php taken before the write; null when nothing changed.</summary>
        public string BackupPath { get; }

        public IReadOnlyList<string> Warnings { get; }
    }
}
