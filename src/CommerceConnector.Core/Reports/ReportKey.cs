using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Reports
{
    /// <summary>One API key pair an instance holds, by fingerprint only.</summary>
    public sealed class ReportKey
    {
        internal ReportKey(ApiKeyEnvironment environment, bool selected, string? name, string? fingerprint, string state) =>
            (Environment, Selected, Name, Fingerprint, State) = (environment, selected, name, fingerprint, state);

        public ApiKeyEnvironment Environment { get; }

        /// <summary>Whether magento_saas/environment selects this pair.</summary>
        public bool Selected { get; }

        /// <summary>The key's name in the registry; null when the registry does not know the key.</summary>
        public string? Name { get; }

        /// <summary>The SHA-256 fingerprint of the key pair's public key (never the key, never the API key id).</summary>
        public string? Fingerprint { get; }

        /// <summary>Active, Revoked, "Not in the registry", or Incomplete (a half of the pair is missing).</summary>
        public string State { get; }
    }
}
