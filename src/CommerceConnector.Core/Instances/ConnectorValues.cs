using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// The connector values of one installation, read once: the configuration as Get-ConnectorConfiguration shows it,
    /// the literal values Magento uses (private keys included, decrypted when they came from the database) that
    /// adoption and the audit need, and the enabled modules. It keeps no parse tree, so a fleet audit can hold one per
    /// instance: reading each env.php once per run is what keeps the audit linear in the fleet's size.
    /// </summary>
    internal sealed class ConnectorValues
    {
        private readonly IReadOnlyDictionary<string, string?> _literals;

        private ConnectorValues(ConfigTarget target, PhpConfigFile env, PhpConfigFile? shared, Func<string?, string?>? fingerprint, IReadOnlyList<StoreConfigRow>? rows)
        {
            Target = target;
            var (configuration, literals) = ConfigurationReader.Layers(target, env, shared, fingerprint, rows);
            Configuration = configuration;
            _literals = literals;
            EnabledModules = ConfigurationReader.EnabledModules(shared);
        }

        public ConfigTarget Target { get; }

        public ConnectorConfiguration Configuration { get; }

        public ISet<string> EnabledModules { get; }

        /// <summary>
        /// Reads and parses env.php and config.php, and the database where <paramref name="sources"/> allows (files only
        /// when null); a file that cannot be read or parsed throws its ConnectorException, a database that cannot be
        /// read leaves a warning in <paramref name="sources"/>. <paramref name="fingerprint"/> turns private keys into
        /// fingerprints (by default each is read anew).
        /// </summary>
        public static ConnectorValues Read(ConfigTarget target, Func<string?, string?>? fingerprint = null, ConfigurationSources? sources = null)
        {
            var env = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            var shared = ConfigurationReader.ReadConfigPhp(target);
            return new ConnectorValues(target, env, shared, fingerprint, (sources ?? ConfigurationSources.FilesOnly).Read(target, env));
        }

        /// <summary>
        /// The literal value Magento reads at a connector path (env.php over config.php over the database): a string or
        /// number, exactly as written (decrypted for the database's encrypted fields); null when absent, null, an array,
        /// computed at run time or unreadable.
        /// </summary>
        public string? Literal(string configPath) => _literals.TryGetValue(configPath, out string? value) ? value : null;

        /// <summary>Where the value Magento uses at <paramref name="configPath"/> comes from, for messages: "env.php", "core_config_data".</summary>
        public string SourceName(string configPath)
        {
            var source = Configuration.Settings.FirstOrDefault(s => s.Path == configPath)?.Source;
            return source == ConfigSource.Database ? "core_config_data" : source == ConfigSource.ConfigPhp ? "config.php" : "env.php";
        }
    }
}
