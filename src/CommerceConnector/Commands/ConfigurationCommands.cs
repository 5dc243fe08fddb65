namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommon.Get, "ConnectorConfiguration", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConnectorConfiguration))]
    public sealed class GetConnectorConfigurationCommand : InstanceTargetCmdlet, IConfigurationSourceParameters
    {
        /// <inheritdoc/>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <inheritdoc/>
        [Parameter]
        [Credential]
        public PSCredential? DatabaseCredential { get; set; }

        protected override void ProcessRecord()
        {
            using (Session.BeginCommand())
            Run(() =>
            {
                var sources = OpenSources(this);
                var configuration = ConfigurationReader.Read(ResolveTarget(), sources);
                WriteWarnings(sources.Warnings);
                WriteObject(configuration);
            });
        }
    }

    [Cmdlet(VerbsCommon.Set, "ConnectorConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetConnectorConfigurationCommand : ConfigurationValueWriterCmdlet
    {
        [Parameter]
        public ApiKeyEnvironment Environment { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
        public string? ProductionApiKey { get; set; }

        [Parameter]
        public SecureString? ProductionPrivateKey { get; set; }

        [Parameter]
        public string? ProductionPrivateKeyPath { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
        public string? SandboxApiKey { get; set; }

        [Parameter]
        public SecureString? SandboxPrivateKey { get; set; }

        [Parameter]
        public string? SandboxPrivateKeyPath { get; set; }

        protected override string Action => "Configure the connector";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target)
        {
            ApiKeyEnvironment? environment = BoundOrNull(nameof(Environment), Environment);
            var production = KeyPairInput.Create(ApiKeyEnvironment.Production, ProductionApiKey, ReadPrivateKey(ProductionPrivateKey, ProductionPrivateKeyPath));
            var sandbox = KeyPairInput.Create(ApiKeyEnvironment.Sandbox, SandboxApiKey, ReadPrivateKey(SandboxPrivateKey, SandboxPrivateKeyPath));
            return planner.PlanKeys(Session.RequireContext().MageId, target, environment, production, sandbox, Force);
        }
    }

    [Cmdlet(VerbsCommon.Set, "DataSpace", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetDataSpaceCommand : ConfigurationValueWriterCmdlet, IConfigurationSourceParameters
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DataSpaceId")]
        [ArgumentCompleter(typeof(DataSpaceNameCompleter))]
        public string DataSpace { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string? Project { get; set; }

        protected override string Action => "Assign the data space";

        /// <summary>Judges the keys in the files alone: no connection to the instance's database.</summary>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <inheritdoc/>
        [Parameter]
        [Credential]
        public PSCredential? DatabaseCredential { get; set; }

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target)
        {
            var sources = OpenSources(this);
            try
            {
                return planner.PlanDataSpace(Session.RequireContext().MageId, target, Project, DataSpace, Force, sources);
            }
            finally
            {
                WriteWarnings(sources.Warnings);
            }
        }
    }

    [Cmdlet(VerbsCommon.Set, "ImsOrganization", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetImsOrganizationCommand : ConfigurationValueWriterCmdlet
    {
        [Parameter(Mandatory = true)]
        public string OrganizationId { get; set; } = null!;

        protected override string Action => "Link the IMS organisation";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target) =>
            planner.PlanImsOrganization(target, OrganizationId, Force);
    }

    [Cmdlet(VerbsCommon.Clear, "ImsOrganization", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class ClearImsOrganizationCommand : ConfigurationValueWriterCmdlet
    {
        protected override string Action => "Unlink the IMS organisation";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target) =>
            planner.PlanClearImsOrganization(target, Force);
    }

    [Cmdlet(VerbsCommon.Clear, "ConnectorConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class ClearConnectorConfigurationCommand : ConfigurationValueWriterCmdlet
    {
        protected override string Action => "Remove every Commerce Services Connector value (the instance stops syncing)";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target) =>
            planner.PlanClear(target, Force);
    }
}
