using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Registry;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsData.Sync, "SaaSProject", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(RegistryChange))]
    public sealed class SyncSaaSProjectCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Instance", ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string? Instance { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ApiKey")]
        public string? ApiKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "ApiKey")]
        public string? PrivateKeyPath { get; set; }

        [Parameter]
        public string? Gateway { get; set; }

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                using (var endpoint = OpenRegistryEndpoint(context, Instance, ApiKey, PrivateKeyPath, Gateway))
                {
                    WriteVerbose($"GET registry at {endpoint}.");
                    var rows = endpoint.Call((client, stop) => client.GetRegistryAsync(stop), new RegistryClientOptions(), StopToken);
                    WriteVerbose($"The registry returns {rows.Count} data spaces of {rows.Select(r => r.ProjectId).Distinct().Count()} projects.");
                    // The same operation on a store that writes nothing: what -WhatIf and -Confirm ask about is what would happen.
                    var planned = new RegistrySync(Session.Preview().OpenStore()).Sync(context.MageId, context.User, endpoint.ApiKey, rows);
                    var approved = new List<RegistryChange>();
                    foreach (var change in planned.Where(c => c.Kind != RegistryChangeKind.Gone))
                    {
                        if (ShouldProcess($"{change.Record} {change.Id} ('{change.Name}') of {context.MageId}", change.Message))
                        {
                            approved.Add(change);
                        }
                    }
                    // Gone records are a finding, not a change: reported in every run, -WhatIf included.
                    var result = approved.Count == 0
                        ? planned.Where(c => c.Kind == RegistryChangeKind.Gone).ToList()
                        : new RegistrySync(Session.OpenStore()).Sync(context.MageId, context.User, endpoint.ApiKey, rows, c => approved.Any(c.Matches));
                    WriteObject(result, enumerateCollection: true);
                }
            });
        }
    }
}
