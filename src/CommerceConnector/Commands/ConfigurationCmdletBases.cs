namespace CommerceConnector.Commands
{
    /// <summary>
    /// A command that works on installations, one of which may be given as a Magento root by -Path (parameter set
    /// "Path"); the subclasses add how registered instances are named.
    /// </summary>
    public abstract class MagentoRootCmdlet : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, ParameterSetName = "Path")]
        public string? Path { get; set; }

        /// <summary>The installation -Path names (mandatory in the parameter set that calls this).</summary>
        protected ConfigTarget PathTarget() => ConfigTarget.ForPath(ProviderPath(Path!));
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
        public string? Instance { get; set; }

        /// <summary>An instance from Get-CommerceInstance: used as it is, without reading the registry again per item.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public CommerceInstance? InputObject { get; set; }

        protected ConfigTarget ResolveTarget()
        {
            switch (ParameterSetName)
            {
                case "Path":
                    return PathTarget();
                case "InputObject":
                    return ConfigTarget.ForInstance(InputObject!); // mandatory in this parameter set
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
}
