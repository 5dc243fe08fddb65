using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// What a key rotation means for the rest of the registry: the open rotation of an environment, the key instances
    /// should hold, the command that continues a rotation. The rotation itself (<c>Rotation/KeyRotator</c>) and the
    /// fleet audit (<c>Instances/FleetAudit</c>) both ask these, so neither depends on the other.
    /// </summary>
    public static class KeyRotationRules
    {
        internal static KeyRotation? FindOpen(RegistryDocument document, string account, ApiKeyEnvironment environment) =>
            document.KeyRotations.FirstOrDefault(r => Same(r.MageId, account) && r.Environment == environment && r.Status == KeyRotationStatus.Open);

        /// <summary>The account's active key of <paramref name="environment"/> made last: the one instances should hold.</summary>
        internal static ApiKey? NewestActiveKey(RegistryDocument document, string account, ApiKeyEnvironment environment) =>
            document.ApiKeys.Where(k => Same(k.MageId, account) && k.Environment == environment && k.Status == ApiKeyStatus.Active)
                .OrderByDescending(k => k.CreatedAt).FirstOrDefault();

        /// <summary>The command that continues <paramref name="rotation"/>.</summary>
        public static string ResumeCommand(KeyRotation rotation) =>
            CommandText.Command("Update-ConnectorApiKey", "-Environment", rotation.Environment.ToString(), "-PrivateKeyPath", $"<the private key file of {rotation.NewApiKey}>");
    }
}
