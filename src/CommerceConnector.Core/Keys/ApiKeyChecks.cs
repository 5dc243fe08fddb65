using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// The checks of Test-ConnectorApiKey on a key pair: PEM well-formed, PKCS#8 RSA, at least 2048 bits, the private key
    /// matching the public key registered under the id, the key active, the environment expected. Used by the key
    /// portal, the configuration audit and adoption alike.
    /// </summary>
    internal static class ApiKeyChecks
    {
        /// <summary>
        /// The checks of <see cref="ApiKeyPortal.Test"/> on a registry already read; <paramref name="read"/> reads the private key (a
        /// fleet audit reads each distinct key text once).
        /// </summary>
        internal static ApiKeyTestResult Check(RegistryDocument document, string account, string id, Func<PrivateKeyReading> read, ApiKeyEnvironment? expectedEnvironment)
        {
            var checks = new List<KeyCheck>();

            PrivateKeyReading? reading = null;
            try
            {
                reading = read();
                checks.Add(reading.Fixes.Count == 0
                    ? new KeyCheck("PemWellFormed", CheckVerdict.Passed, "The private key is clean PEM.")
                    : new KeyCheck("PemWellFormed", CheckVerdict.Failed, "The private key text is damaged: " + string.Join("; ", reading.Fixes) + ".",
                        "Run Repair-ConnectorPrivateKey on it and use the key it writes."));
                bool wasPkcs1 = reading.Fixes.Any(f => f.Contains("PKCS#1"));
                checks.Add(wasPkcs1
                    ? new KeyCheck("Pkcs8Rsa", CheckVerdict.Failed, "The private key is PKCS#1 (BEGIN RSA PRIVATE KEY); Commerce expects PKCS#8 (BEGIN PRIVATE KEY).",
                        "Run Repair-ConnectorPrivateKey, which converts it to PKCS#8.")
                    : new KeyCheck("Pkcs8Rsa", CheckVerdict.Passed, "The private key is a PKCS#8 RSA key."));
                checks.Add(reading.KeySize >= ApiKeyPortal.MinimumKeySize
                    ? new KeyCheck("KeySize", CheckVerdict.Passed, $"The key has {reading.KeySize} bits.")
                    : new KeyCheck("KeySize", CheckVerdict.Failed, $"The key has {reading.KeySize} bits; at least {ApiKeyPortal.MinimumKeySize} are required.",
                        "Generate a new key with New-ConnectorApiKey."));
            }
            catch (ConnectorException e)
            {
                checks.Add(new KeyCheck("PemWellFormed", CheckVerdict.Failed, e.Message, FixFor(e.ErrorId)));
                checks.Add(new KeyCheck("Pkcs8Rsa", CheckVerdict.Skipped, "Not checked: the private key could not be read."));
                checks.Add(new KeyCheck("KeySize", CheckVerdict.Skipped, "Not checked: the private key could not be read."));
            }

            var key = document.ApiKeys.FirstOrDefault(k => string.Equals(k.MageId, account, StringComparison.OrdinalIgnoreCase)
                && string.Equals(k.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (key == null)
            {
                var foreign = document.ApiKeys.FirstOrDefault(k => string.Equals(k.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));
                string environmentText = expectedEnvironment?.ToString() ?? "Production|Sandbox";
                checks.Add(foreign != null
                    ? new KeyCheck("MatchesApiKey", CheckVerdict.Failed, $"No API key with id '{id}' is registered for {account}: it is a key of another account ({foreign.MageId}).",
                        $"Connect-CommerceAccount -MageId {foreign.MageId}")
                    : new KeyCheck("MatchesApiKey", CheckVerdict.Failed, $"No API key with id '{id}' is registered for {account}: the registry does not know it.",
                        $"Import-ConnectorApiKey -ApiKey '{id}' -Environment {environmentText} -PrivateKeyPath <its private key file>"));
                checks.Add(new KeyCheck("KeyActive", CheckVerdict.Skipped, "Not checked: the API key is not registered."));
                checks.Add(new KeyCheck("Environment", CheckVerdict.Skipped, "Not checked: the API key is not registered."));
                return new ApiKeyTestResult(id, reading?.Fingerprint, checks);
            }

            if (reading == null)
            {
                checks.Add(new KeyCheck("MatchesApiKey", CheckVerdict.Skipped, "Not checked: the private key could not be read."));
            }
            else
            {
                var registered = RsaKeyCodec.DecodeSubjectPublicKeyInfo(Convert.FromBase64String(key.PublicKey));
                checks.Add(RsaKeyCodec.SamePublicKey(registered, reading.Key)
                    ? new KeyCheck("MatchesApiKey", CheckVerdict.Passed, $"The private key belongs to API key {key.Id} ('{key.Name}').")
                    : new KeyCheck("MatchesApiKey", CheckVerdict.Failed,
                        $"The private key (fingerprint {reading.Fingerprint}) does not belong to API key {key.Id} (fingerprint {key.Fingerprint}).",
                        "Use the private key that was downloaded together with this API key; keys regenerated later replace older pairs."));
            }
            checks.Add(key.Status == ApiKeyStatus.Active
                ? new KeyCheck("KeyActive", CheckVerdict.Passed, "The API key is active.")
                : new KeyCheck("KeyActive", CheckVerdict.Failed, $"The API key was revoked on {key.RevokedAt:u} by {key.RevokedBy}.",
                    "Generate a new key with New-ConnectorApiKey and update every instance that uses the revoked one."));
            if (!expectedEnvironment.HasValue)
            {
                checks.Add(new KeyCheck("Environment", CheckVerdict.Passed, $"The API key is a {key.Environment} key (no environment was required)."));
            }
            else
            {
                checks.Add(key.Environment == expectedEnvironment.Value
                    ? new KeyCheck("Environment", CheckVerdict.Passed, $"The API key is a {key.Environment} key, as required.")
                    : new KeyCheck("Environment", CheckVerdict.Failed, $"The API key is a {key.Environment} key, but a {expectedEnvironment.Value} key is required.",
                        $"Use a {expectedEnvironment.Value} key: Get-ConnectorApiKey -Environment {expectedEnvironment.Value}."));
            }
            return new ApiKeyTestResult(key.Id, reading?.Fingerprint, checks);
        }

        private static string FixFor(string errorId)
        {
            switch (errorId)
            {
                case ErrorIds.PrivateKeyIsPublicKey:
                case ErrorIds.PrivateKeyIsCertificate:
                    return "Give the private key file (BEGIN PRIVATE KEY) downloaded when the API key was generated.";
                case ErrorIds.PrivateKeyEncrypted:
                    return "Decrypt it with openssl pkcs8 (or openssl rsa) and give the unencrypted key.";
                default:
                    return "Use the private key file as it was downloaded; if it is lost, generate a new key with New-ConnectorApiKey.";
            }
        }
    }
}
