using System.Collections.Concurrent;
using System.Threading.Tasks;
using CommerceConnector.Core.DataExport;

namespace CommerceConnector.Commands
{
    /// <summary>
    /// Re-sends data export feeds with the instance's own <c>php bin/magento saas:resync</c>: options checked against
    /// Magento's rules before anything runs, several feeds in the recommended order, several instances at once
    /// (-ThrottleLimit), Magento's lines as progress and verbose text, one result per feed.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "DataExportFeed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(DataExportResyncResult))]
    public sealed class SyncDataExportFeedCommand : DatabaseReaderCmdlet
    {
        private readonly List<ConfigTarget> _targets = new List<ConfigTarget>();
        private IReadOnlyList<DataExportFeed> _feeds = Array.Empty<DataExportFeed>();
        private ResyncOptions _options = new ResyncOptions();

        /// <summary>Every instance registered under the current MageID.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        /// <summary>The feeds to re-send (names or Magento's lower-case aliases); run in the recommended order.</summary>
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(DataExportFeedCompleter))]
        public string[] Feed { get; set; } = null!;

        [Parameter]
        public SwitchParameter DryRun { get; set; }

        [Parameter]
        public SwitchParameter CleanupFeed { get; set; }

        [Parameter]
        public SwitchParameter NoReindex { get; set; }

        [Parameter]
        public SwitchParameter ContinueResync { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ById { get; set; }

        [Parameter]
        public ResyncIdType IdType { get; set; }

        [Parameter]
        [ValidateRange(1, 1000000)]
        public int BatchSize { get; set; }

        [Parameter]
        [ValidateRange(1, 256)]
        public int ThreadCount { get; set; }

        /// <summary>How many instances run at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Leaves out the status counts before and after (no database connection).</summary>
        [Parameter]
        public SwitchParameter NoStatus { get; set; }

        protected override void Begin()
        {
            try
            {
                _feeds = DataExportResync.ResolveFeeds(Feed);
                _options = new ResyncOptions
                {
                    DryRun = DryRun,
                    CleanupFeed = CleanupFeed,
                    NoReindex = NoReindex,
                    ContinueResync = ContinueResync,
                    ByIds = ById ?? Array.Empty<string>(),
                    IdType = BoundOrNull(nameof(IdType), IdType),
                    BatchSize = BoundOrNull(nameof(BatchSize), BatchSize),
                    ThreadCount = BoundOrNull(nameof(ThreadCount), ThreadCount),
                };
                DataExportResync.Validate(_feeds, _options);
            }
            catch (ConnectorException e)
            {
                // Refused before any instance is looked at: nothing runs.
                ThrowTerminatingError(ToErrorRecord(e));
            }
        }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var targets = ParameterSetName == "All"
                    ? Session.OpenInstances().Get(Session.RequireContext().MageId).Select(ConfigTarget.ForInstance).ToList()
                    : new List<ConfigTarget> { ResolveTarget() };
                foreach (var target in targets)
                {
                    if (_targets.Any(t => string.Equals(t.Root, target.Root, StringComparison.Ordinal)))
                    {
                        continue;
                    }
                    string feeds = string.Join(", ", _feeds.Select(f => f.Name));
                    string command = string.Join("; ", _feeds.Select(f => "php bin/magento " + string.Join(" ", DataExportResync.Arguments(f, _options))));
                    bool approved = _options.AsksToCleanUp
                        ? ShouldProcessHighImpact(target.Label, $"Truncate the feed table of {feeds} and re-send every item ({command})")
                        : ShouldProcess(target.Label, $"Re-send the data export feed{(_feeds.Count > 1 ? "s" : string.Empty)} {feeds} ({command})");
                    if (approved)
                    {
                        _targets.Add(target);
                    }
                }
            });
        }

        protected override void EndProcessing()
        {
            if (_targets.Count == 0)
            {
                return;
            }
            var runner = new DataExportResyncRunner(NoStatus ? null : Login());
            var messages = new BlockingCollection<Action>();
            var progress = new Dictionary<string, ProgressRecord>(StringComparer.Ordinal);
            var ids = _targets.Select((t, i) => (Name: t.Instance?.Name ?? t.Root, Id: i + 1)).ToDictionary(p => p.Name, p => p.Id, StringComparer.Ordinal);
            WriteVerbose($"Running saas:resync for {string.Join(", ", _feeds.Select(f => f.Name))} on {_targets.Count} instance{(_targets.Count == 1 ? string.Empty : "s")}, {Math.Min(ThrottleLimit, _targets.Count)} at a time.");
            var work = Task.Run(() =>
            {
                try
                {
                    Parallel.ForEach(_targets, new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = StopToken }, target =>
                    {
                        var run = runner.Run(target, _feeds, _options, cleanupConfirmed: _options.AsksToCleanUp, p => messages.Add(() => Report(p, progress, ids)), StopToken);
                        messages.Add(() => Finish(run, progress, ids));
                    });
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    messages.CompleteAdding();
                }
            });
            foreach (var message in messages.GetConsumingEnumerable())
            {
                message();
            }
            work.GetAwaiter().GetResult();
        }

        private void Report(ResyncProgress p, Dictionary<string, ProgressRecord> progress, Dictionary<string, int> ids)
        {
            // A new record each time: the host may keep the records it was given.
            var record = new ProgressRecord(ids[p.Instance], $"Sync-DataExportFeed {p.Instance}", "Starting");
            progress[p.Instance] = record;
            record.PercentComplete = Math.Min(99, p.FeedIndex * 100 / Math.Max(1, p.FeedCount));
            if (p.Line == null)
            {
                record.StatusDescription = $"{p.Feed} ({p.FeedIndex + 1} of {p.FeedCount}): starting php bin/magento saas:resync";
                WriteVerbose($"{p.Instance}: re-sending {p.Feed} ({p.FeedIndex + 1} of {p.FeedCount}).");
            }
            else if (p.Line.Kind != ResyncLineKind.Blank)
            {
                record.StatusDescription = $"{p.Feed} ({p.FeedIndex + 1} of {p.FeedCount}): {p.Line.Text}";
                WriteVerbose($"{p.Instance} {p.Feed}: {p.Line.Text}");
            }
            WriteProgress(record);
        }

        private void Finish(InstanceResyncRun run, Dictionary<string, ProgressRecord> progress, Dictionary<string, int> ids)
        {
            string name = run.Target.Instance?.Name ?? run.Target.Root;
            if (run.StatusUnavailable != null)
            {
                WriteWarning($"{name}: the status counts before and after are not shown: {run.StatusUnavailable}");
            }
            foreach (var result in run.Results)
            {
                WriteObject(result);
                if (!result.Succeeded)
                {
                    WriteError(new ErrorRecord(new ConnectorException(result.ErrorId,
                        result.ErrorId == ErrorIds.DataExportFeedLocked ? ConnectorErrorCategory.ResourceBusy : ConnectorErrorCategory.InvalidResult, result.Feed,
                        FailureMessage(result)), result.ErrorId,
                        result.ErrorId == ErrorIds.DataExportFeedLocked ? ErrorCategory.ResourceBusy : ErrorCategory.InvalidResult, result));
                }
            }
            if (run.Failure != null)
            {
                WriteError(ToErrorRecord(run.Failure));
            }
            if (progress.TryGetValue(name, out var last))
            {
                WriteProgress(new ProgressRecord(last.ActivityId, last.Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private static string FailureMessage(DataExportResyncResult result)
        {
            string head = $"{result.Instance}: '{result.Command}' failed (exit code {result.ExitCode}): {result.Error}";
            return result.ErrorId == ErrorIds.DataExportFeedLocked
                ? $"{head} Another process ({result.LockedBy}) holds the {result.Feed} feed: wait until it ends (Get-DataExportStatus shows LockedBy) and run Sync-DataExportFeed again."
                : $"{head} Read var/log/commerce-data-export-errors.log and saas-export-errors.log (Get-DataExportLog -Feed {result.Feed} -ErrorsOnly), fix the cause, and run Sync-DataExportFeed again.";
        }
    }
}
