using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Reads the connector configuration of an installation as Magento reads it: each connector path from env.php, then
    /// config.php, then the defaults; private keys as fingerprints. Also the modules config.php enables.
    /// </summary>
    public static class ConfigurationReader
    {
        public static ConnectorConfiguration Read(ConfigTarget target) => Read(target, PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp), ReadConfigPhp(target));

        /// <summary>app/etc/config.php parsed, or null when the installation has none.</summary>
        internal static PhpConfigFile ReadConfigPhp(ConfigTarget target) =>
            File.Exists(target.ConfigPhp) ? PhpConfigFile.Parse(ConfigFileWriter.Read(target.ConfigPhp), target.ConfigPhp) : null;

        /// <summary>
        /// The configuration from files already parsed (<paramref name="shared"/> is config.php, or null).
        /// <paramref name="fingerprint"/> turns private keys into fingerprints; a fleet audit passes one that reads each
        /// distinct key once.
        /// </summary>
        internal static ConnectorConfiguration Read(ConfigTarget target, PhpConfigFile env, PhpConfigFile shared, Func<string, string> fingerprint = null)
        {
            var settings = new List<ConfigSetting>();
            foreach (string path in ConfigPaths.All)
            {
                settings.Add(ReadSetting(env, shared, path, fingerprint ?? Fingerprint));
            }
            return new ConnectorConfiguration(target.Instance?.Name, target.Root, settings);
        }

        private static ConfigSetting ReadSetting(PhpConfigFile env, PhpConfigFile shared, string path, Func<string, string> fingerprint)
        {
            bool secret = ConfigPaths.Secrets.Contains(path);
            var keys = ConfigPaths.EnvPhpKeys(path);
            // Magento reads env.php over config.php.
            foreach (var (file, name) in new[] { (env, "app/etc/env.php"), (shared, "app/etc/config.php") })
            {
                var value = file?.Get(keys);
                if (value == null)
                {
                    continue;
                }
                if (value.Kind == PhpValueKind.Expression)
                {
                    return new ConfigSetting(path, null, $"{name} line {value.Line} (computed: {value.Source})", secret);
                }
                string text = value.Kind == PhpValueKind.Null ? null : value.Text;
                return new ConfigSetting(path, secret ? fingerprint(text) : text, $"{name} line {value.Line}", secret);
            }
            if (path == ConfigPaths.Environment)
            {
                return new ConfigSetting(path, "production", "default", false);
            }
            if (path == ConfigPaths.RegistryApiPath)
            {
                return new ConfigSetting(path, ConfigPaths.DefaultRegistryApiPath, "default", false);
            }
            return new ConfigSetting(path, null, null, secret);
        }

        internal static string Fingerprint(string privateKeyText)
        {
            if (string.IsNullOrEmpty(privateKeyText))
            {
                return null;
            }
            try
            {
                return PrivateKeyText.Repair(privateKeyText).Fingerprint;
            }
            catch (ConnectorException e)
            {
                return "unreadable (" + e.ErrorId + ")";
            }
        }

        /// <summary>The modules app/etc/config.php enables ('modules' => ['Name' => 1]).</summary>
        public static ISet<string> EnabledModules(ConfigTarget target) => EnabledModules(ReadConfigPhp(target));

        /// <summary>The modules a parsed config.php enables; none when <paramref name="file"/> is null.</summary>
        internal static ISet<string> EnabledModules(PhpConfigFile file)
        {
            var enabled = new HashSet<string>(StringComparer.Ordinal);
            if (file == null)
            {
                return enabled;
            }
            foreach (var (module, value) in file.Entries(new[] { "modules" }))
            {
                if (value.Kind == PhpValueKind.Integer && value.Text != "0" || value.Kind == PhpValueKind.Boolean && value.Text == "true")
                {
                    enabled.Add(module);
                }
            }
            return enabled;
        }
    }
}
