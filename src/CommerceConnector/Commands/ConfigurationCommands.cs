using System.Linq;
using System.Management.Automation;
using System.Security;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;

namespace CommerceConnector.Commands
{
    /// <summary>
    /// The installation a configuration command works on: a registered instance by name (also from
    /// Get-CommerceInstance objects in the pipeline) or a Magento root by path.
    /// </summary>
    public abstract class InstanceTargetCmdlet : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Instance", ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Instance { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Path")]
        public string Path { get; set; }

        /// <summary>An instance from Get-CommerceInstance: used as it is, without reading the registry again per item.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public CommerceInstance InputObject { get; set; }

        protected ConfigTarget ResolveTarget()
        {
            switch (ParameterSetName)
            {
                case "Path":
                    return ConfigTarget.ForPath(GetUnresolvedProviderPathFromPSPath(Path));
                case "InputObject":
                    return ConfigTarget.ForInstance(InputObject);
                default:
                    return ConfigTarget.ForInstance(Session.OpenInstances().GetOne(Session.RequireContext().MageId, Instance));
            }
        }

        /// <summary>Asks, applies, reports: the same for every command that writes env.php.</summary>
        protected void Apply(ConnectorConfigurator configurator, ConfigurationPlan plan, string action, bool passThru)
        {
            if (plan.Changes.Count == 0)
            {
                WriteVerbose($"{plan.Target.Label} already has these values; env.php was not touched.");
            }
            else if (!ShouldProcess(plan.Target.Label, $"{action}: {plan.Describe()}"))
            {
                return;
            }
            var result = configurator.Apply(plan);
            foreach (string warning in result.Warnings)
            {
                WriteWarning(warning);
            }
            if (result.BackupPath != null)
            {
                WriteVerbose($"Updated {plan.Target.EnvPhp}; the previous version is in {result.BackupPath}.");
            }
            if (passThru)
            {
                WriteObject(result);
            }
        }
    }

    [Cmdlet(VerbsCommon.Get, "ConnectorConfiguration", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConnectorConfiguration))]
    public sealed class GetConnectorConfigurationCommand : InstanceTargetCmdlet
    {
        protected override void ProcessRecord()
        {
            Run(() => WriteObject(Session.OpenConfigurator().Read(ResolveTarget())));
        }
    }

    [Cmdlet(VerbsCommon.Set, "ConnectorConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetConnectorConfigurationCommand : InstanceTargetCmdlet
    {
        [Parameter]
        public ApiKeyEnvironment Environment { get; set; }

        [Parameter]
        public string ProductionApiKey { get; set; }

        [Parameter]
        public SecureString ProductionPrivateKey { get; set; }

        [Parameter]
        public string ProductionPrivateKeyPath { get; set; }

        [Parameter]
        public string SandboxApiKey { get; set; }

        [Parameter]
        public SecureString SandboxPrivateKey { get; set; }

        [Parameter]
        public string SandboxPrivateKeyPath { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            ApiKeyEnvironment? environment = MyInvocation.BoundParameters.ContainsKey(nameof(Environment)) ? Environment : (ApiKeyEnvironment?)null;
            Run(() =>
            {
                var production = KeyPairInput.Create(ApiKeyEnvironment.Production, ProductionApiKey, KeyText(ProductionPrivateKey, ProductionPrivateKeyPath));
                var sandbox = KeyPairInput.Create(ApiKeyEnvironment.Sandbox, SandboxApiKey, KeyText(SandboxPrivateKey, SandboxPrivateKeyPath));
                var context = Session.RequireContext();
                var configurator = Session.OpenConfigurator();
                var plan = configurator.PlanKeys(context.MageId, ResolveTarget(), environment, production, sandbox);
                Apply(configurator, plan, "Configure the connector", PassThru);
            });
        }

        private string KeyText(SecureString text, string path)
        {
            if (text != null && path != null)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyDestinationConflict, ConnectorErrorCategory.InvalidArgument, path,
                    "Give a private key either as a SecureString or as a file path, not both.");
            }
            return path != null ? PrivateKeyFile.ReadText(GetUnresolvedProviderPathFromPSPath(path)) : SecureText.Reveal(text);
        }
    }

    [Cmdlet(VerbsCommon.Set, "DataSpace", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetDataSpaceCommand : InstanceTargetCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DataSpaceId")]
        [ArgumentCompleter(typeof(DataSpaceNameCompleter))]
        public string DataSpace { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        [ArgumentCompleter(typeof(SaaSProjectNameCompleter))]
        public string Project { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var context = Session.RequireContext();
                var configurator = Session.OpenConfigurator();
                var plan = configurator.PlanDataSpace(context.MageId, ResolveTarget(), Project, DataSpace, Force);
                Apply(configurator, plan, "Assign the data space", PassThru);
            });
        }
    }

    [Cmdlet(VerbsCommon.Set, "ImsOrganization", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class SetImsOrganizationCommand : InstanceTargetCmdlet
    {
        [Parameter(Mandatory = true)]
        public string OrganizationId { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var configurator = Session.OpenConfigurator();
                Apply(configurator, configurator.PlanImsOrganization(ResolveTarget(), OrganizationId), "Link the IMS organisation", PassThru);
            });
        }
    }

    [Cmdlet(VerbsCommon.Clear, "ImsOrganization", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class ClearImsOrganizationCommand : InstanceTargetCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var configurator = Session.OpenConfigurator();
                Apply(configurator, configurator.PlanClearImsOrganization(ResolveTarget()), "Unlink the IMS organisation", PassThru);
            });
        }
    }

    [Cmdlet(VerbsCommon.Clear, "ConnectorConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class ClearConnectorConfigurationCommand : InstanceTargetCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var configurator = Session.OpenConfigurator();
                Apply(configurator, configurator.PlanClear(ResolveTarget()), "Remove every Commerce Services Connector value (the instance stops syncing)", PassThru);
            });
        }
    }

    [Cmdlet(VerbsDiagnostic.Test, "ConnectorConfiguration", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigCheck))]
    public sealed class TestConnectorConfigurationCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Instance", ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string Instance { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Path")]
        public string Path { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                var context = Session.RequireContext();
                var configurator = Session.OpenConfigurator();
                if (ParameterSetName == "Path")
                {
                    WriteObject(configurator.Test(context.MageId, ConfigTarget.ForPath(GetUnresolvedProviderPathFromPSPath(Path))), enumerateCollection: true);
                    return;
                }
                var instances = ParameterSetName == "All"
                    ? Session.OpenInstances().Get(context.MageId)
                    : new[] { Session.OpenInstances().GetOne(context.MageId, Instance) };
                var progress = new ProgressRecord(1, "Test-ConnectorConfiguration", "Checking instances");
                for (int i = 0; i < instances.Count; i++)
                {
                    if (instances.Count > 1)
                    {
                        progress.StatusDescription = $"{instances[i].Name} ({i + 1} of {instances.Count})";
                        progress.PercentComplete = i * 100 / instances.Count;
                        WriteProgress(progress);
                    }
                    WriteObject(configurator.Test(context.MageId, ConfigTarget.ForInstance(instances[i])), enumerateCollection: true);
                }
                if (instances.Count > 1)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            });
        }
    }

    [Cmdlet(VerbsData.Export, "ConnectorConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConnectorExport))]
    public sealed class ExportConnectorConfigurationCommand : InstanceTargetCmdlet
    {
        [Parameter(Mandatory = true)]
        public ExportFormat Format { get; set; }

        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        [Parameter]
        public string OutFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string outFile = OutFile == null ? null : GetUnresolvedProviderPathFromPSPath(OutFile);
            Run(() =>
            {
                var target = ResolveTarget();
                if (IncludeSecret && !Force && !ShouldContinue(
                    $"The export of {target.Label} will contain its private keys in plain text. Anyone who reads it can act as this Commerce account. Continue?", "Export private keys"))
                {
                    throw new ConnectorException(ErrorIds.SecretExportNotConfirmed, ConnectorErrorCategory.PermissionDenied, target.Root,
                        "The private keys were not exported: the export was not confirmed. Add -Force to confirm in scripts.");
                }
                var variables = Session.OpenConfigurator().ExportVariables(target, IncludeSecret);
                string text = ConnectorExport.Render(Format, variables);
                var export = new ConnectorExport(Format, text, variables.Select(v => v.Key).ToList(), IncludeSecret, outFile);
                if (outFile != null)
                {
                    if (!ShouldProcess(outFile, $"Write {variables.Count} connector settings as {Format}"))
                    {
                        return;
                    }
                    PrivateKeyFile.Write(outFile, text, Force);
                }
                WriteObject(export);
            });
        }
    }
}
