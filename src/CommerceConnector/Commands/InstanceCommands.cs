using System.Linq;
using System.Management.Automation;
using CommerceConnector.Core.Instances;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsLifecycle.Register, "CommerceInstance", SupportsShouldProcess = true)]
    [OutputType(typeof(CommerceInstance))]
    public sealed class RegisterCommerceInstanceCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public string Path { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public InstanceRole Role { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string BaseUrl { get; set; }

        protected override void ProcessRecord()
        {
            string path = GetUnresolvedProviderPathFromPSPath(Path);
            Run(() =>
            {
                var context = Session.RequireContext();
                if (ShouldProcess($"{Role} instance '{Name}' at {path}", "Register"))
                {
                    WriteObject(Session.OpenInstances().Register(context.MageId, context.User, Name, path, Role, BaseUrl));
                }
            });
        }
    }

    [Cmdlet(VerbsCommon.Get, "CommerceInstance")]
    [OutputType(typeof(CommerceInstance))]
    public sealed class GetCommerceInstanceCommand : ConnectorCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Name { get; set; }

        [Parameter]
        public InstanceRole Role { get; set; }

        protected override void ProcessRecord()
        {
            InstanceRole? role = MyInvocation.BoundParameters.ContainsKey(nameof(Role)) ? Role : (InstanceRole?)null;
            Run(() => WriteObject(Session.OpenInstances().Get(Session.RequireContext().MageId, Name, role), enumerateCollection: true));
        }
    }

    [Cmdlet(VerbsCommon.Set, "CommerceInstance", SupportsShouldProcess = true)]
    [OutputType(typeof(CommerceInstance))]
    public sealed class SetCommerceInstanceCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Name { get; set; }

        [Parameter]
        public InstanceRole Role { get; set; }

        [Parameter]
        public string BaseUrl { get; set; }

        [Parameter]
        public string NewName { get; set; }

        [Parameter]
        public string Path { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            InstanceRole? role = MyInvocation.BoundParameters.ContainsKey(nameof(Role)) ? Role : (InstanceRole?)null;
            string path = Path == null ? null : GetUnresolvedProviderPathFromPSPath(Path);
            if (role == null && BaseUrl == null && NewName == null && path == null)
            {
                ThrowTerminatingError(ToErrorRecord(new Core.Errors.ConnectorException(Core.Errors.ErrorIds.NothingToChange, Core.Errors.ConnectorErrorCategory.InvalidArgument, Name,
                    "Set-CommerceInstance needs -Role, -BaseUrl, -NewName or -Path.")));
            }
            Run(() =>
            {
                var context = Session.RequireContext();
                Session.Preview().OpenInstances().Set(context.MageId, Name, role, BaseUrl, NewName, path);
                if (!ShouldProcess($"instance '{Name}'", "Change " + string.Join(", ", new[] { role == null ? null : "role to " + role, BaseUrl == null ? null : "base URL to " + BaseUrl, NewName == null ? null : "name to " + NewName, path == null ? null : "path to " + path }.Where(s => s != null))))
                {
                    return;
                }
                var instance = Session.OpenInstances().Set(context.MageId, Name, role, BaseUrl, NewName, path);
                if (PassThru)
                {
                    WriteObject(instance);
                }
            });
        }
    }

    [Cmdlet(VerbsLifecycle.Unregister, "CommerceInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CommerceInstance))]
    public sealed class UnregisterCommerceInstanceCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Name { get; set; }

        /// <summary>Unregisters an instance whose env.php still uses a data space, with a warning.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var context = Session.RequireContext();
                var instance = Session.Preview().OpenInstances().Unregister(context.MageId, Name);
                var warnings = new InstanceRetirement(Session.OpenConfigurator()).Check(instance, Force);
                if (!ShouldProcess($"instance '{instance.Name}'", "Unregister (its env.php is left as it is)"))
                {
                    return;
                }
                var removed = Session.OpenInstances().Unregister(context.MageId, Name);
                foreach (string warning in warnings)
                {
                    WriteWarning(warning);
                }
                if (PassThru)
                {
                    WriteObject(removed);
                }
            });
        }
    }
}
