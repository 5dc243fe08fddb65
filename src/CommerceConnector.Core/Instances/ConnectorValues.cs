using System;
using System.Collections.Generic;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// The connector values of one installation, read once: the configuration as Get-ConnectorConfiguration shows it,
    /// the literal values (private keys included) that adoption and the audit need, and the enabled modules. It keeps
    /// no parse tree, so a fleet audit can hold one per instance: reading each env.php once per run is what keeps the
    /// audit linear in the fleet's size.
    /// </summary>
    internal sealed class ConnectorValues
    {
        private readonly Dictionary<string, string> _literals;

        private ConnectorValues(ConfigTarget target, PhpConfigFile env, PhpConfigFile shared, Func<string, string> fingerprint)
        {
            Target = target;
            Configuration = ConfigurationReader.Read(target, env, shared, fingerprint);
            EnabledModules = ConfigurationReader.EnabledModules(shared);
            _literals = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string path in ConfigPaths.All)
            {
                _literals[path] = Literal(env, shared, path);
            }
        }

        public ConfigTarget Target { get; }

        public ConnectorConfiguration Configuration { get; }

        public ISet<string> EnabledModules { get; }

        /// <summary>
        /// Reads and parses env.php and config.php; a file that cannot be read or parsed throws its ConnectorException.
        /// <paramref name="fingerprint"/> turns private keys into fingerprints (by default each is read anew).
        /// </summary>
        public static ConnectorValues Read(ConfigTarget target, Func<string, string> fingerprint = null) =>
            new ConnectorValues(target, PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp), ConfigurationReader.ReadConfigPhp(target), fingerprint);

        /// <summary>
        /// The literal value Magento reads at a connector path (env.php over config.php): a string or number, exactly as
        /// written; null when absent, null, an array or computed at run time.
        /// </summary>
        public string Literal(string configPath) => _literals.TryGetValue(configPath, out string value) ? value : null;

        private static string Literal(PhpConfigFile env, PhpConfigFile shared, string configPath)
        {
            var keys = ConfigPaths.EnvPhpKeys(configPath);
            foreach (var file in new[] { env, shared })
            {
                var value = file?.Get(keys);
                if (value == null)
                {
                    continue;
                }
                bool literal = value.Kind != PhpValueKind.Expression && value.Kind != PhpValueKind.Array && value.Kind != PhpValueKind.Null;
                return literal && !string.IsNullOrEmpty(value.Text) ? value.Text : null;
            }
            return null;
        }
    }
}
