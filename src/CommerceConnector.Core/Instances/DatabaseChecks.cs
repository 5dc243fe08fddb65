using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// The checks Test-ConnectorConfiguration adds where it read the database: every value Magento uses could be read
    /// (no cipher guessed), no database value is hidden behind a different value in the files, and the connector's
    /// values sit at default scope only.
    /// </summary>
    internal static class DatabaseChecks
    {
        private const string AdminPage = "Stores > Configuration > Services > Commerce Services Connector";

        public static IEnumerable<ConfigCheck> Check(string name, ConnectorConfiguration configuration)
        {
            var unreadable = configuration.Settings.Where(s => s.Problem != null).ToList();
            yield return unreadable.Count == 0
                ? new ConfigCheck(name, "DatabaseValuesReadable", CheckVerdict.Passed, "Every connector value Magento uses could be read (encrypted ones decrypted with env.php crypt/key).")
                : new ConfigCheck(name, "DatabaseValuesReadable", CheckVerdict.Failed,
                    string.Join(" ", unreadable.Select(s => $"{s.Path} ({s.Location}) {s.Problem}")),
                    $"Save the values again in the Admin ({AdminPage}), or set them in env.php with Set-ConnectorConfiguration.");

            var shadowed = configuration.Settings
                .Where(s => s.Source == ConfigSource.EnvPhp || s.Source == ConfigSource.ConfigPhp)
                .SelectMany(s => s.Shadows.Where(h => h.Source == ConfigSource.Database && h.Differs).Select(h => (Setting: s, Shadow: h)))
                .ToList();
            yield return shadowed.Count == 0
                ? new ConfigCheck(name, "DatabaseValuesNotShadowed", CheckVerdict.Passed, "No value in core_config_data is hidden behind a different value in the files.")
                : new ConfigCheck(name, "DatabaseValuesNotShadowed", CheckVerdict.Failed,
                    string.Join(" ", shadowed.Select(x => $"{x.Setting.Path}: Magento uses {Shown(x.Setting.Value)} from {x.Setting.Location}, which hides {Shown(x.Shadow.Value)} in {x.Shadow.Location}.")) +
                    " The Admin shows the file's value as locked and its own value is never used.",
                    "Keep one of them: remove the value from the file (Clear-ConnectorConfiguration, or edit app/etc/env.php), or make the database agree by saving the file's value in the Admin.");

            var scoped = configuration.ScopedValues;
            yield return scoped.Count == 0
                ? new ConfigCheck(name, "DefaultScopeOnly", CheckVerdict.Passed, "The connector values in core_config_data are at default scope only.")
                : new ConfigCheck(name, "DefaultScopeOnly", CheckVerdict.Failed,
                    string.Join(" ", scoped.Select(v => $"{v.Path} is set at {v.Scope} scope {v.ScopeId} (config_id {v.ConfigId}, {Shown(v.Value)}).")) +
                    " The connector reads its values at default scope: a website or store value is ignored by it and misleads whoever reads the Admin.",
                    $"In the Admin ({AdminPage}), switch to that website or store view and tick 'Use Default' (or 'Use Website') for the value.");
        }

        private static string Shown(string? value) => value == null ? "no value" : "'" + value + "'";
    }
}
