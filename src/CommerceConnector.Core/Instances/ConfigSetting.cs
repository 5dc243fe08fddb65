namespace CommerceConnector.Core.Instances
{
    /// <summary>One connector setting as an instance has it, where the value came from, and which lower values it shadows.</summary>
    public sealed class ConfigSetting
    {
        public ConfigSetting(string path, string? value, ConfigSource? source, string? location, bool isSecret, IReadOnlyList<ShadowedValue>? shadows = null, string? problem = null) =>
            (Path, Value, Source, Location, IsSecret, Shadows, Problem) =
            (path, value, source, location, isSecret, shadows ?? Array.Empty<ShadowedValue>(), problem);

        /// <summary>The Magento config path, e.g. services_connector/services_id/environment_id.</summary>
        public string Path { get; }

        /// <summary>The value; for private keys the key's fingerprint, never its text.</summary>
        public string? Value { get; }

        /// <summary>Which source Magento takes the value from (EnvPhp, ConfigPhp, Database, Default); null when the path is unset.</summary>
        public ConfigSource? Source { get; }

        /// <summary>Where exactly: "app/etc/env.php line 12", "app/etc/config.php line 40", "core_config_data config_id 7", "default"; null when unset.</summary>
        public string? Location { get; }

        public bool IsSecret { get; }

        /// <summary>The values of lower sources that Magento does not use because this one is set (highest first).</summary>
        public IReadOnlyList<ShadowedValue> Shadows { get; }

        /// <summary>Why the value Magento would use could not be read (an encrypted value in a cipher the module does not read); null when it was.</summary>
        public string? Problem { get; }

        public override string ToString() => $"{Path} = {Value}";
    }
}
