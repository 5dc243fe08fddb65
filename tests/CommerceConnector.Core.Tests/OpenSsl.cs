namespace CommerceConnector.Core.Tests
{
    /// <summary>Keys made by openssl at test time, once per test class. Nothing is committed.</summary>
    public sealed class OpenSslKeys : IDisposable
    {
        private readonly TempFolder _folder = new TempFolder();

        public OpenSslKeys()
        {
            Pkcs8Path = _folder.Combine("key.pem");
            OpenSsl.Run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", Pkcs8Path);
            Pkcs8 = File.ReadAllText(Pkcs8Path);
            Pkcs1 = OpenSsl.Run("rsa", "-in", Pkcs8Path, "-traditional");
            PublicKey = OpenSsl.Run("pkey", "-in", Pkcs8Path, "-pubout");
            RsaPublicKey = OpenSsl.Run("rsa", "-in", Pkcs8Path, "-RSAPublicKey_out");
            EncryptedPkcs8 = OpenSsl.Run("pkcs8", "-topk8", "-in", Pkcs8Path, "-v2", "aes-256-cbc", "-passout", "pass:secret");
            EncryptedPkcs1 = OpenSsl.Run("rsa", "-in", Pkcs8Path, "-traditional", "-aes256", "-passout", "pass:secret");
            Certificate = OpenSsl.Run("req", "-x509", "-key", Pkcs8Path, "-subj", "/CN=commerce.example", "-days", "1");
            EcKey = OpenSsl.Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
            Ed25519Key = OpenSsl.Run("genpkey", "-algorithm", "ED25519");
            Small1024 = OpenSsl.Run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024");
            Other = OpenSsl.Run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
            Fingerprint = Hex(System.Security.Cryptography.SHA256.HashData(OpenSsl.RunBytes("pkey", "-in", Pkcs8Path, "-pubout", "-outform", "DER")));
            Body = string.Concat(Pkcs8.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        }

        public string Pkcs8Path { get; }

        /// <summary>openssl genpkey's PKCS#8 PEM.</summary>
        public string Pkcs8 { get; }

        /// <summary>The same key as PKCS#1 (BEGIN RSA PRIVATE KEY).</summary>
        public string Pkcs1 { get; }

        public string PublicKey { get; }

        public string RsaPublicKey { get; }

        public string EncryptedPkcs8 { get; }

        public string EncryptedPkcs1 { get; }

        public string Certificate { get; }

        public string EcKey { get; }

        public string Ed25519Key { get; }

        public string Small1024 { get; }

        /// <summary>Another 2048-bit key, not the one registered.</summary>
        public string Other { get; }

        /// <summary>SHA-256 of the DER public key as openssl computes it.</summary>
        public string Fingerprint { get; }

        /// <summary>The base64 body of the key: it must never appear in any message.</summary>
        public string Body { get; }

        public string TempPath(string name) => _folder.Combine(name);

        public void Dispose() => _folder.Dispose();

        private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

        /// <summary>Fails when <paramref name="text"/> holds any 16-character run of the key's base64 body.</summary>
        public void AssertNoKeyMaterial(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }
            for (int i = 0; i + 16 <= Body.Length; i += 8)
            {
                Assert.False(text.Contains(Body.Substring(i, 16), StringComparison.Ordinal), "key material leaked into: " + text);
            }
        }
    }
}
