using System.Collections.Concurrent;
using System.Threading.Tasks;
using CommerceConnector.Core.Database;
using CommerceConnector.Core.Reports;

namespace CommerceConnector.Commands
{
    /// <summary>
    /// Writes the state of the fleet as one self-contained HTML page, for a person: the account, then each instance's
    /// role, configuration (keys as fingerprints), checks with their fixes and, where the database answers, the feeds.
    /// </summary>
    [Cmdlet(VerbsData.Export, "ConnectorReport", SupportsShouldProcess = true, DefaultParameterSetName = "All")]
    [OutputType(typeof(ConnectorReportSummary))]
    public sealed class ExportConnectorReportCommand : ConnectorCmdlet, IConfigurationSourceParameters
    {
        private const int ProgressId = 1;
        private const string Activity = "Export-ConnectorReport";
        private readonly List<CommerceInstance> _instances = new List<CommerceInstance>();

        /// <summary>The HTML file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; } = null!;

        /// <summary>Registered instances by name (wildcards allowed), also piped as strings.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Instance", ValueFromPipeline = true)]
        [Alias("Name")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string[]? Instance { get; set; }

        /// <summary>Instances from Get-CommerceInstance.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public CommerceInstance[]? InputObject { get; set; }

        /// <summary>Every instance registered under the current MageID (the default).</summary>
        [Parameter(ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        /// <summary>Another database user than env.php's (e.g. a read-only one) for core_config_data and the feeds; the server and database stay env.php's.</summary>
        [Parameter]
        [Credential]
        public PSCredential? DatabaseCredential { get; set; }

        /// <summary>Judges the files alone and leaves the feeds out: no connection to the instances' databases.</summary>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <summary>How many databases are read at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                var inventory = Session.OpenInstances();
                if (ParameterSetName == "All")
                {
                    Add(inventory.Get(context.MageId));
                    return;
                }
                if (ParameterSetName == "InputObject")
                {
                    Add(InputObject!);
                    return;
                }
                foreach (string name in Instance!)
                {
                    // Each name on its own: one that is not registered is an error, the others are still reported.
                    Run(() =>
                    {
                        if (WildcardPattern.ContainsWildcardCharacters(name))
                        {
                            Add(inventory.Get(context.MageId, name));
                        }
                        else
                        {
                            Add(new[] { inventory.GetOne(context.MageId, name) });
                        }
                    });
                }
            });
        }

        protected override void EndProcessing()
        {
            RunInContext(context =>
            {
                string path = GetUnresolvedProviderPathFromPSPath(Path);
                if (!ShouldProcess(path, $"Write the connector report of {_instances.Count} instance{(_instances.Count == 1 ? string.Empty : "s")} ({string.Join(", ", _instances.Select(i => i.Name))})"))
                {
                    return;
                }
                DatabaseLogin? login = NoDatabase ? null : Credentials.DatabaseOrEnvPhp(DatabaseCredential);
                // The checks read connector values as Test-ConnectorConfiguration does: the files, then core_config_data.
                var sources = OpenSources(this);
                var report = Build(new ConnectorReportBuilder(Session.OpenStore(), login, sources), context.MageId, login != null);
                // A database that could not be read: one warning per database (its feeds' failure stays a verbose note).
                WriteWarnings(sources.Warnings);
                foreach (var instance in report.Instances.Where(i => i.DatabaseNote != null && !NoDatabase))
                {
                    WriteVerbose($"{instance.Name}: {instance.DatabaseNote}");
                }
                Progress($"Writing {path}", 99);
                ConnectorReportRenderer.Write(path, ConnectorReportRenderer.Render(report));
                WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
                WriteVerbose($"Wrote {path}: {report.Count(ReportState.NeedsAttention)} instances need attention, {report.Count(ReportState.Warning)} with warnings, {report.Count(ReportState.Ok)} OK.");
                if (PassThru)
                {
                    WriteObject(new ConnectorReportSummary(path, report));
                }
            });
        }

        /// <summary>
        /// Builds the report on a worker thread while this (the pipeline) thread writes the builder's steps as progress:
        /// one step per instance checked and one per database read, which run several at once.
        /// </summary>
        private ConnectorReport Build(ConnectorReportBuilder builder, string mageId, bool readsDatabases)
        {
            using (var steps = new BlockingCollection<string>())
            {
                var work = Task.Run(() =>
                {
                    try
                    {
                        return builder.Build(mageId, _instances, ThrottleLimit, steps.Add);
                    }
                    finally
                    {
                        steps.CompleteAdding();
                    }
                });
                int total = Math.Max(1, _instances.Count * (readsDatabases ? 2 : 1));
                int done = 0;
                foreach (string step in steps.GetConsumingEnumerable())
                {
                    Progress(step, Math.Min(99, done++ * 100 / total));
                }
                return work.GetAwaiter().GetResult();
            }
        }

        private void Progress(string status, int percent) =>
            // A new record each time: the host may keep the records it was given.
            WriteProgress(new ProgressRecord(ProgressId, Activity, status) { PercentComplete = percent });

        private void Add(IEnumerable<CommerceInstance> instances)
        {
            foreach (var instance in instances)
            {
                if (!_instances.Any(i => string.Equals(i.Name, instance.Name, System.StringComparison.OrdinalIgnoreCase)))
                {
                    _instances.Add(instance);
                }
            }
        }
    }
}
