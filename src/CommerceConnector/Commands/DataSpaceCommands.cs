using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Registry;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommon.Get, "DataSpace", DefaultParameterSetName = "Name")]
    [OutputType(typeof(DataSpace))]
    public sealed class GetDataSpaceCommand : ConnectorCmdlet
    {
        /// <summary>
        /// Data space names, wildcards allowed. Not from the pipeline: projects piped in bind to -Project by their id,
        /// and a name taken by value would turn every piped object into a name.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = "Name")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DataSpaceNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [Alias("DataSpaceId")]
        public string? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string? Project { get; set; }

        [Parameter]
        public DataSpaceType Type { get; set; }

        protected override void ProcessRecord()
        {
            DataSpaceType? type = BoundOrNull(nameof(Type), Type);
            foreach (string? name in Name ?? new string?[] { null })
            {
                Run(() => WriteObject(Session.OpenProjects().GetDataSpaces(Session.RequireContext().MageId, Project, type, name, Id), enumerateCollection: true));
            }
        }
    }

    [Cmdlet(VerbsCommon.New, "DataSpace", SupportsShouldProcess = true)]
    [OutputType(typeof(DataSpace))]
    public sealed class NewDataSpaceCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string Project { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0)]
        public string Name { get; set; } = null!;

        [Parameter]
        public string? SupportTicket { get; set; }

        [Parameter]
        public DataSpaceType Type { get; set; } = DataSpaceType.Testing;

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                if (ShouldProcess($"data space '{Name}' in project '{Project}'", $"Add a {Type} data space (support ticket {SupportTicket})"))
                {
                    WriteObject(Session.OpenProjects().NewDataSpace(context.MageId, Project, Name, Type, SupportTicket));
                }
            });
        }
    }

    /// <summary>The data space addressing shared by Rename- and Clear-DataSpace: by id, by name (within -Project) or by object.</summary>
    public abstract class DataSpaceTargetCmdlet : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Name")]
        [ArgumentCompleter(typeof(DataSpaceNameCompleter))]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string? Project { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [Alias("DataSpaceId")]
        public string? Id { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public DataSpace? InputObject { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected string? TargetProject => InputObject?.ProjectId ?? (ParameterSetName == "Name" ? Project : null);

        protected string? Target => InputObject?.DataSpaceId ?? Id ?? Name;
    }

    [Cmdlet(VerbsCommon.Rename, "DataSpace", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
    [OutputType(typeof(DataSpace))]
    public sealed class RenameDataSpaceCommand : DataSpaceTargetCmdlet
    {
        [Parameter(Mandatory = true, Position = 1)]
        public string NewName { get; set; } = null!;

        /// <summary>Writes the new name into the env.php of every instance that holds the old one.</summary>
        [Parameter]
        public SwitchParameter UpdateInstances { get; set; }

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                var projects = Session.OpenProjects();
                var current = projects.GetDataSpace(context.MageId, TargetProject, Target);
                if (!ShouldProcess($"data space '{current.DataSpaceName}' ({current.DataSpaceId}) of '{current.ProjectName}'", $"Rename to '{NewName}' (id, assignments and data stay)"))
                {
                    return;
                }
                var renamed = projects.RenameDataSpace(context.MageId, current.ProjectId, current.DataSpaceId, NewName);
                if (PassThru)
                {
                    WriteObject(renamed);
                }
                RenamedInInstances.Refresh(this, UpdateInstances, context.MageId, null, null, renamed.DataSpaceId, renamed.DataSpaceName, "Rename-DataSpace");
            });
        }
    }

    [Cmdlet(VerbsCommon.Clear, "DataSpace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Name")]
    [OutputType(typeof(DataSpace))]
    public sealed class ClearDataSpaceCommand : DataSpaceTargetCmdlet, IRemoteRegistryParameters
    {
        /// <summary>Requests the cleanup from the merchant registry (POST registry/environments/{id}/cleanup), then records it locally.</summary>
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
                var projects = Session.OpenProjects();
                var current = projects.GetDataSpace(context.MageId, TargetProject, Target);
                string target = $"{current.Type} data space '{current.DataSpaceName}' ({current.DataSpaceId}) of '{current.ProjectName}'";
                DataSpace cleared;
                if (!Remote)
                {
                    if (!ShouldProcess(target, $"Request a cleanup: delete all {current.ExportedItems} exported items"))
                    {
                        return;
                    }
                    cleared = projects.ClearDataSpace(context.MageId, context.User, current.ProjectId, current.DataSpaceId);
                }
                else
                {
                    using (var endpoint = OpenRegistryEndpoint(context, this))
                    {
                        if (!ShouldProcess(target, $"Request a cleanup from the merchant registry at {endpoint}: delete all the data space's exported data"))
                        {
                            return;
                        }
                        string? answer = endpoint.Call((client, stop) => client.CleanupAsync(current.DataSpaceId, stop), new RegistryClientOptions(), StopToken);
                        WriteVerbose($"The registry answers: {answer}");
                    }
                    cleared = projects.ClearDataSpace(context.MageId, context.User, current.ProjectId, current.DataSpaceId);
                }
                WriteVerbose($"Cleanup requested for {cleared.DataSpaceId}; {cleared.Cleanups[cleared.Cleanups.Count - 1].RemovedItems} exported items removed.");
                if (PassThru)
                {
                    WriteObject(cleared);
                }
            });
        }
    }
}
