using System.Management.Automation;
using CommerceConnector.Core.Session;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "CommerceAccount")]
    [OutputType(typeof(ConnectorContext))]
    public sealed class ConnectCommerceAccountCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MageIdCompleter))]
        public string MageId { get; set; }

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(MemberCompleter))]
        public string User { get; set; }

        [Parameter]
        public string RegistryPath { get; set; }

        protected override void ProcessRecord()
        {
            string registryPath = ProviderPath(RegistryPath);
            Run(() =>
            {
                var context = Session.Connect(MageId, User, registryPath);
                WriteVerbose($"Connected as {context.User} ({context.Role}) to {context.MageId}; registry {context.RegistryPath}.");
                WriteObject(context);
            });
        }
    }

    [Cmdlet(VerbsCommunications.Disconnect, "CommerceAccount")]
    public sealed class DisconnectCommerceAccountCommand : ConnectorCmdlet
    {
        protected override void ProcessRecord()
        {
            WriteVerbose(Session.Disconnect() ? "Disconnected from the Commerce account." : "No Commerce account was connected.");
        }
    }
}
