namespace CommerceConnector.Core.Keys
{
    /// <summary>The API portal: production and sandbox API keys of an account.</summary>
    public interface IApiKeyPortal
    {
        /// <summary>
        /// Registers a key pair generated elsewhere (the Commerce API portal): the API key byte-exact, the public half of
        /// the private key and its fingerprint. Idempotent for the same API key and pair.
        /// </summary>
        ImportedApiKey Import(string mageId, string user, string apiKey, ApiKeyEnvironment environment, string? privateKeyText, string? name);

        GeneratedApiKey Generate(string mageId, string user, ApiKeyEnvironment environment, string name, int keySize, Func<GeneratedApiKey, Action> deliver);

        IReadOnlyList<ApiKey> GetKeys(string mageId, ApiKeyEnvironment? environment = null, string? namePattern = null, string? id = null, bool includeRevoked = false);

        /// <summary>The active keys named exactly <paramref name="name"/> (no wildcards); none is ApiKeyNotFound.</summary>
        IReadOnlyList<ApiKey> GetKeysByName(string mageId, string? name, ApiKeyEnvironment? environment = null);

        /// <summary>
        /// Revokes a key. A key that a registered instance's env.php still holds is refused with <c>ApiKeyInUse</c>
        /// unless <paramref name="force"/>: revoking it cuts those instances off from Commerce Services.
        /// </summary>
        RevokedApiKey Revoke(string mageId, string user, string id, bool force = false);

        ApiKeyTestResult Test(string mageId, string id, string? privateKeyText, ApiKeyEnvironment? expectedEnvironment);
    }
}
