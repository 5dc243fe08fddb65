using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Rotation
{
    /// <summary>
    /// The new key of a rotation as the user gives it: generated (a name, a size and where the private key goes), or
    /// issued elsewhere (the API key with its private key text). Continuing an open rotation takes the private key text
    /// of the key that rotation made.
    /// </summary>
    public sealed class RotationKeyInput
    {
        public RotationKeyInput(string? apiKey, string? privateKeyText, string? name, int keySize, Func<GeneratedApiKey, Action>? deliver) =>
            (ApiKey, PrivateKeyText, Name, KeySize, Deliver) = (apiKey, privateKeyText, name, keySize, deliver);

        /// <summary>An API key issued elsewhere (the Commerce API portal); null to generate one.</summary>
        public string? ApiKey { get; }

        /// <summary>The private key of <see cref="ApiKey"/>, or of an open rotation's new key; null to generate one.</summary>
        public string? PrivateKeyText { get; }

        /// <summary>The name of a generated key; null names it after the environment and the time.</summary>
        public string? Name { get; }

        public int KeySize { get; }

        /// <summary>Where a generated private key goes (a file or a SecureString); returns how to undo the delivery.</summary>
        public Func<GeneratedApiKey, Action>? Deliver { get; }
    }
}
