using System.Collections.Concurrent;
using System.Threading;
using CommerceConnector.Core.Registry;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsDiagnostic.Test, "ConnectorConnection", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConnectionTestResult))]
    public sealed class TestConnectorConnectionCommand : MagentoRootCmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        // The client logs from thread-pool threads; PowerShell streams take writes on the pipeline thread only.
        private readonly ConcurrentQueue<string> _debug = new ConcurrentQueue<string>();
        private bool _allAccepted = true;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Instance", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string? Instance { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        [Parameter]
        public KeyPairSelection Environment { get; set; } = KeyPairSelection.Selected;

        [Parameter]
        public string? Gateway { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var tester = new ConnectionTester(new RegistryClientOptions { Log = _debug.Enqueue });
                if (ParameterSetName == "Path")
                {
                    Report(tester.Test(PathTarget(), Environment, Gateway, _stop.Token));
                    return;
                }
                var context = Session.RequireContext();
                var instances = ParameterSetName == "All"
                    ? Session.OpenInstances().Get(context.MageId)
                    : new[] { Session.OpenInstances().GetOne(context.MageId, Instance) };
                foreach (var instance in instances)
                {
                    WriteVerbose($"Pinging the registry with the key pairs of instance '{instance.Name}' ({instance.Path}).");
                    Report(tester.Test(ConfigTarget.ForInstance(instance), Environment, Gateway, _stop.Token));
                }
            });
        }

        protected override void EndProcessing()
        {
            if (Quiet)
            {
                WriteObject(_allAccepted);
            }
        }

        protected override void StopProcessing() => _stop.Cancel();

        private void Report(IReadOnlyList<ConnectionTestResult> results)
        {
            while (_debug.TryDequeue(out string line))
            {
                WriteDebug(line);
            }
            foreach (var result in results)
            {
                _allAccepted &= result.IsAccepted;
                WriteVerbose($"{result.Environment} key {result.ApiKey} at {result.Gateway}: {result.Status}" + (result.HttpStatus.HasValue ? $" (HTTP {result.HttpStatus})" : string.Empty));
                if (!Quiet)
                {
                    WriteObject(result);
                }
            }
        }
    }
}
