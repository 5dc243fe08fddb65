using System.Threading;
using CommerceConnector.Core.Registry;

namespace CommerceConnector
{
    /// <summary>
    /// The base of every CommerceConnector cmdlet: turns Core's failures into ErrorRecords with their stable ids.
    /// Failures that concern the whole registry or session (<see cref="TerminatingErrors"/>) stop the command; failures
    /// about one item are written as non-terminating errors so a pipeline carries on. It also holds the small helpers
    /// every cmdlet binds its input with: optional value parameters, provider paths, private key input.
    /// </summary>
    public abstract class ConnectorCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        // SSH connections to instances on other servers live while a command runs: one per host, closed after the last
        // command of the pipeline. The scope is entered when PowerShell starts the command, never when it constructs the
        // cmdlet: tab completion constructs cmdlets it neither runs nor disposes, and a scope entered there stayed open
        // on the thread, so every later command joined it and kept its connections and files read ahead.
        private IDisposable? _hostScope;

        /// <summary>Enters the command's SSH scope, then runs <see cref="Begin"/>.</summary>
        protected sealed override void BeginProcessing()
        {
            _hostScope = Core.Hosts.HostConnections.Enter();
            Begin();
        }

        /// <summary>What a cmdlet does once before its first input (PowerShell's BeginProcessing), inside its SSH scope.</summary>
        protected virtual void Begin()
        {
        }

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends: the command's SSH connections close then.</summary>
        public void Dispose()
        {
            _hostScope?.Dispose();
            _hostScope = null;
        }

        protected static ConnectorSession Session => ConnectorSession.Default;

        /// <summary>Cancelled when the user stops the command (Ctrl+C): passed to registry requests.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Reads ahead the files among <paramref name="paths"/> that live on other servers: one request per host, at most
        /// <paramref name="throttleLimit"/> hosts at once, with progress per host. A host that fails is one non-terminating
        /// error, and the instances on it fail alone later while the others go on. Local paths are left to the command.
        /// </summary>
        protected void ReadAhead(System.Collections.Generic.IEnumerable<string> paths, int throttleLimit, string activity)
        {
            var remote = System.Linq.Enumerable.ToList(System.Linq.Enumerable.Where(paths, Core.Hosts.RemotePath.IsRemote));
            if (remote.Count == 0)
            {
                return;
            }
            int hosts = System.Linq.Enumerable.Count(System.Linq.Enumerable.Distinct(System.Linq.Enumerable.Select(remote, p => Core.Hosts.RemotePath.Split(p, out _))));
            var done = new System.Collections.Concurrent.BlockingCollection<System.Tuple<Core.Hosts.HostAddress, int, ConnectorException?>>();
            var reading = System.Threading.Tasks.Task.Run(() =>
            {
                try
                {
                    Core.Hosts.HostConnections.Prefetch(remote, throttleLimit, (address, count, failure) => done.Add(System.Tuple.Create(address, count, failure)));
                }
                finally
                {
                    done.CompleteAdding();
                }
            });
            var progress = new ProgressRecord(2, activity, $"Reading {remote.Count} file(s) on {hosts} server(s), {throttleLimit} at a time");
            int finished = 0;
            foreach (var host in done.GetConsumingEnumerable())
            {
                finished++;
                progress.StatusDescription = $"{host.Item1}: {(host.Item3 == null ? host.Item2 + " file(s) read" : "failed")} ({finished} of {hosts})";
                progress.PercentComplete = finished * 100 / hosts;
                WriteProgress(progress);
                if (host.Item3 != null)
                {
                    WriteError(ToErrorRecord(host.Item3));
                }
            }
            reading.GetAwaiter().GetResult();
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        /// <summary>Runs <paramref name="action"/> with the session's context (NotConnected without one), as Run does.</summary>
        protected void RunInContext(Action<ConnectorContext> action) => Run(() => action(Session.RequireContext()));

        /// <summary>Writes each of <paramref name="warnings"/> as a warning.</summary>
        protected void WriteWarnings(IEnumerable<string> warnings)
        {
            foreach (string warning in warnings)
            {
                WriteWarning(warning);
            }
        }

        /// <summary>The configuration sources of -NoDatabase and -DatabaseCredential: the files alone, or the files and core_config_data.</summary>
        private protected static ConfigurationSources OpenSources(IConfigurationSourceParameters parameters) =>
            Session.OpenSources(parameters.NoDatabase, Commands.Credentials.Database(parameters.DatabaseCredential));

        /// <summary>Runs one item's <paramref name="action"/> for another command (a shared helper), as Run does.</summary>
        internal void RunItem(Action action) => Run(action);

        /// <summary>Runs <paramref name="action"/>, reporting a Core failure the PowerShell way.</summary>
        protected void Run(Action action)
        {
            try
            {
                // The audit trail records which command changed the registry, acting as which member.
                using (CommerceConnector.Core.Storage.AuditContext.Enter(MyInvocation?.MyCommand?.Name, Session.CurrentUser))
                {
                    action();
                }
            }
            catch (ConnectorException e)
            {
                var record = ToErrorRecord(e);
                if (TerminatingErrors.StopsCommand(e.ErrorId))
                {
                    ThrowTerminatingError(record);
                }
                WriteError(record);
            }
        }

        internal static ErrorRecord ToErrorRecord(ConnectorException e)
        {
            if (!Enum.TryParse(e.Category.ToString(), out ErrorCategory category))
            {
                category = ErrorCategory.NotSpecified;
            }
            return new ErrorRecord(e, e.ErrorId, category, e.Target);
        }

        /// <summary>
        /// Creates what a command line asks for when a refusal concerns the command line as a whole (such as
        /// NothingToChange): its ConnectorException stops the command.
        /// </summary>
        protected T Terminating<T>(Func<T> create)
        {
            try
            {
                return create();
            }
            catch (ConnectorException e)
            {
                ThrowTerminatingError(ToErrorRecord(e));
                throw;
            }
        }

        /// <summary>
        /// An optional value-type parameter as Core takes it: null when the user did not give it (its default value is
        /// not a choice), the value otherwise.
        /// </summary>
        protected T? BoundOrNull<T>(string parameter, T value) where T : struct =>
            MyInvocation.BoundParameters.ContainsKey(parameter) ? value : (T?)null;

        /// <summary>A switch as the command line gave it (-WhatIf, -WhatIf:$false): null when it was not given.</summary>
        protected bool? BoundSwitch(string parameter) =>
            MyInvocation.BoundParameters.TryGetValue(parameter, out object value) ? ((SwitchParameter)value).IsPresent : (bool?)null;

        /// <summary>A PowerShell path (relative to the current location, on any file-system drive) as a full file-system path; null stays null.</summary>
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(path))]
        protected string? ProviderPath(string? path) => path == null ? null : GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>The private key text of -PrivateKey or -PrivateKeyPath (not both: PrivateKeyDestinationConflict); null when neither is given.</summary>
        protected string? ReadPrivateKey(SecureString? privateKey, string? privateKeyPath) => PrivateKeyInput.Text(privateKey, ProviderPath(privateKeyPath));

        /// <summary>
        /// The merchant registry a command calls: the key pair and gateway in <paramref name="instance"/>'s env.php, or
        /// <paramref name="apiKey"/> with the private key in <paramref name="privateKeyPath"/>; <paramref name="gateway"/>
        /// overrides the gateway.
        /// </summary>
        protected RegistryEndpoint OpenRegistryEndpoint(ConnectorContext context, string? instance, string? apiKey, string? privateKeyPath, string? gateway)
        {
            if (instance != null)
            {
                return RegistryEndpoint.ForInstance(ConfigTarget.ForInstance(Session.OpenInstances().GetOne(context.MageId, instance)), gateway);
            }
            // CheckRemoteOptions let through no -Remote call without -Instance that lacks -PrivateKeyPath.
            string keyText = PrivateKeyFile.ReadText(ProviderPath(privateKeyPath!));
            return RegistryEndpoint.ForApiKey(Session.OpenStore(), apiKey, keyText, gateway);
        }

        /// <summary>
        /// Runs <paramref name="action"/> with the session's context for a command that may call the merchant registry,
        /// the -Remote options' combination checked first (RemoteKeysRequired and the like), before anything is asked or read.
        /// </summary>
        private protected void RunInContext(IRemoteRegistryParameters remote, Action<ConnectorContext> action) => Run(() =>
        {
            RegistryEndpoint.CheckRemoteOptions(remote.Remote, remote.Instance != null, remote.ApiKey != null, remote.PrivateKeyPath != null, remote.Gateway != null);
            action(Session.RequireContext());
        });

        /// <summary>The merchant registry a -Remote command calls, from its -Instance or -ApiKey/-PrivateKeyPath and -Gateway.</summary>
        private protected RegistryEndpoint OpenRegistryEndpoint(ConnectorContext context, IRemoteRegistryParameters remote) =>
            OpenRegistryEndpoint(context, remote.Instance, remote.ApiKey, remote.PrivateKeyPath, remote.Gateway);

        /// <summary>
        /// ShouldProcess with the rules of ConfirmImpact High, for one parameter set of a cmdlet whose other uses are of
        /// lower impact (ConfirmImpact is one per cmdlet): -WhatIf and -Confirm as usual, and without -Confirm a prompt
        /// unless $ConfirmPreference is None.
        /// </summary>
        protected bool ShouldProcessHighImpact(string target, string action)
        {
            if (!ShouldProcess(target, action))
            {
                return false;
            }
            if (MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                return true;
            }
            var preference = SessionState.PSVariable.GetValue("ConfirmPreference");
            ConfirmImpact level = preference is ConfirmImpact impact ? impact
                : Enum.TryParse(preference?.ToString(), true, out ConfirmImpact parsed) ? parsed : ConfirmImpact.High;
            // Below High the ShouldProcess call above already asked; None never asks.
            return level != ConfirmImpact.High || ShouldContinue($"{action} on {target}?", "Confirm");
        }

        /// <summary>The MageID a command acts on: the one given, else the session context's.</summary>
        protected string MageIdOrContext(string? mageId) =>
            mageId is null || mageId.Length == 0 ? Session.RequireContext().MageId : mageId;
    }
}
