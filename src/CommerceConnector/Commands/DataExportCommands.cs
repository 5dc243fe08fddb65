using CommerceConnector.Core.Database;
using CommerceConnector.Core.DataExport;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Commands
{
    /// <summary>The commands that read an instance's database: env.php's login, or another (read-only) user.</summary>
    public abstract class DatabaseReaderCmdlet : InstanceTargetCmdlet
    {
        /// <summary>Another database user than env.php's, e.g. a read-only one; the server and database stay env.php's.</summary>
        [Parameter]
        [Credential]
        public PSCredential? DatabaseCredential { get; set; }

        protected DatabaseLogin Login() => Credentials.DatabaseOrEnvPhp(DatabaseCredential);
    }

    [Cmdlet(VerbsCommon.Get, "DataExportStatus", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(DataExportStatus))]
    public sealed class GetDataExportStatusCommand : DatabaseReaderCmdlet
    {
        /// <summary>Every instance registered under the current MageID, read concurrently.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DataExportFeedCompleter))]
        public string[]? Feed { get; set; }

        /// <summary>How many instances -All reads at once.</summary>
        [Parameter(ParameterSetName = "All")]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var feeds = DataExportMonitor.Feeds(Feed);
                var monitor = new DataExportMonitor(Login());
                if (ParameterSetName != "All")
                {
                    var target = ResolveTarget();
                    WriteVerbose($"Reading the data export status of {target.Label} from its database.");
                    WriteObject(monitor.Status(target, feeds), enumerateCollection: true);
                    return;
                }
                var targets = Session.OpenInstances().Get(Session.RequireContext().MageId).Select(ConfigTarget.ForInstance).ToList();
                WriteVerbose($"Reading the data export status of {targets.Count} instances, {ThrottleLimit} at a time.");
                foreach (var result in monitor.Status(targets, feeds, ThrottleLimit))
                {
                    if (result.Failure != null)
                    {
                        WriteError(ToErrorRecord(result.Failure));
                        continue;
                    }
                    WriteObject(result.Feeds, enumerateCollection: true);
                }
            });
        }
    }

    [Cmdlet(VerbsCommon.Get, "DataExportItem", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(DataExportItem))]
    public sealed class GetDataExportItemCommand : DatabaseReaderCmdlet
    {
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(DataExportFeedCompleter))]
        public string Feed { get; set; } = null!;

        /// <summary>The group of the Admin's page whose items to list.</summary>
        [Parameter(Mandatory = true)]
        public DataExportItemStatus Status { get; set; }

        [Parameter]
        [ValidateRange(1, 1000000)]
        public int First { get; set; } = 100;

        [Parameter]
        public DateTime Since { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var feed = DataExportMonitor.Feeds(new[] { Wildcard.Escape(Feed) })[0];
                DateTime? since = BoundOrNull(nameof(Since), Since);
                WriteObject(new DataExportMonitor(Login()).Items(ResolveTarget(), feed, Status, First, since), enumerateCollection: true);
            });
        }
    }

    [Cmdlet(VerbsCommon.Get, "DataExportLog", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(DataExportLogEntry))]
    public sealed class GetDataExportLogCommand : InstanceTargetCmdlet
    {
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DataExportFeedCompleter))]
        public string[]? Feed { get; set; }

        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        public SwitchParameter ErrorsOnly { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var target = ResolveTarget();
                DateTimeOffset? since = BoundOrNull(nameof(Since), Since) is DateTime given ? new DateTimeOffset(given) : (DateTimeOffset?)null;
                var files = DataExportLog.Files(target.Root);
                WriteVerbose(files.Count == 0
                    ? $"{target.Label} has no commerce-data-export*.log or saas-export*.log under var/log."
                    : $"Reading {string.Join(", ", files.Select(System.IO.Path.GetFileName))}.");
                var log = DataExportLog.Read(target.Root, target.Instance?.Name ?? target.Root, Feed, since, ErrorsOnly);
                if (log.UnparsedLines > 0)
                {
                    WriteVerbose($"{log.UnparsedLines} lines are not log entries (stack traces, cut lines); those that follow a selected entry are kept as raw text (Parsed = False).");
                }
                WriteObject(log.Entries, enumerateCollection: true);
            });
        }
    }

    /// <summary>Completes data export feed names.</summary>
    public sealed class DataExportFeedCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) => DataExportFeed.All.Select(f => f.Name);
    }
}
