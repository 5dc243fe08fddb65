namespace CommerceConnector.Core.Keys
{
    /// <summary>A key just generated: its registry entry and the private key, which exists nowhere else.</summary>
    public sealed class GeneratedApiKey
    {
        internal GeneratedApiKey(ApiKey key, string privateKeyPem) =>
            (Key, PrivateKeyPem) = (key, privateKeyPem);

        public ApiKey Key { get; }

        public string PrivateKeyPem { get; }
    }
}
