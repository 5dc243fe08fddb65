using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Magento;

namespace CommerceConnector.Commands
{
    /// <summary>
    /// A command that works on installations, one of which may be given as a Magento root by -Path (parameter set
    /// "Path"); the subclasses add how registered instances are named.
    /// </summary>
    public abstract class MagentoRootCmdlet : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, ParameterSetName = "Path")]
        public string Path { get; set; }

        /// <summary>The installation -Path names.</summary>
        protected ConfigTarget PathTarget() => ConfigTarget.ForPath(ProviderPath(Path));
    }

    /// <summary>
    /// The installation a configuration command works on: a registered instance by name (also from
    /// Get-CommerceInstance objects in the pipeline) or a Magento root by path.
    /// </summary>
    public abstract class InstanceTargetCmdlet : MagentoRootCmdlet
    {
        /// <summary>
        /// A registered instance's name, also piped as a string. Not bound by property name: a piped instance binds
        /// to InputObject, and a project or key object piped by mistake must not bind its Name as an instance's.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Instance", ValueFromPipeline = true)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Instance { get; set; }

        /// <summary>An instance from Get-CommerceInstance: used as it is, without reading the registry again per item.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public CommerceInstance InputObject { get; set; }

        protected ConfigTarget ResolveTarget()
        {
            switch (ParameterSetName)
            {
                case "Path":
                    return PathTarget();
                case "InputObject":
                    return ConfigTarget.ForInstance(InputObject);
                default:
                    return ConfigTarget.ForInstance(Session.OpenInstances().GetOne(Session.RequireContext().MageId, Instance));
            }
        }
    }

    /// <summary>The commands that change env.php: plan, ask (-WhatIf shows the plan), apply, report.</summary>
    public abstract class ConfigurationWriterCmdlet : InstanceTargetCmdlet
    {
        /// <summary>Warnings already given: each once per command, however many instances come down the pipeline.</summary>
        private readonly HashSet<string> _warned = new HashSet<string>(System.StringComparer.Ordinal);

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Runs 'php bin/magento cache:clean config' in the Magento root after env.php changed.</summary>
        [Parameter]
        public SwitchParameter CleanCache { get; set; }

        /// <summary>What the command does, for -WhatIf and -Confirm.</summary>
        protected abstract string Action { get; }

        /// <summary>The checked changes for <paramref name="target"/>; rules refuse here, before anything is asked or written.</summary>
        protected abstract ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target);

        protected override void ProcessRecord()
        {
            // One parse of registry.json for this record's session check, lookup and plan (the write re-reads it under its lock).
            using (Session.BeginCommand())
            Run(() =>
            {
                var plan = Plan(Session.OpenPlanner(), ResolveTarget());
                if (plan.Changes.Count == 0)
                {
                    WriteVerbose($"{plan.Target.Label} already has these values; env.php was not touched.");
                }
                else if (!ShouldProcess(plan.Target.Label, $"{Action}: {plan.Describe()}"))
                {
                    return;
                }
                var result = Session.OpenWriter().Apply(plan);
                foreach (string warning in result.Warnings.Where(w => _warned.Add(w)))
                {
                    WriteWarning(warning);
                }
                if (result.BackupPath != null)
                {
                    WriteVerbose($"Updated {plan.Target.EnvPhp}; the previous version is in {result.BackupPath}.");
                }
                if (PassThru)
                {
                    WriteObject(result);
                }
                if (plan.Changes.Count > 0)
                {
                    ReportCache(plan.Target.Root);
                }
            });
        }

        /// <summary>After env.php changed: cleans Magento's configuration cache (-CleanCache), or says how to.</summary>
        private void ReportCache(string root)
        {
            if (!CleanCache)
            {
                WriteWarning(MagentoCli.StaleCacheWarning(root));
                return;
            }
            WriteVerbose($"Running '{MagentoCli.CleanConfigCacheCommand}' in {root}.");
            var cleaned = MagentoCli.CleanConfigCache(root);
            WriteVerbose($"'{cleaned.Command}' exited with 0: {cleaned.Output}");
        }
    }

    /// <summary>The writers that set or remove single values: -Force lets them replace a computed value or edit past a stale duplicate block.</summary>
    public abstract class ConfigurationValueWriterCmdlet : ConfigurationWriterCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }
    }

    [Cmdlet(VerbsCommon.Get, "ConnectorConfiguration", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConnectorConfiguration))]
    public sealed class GetConnectorConfigurationCommand : InstanceTargetCmdlet
    {
        /// <summary>Reads the files alone: no connection to the instance's database.</summary>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <summary>Another database user than env.php's (e.g. a read-only one) for reading core_config_data; the server and database stay env.php's.</summary>
        [Parameter]
        [Credential]
        public PSCredential DatabaseCredential { get; set; }

        protected override void ProcessRecord()
        {
            using (Session.BeginCommand())
            Run(() =>
            {
                var sources = Session.OpenSources(NoDatabase, DatabaseCredentials.Login(DatabaseCredential));
                var configuration = ConfigurationReader.Read(ResolveTarget(), sources);
                foreach (string warning in sources.Warnings)
                {
                    WriteWarning(warning);
                }
                WriteObject(configuration);
            });
        }
    }

    [Cmdlet(VerbsCommon.Set, "ConnectorConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetConnectorConfigurationCommand : ConfigurationValueWriterCmdlet
    {
        [Parameter]
        public ApiKeyEnvironment Environment { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
        public string ProductionApiKey { get; set; }

        [Parameter]
        public SecureString ProductionPrivateKey { get; set; }

        [Parameter]
        public string ProductionPrivateKeyPath { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
        public string SandboxApiKey { get; set; }

        [Parameter]
        public SecureString SandboxPrivateKey { get; set; }

        [Parameter]
        public string SandboxPrivateKeyPath { get; set; }

        protected override string Action => "Configure the connector";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target)
        {
            ApiKeyEnvironment? environment = BoundOrNull(nameof(Environment), Environment);
            var production = KeyPairInput.Create(ApiKeyEnvironment.Production, ProductionApiKey, ReadPrivateKey(ProductionPrivateKey, ProductionPrivateKeyPath));
            var sandbox = KeyPairInput.Create(ApiKeyEnvironment.Sandbox, SandboxApiKey, ReadPrivateKey(SandboxPrivateKey, SandboxPrivateKeyPath));
            return planner.PlanKeys(Session.RequireContext().MageId, target, environment, production, sandbox, Force);
        }
    }

    [Cmdlet(VerbsCommon.Set, "DataSpace", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetDataSpaceCommand : ConfigurationValueWriterCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DataSpaceId")]
        [ArgumentCompleter(typeof(DataSpaceNameCompleter))]
        public string DataSpace { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string Project { get; set; }

        protected override string Action => "Assign the data space";

        /// <summary>Judges the keys in the files alone: no connection to the instance's database.</summary>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <summary>Another database user than env.php's (e.g. a read-only one) for reading core_config_data; the server and database stay env.php's.</summary>
        [Parameter]
        [Credential]
        public PSCredential DatabaseCredential { get; set; }

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target)
        {
            var sources = Session.OpenSources(NoDatabase, DatabaseCredentials.Login(DatabaseCredential));
            try
            {
                return planner.PlanDataSpace(Session.RequireContext().MageId, target, Project, DataSpace, Force, sources);
            }
            finally
            {
                foreach (string warning in sources.Warnings)
                {
                    WriteWarning(warning);
                }
            }
        }
    }

    [Cmdlet(VerbsCommon.Set, "ImsOrganization", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetImsOrganizationCommand : ConfigurationValueWriterCmdlet
    {
        [Parameter(Mandatory = true)]
        public string OrganizationId { get; set; }

        protected override string Action => "Link the IMS organisation";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target) =>
            planner.PlanImsOrganization(target, OrganizationId, Force);
    }

    [Cmdlet(VerbsCommon.Clear, "ImsOrganization", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class ClearImsOrganizationCommand : ConfigurationValueWriterCmdlet
    {
        protected override string Action => "Unlink the IMS organisation";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target) =>
            planner.PlanClearImsOrganization(target, Force);
    }

    [Cmdlet(VerbsCommon.Clear, "ConnectorConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class ClearConnectorConfigurationCommand : ConfigurationValueWriterCmdlet
    {
        protected override string Action => "Remove every Commerce Services Connector value (the instance stops syncing)";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target) =>
            planner.PlanClear(target, Force);
    }

    [Cmdlet(VerbsDiagnostic.Test, "ConnectorConfiguration", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigCheck))]
    [OutputType(typeof(bool))]
    public sealed class TestConnectorConfigurationCommand : MagentoRootCmdlet
    {
        private FleetAudit _audit;
        private ConfigurationSources _sources;
        private int _warningsShown;
        private bool _allPassed = true;

        /// <summary>
        /// Registered instances by name; wildcards allowed; also strings from the pipeline. Instances from
        /// Get-CommerceInstance bind to InputObject; no other object binds its Name here.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Instance", ValueFromPipeline = true)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        [SupportsWildcards]
        public string[] Instance { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        /// <summary>Instances from Get-CommerceInstance, judged as they are registered now.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public CommerceInstance[] InputObject { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>How many servers of instances on other servers are read at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Judges the files alone: no connection to the instances' databases.</summary>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <summary>Another database user than env.php's (e.g. a read-only one) for reading core_config_data; the server and database stay env.php's.</summary>
        [Parameter]
        [Credential]
        public PSCredential DatabaseCredential { get; set; }

        protected override void ProcessRecord()
        {
            bool completed = false;
            Run(() =>
            {
                var context = Session.RequireContext();
                // One audit for the whole pipeline: the registry and every env.php are read once, however many instances come in.
                _sources = _sources ?? Session.OpenSources(NoDatabase, DatabaseCredentials.Login(DatabaseCredential));
                _audit = _audit ?? Session.OpenAudit(context.MageId, _sources);
                if (ParameterSetName == "Path")
                {
                    Report(_audit.Test(PathTarget()));
                    completed = true;
                    return;
                }
                var instances = new List<CommerceInstance>();
                if (ParameterSetName == "All")
                {
                    instances.AddRange(_audit.Instances);
                }
                else
                {
                    // Each name on its own: one that is not registered is an error, and the others are still judged.
                    foreach (string name in ParameterSetName == "InputObject" ? InputObject.Select(i => i.Name).ToArray() : Instance)
                    {
                        Run(() => instances.AddRange(_audit.Matching(name).Where(i => !instances.Contains(i))));
                    }
                }
                ReadAhead(instances.SelectMany(i => new[] { i.EnvPhpPath, i.ConfigPhpPath }), ThrottleLimit, "Test-ConnectorConfiguration");
                var progress = new ProgressRecord(1, "Test-ConnectorConfiguration", "Checking instances");
                for (int i = 0; i < instances.Count; i++)
                {
                    if (instances.Count > 1)
                    {
                        progress.StatusDescription = $"{instances[i].Name} ({i + 1} of {instances.Count})";
                        progress.PercentComplete = i * 100 / instances.Count;
                        WriteProgress(progress);
                    }
                    Report(_audit.Test(ConfigTarget.ForInstance(instances[i])));
                }
                if (instances.Count > 1)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
                completed = true;
            });
            _allPassed &= completed;
        }

        protected override void EndProcessing()
        {
            if (Quiet)
            {
                WriteObject(_allPassed);
            }
        }

        private void Report(IReadOnlyList<ConfigCheck> checks)
        {
            // A database that could not be read: said once, before the verdicts that judged the files alone.
            for (; _warningsShown < _sources.Warnings.Count; _warningsShown++)
            {
                WriteWarning(_sources.Warnings[_warningsShown]);
            }
            if (Quiet)
            {
                _allPassed &= checks.All(c => c.Verdict == CheckVerdict.Passed);
            }
            else
            {
                WriteObject(checks, enumerateCollection: true);
            }
        }
    }

    [Cmdlet(VerbsData.Export, "ConnectorConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(string), typeof(ConnectorExport))]
    public sealed class ExportConnectorConfigurationCommand : InstanceTargetCmdlet
    {
        [Parameter(Mandatory = true)]
        public ExportFormat Format { get; set; }

        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        [Parameter]
        public string OutFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string outFile = ProviderPath(OutFile);
            Run(() =>
            {
                var target = ResolveTarget();
                if (IncludeSecret && !ConfirmSecretExport(target))
                {
                    return;
                }
                var variables = ConnectorExport.ReadVariables(target, IncludeSecret);
                if (outFile == null)
                {
                    WriteObject(AsTextOutput(ConnectorExport.AsText(Format, variables, IncludeSecret), target));
                    return;
                }
                if (ShouldProcess(outFile, $"Write {variables.Count} connector settings as {Format}"))
                {
                    // The result names the file and what it holds, never the text: it may hold private keys.
                    WriteObject(ConnectorExport.WriteFile(outFile, Format, variables, IncludeSecret, Force));
                }
            });
        }

        /// <summary>The export as the text itself, with the facts of <see cref="ExportedText"/> riding along as properties.</summary>
        private static PSObject AsTextOutput(ConnectorExport export, ConfigTarget target)
        {
            var output = new PSObject(export.Text);
            foreach (var fact in ExportedText.Facts(export, target))
            {
                output.Properties.Add(new PSNoteProperty(fact.Key, fact.Value));
            }
            return output;
        }

        /// <summary>
        /// Exporting private keys is a ShouldProcess of high impact: -Force or -Confirm:$false (or $ConfirmPreference
        /// None) let runbooks through; -WhatIf exports nothing; a declined prompt, or one a non-interactive session
        /// cannot show, is SecretExportNotConfirmed.
        /// </summary>
        private bool ConfirmSecretExport(ConfigTarget target)
        {
            const string action = "Export its private keys in plain text (anyone who reads the export can act as this Commerce account)";
            bool confirmed;
            try
            {
                confirmed = Force ? ShouldProcess(target.Label, action) : ShouldProcessHighImpact(target.Label, action);
            }
            catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is PSInvalidOperationException)
            {
                confirmed = false;
            }
            if (confirmed)
            {
                return true;
            }
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object whatIf) && ((SwitchParameter)whatIf).IsPresent)
            {
                return false;
            }
            throw new ConnectorException(ErrorIds.SecretExportNotConfirmed, ConnectorErrorCategory.PermissionDenied, target.Root,
                "The private keys were not exported: the export was not confirmed. In scripts and non-interactive sessions add -Force or -Confirm:$false.");
        }
    }
}
