using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Registry;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommon.Get, "SaaSProject", DefaultParameterSetName = "Name")]
    [OutputType(typeof(SaaSProject))]
    public sealed class GetSaaSProjectCommand : ConnectorCmdlet
    {
        /// <summary>Project names, wildcards allowed; also strings from the pipeline ('Luma' | Get-SaaSProject).</summary>
        [Parameter(Position = 0, ParameterSetName = "Name", ValueFromPipeline = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        public string? Id { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string? name in Name ?? new string?[] { null })
            {
                Run(() => WriteObject(Session.OpenProjects().GetProjects(Session.RequireContext().MageId, name, Id), enumerateCollection: true));
            }
        }
    }

    [Cmdlet(VerbsCommon.New, "SaaSProject", SupportsShouldProcess = true)]
    [OutputType(typeof(SaaSProject))]
    public sealed class NewSaaSProjectCommand : ConnectorCmdlet, IRemoteRegistryParameters
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; } = null!;

        /// <summary>Creates the project in the merchant registry (POST registry/initialize), then records it locally.</summary>
        [Parameter]
        public SwitchParameter Remote { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string? Instance { get; set; }

        [Parameter]
        public string? ApiKey { get; set; }

        [Parameter]
        public string? PrivateKeyPath { get; set; }

        [Parameter]
        public string? Gateway { get; set; }

        protected override void ProcessRecord()
        {
            RunInContext(this, context =>
            {
                if (!Remote)
                {
                    if (ShouldProcess($"SaaS project '{Name}' of {context.MageId} ({context.Edition})", "Create, with the data spaces of the licence"))
                    {
                        WriteObject(Session.OpenProjects().NewProject(context.MageId, context.User, Name));
                    }
                    return;
                }
                using (var endpoint = OpenRegistryEndpoint(context, this))
                {
                    string name = new RegistrySync(Session.Preview().OpenStore()).CheckNewProject(context.MageId, endpoint.ApiKey, Name);
                    if (!ShouldProcessHighImpact($"SaaS project '{name}' of {context.MageId}", $"Create in the merchant registry at {endpoint} (it cannot be deleted from here), then record it"))
                    {
                        return;
                    }
                    var rows = endpoint.Call((client, stop) => client.InitializeAsync(name, stop), new RegistryClientOptions(), StopToken);
                    WriteObject(new RegistrySync(Session.OpenStore()).RecordProject(context.MageId, context.User, endpoint.ApiKey, rows));
                }
            });
        }
    }

    [Cmdlet(VerbsLifecycle.Register, "SaaSProject", SupportsShouldProcess = true)]
    [OutputType(typeof(SaaSProject))]
    public sealed class RegisterSaaSProjectCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string ProjectId { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectName")]
        public string Name { get; set; } = null!;

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                if (ShouldProcess($"SaaS project {ProjectId} ('{Name}') of {context.MageId}", "Register the existing project in the local registry (Adobe is not contacted)"))
                {
                    WriteObject(Session.OpenProjects().RegisterProject(context.MageId, context.User, ProjectId, Name));
                }
            });
        }
    }

    [Cmdlet(VerbsLifecycle.Register, "DataSpace", SupportsShouldProcess = true)]
    [OutputType(typeof(DataSpace))]
    public sealed class RegisterDataSpaceCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string Project { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string DataSpaceId { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("DataSpaceName")]
        public string Name { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public DataSpaceType Type { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? SupportTicket { get; set; }

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                if (ShouldProcess($"{Type} data space {DataSpaceId} ('{Name}') of project '{Project}'", "Register the existing data space in the local registry (Adobe is not contacted)"))
                {
                    WriteObject(Session.OpenProjects().RegisterDataSpace(context.MageId, Project, DataSpaceId, Name, Type, SupportTicket));
                }
            });
        }
    }

    [Cmdlet(VerbsCommon.Rename, "SaaSProject", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
    [OutputType(typeof(SaaSProject))]
    public sealed class RenameSaaSProjectCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Name")]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        public string? Id { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public SaaSProject? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        public string NewName { get; set; } = null!;

        /// <summary>Writes the new name into the env.php of every instance that holds the old one.</summary>
        [Parameter]
        public SwitchParameter UpdateInstances { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string? project = InputObject?.ProjectId ?? Id ?? Name;
            RunInContext(context =>
            {
                var projects = Session.OpenProjects();
                var current = projects.GetProject(context.MageId, project);
                if (!ShouldProcess($"SaaS project '{current.ProjectName}' ({current.ProjectId})", $"Rename to '{NewName}' (ids and data spaces stay)"))
                {
                    return;
                }
                var renamed = projects.RenameProject(context.MageId, current.ProjectId, NewName);
                if (PassThru)
                {
                    WriteObject(renamed);
                }
                RenamedInInstances.Refresh(this, UpdateInstances, context.MageId, renamed.ProjectId, renamed.ProjectName, null, null, "Rename-SaaSProject");
            });
        }
    }
}
