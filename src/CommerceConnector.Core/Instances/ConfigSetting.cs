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
}
