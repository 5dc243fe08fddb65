using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Registry
{
    /// <summary>One key pair of an instance and the registry it is sent to. The private key text stays internal.</summary>
    public sealed class InstanceKeyPair
    {
        internal InstanceKeyPair(ApiKeyEnvironment environment, string? apiKey, string? privateKeyText, string gateway) =>
            (Environment, ApiKey, PrivateKeyText, Gateway) = (environment, apiKey, privateKeyText, gateway);

        public ApiKeyEnvironment Environment { get; }

        /// <summary>The API key, or null when the instance has none for this environment.</summary>
        public string? ApiKey { get; }

        internal string? PrivateKeyText { get; }

        /// <summary>The gateway URL the instance uses for this environment (its own setting, or Adobe's).</summary>
        public string Gateway { get; }

        public bool IsComplete => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(PrivateKeyText);

        /// <summary>The pair's credentials (the private key read as the connector would).</summary>
        public RegistryCredentials OpenCredentials() => RegistryCredentials.Create(ApiKey, PrivateKeyText);
    }
}
