using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Instances
{
    /// <summary>Which installation a command works on: a registered instance, or a Magento root given by path.</summary>
    public sealed class ConfigTarget
    {
        private ConfigTarget(string root, CommerceInstance instance)
        {
            Root = root;
            Instance = instance;
        }

        public string Root { get; }

        /// <summary>The registered instance, or null for a bare path (whose role is unknown).</summary>
        public CommerceInstance Instance { get; }

        public string EnvPhp => Path.Combine(Root, "app", "etc", "env.php");

        public string ConfigPhp => Path.Combine(Root, "app", "etc", "config.php");

        public string Label => Instance != null ? $"instance '{Instance.Name}' ({Root})" : Root;

        public static ConfigTarget ForInstance(CommerceInstance instance) => new ConfigTarget(instance.Path, instance);

        public static ConfigTarget ForPath(string path) => new ConfigTarget(InstanceInventory.MagentoRoot(path), null);
    }

    /// <summary>A key pair to configure: the API key id and its private key text.</summary>
    public sealed class KeyPairInput
    {
        public KeyPairInput(string apiKey, string privateKeyText)
        {
            ApiKey = apiKey;
            PrivateKeyText = privateKeyText;
        }

        /// <summary>A pair from what the user gave: both halves or neither (null); one half alone is an error.</summary>
        public static KeyPairInput Create(ApiKeyEnvironment environment, string apiKey, string privateKeyText)
        {
            if (apiKey == null && privateKeyText == null)
            {
                return null;
            }
            if (apiKey == null || privateKeyText == null)
            {
                throw new ConnectorException(ErrorIds.ApiKeyPairIncomplete, ConnectorErrorCategory.InvalidArgument, apiKey,
                    $"A {environment} key pair needs both halves: -{environment}ApiKey and -{environment}PrivateKey (or -{environment}PrivateKeyPath).");
            }
            return new KeyPairInput(apiKey, privateKeyText);
        }

        public string ApiKey { get; }

        public string PrivateKeyText { get; }
    }

    /// <summary>The changes a command would make, checked and ready to apply; -WhatIf shows them.</summary>
    public sealed class ConfigurationPlan
    {
        internal ConfigurationPlan(ConfigTarget target, string originalText, string newText, IReadOnlyList<ConfigChange> changes, IReadOnlyList<string> warnings, string assignDataSpace, bool releaseDataSpace)
        {
            Target = target;
            OriginalText = originalText;
            NewText = newText;
            Changes = changes;
            Warnings = warnings;
            AssignDataSpace = assignDataSpace;
            ReleaseDataSpace = releaseDataSpace;
        }

        public ConfigTarget Target { get; }

        internal string OriginalText { get; }

        /// <summary>The file as the plan writes it: edited once, while planning.</summary>
        internal string NewText { get; }

        public IReadOnlyList<ConfigChange> Changes { get; }

        public IReadOnlyList<string> Warnings { get; }

        internal string AssignDataSpace { get; }

        internal bool ReleaseDataSpace { get; }

        /// <summary>What the plan changes, in words fit for -WhatIf; private keys appear as fingerprints.</summary>
        public string Describe() => Changes.Count == 0 ? "no change" : string.Join("; ", Changes.Select(c => c.ToString()));
    }

    /// <summary>
    /// Writes the connector configuration into Commerce instances and guards against the documented disasters: a
    /// non-production site on the production data space, one testing data space used by two sites, keys of the wrong
    /// environment, revoked keys.
    /// </summary>
    public sealed class ConnectorConfigurator
    {
        private static readonly Regex ImsOrganization = new Regex("^[0-9A-F]{24}@AdobeOrg$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        private readonly IRegistryStore _store;
        private readonly Func<DateTimeOffset> _clock;

        public ConnectorConfigurator(IRegistryStore store, Func<DateTimeOffset> clock = null)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        // ---- reading -----------------------------------------------------------------------------------------

        public ConnectorConfiguration Read(ConfigTarget target) => Read(target, PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp), ReadConfigPhp(target));

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

        // ---- planning ----------------------------------------------------------------------------------------

        /// <summary>
        /// Plans writing key pairs (each checked as Test-ConnectorApiKey does: an invalid pair writes nothing) and the
        /// environment the instance uses.
        /// </summary>
        public ConfigurationPlan PlanKeys(string mageId, ConfigTarget target, ApiKeyEnvironment? environment, KeyPairInput production, KeyPairInput sandbox, bool force = false)
        {
            var portal = new ApiKeyPortal(_store, _clock);
            var values = new List<(string Path, string Value)>();
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
        public ConfigurationPlan PlanDataSpace(string mageId, ConfigTarget target, string project, string dataSpace, bool force)
        {
            var document = _store.Read();
            string account = Validate.MageId(mageId);
            ProjectRegistry.RequireActiveKey(document, account);
            var space = RegistryLookup.DataSpace(document, account, project, dataSpace);
            var owner = document.Projects.First(p => string.Equals(p.ProjectId, space.ProjectId, StringComparison.OrdinalIgnoreCase));
            var env = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            var current = Read(target, env, ReadConfigPhp(target));
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
            if (space.Type == DataSpaceType.Testing)
            {
                ReconcileAssignments(document, target.Root);
                CheckNotInUse(document, space, target);
            }

            // Guard 3 and 4: keys of the data space's kind, configured, active, and the matching environment.
            var needed = space.Type == DataSpaceType.Production ? ApiKeyEnvironment.Production : ApiKeyEnvironment.Sandbox;
            string keyId = needed == ApiKeyEnvironment.Production ? current.ProductionApiKey : current.SandboxApiKey;
            string keyFingerprint = needed == ApiKeyEnvironment.Production ? current.ProductionKeyFingerprint : current.SandboxKeyFingerprint;
            string environmentName = needed == ApiKeyEnvironment.Production ? "production" : "sandbox";
            if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(keyFingerprint) || !string.Equals(current.Environment, environmentName, StringComparison.OrdinalIgnoreCase))
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

            var values = new List<(string, string)>
            {
                (ConfigPaths.ProjectId, owner.ProjectId),
                (ConfigPaths.ProjectName, owner.ProjectName),
                (ConfigPaths.DataSpaceId, space.DataSpaceId),
                (ConfigPaths.DataSpaceName, space.DataSpaceName),
                (ConfigPaths.DataSpaceType, space.Type == DataSpaceType.Production ? "production" : "testing"),
            };
            return Plan(target, values, warnings, space.DataSpaceId, false, env, force);
        }

        /// <summary>
        /// Makes the registry's memory of assignments (in <paramref name="document"/>) what the instances' env.php files
        /// hold, for every instance but the one at <paramref name="exceptRoot"/>. env.php is the truth: a crash between
        /// replacing it and recording the change leaves the registry behind, never the file. An instance whose env.php
        /// cannot be read keeps its record.
        /// </summary>
        private static void ReconcileAssignments(RegistryDocument document, string exceptRoot)
        {
            foreach (var instance in document.Instances.Where(i => !InstanceInventory.SamePath(i.Path, exceptRoot)))
            {
                string held;
                try
                {
                    held = DataSpaceIn(instance.EnvPhpPath);
                }
                catch (ConnectorException)
                {
                    continue;
                }
                var space = held == null ? null : document.DataSpaces.FirstOrDefault(d => string.Equals(d.DataSpaceId, held, StringComparison.OrdinalIgnoreCase));
                instance.AssignedDataSpaceId = space?.DataSpaceId;
            }
        }

        /// <summary>The data space id an env.php holds as a literal (null for none); a ConnectorException when it cannot be read.</summary>
        private static string DataSpaceIn(string envPhpPath)
        {
            var value = PhpConfigFile.Parse(ConfigFileWriter.Read(envPhpPath), envPhpPath).Get(ConfigPaths.EnvPhpKeys(ConfigPaths.DataSpaceId));
            return value != null && value.Kind == PhpValueKind.String ? value.Text : null;
        }

        private static void CheckNotInUse(RegistryDocument document, DataSpace space, ConfigTarget target)
        {
            var other = document.Instances.FirstOrDefault(i => string.Equals(i.AssignedDataSpaceId, space.DataSpaceId, StringComparison.OrdinalIgnoreCase)
                && !InstanceInventory.SamePath(i.Path, target.Root));
            if (other != null)
            {
                throw new ConnectorException(ErrorIds.DataSpaceInUse, ConnectorErrorCategory.ResourceBusy, space.DataSpaceId,
                    $"Testing data space '{space.DataSpaceName}' is assigned to instance '{other.Name}' ({other.Path}); one testing data space must not serve two environments. " +
                    $"Release it (Clear-ConnectorConfiguration -Instance '{other.Name}' or assign '{other.Name}' another data space), clean it up with Clear-DataSpace, then assign it here.");
            }
        }

        public ConfigurationPlan PlanImsOrganization(ConfigTarget target, string organizationId, bool force = false)
        {
            string id = organizationId?.Trim() ?? string.Empty;
            if (!ImsOrganization.IsMatch(id))
            {
                throw new ConnectorException(ErrorIds.InvalidImsOrganizationId, ConnectorErrorCategory.InvalidArgument, organizationId,
                    $"'{organizationId}' is not an IMS organisation id. It looks like 0123456789ABCDEF01234567@AdobeOrg (24 hexadecimal characters and @AdobeOrg); find it in the Adobe Admin Console.");
            }
            return Plan(target, new[] { (ConfigPaths.ImsOrganizationId, id) }, Array.Empty<string>(), null, false, force: force);
        }

        public ConfigurationPlan PlanClearImsOrganization(ConfigTarget target, bool force = false) =>
            Plan(target, new[] { (ConfigPaths.ImsOrganizationId, (string)null) }, Array.Empty<string>(), null, false, force: force);

        /// <summary>Plans removing every connector value, for copies of production that must stop syncing.</summary>
        public ConfigurationPlan PlanClear(ConfigTarget target, bool force = false) =>
            Plan(target, ConfigPaths.All.Select(p => (p, (string)null)).ToList(), Array.Empty<string>(), null, true, force: force);

        /// <summary>
        /// Plans setting (or, for a null value, removing) each path. A value env.php computes (getenv(), a constant) and a
        /// key that appears twice on the way (a stale second 'system' block) are refused unless <paramref name="force"/>;
        /// with it they are replaced and the plan says so.
        /// </summary>
        private ConfigurationPlan Plan(ConfigTarget target, IReadOnlyList<(string Path, string Value)> values, IReadOnlyList<string> warnings, string assign, bool release, PhpConfigFile read = null, bool force = false)
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
                string old = existing == null ? null : isComputed ? existing.Source : existing.Text;
                if (existing != null && !isComputed && old == value)
                {
                    continue;
                }
                if (existing == null && value == null)
                {
                    continue;
                }
                bool secret = ConfigPaths.Secrets.Contains(path);
                string oldDisplay = isComputed ? "computed " + ShownExpression(existing.Source, secret) : Display(old, secret);
                if (isComputed)
                {
                    computed.Add($"{path} (line {existing.Line}: {ShownExpression(existing.Source, secret)})");
                }
                duplicates.UnionWith(file.DuplicateKeys(keys));
                changes.Add(new ConfigChange(path, oldDisplay, Display(value, secret), value));
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
            return new ConfigurationPlan(target, file.Text, newText, changes, allWarnings, assign, release);
        }

        /// <summary>
        /// An expression as messages show it. At a private key's path an expression can hold key text itself (a
        /// concatenation of literals): then only that it does is shown.
        /// </summary>
        private static string ShownExpression(string source, bool secret)
        {
            string oneLine = source.Replace("\r", " ").Replace('\n', ' ');
            return secret && MayHoldKeyText(source) ? "an expression that holds key text" : oneLine;
        }

        /// <summary>Whether <paramref name="text"/> has a PEM dash run or 24 base64 characters in a row (one pass).</summary>
        private static bool MayHoldKeyText(string text)
        {
            int run = 0;
            foreach (char c in text)
            {
                bool base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
                run = base64 ? run + 1 : 0;
                if (run >= 24)
                {
                    return true;
                }
            }
            return text.Contains("-----");
        }

        private static string Display(string value, bool secret)
        {
            if (value == null)
            {
                return null;
            }
            return secret ? "private key " + (Fingerprint(value) ?? "(empty)") : "'" + value + "'";
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

        // ---- backups -----------------------------------------------------------------------------------------

        /// <summary>The backups of <paramref name="target"/>'s env.php, newest first.</summary>
        public IReadOnlyList<ConfigurationBackup> Backups(ConfigTarget target) =>
            ConfigFileWriter.Backups(target.EnvPhp).Select(path => new ConfigurationBackup(target.Instance?.Name, target.Root, Path.GetFileName(path), path,
                ConfigFileWriter.BackupTime(path).Value, new FileInfo(path).Length, ConfigFileWriter.ReadableByOthers(path))).ToList();

        /// <summary>
        /// Plans putting a backup back as env.php: the newest when <paramref name="backupName"/> is null. The changes
        /// list the file and every connector value that differs (private keys as fingerprints). The backup must parse
        /// as a configuration file; applying it takes a backup of the current file first, so a restore can be undone.
        /// </summary>
        public ConfigurationPlan PlanRestore(ConfigTarget target, string backupName)
        {
            var backups = Backups(target);
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
                    string before = Shown(current.Get(keys), secret), after = Shown(restored.Get(keys), secret);
                    if (before != after)
                    {
                        changes.Add(new ConfigChange(path, before, after, after));
                    }
                }
            }
            return new ConfigurationPlan(target, current.Text, restored.Text, changes, Array.Empty<string>(), null, false);
        }

        /// <summary>A value as a restore lists it: literal, computed or a private key's fingerprint; null when absent.</summary>
        private static string Shown(PhpValue value, bool secret)
        {
            if (value == null)
            {
                return null;
            }
            return value.Kind == PhpValueKind.Expression ? "computed " + ShownExpression(value.Source, secret)
                : value.Kind == PhpValueKind.Array ? "an array" : Display(value.Text ?? "null", secret);
        }

        // ---- applying ----------------------------------------------------------------------------------------

        /// <summary>
        /// Writes a plan: env.php replaced atomically with a backup, and the registry's record of the assignment updated
        /// under its lock (where the data space guard is checked once more). If the registry cannot be updated the file
        /// is put back as it was.
        /// </summary>
        public ConfigurationResult Apply(ConfigurationPlan plan)
        {
            if (plan.Changes.Count == 0)
            {
                return Result(plan, null);
            }
            string newText = plan.NewText;
            var instance = plan.Target.Instance;
            if (instance == null || (plan.AssignDataSpace == null && !plan.ReleaseDataSpace))
            {
                return Result(plan, ConfigFileWriter.Replace(plan.Target.EnvPhp, plan.OriginalText, newText, _clock()));
            }

            string written = null;
            try
            {
                _store.Update(document =>
                {
                    var record = document.Instances.FirstOrDefault(i => InstanceInventory.SamePath(i.Path, instance.Path))
                        ?? throw new ConnectorException(ErrorIds.InstanceNotFound, ConnectorErrorCategory.ObjectNotFound, instance.Name, $"Instance '{instance.Name}' was unregistered meanwhile.");
                    // What an earlier command crashed before recording is recorded now, and the guard sees it.
                    ReconcileAssignments(document, instance.Path);
                    if (plan.AssignDataSpace != null)
                    {
                        var space = document.DataSpaces.First(d => d.DataSpaceId == plan.AssignDataSpace);
                        if (space.Type == DataSpaceType.Testing)
                        {
                            CheckNotInUse(document, space, plan.Target);
                        }
                        record.AssignedDataSpaceId = plan.AssignDataSpace;
                    }
                    else
                    {
                        record.AssignedDataSpaceId = null;
                    }
                    written = ConfigFileWriter.Replace(plan.Target.EnvPhp, plan.OriginalText, newText, _clock());
                    return 0;
                });
            }
            catch when (written != null)
            {
                // The registry did not take the change: put the file back so both stay consistent.
                ConfigFileWriter.Replace(plan.Target.EnvPhp, newText, plan.OriginalText, _clock());
                throw;
            }
            return Result(plan, written);
        }

        /// <summary>
        /// The outcome of <paramref name="plan"/>; after a write, a warning when env.php or a backup (which hold the
        /// private keys) can be read by other users.
        /// </summary>
        private static ConfigurationResult Result(ConfigurationPlan plan, string backup)
        {
            string exposure = backup == null ? null : ConfigFileWriter.ExposureWarning(plan.Target.EnvPhp);
            var warnings = exposure == null ? plan.Warnings : plan.Warnings.Concat(new[] { exposure }).ToList();
            return new ConfigurationResult(plan.Target.Instance?.Name, plan.Target.Root, plan.Changes, backup, warnings);
        }

        // ---- checking and exporting --------------------------------------------------------------------------

        /// <summary>
        /// One verdict per check for <paramref name="target"/>. For many instances use one <see cref="FleetAudit"/>,
        /// which reads each env.php once for the whole run.
        /// </summary>
        public IReadOnlyList<ConfigCheck> Test(string mageId, ConfigTarget target) => new FleetAudit(_store, mageId).Test(target);

        /// <summary>Names of the account's registered instances whose env.php is configured with API key <paramref name="apiKeyId"/>.</summary>
        public IReadOnlyList<string> InstancesConfiguredWith(string mageId, string apiKeyId)
        {
            var names = new List<string>();
            foreach (var instance in _store.Read().Instances.Where(i => string.Equals(i.MageId, mageId, StringComparison.OrdinalIgnoreCase)))
            {
                try
                {
                    var file = PhpConfigFile.Parse(ConfigFileWriter.Read(instance.EnvPhpPath), instance.EnvPhpPath);
                    if (new[] { ConfigPaths.ProductionApiKey, ConfigPaths.SandboxApiKey }.Any(p => string.Equals(file.Get(ConfigPaths.EnvPhpKeys(p))?.Text, apiKeyId, StringComparison.OrdinalIgnoreCase)))
                    {
                        names.Add(instance.Name);
                    }
                }
                catch (ConnectorException)
                {
                    // An instance whose env.php cannot be read cannot be said to use the key.
                }
            }
            return names;
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

        /// <summary>
        /// The connector settings as Magento reads them from the environment (CONFIG__DEFAULT__...), for container and
        /// cloud deployments. Private keys only with <paramref name="includeSecrets"/>.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> ExportVariables(ConfigTarget target, bool includeSecrets)
        {
            var env = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            var variables = new List<KeyValuePair<string, string>>();
            foreach (string path in ConfigPaths.All)
            {
                if (ConfigPaths.Secrets.Contains(path) && !includeSecrets)
                {
                    continue;
                }
                var value = env.Get(ConfigPaths.EnvPhpKeys(path));
                if (value != null && value.Kind != PhpValueKind.Expression && value.Kind != PhpValueKind.Array && value.Text != null)
                {
                    variables.Add(new KeyValuePair<string, string>(ConfigPaths.EnvironmentVariable(path), value.Text));
                }
            }
            return variables;
        }
    }

    /// <summary>One verdict of Test-ConnectorConfiguration.</summary>
    public sealed class ConfigCheck
    {
        public ConfigCheck(string instance, string name, CheckVerdict verdict, string message, string fix = null)
        {
            Instance = instance;
            Name = name;
            Verdict = verdict;
            Message = message;
            Fix = fix;
        }

        public string Instance { get; }

        public string Name { get; }

        public CheckVerdict Verdict { get; }

        public string Message { get; }

        public string Fix { get; }

        public override string ToString() => $"{Instance} {Name}: {Verdict}";
    }
}
