using System.Collections.Concurrent;
using System.Threading.Tasks;
using CommerceConnector.Core.Hosts;
using CommerceConnector.Core.Rotation;

namespace CommerceConnector.Commands
{
    /// <summary>
    /// Rotates an environment's API key across every registered instance that holds it, or continues the open rotation:
    /// the new pair into each env.php (ShouldProcess per instance), the checks of Test-ConnectorConfiguration, and the old
    /// key revoked once no registered instance holds it.
    /// </summary>
    [Cmdlet(VerbsData.Update, "ConnectorApiKey", SupportsShouldProcess = true)]
    [OutputType(typeof(KeyRotation))]
    public sealed class UpdateConnectorApiKeyCommand : KeyGeneratingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public ApiKeyEnvironment Environment { get; set; }

        /// <summary>A new key issued elsewhere (the API portal); with -PrivateKeyPath or -PrivateKey.</summary>
        [Parameter]
        public string? ApiKey { get; set; }

        /// <summary>The private key of -ApiKey, or of an open rotation's new key.</summary>
        [Parameter]
        public string? PrivateKeyPath { get; set; }

        [Parameter]
        public SecureString? PrivateKey { get; set; }

        [Parameter]
        public string? Name { get; set; }

        [Parameter]
        public SwitchParameter KeepOldKey { get; set; }

        [Parameter]
        public SwitchParameter CleanCache { get; set; }

        /// <summary>How many servers of instances on other servers are read, and written, at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        protected override void ProcessRecord()
        {
            string? outFile = OutFilePath;
            string? keyPath = ProviderPath(PrivateKeyPath);
            Run(() =>
            {
                PrivateKeyInput.RequireOne(PrivateKey, keyPath);
                if (outFile != null && AsSecureString)
                {
                    PrivateKeyDestination.Check(outFile, AsSecureString);
                }
                var context = Session.RequireContext();
                ReadAhead(Session.OpenInstances().Get(context.MageId).SelectMany(i => new[] { i.EnvPhpPath, i.ConfigPhpPath }), ThrottleLimit, "Update-ConnectorApiKey");
                string? text = PrivateKeyInput.Text(PrivateKey, keyPath);
                bool generates = outFile != null || AsSecureString;
                var delivery = new PrivateKeyDelivery(outFile, Force);

                // The same start, written nowhere and delivering nothing: its refusal comes before any question.
                var preview = Session.Preview().OpenKeyRotator().Begin(context.MageId, context.User, Environment,
                    new RotationKeyInput(ApiKey, text, Name, KeySize, generates ? _ => () => { } : (System.Func<GeneratedApiKey, System.Action>?)null));
                var planned = preview.Rotation;
                string action = preview.Started
                    ? $"Rotate to a new key ({(ApiKey != null ? "API key " + ApiKey : outFile != null ? "generated, private key saved to " + outFile : "generated, private key returned as a SecureString")}), " +
                      $"write it into {planned.Instances.Count} instance(s) that hold {planned.OldApiKey}, then " + (KeepOldKey ? "keep the old key active" : "revoke the old key")
                    : $"Continue the rotation to {planned.NewApiKey}: {preview.Work.Count} instance(s) left";
                var run = preview;
                if (ShouldProcess($"{Environment} API key {planned.OldApiKey} of {context.MageId}", action))
                {
                    run = Session.OpenKeyRotator().Begin(context.MageId, context.User, Environment,
                        new RotationKeyInput(ApiKey, text, Name, KeySize, generates ? delivery.Deliver : (System.Func<GeneratedApiKey, System.Action>?)null));
                }
                else if (!WhatIfRequested)
                {
                    return;
                }
                Rotate(run, whatIf: run == preview);
                if (run == preview)
                {
                    return;
                }
                run.Rotation.PrivateKey = delivery.Secure;
                WriteObject(run.Rotation);
            });
        }

        private bool WhatIfRequested =>
            BoundSwitch("WhatIf") ?? LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

        private void Rotate(KeyRotationRun run, bool whatIf)
        {
            var rotation = run.Rotation;
            // 1. On the pipeline thread: read and plan each instance (the remote files were read ahead, one request per
            // host) and ask ShouldProcess for each write, in the rotation's order.
            var progress = new ProgressRecord(1, "Update-ConnectorApiKey", $"Planning {rotation.Environment} API key {rotation.NewApiKey}");
            var approved = new List<(RotatedInstance Entry, ConfigurationPlan Plan)>();
            for (int i = 0; i < run.Work.Count; i++)
            {
                var entry = run.Work[i];
                progress.StatusDescription = $"{entry.Name} ({i + 1} of {run.Work.Count})";
                progress.PercentComplete = i * 100 / run.Work.Count;
                WriteProgress(progress);
                Run(() =>
                {
                    var plan = run.Prepare(entry);
                    if (entry.State == RotationState.Skipped)
                    {
                        WriteVerbose($"{entry.Name}: {entry.Reason}");
                    }
                    if (plan == null)
                    {
                        return;
                    }
                    if (plan.Changes.Count == 0)
                    {
                        approved.Add((entry, plan));
                    }
                    else if (ShouldProcess(plan.Target.Label, $"Write the new {rotation.Environment} key pair: {plan.Describe()}"))
                    {
                        approved.Add((entry, plan));
                    }
                });
            }

            // 2. The confirmed writes: hosts concurrently (-ThrottleLimit), each host's in the rotation's order, one after
            // the other; this computer's instances are one more "host". Messages come back to this thread.
            var byHost = approved.GroupBy(a => RemotePath.Split(a.Entry.Path, out _)).ToList();
            int written = 0;
            int done = 0;
            if (approved.Count > 0)
            {
                progress.Activity = $"Writing {rotation.Environment} API key {rotation.NewApiKey}";
                var messages = new BlockingCollection<Action>();
                var work = Task.Run(() =>
                {
                    try
                    {
                        Parallel.ForEach(byHost, new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit }, group =>
                        {
                            string host = group.Key?.ToString() ?? "this computer";
                            foreach (var item in group)
                            {
                                try
                                {
                                    var result = run.Apply(item.Entry, item.Plan);
                                    string? cleaned = null;
                                    ConnectorException? cleanFailure = null;
                                    if (result?.BackupPath != null && CleanCache)
                                    {
                                        try
                                        {
                                            var clean = MagentoCli.CleanConfigCache(result.Path);
                                            cleaned = $"'{clean.Command}' in {result.Path} exited with 0.";
                                        }
                                        catch (ConnectorException e)
                                        {
                                            cleanFailure = e;
                                        }
                                    }
                                    messages.Add(() =>
                                    {
                                        Done(item.Entry, host);
                                        if (result?.BackupPath != null)
                                        {
                                            written++;
                                            WriteVerbose($"Updated {item.Entry.Name}; the previous env.php is in {result.BackupPath}.");
                                        }
                                        if (cleaned != null)
                                        {
                                            WriteVerbose(cleaned);
                                        }
                                        if (cleanFailure != null)
                                        {
                                            WriteError(ToErrorRecord(cleanFailure));
                                        }
                                    });
                                }
                                catch (ConnectorException e)
                                {
                                    messages.Add(() =>
                                    {
                                        Done(item.Entry, host);
                                        WriteError(ToErrorRecord(e));
                                    });
                                }
                            }
                        });
                    }
                    finally
                    {
                        messages.CompleteAdding();
                    }
                });
                void Done(RotatedInstance entry, string host)
                {
                    done++;
                    progress.StatusDescription = $"{host}: {entry.Name} ({done} of {approved.Count}, {byHost.Count} host(s), {ThrottleLimit} at a time)";
                    progress.PercentComplete = done * 100 / approved.Count;
                    WriteProgress(progress);
                }
                foreach (var message in messages.GetConsumingEnumerable())
                {
                    message();
                }
                work.GetAwaiter().GetResult();
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (whatIf)
            {
                return;
            }

            Run(() => run.Finish(KeepOldKey, key => ShouldProcess(key, "Revoke (no registered instance holds it any more)")));
            if (written > 0 && !CleanCache)
            {
                WriteWarning(MagentoCli.StaleCacheWarning($"each of the {written} updated Magento roots"));
            }
            foreach (var entry in rotation.Instances.Where(e => e.Checks != null))
            {
                // The key checks are the rotation's concern; the others (data space, modules) are in Checks, as Test-ConnectorConfiguration shows them.
                foreach (var check in entry.Checks.Where(c => c.Verdict == CheckVerdict.Failed && c.Name.StartsWith("Key", System.StringComparison.Ordinal)))
                {
                    WriteWarning($"{entry.Name}: {check.Name} failed after the rotation: {check.Message}" + (check.Fix == null ? string.Empty : " Fix: " + check.Fix));
                }
            }
            if (rotation.Status == KeyRotationStatus.Open && run.Work.Count > 0)
            {
                WriteWarning($"The rotation stays open: {rotation.Pending} instance(s) pending and {rotation.Failed} failed still hold {rotation.OldApiKey}, which stays active. " +
                    $"Fix them and continue: {KeyRotationRules.ResumeCommand(rotation)}");
            }
        }
    }

    [Cmdlet(VerbsCommon.Get, "ConnectorKeyRotation")]
    [OutputType(typeof(KeyRotation))]
    public sealed class GetConnectorKeyRotationCommand : ConnectorCmdlet
    {
        [Parameter(Position = 0)]
        public ApiKeyEnvironment Environment { get; set; }

        /// <summary>Only rotations that are still open.</summary>
        [Parameter]
        public SwitchParameter Open { get; set; }

        protected override void ProcessRecord()
        {
            ApiKeyEnvironment? environment = BoundOrNull(nameof(Environment), Environment);
            RunInContext(context =>
            {
                WriteObject(Session.OpenKeyRotator().GetRotations(context.MageId, environment, Open), enumerateCollection: true);
            });
        }
    }
}
