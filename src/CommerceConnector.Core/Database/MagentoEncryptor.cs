using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace CommerceConnector.Core.Database
{
    /// <summary>
    /// Decrypts values as Magento's Encryptor stores them: "&lt;key index&gt;:3:&lt;base64&gt;", cipher version 3 being
    /// ChaCha20-Poly1305 IETF (libsodium; Magento's Encryption/Adapter/SodiumChachaIetf.php): the base64 decodes to a
    /// 12-byte nonce, then the ciphertext and its 16-byte tag; the nonce is also the additional data. The keys are the
    /// whitespace-separated keys of env.php crypt/key (key rotation appends), each 32 bytes of text, or "base64" followed
    /// by the base64 of the raw key. BouncyCastle does the AEAD: .NET has no ChaCha20Poly1305 on netstandard2.0.
    /// </summary>
    public sealed class MagentoEncryptor
    {
        public const int CipherVersionChaCha20Poly1305 = 3;
        private const int NonceSize = 12;
        private const int TagSize = 16;

        private readonly IReadOnlyList<byte[]> _keys;

        public MagentoEncryptor(string? cryptKey)
        {
            _keys = (cryptKey ?? string.Empty).Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(KeyBytes).ToList();
        }

        public int KeyCount => _keys.Count;

        /// <summary>Decrypts <paramref name="value"/>; <paramref name="plain"/> is set only when the outcome is Decrypted.</summary>
        public DecryptionOutcome TryDecrypt(string? value, out string? plain)
        {
            plain = null;
            var parts = (value ?? string.Empty).Split(new[] { ':' }, 3);
            if (parts.Length != 3 || !int.TryParse(parts[0], out int keyIndex) || !int.TryParse(parts[1], out int version))
            {
                return DecryptionOutcome.NotEncrypted;
            }
            if (version != CipherVersionChaCha20Poly1305)
            {
                return DecryptionOutcome.UnsupportedCipher;
            }
            if (keyIndex < 0 || keyIndex >= _keys.Count || _keys[keyIndex].Length != 32)
            {
                return DecryptionOutcome.KeyMissing;
            }
            byte[] payload;
            try
            {
                payload = Convert.FromBase64String(parts[2]);
            }
            catch (FormatException)
            {
                return DecryptionOutcome.Failed;
            }
            if (payload.Length < NonceSize + TagSize)
            {
                return DecryptionOutcome.Failed;
            }
            byte[] nonce = payload.Take(NonceSize).ToArray();
            var cipher = new ChaCha20Poly1305();
            cipher.Init(false, new AeadParameters(new KeyParameter(_keys[keyIndex]), TagSize * 8, nonce, nonce));
            var output = new byte[cipher.GetOutputSize(payload.Length - NonceSize)];
            try
            {
                int length = cipher.ProcessBytes(payload, NonceSize, payload.Length - NonceSize, output, 0);
                length += cipher.DoFinal(output, length);
                plain = Encoding.UTF8.GetString(output, 0, length);
                return DecryptionOutcome.Decrypted;
            }
            catch (InvalidCipherTextException)
            {
                return DecryptionOutcome.Failed;
            }
            finally
            {
                Array.Clear(output, 0, output.Length);
            }
        }

        private static byte[] KeyBytes(string key) =>
            key.StartsWith("base64", StringComparison.Ordinal) ? SafeBase64(key.Substring(6)) : Encoding.UTF8.GetBytes(key);

        private static byte[] SafeBase64(string text)
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return Array.Empty<byte>();
            }
        }
    }
}
