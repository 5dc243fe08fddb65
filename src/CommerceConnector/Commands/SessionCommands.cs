namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "CommerceAccount")]
    [OutputType(typeof(ConnectorContext))]
    public sealed class ConnectCommerceAccountCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MageIdCompleter))]
        public string MageId { get; set; } = null!;

        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(MemberCompleter))]
        public string? User { get; set; }

        [Parameter]
        public string? RegistryPath { get; set; }

        /// <summary>A shared registry on PostgreSQL: a postgresql:// URI or a connection string (see Initialize-ConnectorRegistry).</summary>
        [Parameter]
        public string? Registry { get; set; }

        /// <summary>The database user and password for -Registry; never echoed or stored.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        protected override void ProcessRecord()
        {
            string? registryPath = ProviderPath(RegistryPath);
            Run(() =>
            {
                if (Registry != null && registryPath != null)
                {
                    throw new CommerceConnector.Core.Errors.ConnectorException(CommerceConnector.Core.Errors.ErrorIds.RegistryConnectionInvalid,
                        CommerceConnector.Core.Errors.ConnectorErrorCategory.InvalidArgument, null,
                        "Give either -Registry (a shared PostgreSQL registry) or -RegistryPath (a registry folder), not both.");
                }
                var credential = Credentials.Network(Credential);
                var context = Session.Connect(MageId, User, registryPath, Registry, credential);
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
