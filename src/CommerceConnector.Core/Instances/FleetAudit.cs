using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Test-ConnectorConfiguration over a fleet: judges what each installation's files really hold against the
    /// registry, the same way for generated, imported and adopted records. One audit is one run: it reads the registry
    /// once, each env.php and config.php at most once (the data space sharing check needs every instance's data space,
    /// and it is indexed once rather than re-read per instance), and each distinct private key text once.
    /// </summary>
    public sealed class FleetAudit
    {
        private static readonly string[] RequiredModules = { "Magento_ServicesId", "Magento_ServicesConnector" };

        private readonly RegistryDocument _document;
        private readonly string _account;
        private readonly List<CommerceInstance> _instances;
        private readonly Dictionary<string, ConnectorValues> _values = new Dictionary<string, ConnectorValues>(InstanceInventory.PathComparer);
        private readonly Dictionary<string, ConnectorException> _unreadable = new Dictionary<string, ConnectorException>(InstanceInventory.PathComparer);
        private readonly PrivateKeyReadings _readings = new PrivateKeyReadings();
        private readonly Dictionary<string, DataSpace> _spacesById;
        private readonly Dictionary<string, SaaSProject> _projectsById;
        private FleetFiles? _fleet;

        private readonly ConfigurationSources _sources;

        /// <summary>An audit of <paramref name="mageId"/>; <paramref name="sources"/> says where connector values are read from (the files alone when null).</summary>
        public FleetAudit(IRegistryStore store, string mageId, ConfigurationSources? sources = null)
        {
            _sources = sources ?? ConfigurationSources.FilesOnly;
            if (store == null)
            {
                throw new ArgumentNullException(nameof(store));
            }
            _account = Validate.MageId(mageId);
            _document = store.Read();
            Account(_document, _account);
            _instances = _document.Instances.Where(i => Same(i.MageId, _account)).OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToList();
            // Indexed once, so that judging each instance costs the same however large the registry is.
            _spacesById = _document.DataSpaces.GroupBy(d => d.DataSpaceId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            _projectsById = _document.Projects.GroupBy(p => p.ProjectId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>What the other instances' files name, for the guards across the fleet; made on first need.</summary>
        private FleetFiles Fleet => _fleet ?? (_fleet = new FleetFiles(_instances, JudgedFromFiles));

        /// <summary>The values this audit judged <paramref name="target"/> by, when they came from its files alone; else null.</summary>
        private ConnectorValues? JudgedFromFiles(ConfigTarget target) =>
            ReferenceEquals(_sources, ConfigurationSources.FilesOnly) && _values.TryGetValue(target.Root, out var judged) ? judged : null;

        /// <summary>The account's registered instances, in name order, as the registry held them when the audit began.</summary>
        public IReadOnlyList<CommerceInstance> Instances => _instances;

        /// <summary>A registered instance by name, from the registry the audit read (InstanceNotFound when there is none).</summary>
        public CommerceInstance Instance(string name) => RegistryLookup.Instance(_document, _account, name);

        /// <summary>
        /// The registered instances a name or wildcard pattern names, in name order. A pattern may match none; a plain
        /// name that matches no instance is InstanceNotFound.
        /// </summary>
        public IReadOnlyList<CommerceInstance> Matching(string nameOrPattern)
        {
            if (!Wildcard.ContainsWildcard(nameOrPattern))
            {
                return new[] { Instance(nameOrPattern) };
            }
            var matches = Wildcard.Matcher(nameOrPattern);
            return _instances.Where(i => matches(i.Name)).ToList();
        }

        /// <summary>Every registered instance's verdicts, in name order.</summary>
        public IEnumerable<ConfigCheck> TestAll() => _instances.SelectMany(i => Test(ConfigTarget.ForInstance(i)));

        /// <summary>One verdict per check for <paramref name="target"/>.</summary>
        public IReadOnlyList<ConfigCheck> Test(ConfigTarget target)
        {
            string name = target.Instance?.Name ?? target.Root;
            var checks = new List<ConfigCheck>();
            var values = Values(target, out ConnectorException? unreadable);
            if (values == null)
            {
                // Values gives its reason whenever it gives no values.
                checks.Add(new ConfigCheck(name, "ConfigurationReadable", CheckVerdict.Failed, unreadable!.Message, "Fix app/etc/env.php so that PHP and CommerceConnector can read it."));
                return checks;
            }
            string subject = AuditFixes.Subject(target);
            CheckKeys(checks, name, subject, values);
            CheckDataSpace(checks, name, subject, target, values);
            if (values.Configuration.DatabaseRead)
            {
                checks.AddRange(DatabaseChecks.Check(name, values.Configuration));
            }

            var missing = RequiredModules.Where(m => !values.EnabledModules.Contains(m)).ToList();
            checks.Add(missing.Count == 0
                ? new ConfigCheck(name, "ModulesEnabled", CheckVerdict.Passed, "Magento_ServicesId and Magento_ServicesConnector are enabled in app/etc/config.php.")
                : new ConfigCheck(name, "ModulesEnabled", CheckVerdict.Failed, $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not enabled in app/etc/config.php.",
                    $"Run 'bin/magento module:enable {string.Join(" ", missing)}' and 'bin/magento setup:upgrade' in {target.Root}."));
            return checks;
        }

        /// <summary>
        /// The configuration of <paramref name="target"/> as the audit judged it (files, then the database where read),
        /// read at most once per audit; null when its files cannot be read.
        /// </summary>
        public ConnectorConfiguration? Configuration(ConfigTarget target) => Values(target, out _)?.Configuration;

        // ---- keys --------------------------------------------------------------------------------------------

        /// <summary>
        /// KeysPresent for the selected environment's pair, then the checks of Test-ConnectorApiKey on every pair env.php
        /// holds: the selected one and the other one, so that a revoked or foreign sandbox key fails on a production
        /// instance too. Each check is one verdict over both pairs; a failure names the pair.
        /// </summary>
        private void CheckKeys(List<ConfigCheck> checks, string name, string subject, ConnectorValues values)
        {
            var config = values.Configuration;
            bool production = !string.Equals(config.Environment, "sandbox", StringComparison.OrdinalIgnoreCase);
            var selected = production ? ApiKeyEnvironment.Production : ApiKeyEnvironment.Sandbox;
            var other = production ? ApiKeyEnvironment.Sandbox : ApiKeyEnvironment.Production;
            var pairs = new List<(ApiKeyEnvironment Environment, string Id, string Text)>();
            var present = new List<string>();
            var problems = new List<string>();
            var fixes = new List<string>();
            foreach (var environment in new[] { selected, other })
            {
                string? id = values.Literal(environment == ApiKeyEnvironment.Production ? ConfigPaths.ProductionApiKey : ConfigPaths.SandboxApiKey);
                string? text = values.Literal(environment == ApiKeyEnvironment.Production ? ConfigPaths.ProductionPrivateKey : ConfigPaths.SandboxPrivateKey);
                if (id != null && text != null)
                {
                    pairs.Add((environment, id, text));
                    present.Add($"The {environment} key pair {id} is configured.");
                }
                else if (environment == selected || id != null || text != null)
                {
                    problems.Add(environment == selected
                        ? $"Environment '{config.Environment}' is selected but its {environment} key pair is not configured in env.php."
                        : $"The {environment} key pair in env.php is incomplete: it has {(id != null ? "an API key (" + id + ") but no private key" : "a private key but no API key")}.");
                    fixes.Add(CommandText.Command("Set-ConnectorConfiguration", subject, $"-{environment}ApiKey", id == null ? $"<a {environment} API key>" : Completion.Quote(id),
                        $"-{environment}PrivateKeyPath", "<its private key file>"));
                }
            }
            checks.Add(problems.Count == 0
                ? new ConfigCheck(name, "KeysPresent", CheckVerdict.Passed, present[0])
                : new ConfigCheck(name, "KeysPresent", CheckVerdict.Failed, string.Join(" ", problems), string.Join("; ", fixes)));
            if (pairs.Count == 0)
            {
                return;
            }

            var results = pairs.Select(p => (p.Environment, p.Id, Result: ApiKeyChecks.Check(_document, _account, p.Id, () => _readings.Reading(p.Text), p.Environment))).ToList();
            foreach (string keyCheck in results[0].Result.Checks.Select(c => c.Name))
            {
                string checkName = keyCheck == "Environment" ? "KeysMatchEnvironment" : keyCheck.StartsWith("Key", StringComparison.Ordinal) ? keyCheck : "Key" + keyCheck;
                var rows = results.Select(r => (r.Environment, r.Id, Check: r.Result.Checks.First(c => c.Name == keyCheck))).ToList();
                var bad = rows.Where(r => r.Check.Verdict != CheckVerdict.Passed).ToList();
                if (bad.Count == 0)
                {
                    checks.Add(new ConfigCheck(name, checkName, CheckVerdict.Passed, rows[0].Check.Message));
                    continue;
                }
                checks.Add(new ConfigCheck(name, checkName,
                    bad.Any(r => r.Check.Verdict == CheckVerdict.Failed) ? CheckVerdict.Failed : CheckVerdict.Skipped,
                    string.Join(" ", bad.Select(r => $"{r.Environment} key pair {r.Id}: {r.Check.Message}")),
                    AuditFixes.Join(bad.Where(r => r.Check.Verdict == CheckVerdict.Failed).Select(r => AuditFixes.KeyFix(_document, _account, keyCheck, r.Environment, r.Id, subject)))));
            }
            CheckKeyCurrent(checks, name, subject, pairs.Select(p => (p.Environment, p.Id)).ToList());
        }

        /// <summary>
        /// KeyCurrent: no pair env.php holds is revoked, and while a rotation of an environment's key is open, that
        /// environment's pair is the account's newest active key (the rotation's new key).
        /// </summary>
        private void CheckKeyCurrent(List<ConfigCheck> checks, string name, string subject, IReadOnlyList<(ApiKeyEnvironment Environment, string Id)> pairs)
        {
            var problems = new List<string>();
            var fixes = new List<string>();
            foreach (var (environment, id) in pairs)
            {
                var key = _document.ApiKeys.FirstOrDefault(k => Same(k.MageId, _account) && Same(k.Id, id));
                var newest = KeyRotationRules.NewestActiveKey(_document, _account, environment);
                var rotation = KeyRotationRules.FindOpen(_document, _account, environment);
                if (key != null && key.Status == ApiKeyStatus.Revoked)
                {
                    problems.Add($"The {environment} key pair {id} was revoked on {key.RevokedAt:u}.");
                    fixes.Add(newest != null
                        ? CommandText.Command("Set-ConnectorConfiguration", subject, $"-{environment}ApiKey", Completion.Quote(newest.Id), $"-{environment}PrivateKeyPath", $"<the private key file of {newest.Id}>")
                        : CommandText.Command("New-ConnectorApiKey", "-Environment", environment.ToString(), "-Name", "<name>", "-OutFile", "<private key file>"));
                }
                else if (rotation != null && newest != null && !Same(id, newest.Id))
                {
                    problems.Add($"A rotation of the {environment} API key is open ({rotation.OldApiKey} to {rotation.NewApiKey}, started {rotation.StartedAt:u}) and this instance holds {id}, not the newest active key {newest.Id}.");
                    fixes.Add(Same(id, rotation.OldApiKey) ? KeyRotationRules.ResumeCommand(rotation)
                        : CommandText.Command("Set-ConnectorConfiguration", subject, $"-{environment}ApiKey", Completion.Quote(newest.Id), $"-{environment}PrivateKeyPath", $"<the private key file of {newest.Id}>"));
                }
            }
            checks.Add(problems.Count == 0
                ? new ConfigCheck(name, "KeyCurrent", CheckVerdict.Passed, "No key pair in env.php is revoked or left behind by an open rotation.")
                : new ConfigCheck(name, "KeyCurrent", CheckVerdict.Failed, string.Join(" ", problems), AuditFixes.Join(fixes)));
        }

        /// <summary>
        /// The names of the account's registered instances whose files hold API key <paramref name="apiKeyId"/> (as the
        /// production or the sandbox key), read from the files: each env.php once per audit, on first need.
        /// </summary>
        public IReadOnlyList<string> InstancesHolding(string apiKeyId) => Fleet.HoldingApiKey(apiKeyId);

        // ---- data space --------------------------------------------------------------------------------------

        private void CheckDataSpace(List<ConfigCheck> checks, string name, string subject, ConfigTarget target, ConnectorValues values)
        {
            var config = values.Configuration;
            string? spaceId = values.Literal(ConfigPaths.DataSpaceId);
            string? projectId = values.Literal(ConfigPaths.ProjectId);
            var space = spaceId != null && _spacesById.TryGetValue(spaceId, out var foundSpace) ? foundSpace : null;
            var configuredProject = projectId != null && _projectsById.TryGetValue(projectId, out var foundProject) ? foundProject : null;

            if (spaceId == null)
            {
                // unknownProject is set only when projectId is.
                string unknownProject = projectId != null && configuredProject == null ? $" Project {projectId} is not in the registry either." : string.Empty;
                checks.Add(new ConfigCheck(name, "DataSpaceExists", CheckVerdict.Failed, "No data space is configured." + unknownProject,
                    (unknownProject.Length > 0 ? AuditFixes.RegisterProject(projectId!, config.ProjectName) + "; " : string.Empty) +
                    CommandText.Command("Set-DataSpace", subject, "-DataSpace", Suggest(target, null) ?? "<data space>")));
                return;
            }
            if (space == null)
            {
                string? type = values.Literal(ConfigPaths.DataSpaceType);
                string typeArgument = string.Equals(type, "production", StringComparison.OrdinalIgnoreCase) ? "Production"
                    : string.Equals(type, "testing", StringComparison.OrdinalIgnoreCase) ? "Testing" : "<Production|Testing>";
                bool foreignProject = configuredProject != null && !Same(configuredProject.MageId, _account);
                string message = $"Data space {spaceId} ('{config.DataSpaceName}') of project {projectId} is not in the registry" +
                    (projectId == null ? "; env.php names no project." : configuredProject == null ? ", nor is project " + projectId + "." :
                        foreignProject ? $"; project {projectId} is a project of another account ({configuredProject.MageId})." : ".");
                string fix = foreignProject
                    ? CommandText.Command("Set-DataSpace", subject, "-DataSpace", Suggest(target, null) ?? $"<a data space of {_account}>")
                    : (configuredProject == null ? AuditFixes.RegisterProject(projectId ?? "<project id>", config.ProjectName) + "; " : string.Empty) +
                      CommandText.Command("Register-DataSpace", "-Project", Completion.Quote(projectId ?? "<project id>"), "-DataSpaceId", Completion.Quote(spaceId),
                          "-Name", Completion.Quote(config.DataSpaceName ?? spaceId), "-Type", typeArgument);
                checks.Add(new ConfigCheck(name, "DataSpaceExists", CheckVerdict.Failed, message, fix));
                return;
            }
            if (!Same(space.MageId, _account))
            {
                checks.Add(new ConfigCheck(name, "DataSpaceExists", CheckVerdict.Failed,
                    $"Data space {space.DataSpaceId} of project {space.ProjectId} is a data space of another account ({space.MageId}), not of {_account}.",
                    CommandText.Command("Set-DataSpace", subject, "-DataSpace", Suggest(target, null) ?? $"<a data space of {_account}>")));
                return;
            }
            var project = _projectsById[space.ProjectId];
            if (!Same(projectId, space.ProjectId))
            {
                checks.Add(new ConfigCheck(name, "DataSpaceExists", CheckVerdict.Failed,
                    $"Data space {space.DataSpaceId} belongs to project {space.ProjectId}, not to the configured project {projectId}" +
                    (projectId != null && configuredProject == null ? ", which is not in the registry." : "."),
                    CommandText.Command("Set-DataSpace", subject, "-DataSpace", Completion.Quote(space.DataSpaceId))));
                return;
            }

            checks.Add(new ConfigCheck(name, "DataSpaceExists", CheckVerdict.Passed, $"Data space '{space.DataSpaceName}' of project '{project.ProjectName}' exists."));
            bool inSync = config.ProjectName == project.ProjectName && config.DataSpaceName == space.DataSpaceName;
            checks.Add(inSync
                ? new ConfigCheck(name, "NamesInSync", CheckVerdict.Passed, "Project and data space names match the registry.")
                : new ConfigCheck(name, "NamesInSync", CheckVerdict.Failed,
                    $"env.php names project '{config.ProjectName}' / data space '{config.DataSpaceName}', the registry '{project.ProjectName}' / '{space.DataSpaceName}' " +
                    $"(project {project.ProjectId}, data space {space.DataSpaceId}; renamed since, or edited by hand).",
                    "Refresh them: " + CommandText.Command("Set-DataSpace", subject, "-DataSpace", Completion.Quote(space.DataSpaceId))));

            string role = target.Instance?.Role.ToString() ?? "unregistered";
            bool fits = target.Instance == null ? space.Type != DataSpaceType.Production
                : (space.Type == DataSpaceType.Production) == (target.Instance.Role == InstanceRole.Production);
            checks.Add(fits
                ? new ConfigCheck(name, "DataSpaceFitsRole", CheckVerdict.Passed, $"A {space.Type} data space on a {role} installation.")
                : new ConfigCheck(name, "DataSpaceFitsRole", CheckVerdict.Failed,
                    $"A {space.Type} data space ({space.DataSpaceId}, '{space.DataSpaceName}' of project {project.ProjectId}) is configured on a {role} installation: " +
                    "only the production installation may use the production data space, and it should use it.",
                    CommandText.Command("Set-DataSpace", subject, "-DataSpace", Suggest(target, space.ProjectId) ?? $"<a {(space.Type == DataSpaceType.Production ? "testing" : "production")} data space>")));

            bool production = !string.Equals(config.Environment, "sandbox", StringComparison.OrdinalIgnoreCase);
            bool keysFit = (space.Type == DataSpaceType.Production) == production;
            string neededEnvironment = space.Type == DataSpaceType.Production ? "Production" : "Sandbox";
            checks.Add(keysFit
                ? new ConfigCheck(name, "DataSpaceMatchesEnvironment", CheckVerdict.Passed, $"Environment '{config.Environment}' fits a {space.Type} data space.")
                : new ConfigCheck(name, "DataSpaceMatchesEnvironment", CheckVerdict.Failed,
                    $"Environment '{config.Environment}' does not fit {space.Type} data space {space.DataSpaceId} (production data spaces use production keys, testing data spaces sandbox keys).",
                    CommandText.Command("Set-ConnectorConfiguration", subject, "-Environment", neededEnvironment)));

            var sharing = Fleet.HoldingDataSpace(space.DataSpaceId).Where(i => !InstanceInventory.SamePath(i.Path, target.Root)).Select(i => i.Name).ToList();
            checks.Add(sharing.Count == 0
                ? new ConfigCheck(name, "DataSpaceNotShared", CheckVerdict.Passed, "No other registered instance uses this data space.")
                : new ConfigCheck(name, "DataSpaceNotShared", CheckVerdict.Failed,
                    $"Instances {string.Join(", ", sharing.Select(s => "'" + s + "'"))} use the same data space ({space.DataSpaceId}, '{space.DataSpaceName}' of project {project.ProjectId}).",
                    CommandText.Command("Set-DataSpace", subject, "-DataSpace", Suggest(target, space.ProjectId) ?? "<a free testing data space>") +
                    $"; Clear-DataSpace -Id {Completion.Quote(space.DataSpaceId)}"));
        }
        /// <summary>
        /// A data space of the account that fits the target's role and no instance uses (neither its env.php nor the
        /// registry's assignment), preferring <paramref name="projectId"/>; null when there is none.
        /// </summary>
        private string? Suggest(ConfigTarget target, string? projectId)
        {
            var type = target.Instance?.Role == InstanceRole.Production ? DataSpaceType.Production : DataSpaceType.Testing;
            var free = _document.DataSpaces
                .Where(d => Same(d.MageId, _account) && d.Type == type
                    && !Fleet.HoldingDataSpace(d.DataSpaceId).Any(i => !InstanceInventory.SamePath(i.Path, target.Root))
                    && !_instances.Any(i => Same(i.AssignedDataSpaceId, d.DataSpaceId) && !InstanceInventory.SamePath(i.Path, target.Root)))
                .OrderBy(d => Same(d.ProjectId, projectId) ? 0 : 1).ThenBy(d => d.DataSpaceName, StringComparer.OrdinalIgnoreCase)
                .FirstOrDefault();
            return free == null ? null : Completion.Quote(free.DataSpaceId);
        }

        /// <summary>The values of an installation, read at most once per audit; null (and the reason) when its files cannot be read.</summary>
        private ConnectorValues? Values(ConfigTarget target, out ConnectorException? unreadable)
        {
            unreadable = null;
            if (_values.TryGetValue(target.Root, out var cached))
            {
                return cached;
            }
            if (_unreadable.TryGetValue(target.Root, out unreadable))
            {
                return null;
            }
            try
            {
                var values = ConnectorValues.Read(target, _readings.Fingerprint, _sources);
                _values[target.Root] = values;
                return values;
            }
            catch (ConnectorException e)
            {
                _unreadable[target.Root] = e;
                unreadable = e;
                return null;
            }
        }
    }
}
