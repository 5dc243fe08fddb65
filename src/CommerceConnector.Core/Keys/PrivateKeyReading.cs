using System.Security.Cryptography;

namespace CommerceConnector.Core.Keys
{
    /// <summary>A private key read from text: the clean PKCS#8 PEM, the key, and what had to be fixed to get there.</summary>
    public sealed class PrivateKeyReading
    {
        internal PrivateKeyReading(string pem, RSAParameters key, IReadOnlyList<string> fixes) =>
            (Pem, Key, Fixes) = (pem, key, fixes);

        /// <summary>The key as PKCS#8 PEM, base64 wrapped at 64 columns, LF line ends, a final newline.</summary>
        public string Pem { get; }

        public RSAParameters Key { get; }

        /// <summary>What was wrong with the text, in words a user can act on; empty for a clean key.</summary>
        public IReadOnlyList<string> Fixes { get; }

        public int KeySize => RsaKeyCodec.KeySizeInBits(Key);

        public string Fingerprint => RsaKeyCodec.Fingerprint(Key);
    }
}
