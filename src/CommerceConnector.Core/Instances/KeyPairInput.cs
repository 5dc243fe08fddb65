using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Instances
{
    /// <summary>A key pair to configure: the API key id and its private key text.</summary>
    public sealed class KeyPairInput
    {
        public KeyPairInput(string apiKey, string privateKeyText) =>
            (ApiKey, PrivateKeyText) = (apiKey, privateKeyText);

        /// <summary>A pair from what the user gave: both halves or neither (null); one half alone is an error.</summary>
        public static KeyPairInput? Create(ApiKeyEnvironment environment, string? apiKey, string? privateKeyText)
        {
            if (apiKey == null && privateKeyText == null)
            {
                return null;
            }
            if (apiKey == null || privateKeyText == null)
            {
                throw new ConnectorException(ErrorIds.ApiKeyPairIncomplete, ConnectorErrorCategory.InvalidArgument, apiKey,
                    $"A {environment} key pair needs both halves: -{environment}ApiKey and -{environment}PrivateKey (or -{environment}PrivateKeyPath).");
            }
            return new KeyPairInput(apiKey, privateKeyText);
        }

        public string ApiKey { get; }

        public string PrivateKeyText { get; }
    }
}
