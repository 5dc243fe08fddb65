namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsDiagnostic.Test, "ConnectorConfiguration", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigCheck))]
    [OutputType(typeof(bool))]
    public sealed class TestConnectorConfigurationCommand : MagentoRootCmdlet, IConfigurationSourceParameters
    {
        private FleetAudit? _audit;
        private ConfigurationSources? _sources;
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
        public string[]? Instance { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        /// <summary>Instances from Get-CommerceInstance, judged as they are registered now.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public CommerceInstance[]? InputObject { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>How many servers of instances on other servers are read at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Judges the files alone: no connection to the instances' databases.</summary>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <inheritdoc/>
        [Parameter]
        [Credential]
        public PSCredential? DatabaseCredential { get; set; }

        protected override void ProcessRecord()
        {
            bool completed = false;
            RunInContext(context =>
            {
                // One audit for the whole pipeline: the registry and every env.php are read once, however many instances come in.
                var sources = _sources ??= OpenSources(this);
                var audit = _audit ??= Session.OpenAudit(context.MageId, sources);
                if (ParameterSetName == "Path")
                {
                    Report(sources, audit.Test(PathTarget()));
                    completed = true;
                    return;
                }
                var instances = new List<CommerceInstance>();
                if (ParameterSetName == "All")
                {
                    instances.AddRange(audit.Instances);
                }
                else
                {
                    // Each name on its own (the parameter set's mandatory one is bound): one that is not registered is an error, and the others are still judged.
                    foreach (string name in ParameterSetName == "InputObject" ? InputObject!.Select(i => i.Name).ToArray() : Instance!)
                    {
                        Run(() => instances.AddRange(audit.Matching(name).Where(i => !instances.Contains(i))));
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
                    Report(sources, audit.Test(ConfigTarget.ForInstance(instances[i])));
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

        private void Report(ConfigurationSources sources, IReadOnlyList<ConfigCheck> checks)
        {
            // A database that could not be read: said once, before the verdicts that judged the files alone.
            for (; _warningsShown < sources.Warnings.Count; _warningsShown++)
            {
                WriteWarning(sources.Warnings[_warningsShown]);
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
}
