namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsData.Export, "ConnectorConfiguration", SupportsShouldProcess = true, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(string), typeof(ConnectorExport))]
    public sealed class ExportConnectorConfigurationCommand : InstanceTargetCmdlet
    {
        [Parameter(Mandatory = true)]
        public ExportFormat Format { get; set; }

        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        [Parameter]
        public string? OutFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string? outFile = ProviderPath(OutFile);
            Run(() =>
            {
                var target = ResolveTarget();
                if (IncludeSecret && !ConfirmSecretExport(target))
                {
                    return;
                }
                var variables = ConnectorExport.ReadVariables(target, IncludeSecret);
                if (outFile == null)
                {
                    WriteObject(AsTextOutput(ConnectorExport.AsText(Format, variables, IncludeSecret), target));
                    return;
                }
                if (ShouldProcess(outFile, $"Write {variables.Count} connector settings as {Format}"))
                {
                    // The result names the file and what it holds, never the text: it may hold private keys.
                    WriteObject(ConnectorExport.WriteFile(outFile, Format, variables, IncludeSecret, Force));
                }
            });
        }

        /// <summary>The export as the text itself, with the facts of <see cref="ExportedText"/> riding along as properties.</summary>
        private static PSObject AsTextOutput(ConnectorExport export, ConfigTarget target)
        {
            var output = new PSObject(export.Text);
            foreach (var fact in ExportedText.Facts(export, target))
            {
                output.Properties.Add(new PSNoteProperty(fact.Key, fact.Value));
            }
            return output;
        }

        /// <summary>
        /// Exporting private keys is a ShouldProcess of high impact: -Force or -Confirm:$false (or $ConfirmPreference
        /// None) let runbooks through; -WhatIf exports nothing; a declined prompt, or one a non-interactive session
        /// cannot show, is SecretExportNotConfirmed.
        /// </summary>
        private bool ConfirmSecretExport(ConfigTarget target)
        {
            const string action = "Export its private keys in plain text (anyone who reads the export can act as this Commerce account)";
            bool confirmed;
            try
            {
                confirmed = Force ? ShouldProcess(target.Label, action) : ShouldProcessHighImpact(target.Label, action);
            }
            catch (Exception e) when (e is System.Management.Automation.Host.HostException || e is PSInvalidOperationException)
            {
                confirmed = false;
            }
            if (confirmed)
            {
                return true;
            }
            if (BoundSwitch("WhatIf") == true)
            {
                return false;
            }
            throw new ConnectorException(ErrorIds.SecretExportNotConfirmed, ConnectorErrorCategory.PermissionDenied, target.Root,
                "The private keys were not exported: the export was not confirmed. In scripts and non-interactive sessions add -Force or -Confirm:$false.");
        }
    }
}
