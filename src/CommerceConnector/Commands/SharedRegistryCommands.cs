using System.Net;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Commands
{
    /// <summary>Opens the registries Copy-ConnectorRegistry and Initialize-ConnectorRegistry name: a folder or a server connection.</summary>
    internal static class RegistryArguments
    {
        internal static IRegistryStore Open(PSCmdlet cmdlet, string registry, NetworkCredential? credential, bool mustExist, string parameter)
        {
            if (RegistryBackends.IsConnection(registry))
            {
                return RegistryBackends.For(registry).Open(registry, credential);
            }
            string folder;
            try
            {
                folder = cmdlet.GetUnresolvedProviderPathFromPSPath(registry);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is ItemNotFoundException || e is DriveNotFoundException || e is ProviderNotFoundException)
            {
                throw new ConnectorException(ErrorIds.RegistryPathInvalid, ConnectorErrorCategory.InvalidArgument, registry,
                    $"{parameter} '{registry}' is neither a registry folder nor a postgresql:// URI or connection string.", e);
            }
            if (mustExist && !System.IO.File.Exists(System.IO.Path.Combine(folder, FileRegistryStore.DocumentFileName)))
            {
                throw new ConnectorException(ErrorIds.RegistryPathInvalid, ConnectorErrorCategory.ObjectNotFound, folder,
                    $"{parameter} '{folder}' holds no registry ({FileRegistryStore.DocumentFileName}). Give the folder Connect-CommerceAccount -RegistryPath or COMMERCE_CONNECTOR_HOME names.");
            }
            return new AuditedFileRegistryStore(new FileRegistryStore(folder));
        }

        internal static string Describe(string registry) =>
            RegistryBackends.IsConnection(registry) ? RegistryBackends.For(registry).Describe(registry) : registry;
    }

    [Cmdlet(VerbsData.Initialize, "ConnectorRegistry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RegistryInitialization))]
    public sealed class InitializeConnectorRegistryCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public string Registry { get; set; } = null!;

        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var backend = RegistryBackends.For(Registry);
                string target = backend.Describe(Registry);
                if (ShouldProcess(target, "Create or migrate the CommerceConnector registry schema"))
                {
                    var result = backend.Initialize(Registry, Credentials.Network(Credential));
                    WriteVerbose(result.Applied.Count == 0
                        ? $"The registry {target} already has schema {result.Version}; nothing changed."
                        : $"Applied migration(s) {string.Join(", ", result.Applied)} to {target}: schema {result.PreviousVersion} -> {result.Version}.");
                    WriteObject(result);
                }
            });
        }
    }

    [Cmdlet(VerbsCommon.Copy, "ConnectorRegistry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RegistryCopyCount))]
    public sealed class CopyConnectorRegistryCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public string From { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1)]
        public string To { get; set; } = null!;

        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var credential = Credentials.Network(Credential);
                var source = RegistryArguments.Open(this, From, credential, mustExist: true, "-From");
                var target = RegistryArguments.Open(this, To, credential, mustExist: false, "-To");
                WriteProgress(new ProgressRecord(1, "Copy-ConnectorRegistry", $"Reading {source.Location}"));
                // The same copy on a store that writes nothing first: -WhatIf tells exactly what the real copy would do.
                var planned = RegistryCopy.Copy(source, new PreviewRegistryStore(target));
                int added = planned.Sum(c => c.Added), changed = planned.Sum(c => c.Changed);
                string action = $"Copy {planned.Sum(c => c.Source)} rows from {source.Location} ({added} to add, {changed} to replace)";
                if (ShouldProcess(target.Location, action))
                {
                    WriteProgress(new ProgressRecord(1, "Copy-ConnectorRegistry", $"Writing {target.Location}") { PercentComplete = 50 });
                    var done = RegistryCopy.Copy(source, target);
                    WriteProgress(new ProgressRecord(1, "Copy-ConnectorRegistry", "Done") { RecordType = ProgressRecordType.Completed });
                    foreach (var count in done)
                    {
                        WriteObject(count);
                    }
                }
            });
        }
    }

    [Cmdlet(VerbsCommon.Get, "ConnectorAuditLog")]
    [OutputType(typeof(AuditEntry))]
    public sealed class GetConnectorAuditLogCommand : ConnectorCmdlet
    {
        [Parameter(Position = 0)]
        public DateTime Since { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(MemberCompleter))]
        public string? User { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public string? Target { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var store = Session.OpenStore();
                if (!(store is IAuditedRegistryStore audited))
                {
                    throw new ConnectorException(ErrorIds.RegistryPathInvalid, ConnectorErrorCategory.InvalidOperation, store.Location,
                        $"The registry {store.Location} keeps no audit trail.");
                }
                var query = new AuditQuery
                {
                    Since = BoundOrNull(nameof(Since), Since) is DateTime since
                        ? new DateTimeOffset(since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since, DateTimeKind.Local) : since)
                        : (DateTimeOffset?)null,
                    User = User,
                    Target = Target,
                };
                foreach (var entry in audited.ReadAudit(query))
                {
                    WriteObject(entry);
                }
            });
        }
    }
}
