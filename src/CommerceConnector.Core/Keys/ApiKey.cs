using System.Security;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// An API key as the registry knows it: the public half only. The private key exists once, in the hands of whoever
    /// generated it.
    /// </summary>
    public sealed class ApiKey
    {
        /// <summary>
        /// The public API key id, kept byte-exact: 32 lower-case hex characters for generated keys, the portal's text for
        /// imported ones.
        /// </summary>
        public string Id { get; set; } = null!;

        public string MageId { get; set; } = null!;

        public string Name { get; set; } = null!;

        public ApiKeyEnvironment Environment { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public string CreatedBy { get; set; } = null!;

        public int KeySize { get; set; }

        /// <summary>Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo.</summary>
        public string Fingerprint { get; set; } = null!;

        /// <summary>The DER SubjectPublicKeyInfo, base64.</summary>
        public string PublicKey { get; set; } = null!;

        public ApiKeyStatus Status { get; set; }

        public DateTimeOffset? RevokedAt { get; set; }

        public string? RevokedBy { get; set; }

        /// <summary>Where the key came from: generated here, imported, or adopted from an instance's env.php.</summary>
        public RecordSource Source { get; set; }

        /// <summary>
        /// On the objects Get-ConnectorApiKey returns: the registered instances whose env.php holds this key, read from
        /// the files when the command ran (not stored; null elsewhere).
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<string>? UsedBy { get; set; }

        /// <summary>
        /// Only on the object New-ConnectorApiKey -AsSecureString returns: the private key, the one time it is handed out.
        /// Never stored.
        /// </summary>
        public SecureString? PrivateKey { get; set; }

        public override string ToString() => Id;
    }
}
