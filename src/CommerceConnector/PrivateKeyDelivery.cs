namespace CommerceConnector
{
    /// <summary>
    /// The commands that hand out a private key (New-ConnectorApiKey, Update-ConnectorApiKey, Repair-ConnectorPrivateKey):
    /// exactly one destination, -OutFile or -AsSecureString, and -Force to overwrite an existing file.
    /// </summary>
    public abstract class PrivateKeyOutputCmdlet : ConnectorCmdlet
    {
        [Parameter]
        public string? OutFile { get; set; }

        [Parameter]
        public SwitchParameter AsSecureString { get; set; }

        /// <summary>Overwrites an existing -OutFile.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>-OutFile as a full file-system path; null without it.</summary>
        protected string? OutFilePath => ProviderPath(OutFile);
    }

    /// <summary>
    /// Where a generated private key goes, for the cmdlets that generate one: an owner-only file (-OutFile), or a
    /// SecureString the cmdlet returns (-AsSecureString). <see cref="Deliver"/> is Core's delivery callback.
    /// </summary>
    internal sealed class PrivateKeyDelivery
    {
        private readonly string? _outFile;
        private readonly bool _force;

        public PrivateKeyDelivery(string? outFile, bool force) =>
            (_outFile, _force) = (outFile, force);

        /// <summary>The private key after delivery as a SecureString; null when it went to a file.</summary>
        public SecureString? Secure { get; private set; }

        /// <summary>Delivers the private key and returns how to undo that (Core undoes it when registering fails).</summary>
        public Action Deliver(GeneratedApiKey key)
        {
            if (_outFile != null)
            {
                return PrivateKeyFile.Write(_outFile, key.PrivateKeyPem, _force);
            }
            Secure = SecureText.Protect(key.PrivateKeyPem);
            return () => Secure = null;
        }
    }
}
