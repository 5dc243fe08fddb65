using System.Text.RegularExpressions;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Plans changes to an installation's connector configuration (key pairs, the data space, the IMS organisation, a
    /// clear, a restore from backup) and guards against the documented disasters: a non-production site on the
    /// production data space, one testing data space used by two sites, keys of the wrong environment, revoked keys.
    /// A plan is checked and edited in memory; <see cref="ConfigurationWriter"/> writes it.
    /// </summary>
    public sealed class ConfigurationPlanner : RegistryService
    {
        private static readonly Regex ImsOrganization = new Regex("^[0-9A-F]{24}@AdobeOrg$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public ConfigurationPlanner(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }


        /// <summary>
        /// Plans writing key pairs (each checked as Test-ConnectorApiKey does: an invalid pair writes nothing) and the
        /// environment the instance uses.
        /// </summary>
        public ConfigurationPlan PlanKeys(string mageId, ConfigTarget target, ApiKeyEnvironment? environment, KeyPairInput? production, KeyPairInput? sandbox, bool force = false)
        {
            var portal = new ApiKeyPortal(Store, Clock);
            var values = new List<(string Path, string? Value)>();
            foreach (var (pair, env) in new[] { (production, ApiKeyEnvironment.Production), (sandbox, ApiKeyEnvironment.Sandbox) })
            {
                if (pair == null)
                {
                    continue;
                }
                // The id as the registry holds it: byte-exact for a key imported from the portal, whatever case was typed.
                string registeredId = CheckPair(portal, mageId, pair, env);
                values.Add((env == ApiKeyEnvironment.Production ? ConfigPaths.ProductionApiKey : ConfigPaths.SandboxApiKey, registeredId));
                values.Add((env == ApiKeyEnvironment.Production ? ConfigPaths.ProductionPrivateKey : ConfigPaths.SandboxPrivateKey, pair.PrivateKeyText));
            }
            if (environment.HasValue)
            {
                values.Add((ConfigPaths.Environment, environment.Value == ApiKeyEnvironment.Production ? "production" : "sandbox"));
            }
            if (values.Count == 0)
            {
                throw new ConnectorException(ErrorIds.NothingToChange, ConnectorErrorCategory.InvalidArgument, target.Root,
                    "Give -Environment, a production key pair (-ProductionApiKey with -ProductionPrivateKey or -ProductionPrivateKeyPath), a sandbox key pair, or several of them.");
            }
            return Plan(target, values, Array.Empty<string>(), null, false, force: force);
        }

        /// <summary>Checks a pair as Test-ConnectorApiKey does and returns the API key id as registered.</summary>
        private static string CheckPair(ApiKeyPortal portal, string mageId, KeyPairInput pair, ApiKeyEnvironment environment)
        {
            try
            {
                PrivateKeyText.ReadStrict(pair.PrivateKeyText);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.PrivateKeyNeedsRepair)
            {
                throw new ConnectorException(e.ErrorId, e.Category, pair.ApiKey, $"The {environment} private key was not written. {e.Message}");
            }
            var result = portal.Test(mageId, pair.ApiKey, pair.PrivateKeyText, environment);
            if (!result.IsValid)
            {
                var failed = result.Failures.Where(c => c.Verdict == CheckVerdict.Failed).ToList();
                throw new ConnectorException(ErrorIds.ApiKeyPairInvalid, ConnectorErrorCategory.InvalidData, pair.ApiKey,
                    $"The {environment} key pair {pair.ApiKey} was not written: " + string.Join(" ", failed.Select(c => c.Message + (c.Fix == null ? string.Empty : " " + c.Fix))));
            }
            return result.ApiKey;
        }

        /// <summary>
        /// Plans assigning a data space: project id/name and data space id/name/type together, so Magento's order
        /// (keys, project, data space) can never be half-applied. Runs the guards.
        /// </summary>
        public ConfigurationPlan PlanDataSpace(string mageId, ConfigTarget target, string? project, string dataSpace, bool force, ConfigurationSources? sources = null)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            ProjectRegistry.RequireActiveKey(document, account);
            var space = RegistryLookup.DataSpace(document, account, project, dataSpace);
            var owner = document.Projects.First(p => string.Equals(p.ProjectId, space.ProjectId, StringComparison.OrdinalIgnoreCase));
            var env = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            // The keys and environment Magento uses: the files, and the database where the sources allow.
            var current = ConfigurationReader.Read(target, env, ConfigurationReader.ReadConfigPhp(target), null, (sources ?? ConfigurationSources.FilesOnly).Read(target, env));
            var warnings = new List<string>();

            // Guard 1: the production data space belongs on the production installation only.
            if (space.Type == DataSpaceType.Production && target.Instance?.Role != InstanceRole.Production)
            {
                string role = target.Instance == null ? "an unregistered installation (its role is unknown)" : $"a {target.Instance.Role} instance";
                string why = $"'{space.DataSpaceName}' is the production data space of '{owner.ProjectName}', and {target.Label} is {role}: its data (staging URLs, test products) would overwrite production data.";
                if (!force)
                {
                    throw new ConnectorException(ErrorIds.ProductionDataSpaceOnNonProductionInstance, ConnectorErrorCategory.PermissionDenied, space.DataSpaceId,
                        why + " Use a testing data space, or -Force if this really is the production site.");
                }
                warnings.Add(why + " Assigned anyway because of -Force.");
            }

            // Guard 2: one testing data space, one environment.
            DataSpaceReading? reading = null;
            if (space.Type == DataSpaceType.Testing)
            {
                reading = DataSpaceAssignments.Reconcile(document, target.Root);
                DataSpaceAssignments.CheckNotInUse(document, space, target);
            }

            // Guard 3 and 4: keys of the data space's kind, configured, active, and the matching environment.
            var needed = space.Type == DataSpaceType.Production ? ApiKeyEnvironment.Production : ApiKeyEnvironment.Sandbox;
            string? keyId = needed == ApiKeyEnvironment.Production ? current.ProductionApiKey : current.SandboxApiKey;
            string? keyFingerprint = needed == ApiKeyEnvironment.Production ? current.ProductionKeyFingerprint : current.SandboxKeyFingerprint;
            string environmentName = needed == ApiKeyEnvironment.Production ? "production" : "sandbox";
            if (Strings.IsNullOrEmpty(keyId) || Strings.IsNullOrEmpty(keyFingerprint) || !string.Equals(current.Environment, environmentName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ConnectorException(ErrorIds.KeyEnvironmentMismatch, ConnectorErrorCategory.InvalidOperation, space.DataSpaceId,
                    $"A {space.Type.ToString().ToLowerInvariant()} data space is used with {needed.ToString().ToLowerInvariant()} keys and environment '{environmentName}', but {target.Label} has " +
                    (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(keyFingerprint) ? $"no {needed.ToString().ToLowerInvariant()} key pair" : $"environment '{current.Environment}'") +
                    $". Run Set-ConnectorConfiguration -Environment {needed} with the {needed.ToString().ToLowerInvariant()} key pair first.");
            }
            var key = document.ApiKeys.FirstOrDefault(k => string.Equals(k.MageId, account, StringComparison.OrdinalIgnoreCase) && string.Equals(k.Id, keyId, StringComparison.OrdinalIgnoreCase));
            if (key == null)
            {
                throw new ConnectorException(ErrorIds.ApiKeyNotFound, ConnectorErrorCategory.ObjectNotFound, keyId,
                    $"{target.Label} is configured with API key {keyId}, which is not a key of {account}. Configure a key of this account with Set-ConnectorConfiguration.");
            }
            if (key.Status == ApiKeyStatus.Revoked)
            {
                throw new ConnectorException(ErrorIds.ApiKeyRevoked, ConnectorErrorCategory.InvalidOperation, keyId,
                    $"{target.Label} is configured with API key {keyId} ('{key.Name}'), revoked on {key.RevokedAt:u}. Generate a new key and configure it with Set-ConnectorConfiguration first.");
            }
            if (key.Environment != needed)
            {
                throw new ConnectorException(ErrorIds.KeyEnvironmentMismatch, ConnectorErrorCategory.InvalidOperation, keyId,
                    $"API key {keyId} is a {key.Environment} key, but a {space.Type.ToString().ToLowerInvariant()} data space needs a {needed} key.");
            }

            var values = new List<(string, string?)>
            {
                (ConfigPaths.ProjectId, owner.ProjectId),
                (ConfigPaths.ProjectName, owner.ProjectName),
                (ConfigPaths.DataSpaceId, space.DataSpaceId),
                (ConfigPaths.DataSpaceName, space.DataSpaceName),
                (ConfigPaths.DataSpaceType, space.Type == DataSpaceType.Production ? "production" : "testing"),
            };
            return Plan(target, values, warnings, space.DataSpaceId, false, env, force, reading);
        }

        public ConfigurationPlan PlanImsOrganization(ConfigTarget target, string organizationId, bool force = false)
        {
            string id = organizationId?.Trim() ?? string.Empty;
            if (!ImsOrganization.IsMatch(id))
            {
                throw new ConnectorException(ErrorIds.InvalidImsOrganizationId, ConnectorErrorCategory.InvalidArgument, organizationId,
                    $"'{organizationId}' is not an IMS organisation id. It looks like 0123456789ABCDEF01234567@AdobeOrg (24 hexadecimal characters and @AdobeOrg); find it in the Adobe Admin Console.");
            }
            return Plan(target, new[] { (ConfigPaths.ImsOrganizationId, (string?)id) }, Array.Empty<string>(), null, false, force: force);
        }

        public ConfigurationPlan PlanClearImsOrganization(ConfigTarget target, bool force = false) =>
            Plan(target, new[] { (ConfigPaths.ImsOrganizationId, (string?)null) }, Array.Empty<string>(), null, false, force: force);

        /// <summary>Plans removing every connector value, for copies of production that must stop syncing.</summary>
        public ConfigurationPlan PlanClear(ConfigTarget target, bool force = false) =>
            Plan(target, ConfigPaths.All.Select(p => (p, (string?)null)).ToList(), Array.Empty<string>(), null, true, force: force);

        /// <summary>
        /// Plans setting (or, for a null value, removing) each path. A value env.php computes (getenv(), a constant) and a
        /// key that appears twice on the way (a stale second 'system' block) are refused unless <paramref name="force"/>;
        /// with it they are replaced and the plan says so.
        /// </summary>
        private ConfigurationPlan Plan(ConfigTarget target, IReadOnlyList<(string Path, string? Value)> values, IReadOnlyList<string> warnings, string? assign, bool release, PhpConfigFile? read = null, bool force = false, DataSpaceReading? reading = null)
        {
            var file = read ?? PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            var changes = new List<ConfigChange>();
            var computed = new List<string>();
            var duplicates = new SortedSet<(string Key, int FirstLine, int LastLine)>();
            foreach (var (path, value) in values)
            {
                var keys = ConfigPaths.EnvPhpKeys(path);
                var existing = file.Get(keys);
                bool isComputed = existing != null && existing.Kind == PhpValueKind.Expression;
                string? old = existing == null ? null : isComputed ? existing.Source : existing.Text;
                if (existing != null && !isComputed && old == value)
                {
                    continue;
                }
                if (existing == null && value == null)
                {
                    continue;
                }
                bool secret = ConfigPaths.Secrets.Contains(path);
                // isComputed implies existing is not null.
                string? oldDisplay = isComputed ? "computed " + ConfigValueDisplay.ShownExpression(existing!.Source, secret) : ConfigValueDisplay.Display(old, secret);
                if (isComputed)
                {
                    computed.Add($"{path} (line {existing!.Line}: {ConfigValueDisplay.ShownExpression(existing.Source, secret)})");
                }
                duplicates.UnionWith(file.DuplicateKeys(keys));
                changes.Add(new ConfigChange(path, oldDisplay, ConfigValueDisplay.Display(value, secret), value));
            }
            var allWarnings = warnings.ToList();
            string envPhp = target.EnvPhp;
            if (computed.Count > 0)
            {
                string what = $"{envPhp} computes {string.Join(", ", computed)}";
                if (!force)
                {
                    throw new ConnectorException(ErrorIds.ConfigurationValueComputed, ConnectorErrorCategory.InvalidOperation, envPhp,
                        what + ": the value belongs to whoever sets that variable or constant. Change it there, or add -Force to replace the expression with a literal value. Nothing was changed.");
                }
                allWarnings.Add(what + "; replaced by a literal value because of -Force: whoever set that variable or constant no longer controls it.");
            }
            if (duplicates.Count > 0)
            {
                string what = $"{envPhp} has " + string.Join(" and ", duplicates.Select(d => $"the key '{d.Key}' twice (lines {d.FirstLine} and {d.LastLine})")) +
                    "; PHP reads only the last, so the earlier block is stale";
                if (!force)
                {
                    throw new ConnectorException(ErrorIds.ConfigurationKeyDuplicated, ConnectorErrorCategory.InvalidData, envPhp,
                        what + ". Merge the blocks into one, or add -Force to change the last one (the one PHP reads). Nothing was changed.");
                }
                allWarnings.Add(what + "; the last one was changed because of -Force. Remove the stale block so nobody edits it by mistake.");
            }
            // Edit now, so that unsupported syntax is reported before anything is asked or written.
            string newText = Edit(file, changes, force).Text;
            return new ConfigurationPlan(target, file.Text, newText, changes, allWarnings, assign, release, reading);
        }

        private static PhpConfigFile Edit(PhpConfigFile file, IEnumerable<ConfigChange> changes, bool lastWins)
        {
            foreach (var change in changes)
            {
                var keys = ConfigPaths.EnvPhpKeys(change.Path);
                file = change.Removes ? file.Remove(keys, keepDepth: 2, lastWins) : file.Set(keys, change.NewValue, lastWins);
            }
            return file;
        }

        /// <summary>
        /// Plans putting a backup back as env.php: the newest when <paramref name="backupName"/> is null. The changes
        /// list the file and every connector value that differs (private keys as fingerprints). The backup must parse
        /// as a configuration file; applying it takes a backup of the current file first, so a restore can be undone.
        /// </summary>
        public ConfigurationPlan PlanRestore(ConfigTarget target, string? backupName)
        {
            var backups = ConfigurationBackup.List(target);
            var backup = backupName == null
                ? backups.FirstOrDefault()
                : backups.FirstOrDefault(b => string.Equals(b.Name, backupName.Trim(), StringComparison.Ordinal) || b.Name.EndsWith(ConfigFileWriter.BackupMarker + backupName.Trim(), StringComparison.Ordinal));
            if (backup == null)
            {
                string known = backups.Count == 0 ? "It has none." : "Its backups: " + string.Join(", ", backups.Select(b => b.Name)) + ".";
                throw new ConnectorException(ErrorIds.ConfigurationBackupNotFound, ConnectorErrorCategory.ObjectNotFound, backupName ?? target.EnvPhp,
                    (backupName == null ? $"{target.Label} has no backup of env.php to restore. " : $"{target.Label} has no env.php backup '{backupName}'. ") + known +
                    " List them with Get-ConnectorConfigurationBackup.");
            }
            var current = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            var restored = PhpConfigFile.Parse(ConfigFileWriter.Read(backup.Path), backup.Path);
            var changes = new List<ConfigChange>();
            if (!string.Equals(current.Text, restored.Text, StringComparison.Ordinal))
            {
                changes.Add(new ConfigChange("app/etc/env.php", "current file", backup.Name, backup.Name));
                foreach (string path in ConfigPaths.All)
                {
                    var keys = ConfigPaths.EnvPhpKeys(path);
                    bool secret = ConfigPaths.Secrets.Contains(path);
                    string? before = ConfigValueDisplay.Shown(current.Get(keys), secret), after = ConfigValueDisplay.Shown(restored.Get(keys), secret);
                    if (before != after)
                    {
                        changes.Add(new ConfigChange(path, before, after, after));
                    }
                }
            }
            return new ConfigurationPlan(target, current.Text, restored.Text, changes, Array.Empty<string>(), null, false);
        }
    }
}
