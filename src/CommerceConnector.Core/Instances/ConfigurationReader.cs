using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Reads the connector configuration of an installation as Magento reads it: each connector path from env.php, then
    /// config.php, then core_config_data at default scope (when the database is read), then the module's defaults;
    /// private keys as fingerprints. Also the modules config.php enables.
    /// </summary>
    public static class ConfigurationReader
    {
        /// <summary>The configuration the files hold (env.php over config.php), without the database.</summary>
        public static ConnectorConfiguration Read(ConfigTarget target) => Read(target, ConfigurationSources.FilesOnly);

        /// <summary>
        /// The configuration Magento uses: each connector path from env.php, then config.php, then (where
        /// <paramref name="sources"/> allows) core_config_data at default scope, then the module's default.
        /// </summary>
        public static ConnectorConfiguration Read(ConfigTarget target, ConfigurationSources sources)
        {
            var env = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            return Read(target, env, ReadConfigPhp(target), null, sources.Read(target, env));
        }

        /// <summary>app/etc/config.php parsed, or null when the installation has none.</summary>
        internal static PhpConfigFile? ReadConfigPhp(ConfigTarget target) =>
            ConfigFileWriter.Exists(target.ConfigPhp) ? PhpConfigFile.Parse(ConfigFileWriter.Read(target.ConfigPhp), target.ConfigPhp) : null;

        /// <summary>
        /// The configuration from files already parsed (<paramref name="shared"/> is config.php, or null) and the
        /// database rows already read (null: the database was not read). <paramref name="fingerprint"/> turns private
        /// keys into fingerprints; a fleet audit passes one that reads each distinct key once.
        /// </summary>
        internal static ConnectorConfiguration Read(ConfigTarget target, PhpConfigFile env, PhpConfigFile? shared, Func<string?, string?>? fingerprint = null,
            IReadOnlyList<StoreConfigRow>? rows = null) =>
            Layers(target, env, shared, fingerprint, rows).Configuration;

        /// <summary>Every connector path layered as Magento layers it: the configuration shown, and the literal value Magento uses per path.</summary>
        internal static (ConnectorConfiguration Configuration, IReadOnlyDictionary<string, string?> Literals) Layers(ConfigTarget target, PhpConfigFile env, PhpConfigFile? shared,
            Func<string?, string?>? fingerprint, IReadOnlyList<StoreConfigRow>? rows)
        {
            fingerprint = fingerprint ?? Fingerprint;
            var settings = new List<ConfigSetting>();
            var literals = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (string path in ConfigPaths.All)
            {
                var (setting, literal) = ReadSetting(env, shared, rows, path, fingerprint);
                settings.Add(setting);
                literals[path] = literal;
            }
            IReadOnlyList<ScopedValue> scoped = rows == null ? (IReadOnlyList<ScopedValue>)Array.Empty<ScopedValue>()
                : rows.Where(r => !r.IsDefaultScope).Select(r => new ScopedValue(r.Path, r.Scope, r.ScopeId, r.ConfigId,
                    r.Problem != null ? null : ConfigPaths.Secrets.Contains(r.Path) ? fingerprint(r.Value) : r.Value)).ToList();
            return (new ConnectorConfiguration(target.Instance?.Name, target.Root, settings, scoped, rows != null), literals);
        }

        /// <summary>One candidate value of a path: where it is, how it is shown, the literal Magento would use.</summary>
        private sealed class Candidate
        {
            public ConfigSource Source;
            public string? Location;
            public string? Shown;
            public string? Literal;
            public bool Computed;
            public string? Problem;
        }

        private static (ConfigSetting Setting, string? Literal) ReadSetting(PhpConfigFile env, PhpConfigFile? shared, IReadOnlyList<StoreConfigRow>? rows, string path, Func<string?, string?> fingerprint)
        {
            bool secret = ConfigPaths.Secrets.Contains(path);
            var keys = ConfigPaths.EnvPhpKeys(path);
            var candidates = new List<Candidate>();
            // Magento reads env.php over config.php over the database's default scope.
            foreach (var (file, source, name) in new[] { (env, ConfigSource.EnvPhp, "app/etc/env.php"), (shared, ConfigSource.ConfigPhp, "app/etc/config.php") })
            {
                var value = file?.Get(keys);
                if (value == null)
                {
                    continue;
                }
                if (value.Kind == PhpValueKind.Expression)
                {
                    candidates.Add(new Candidate { Source = source, Location = $"{name} line {value.Line} (computed: {value.Source})", Computed = true });
                    continue;
                }
                string? text = value.Kind == PhpValueKind.Null ? null : value.Text;
                bool literal = value.Kind != PhpValueKind.Array && value.Kind != PhpValueKind.Null && !string.IsNullOrEmpty(value.Text);
                candidates.Add(new Candidate { Source = source, Location = $"{name} line {value.Line}", Shown = secret ? fingerprint(text) : text, Literal = literal ? value.Text : null });
            }
            var row = rows?.FirstOrDefault(r => r.IsDefaultScope && r.Path == path && (!string.IsNullOrEmpty(r.Value) || r.Problem != null));
            if (row != null)
            {
                candidates.Add(new Candidate
                {
                    Source = ConfigSource.Database, Location = row.Location, Problem = row.Problem,
                    Shown = row.Problem != null ? null : secret ? fingerprint(row.Value) : row.Value, Literal = row.Problem != null ? null : row.Value,
                });
            }
            if (candidates.Count == 0)
            {
                if (path == ConfigPaths.Environment)
                {
                    return (new ConfigSetting(path, "production", ConfigSource.Default, "default", false), null);
                }
                if (path == ConfigPaths.RegistryApiPath)
                {
                    return (new ConfigSetting(path, ConfigPaths.DefaultRegistryApiPath, ConfigSource.Default, "default", false), null);
                }
                return (new ConfigSetting(path, null, null, null, secret), null);
            }
            var used = candidates[0];
            var shadows = candidates.Skip(1).Select(c => new ShadowedValue(c.Source, c.Location, c.Shown,
                !used.Computed && !c.Computed && used.Problem == null && c.Problem == null && !string.Equals(used.Literal, c.Literal, StringComparison.Ordinal))).ToList();
            return (new ConfigSetting(path, used.Shown, used.Source, used.Location, secret, shadows, used.Problem), used.Literal);
        }

        internal static string? Fingerprint(string? privateKeyText)
        {
            if (Strings.IsNullOrEmpty(privateKeyText))
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
        internal static ISet<string> EnabledModules(PhpConfigFile? file)
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
