namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommon.New, "ConnectorApiKey", SupportsShouldProcess = true)]
    [OutputType(typeof(ApiKey))]
    public sealed class NewConnectorApiKeyCommand : KeyGeneratingCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public ApiKeyEnvironment Environment { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        public string Name { get; set; } = null!;

        protected override void ProcessRecord()
        {
            string? outFile = OutFilePath;
            Run(() =>
            {
                PrivateKeyDestination.Check(outFile, AsSecureString);
                var context = Session.RequireContext();
                string target = $"{Environment} API key '{Name}' of {context.MageId}";
                if (!ShouldProcess(target, outFile != null ? $"Generate, saving the private key to {outFile}" : "Generate, returning the private key as a SecureString"))
                {
                    return;
                }
                WriteVerbose($"Generating a {KeySize}-bit RSA key pair for {target}.");
                var progress = new ProgressRecord(1, "New-ConnectorApiKey", $"Generating a {KeySize}-bit RSA key pair");
                WriteProgress(progress);
                var delivery = new PrivateKeyDelivery(outFile, Force);
                var generated = Session.OpenApiKeys().Generate(context.MageId, context.User, Environment, Name, KeySize, delivery.Deliver);
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                generated.Key.PrivateKey = delivery.Secure;
                if (outFile != null)
                {
                    WriteVerbose($"The private key of {generated.Key.Id} was saved to {outFile} (owner-only). It is not kept anywhere else.");
                }
                WriteObject(generated.Key);
            });
        }
    }

    [Cmdlet(VerbsData.Import, "ConnectorApiKey", SupportsShouldProcess = true, DefaultParameterSetName = "PrivateKeyPath")]
    [OutputType(typeof(ApiKey))]
    public sealed class ImportConnectorApiKeyCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public string ApiKey { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public ApiKeyEnvironment Environment { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "PrivateKeyPath", ValueFromPipelineByPropertyName = true)]
        public string? PrivateKeyPath { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "PrivateKey")]
        public SecureString? PrivateKey { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            string? path = ProviderPath(PrivateKeyPath);
            RunInContext(context =>
            {
                if (!ShouldProcess($"{Environment} API key {ApiKey} of {context.MageId}", "Import (the registry keeps the public half of the key pair, never the private key)"))
                {
                    return;
                }
                string? text = PrivateKeyInput.Text(PrivateKey, path);
                var imported = Session.OpenApiKeys().Import(context.MageId, context.User, ApiKey, Environment, text, Name);
                foreach (string fix in imported.Fixes)
                {
                    WriteVerbose("Repaired in the private key text: " + fix + ".");
                }
                WriteVerbose(imported.AlreadyRegistered
                    ? $"API key {imported.Key.Id} was already registered with this key pair ({imported.Key.Source}); nothing changed."
                    : $"Imported {imported.Key.Environment} API key {imported.Key.Id} as '{imported.Key.Name}' (fingerprint {imported.Key.Fingerprint}).");
                WriteObject(imported.Key);
            });
        }
    }

    [Cmdlet(VerbsCommon.Get, "ConnectorApiKey", DefaultParameterSetName = "Name")]
    [OutputType(typeof(ApiKey))]
    public sealed class GetConnectorApiKeyCommand : ConnectorCmdlet
    {
        [Parameter(Position = 0, ParameterSetName = "Name")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ApiKeyNameCompleter))]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        public string? Id { get; set; }

        [Parameter]
        public ApiKeyEnvironment Environment { get; set; }

        [Parameter]
        public SwitchParameter IncludeRevoked { get; set; }

        protected override void ProcessRecord()
        {
            ApiKeyEnvironment? environment = BoundOrNull(nameof(Environment), Environment);
            RunInContext(context =>
            {
                var keys = Session.OpenApiKeys().GetKeys(context.MageId, environment, Name, Id, IncludeRevoked);
                // Who uses each key is read from the instances' env.php files, each once, not remembered.
                var audit = Session.OpenAudit(context.MageId);
                foreach (var key in keys)
                {
                    key.UsedBy = audit.InstancesHolding(key.Id);
                }
                WriteObject(keys, enumerateCollection: true);
            });
        }
    }

    [Cmdlet(VerbsSecurity.Revoke, "ConnectorApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Id")]
    [OutputType(typeof(ApiKey))]
    public sealed class RevokeConnectorApiKeyCommand : RetiringCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        public string? Id { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Name")]
        [ArgumentCompleter(typeof(ApiKeyNameCompleter))]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = "Name")]
        public ApiKeyEnvironment Environment { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
        public ApiKey? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            RunInContext(context =>
            {
                var portal = Session.OpenApiKeys();
                var keys = ParameterSetName == "Name"
                    ? portal.GetKeysByName(context.MageId, Name, BoundOrNull(nameof(Environment), Environment))
                    : portal.GetKeys(context.MageId, id: InputObject?.Id ?? Id, includeRevoked: true);
                foreach (var key in keys)
                {
                    Run(() =>
                    {
                        // The same revocation, written nowhere: its refusal (in use, already revoked) comes before the question.
                        var preview = Session.Preview().OpenApiKeys().Revoke(context.MageId, context.User, key.Id, Force);
                        string holders = preview.InstancesStillConfigured.Count == 0
                            ? "no registered instance uses it"
                            : "still configured in " + string.Join(", ", preview.InstancesStillConfigured) + ", which stop reaching Commerce Services";
                        if (!ShouldProcess($"{key.Environment} API key '{key.Name}' ({key.Id})", $"Revoke ({holders})"))
                        {
                            return;
                        }
                        var revoked = portal.Revoke(context.MageId, context.User, key.Id, Force);
                        if (revoked.InstancesStillConfigured.Count > 0)
                        {
                            WriteWarning($"API key {revoked.Key.Id} is revoked but still configured in: {string.Join(", ", revoked.InstancesStillConfigured)}. " +
                                "Generate a new key and update these instances now, or their SaaS services stop working.");
                        }
                        if (PassThru)
                        {
                            WriteObject(revoked.Key);
                        }
                    });
                }
            });
        }
    }

    [Cmdlet(VerbsDiagnostic.Test, "ConnectorApiKey", DefaultParameterSetName = "PrivateKey")]
    [OutputType(typeof(ApiKeyTestResult))]
    public sealed class TestConnectorApiKeyCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public string ApiKey { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = "PrivateKey")]
        public SecureString? PrivateKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "PrivateKeyPath")]
        public string? PrivateKeyPath { get; set; }

        [Parameter]
        public ApiKeyEnvironment Environment { get; set; }

        protected override void ProcessRecord()
        {
            ApiKeyEnvironment? expected = BoundOrNull(nameof(Environment), Environment);
            RunInContext(context =>
            {
                string? text = ReadPrivateKey(PrivateKey, PrivateKeyPath);
                WriteObject(Session.OpenApiKeys().Test(context.MageId, ApiKey, text, expected));
            });
        }
    }

    [Cmdlet(VerbsDiagnostic.Repair, "ConnectorPrivateKey", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType(typeof(RepairedPrivateKey))]
    public sealed class RepairConnectorPrivateKeyCommand : PrivateKeyOutputCmdlet
    {
        [Parameter(Mandatory = true, ParameterSetName = "Text")]
        public SecureString? Text { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        public string? Path { get; set; }

        protected override void ProcessRecord()
        {
            string? outFile = OutFilePath;
            string? source = ProviderPath(Path);
            Run(() =>
            {
                PrivateKeyDestination.Check(outFile, AsSecureString);
                var reading = PrivateKeyText.Repair(PrivateKeyInput.Text(Text, source));
                foreach (string fix in reading.Fixes)
                {
                    WriteVerbose("Fixed: " + fix + ".");
                }
                if (outFile != null)
                {
                    if (!ShouldProcess(outFile, $"Write the repaired private key (fingerprint {reading.Fingerprint})"))
                    {
                        return;
                    }
                    PrivateKeyFile.Write(outFile, reading.Pem, Force);
                    WriteObject(new RepairedPrivateKey(reading.Fixes, reading.KeySize, reading.Fingerprint, outFile, null));
                }
                else
                {
                    WriteObject(new RepairedPrivateKey(reading.Fixes, reading.KeySize, reading.Fingerprint, null, SecureText.Protect(reading.Pem)));
                }
            });
        }
    }
}
