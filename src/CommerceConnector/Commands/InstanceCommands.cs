using System.IO;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsLifecycle.Register, "CommerceInstance", SupportsShouldProcess = true)]
    [OutputType(typeof(CommerceInstance))]
    public sealed class RegisterCommerceInstanceCommand : ConnectorCmdlet, IConfigurationSourceParameters
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        /// <summary>A Magento root or its app/etc/env.php; FullName binds the folders and files of Get-ChildItem.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string Path { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public InstanceRole Role { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BaseUrl { get; set; }

        [Parameter]
        public SwitchParameter Adopt { get; set; }

        /// <summary>The server the instance lives on, as ssh knows it (a name, an address or a ~/.ssh/config alias).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ComputerName")]
        public string? HostName { get; set; }

        /// <summary>The SSH user on that server; by default ~/.ssh/config's User or the local user name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? UserName { get; set; }

        /// <summary>The SSH port; by default ~/.ssh/config's Port or 22.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <inheritdoc/>
        [Parameter]
        public SwitchParameter NoDatabase { get; set; }

        /// <inheritdoc/>
        [Parameter]
        [Credential]
        public PSCredential? DatabaseCredential { get; set; }

        protected override void ProcessRecord()
        {
            string path;
            try
            {
                path = RemoteInstancePath.Resolve(this, Path, HostName, UserName, BoundOrNull(nameof(Port), Port));
            }
            catch (Core.Errors.ConnectorException e)
            {
                WriteError(ToErrorRecord(e));
                return;
            }
            // A piped env.php file binds its own file name to -Name by property name: that is not a name anyone chose.
            string? name = string.Equals(Name, "env.php", System.StringComparison.Ordinal) && File.Exists(path) ? null : Name;
            RunInContext(context =>
            {
                string root = InstanceInventory.MagentoRoot(path);
                string shown = name ?? System.IO.Path.GetFileName(Core.Hosts.RemotePath.OnHost(root));
                if (!ShouldProcess($"{Role} instance '{shown}' at {root}", Adopt
                    ? "Register, and adopt the API keys, project and data space its env.php names into the registry (env.php is not changed)"
                    : "Register (env.php is read, not changed)"))
                {
                    return;
                }
                var sources = OpenSources(this);
                var registered = Session.OpenAdoption().Register(context.MageId, context.User, name, root, Role, BaseUrl, Adopt, sources);
                WriteWarnings(sources.Warnings.Concat(registered.Warnings));
                foreach (var record in registered.Instance.Adopted ?? new ConnectorRecord[0])
                {
                    WriteVerbose($"Adopted {record.Kind} {record.Id}{(record.Name == null ? string.Empty : " ('" + record.Name + "')")}.");
                }
                WriteObject(registered.Instance);
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
        public string? Name { get; set; }

        [Parameter]
        public InstanceRole Role { get; set; }

        protected override void ProcessRecord()
        {
            InstanceRole? role = BoundOrNull(nameof(Role), Role);
            Run(() => WriteObject(Session.OpenInstances().Get(Session.RequireContext().MageId, Name, role), enumerateCollection: true));
        }
    }

    [Cmdlet(VerbsCommon.Set, "CommerceInstance", SupportsShouldProcess = true)]
    [OutputType(typeof(CommerceInstance))]
    public sealed class SetCommerceInstanceCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Name { get; set; } = null!;

        [Parameter]
        public InstanceRole Role { get; set; }

        [Parameter]
        public string? BaseUrl { get; set; }

        [Parameter]
        public string? NewName { get; set; }

        [Parameter]
        public string? Path { get; set; }

        /// <summary>On: commands read the instance's core_config_data besides its files; Off: the files alone.</summary>
        [Parameter]
        public DatabaseAccess DatabaseAccess { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string? path = ProviderPath(Path);
            var change = Terminating(() => new InstanceChange(Name, BoundOrNull(nameof(Role), Role), BaseUrl, NewName, path, BoundOrNull(nameof(DatabaseAccess), DatabaseAccess)));
            RunInContext(context =>
            {
                change.ApplyTo(Session.Preview().OpenInstances(), context.MageId);
                if (!ShouldProcess($"instance '{Name}'", change.Describe()))
                {
                    return;
                }
                var instance = change.ApplyTo(Session.OpenInstances(), context.MageId);
                if (PassThru)
                {
                    WriteObject(instance);
                }
            });
        }
    }

    [Cmdlet(VerbsLifecycle.Unregister, "CommerceInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CommerceInstance))]
    public sealed class UnregisterCommerceInstanceCommand : RetiringCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Name { get; set; } = null!;

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                var instance = Session.Preview().OpenInstances().Unregister(context.MageId, Name);
                var warnings = new InstanceRetirement().Check(instance, Force);
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

    /// <summary>The -Path of an instance on another server: -HostName (with -UserName, -Port) or an ssh:// path.</summary>
    internal static class RemoteInstancePath
    {
        public static string Resolve(PSCmdlet cmdlet, string path, string? hostName, string? userName, int? port)
        {
            if (Core.Hosts.HostAddress.IsUri(path))
            {
                if (hostName != null || userName != null || port.HasValue)
                {
                    throw new Core.Errors.ConnectorException(Core.Errors.ErrorIds.HostAddressInvalid, Core.Errors.ConnectorErrorCategory.InvalidArgument, path,
                        $"'{path}' names its server already; give either an ssh:// path or -HostName (with -UserName and -Port), not both.");
                }
                Core.Hosts.HostAddress.ParseUri(path, out _);
                return path;
            }
            if (hostName == null)
            {
                if (userName != null || port.HasValue)
                {
                    throw new Core.Errors.ConnectorException(Core.Errors.ErrorIds.HostAddressInvalid, Core.Errors.ConnectorErrorCategory.InvalidArgument, userName,
                        "-UserName and -Port are for an instance on another server: give -HostName too.");
                }
                return cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            }
            return new Core.Hosts.HostAddress(hostName, userName, port).ToUri(path.Replace('\\', '/'));
        }
    }
}
