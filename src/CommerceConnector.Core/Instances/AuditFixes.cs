using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Instances
{
    /// <summary>The commands the configuration audit proposes as fixes: always runnable, placeholders in angle brackets.</summary>
    internal static class AuditFixes
    {
        internal static string Subject(ConfigTarget target) =>
            target.Instance != null ? "-Instance " + CommandText.Quote(target.Instance.Name) : "-Path " + CommandText.Quote(target.Root);

        internal static string? Join(IEnumerable<string> fixes)
        {
            var list = fixes.Where(f => f != null).Distinct().ToList();
            return list.Count == 0 ? null : string.Join("; ", list);
        }

        internal static string RegisterProject(string projectId, string? projectName) =>
            CommandText.Command("Register-SaaSProject", "-ProjectId", Completion.Quote(projectId), "-Name", Completion.Quote(projectName ?? projectId));


        /// <summary>The command that fixes a failed key check of the pair of <paramref name="environment"/>.</summary>
        internal static string KeyFix(RegistryDocument document, string account, string keyCheck, ApiKeyEnvironment environment, string id, string subject)
        {
            string configure(string apiKey, string privateKey) => CommandText.Command("Set-ConnectorConfiguration", subject,
                $"-{environment}ApiKey", apiKey, $"-{environment}PrivateKeyPath", privateKey);
            var key = document.ApiKeys.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.OrdinalIgnoreCase));
            var active = document.ApiKeys.FirstOrDefault(k => Same(k.MageId, account) && k.Status == ApiKeyStatus.Active && k.Environment == environment);
            string anActiveKey = active != null ? Completion.Quote(active.Id) : $"<an active {environment} API key of {account}>";
            switch (keyCheck)
            {
                case "PemWellFormed":
                case "Pkcs8Rsa":
                    return $"Repair-ConnectorPrivateKey -Path <the {environment} private key file> -OutFile <clean key file>; " + configure(Completion.Quote(id), "<clean key file>");
                case "KeySize":
                    return CommandText.Command("New-ConnectorApiKey", "-Environment", environment.ToString(), "-Name", "<name>", "-OutFile", "<private key file>");
                case "MatchesApiKey":
                    if (key == null)
                    {
                        return CommandText.Command("Import-ConnectorApiKey", "-ApiKey", Completion.Quote(id), "-Environment", environment.ToString(), "-PrivateKeyPath", $"<the {environment} private key file>");
                    }
                    return Same(key.MageId, account)
                        ? configure(Completion.Quote(key.Id), $"<the private key downloaded with {key.Id}>")
                        : configure(anActiveKey, "<its private key file>");
                default:
                    // KeyActive (a revoked key) and Environment (a key of the other environment): configure an active key of the right environment.
                    return active != null ? configure(anActiveKey, "<its private key file>")
                        : CommandText.Command("New-ConnectorApiKey", "-Environment", environment.ToString(), "-Name", "<name>", "-OutFile", "<private key file>");
            }
        }
    }
}
