using System.Security.Cryptography;
using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// An API key and its private key, ready to sign requests. The private key stays in this object: it is never
    /// shown by <see cref="ToString"/>, and nothing derived from it but signatures leaves it.
    /// </summary>
    public sealed class RegistryCredentials : IDisposable
    {
        private readonly RSA _privateKey;
        private readonly object _signing = new object();

        private RegistryCredentials(string apiKey, RSA privateKey, string fingerprint) =>
            (ApiKey, _privateKey, Fingerprint) = (apiKey, privateKey, fingerprint);

        /// <summary>The public API key (the <c>x-api-key</c> header).</summary>
        public string ApiKey { get; }

        /// <summary>The SHA-256 fingerprint of the private key's public half.</summary>
        public string Fingerprint { get; }

        /// <summary>
        /// Reads the private key as the connector would use it (damage that copy-paste causes is repaired, as
        /// <c>Repair-ConnectorPrivateKey</c> does); what is not an RSA private key is a Core error naming what it is.
        /// </summary>
        public static RegistryCredentials Create(string? apiKey, string? privateKeyText)
        {
            if (Strings.IsNullOrWhiteSpace(apiKey))
            {
                throw new ConnectorException(ErrorIds.ApiKeyPairIncomplete, ConnectorErrorCategory.InvalidArgument, null,
                    "An API key is required together with its private key.");
            }
            var reading = PrivateKeyText.Repair(privateKeyText);
            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(reading.Key);
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
            return new RegistryCredentials(apiKey.Trim(), rsa, reading.Fingerprint);
        }

        /// <summary>A fresh <c>x-gw-signature</c> token.</summary>
        public string Sign(DateTimeOffset now)
        {
            // One RSA object is not promised to be safe for concurrent use; requests of one client may run in parallel.
            lock (_signing)
            {
                return GatewayToken.Sign(_privateKey, now);
            }
        }

        public void Dispose() => _privateKey.Dispose();

        public override string ToString() => ApiKey;
    }
}
