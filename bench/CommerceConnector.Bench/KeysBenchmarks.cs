using System;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;
using CommerceConnector.Core.Keys;
using CommerceConnector.TestSupport;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// The two pieces of cryptography in CommerceConnector, each next to the openssl program doing the same work in the
    /// same run: an API key's RSA key pair (New-ConnectorApiKey) and the RS256 x-gw-signature token. Every key made,
    /// Core's and openssl's, is read back with PrivateKeyText.ReadStrict as clean 2048-bit PKCS#8; every token verifies.
    /// </summary>
    public class KeysBenchmarks : IRatios
    {
        private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
        private RSA _rsa;
        private RSA _public;
        private RSAParameters _parameters;
        private string _token;
        private byte[] _signingInput;
        private byte[] _signature;

        [GlobalSetup]
        public void Setup()
        {
            _parameters = NewKey();
            _rsa = RSA.Create(_parameters);
            _public = RSA.Create(RsaKeyCodec.PublicPart(_parameters));
            _token = Jwt.Sign(_rsa, "bench-key", Now);
            _signingInput = Encoding.ASCII.GetBytes(_token.Substring(0, _token.LastIndexOf('.')));
            _signature = _rsa.SignData(_signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            if (Jwt.Base64Url(_signature) != _token.Substring(_token.LastIndexOf('.') + 1))
            {
                throw new InvalidOperationException("RSA.SignData does not give the token's own signature (PKCS#1 v1.5 is deterministic).");
            }
        }

        [Benchmark(Description = "Core keygen: RSA.Create, KeySize 2048, ExportParameters(true), RsaKeyCodec.EncodePkcs8, PrivateKeyText.ToPem (checked with ReadStrict, untimed share ~0.1 ms)")]
        public string CoreKeygen() => Checked(PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(NewKey())));

        [Benchmark(Description = "of which RsaKeyCodec.EncodePkcs8 + PrivateKeyText.ToPem (PKCS#8 PEM encoding)")]
        public string Encoding8() => PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(_parameters));

        [Benchmark(Description = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 (process wall time, PEM from stdout, checked)")]
        public string OpenSslGenpkey() => Checked(OpenSsl.Run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"));

        [Benchmark(Description = "openssl version (process wall time: start-up overhead)")]
        public string OpenSslVersion() => OpenSsl.Run("version");

        [Benchmark(Description = "Core Jwt.Sign (JSON claims, base64url, RS256)")]
        public string JwtSign() => Jwt.Sign(_rsa, "bench-key", Now);

        [Benchmark(Description = ".NET alone: RSA.SignData, SHA-256, PKCS#1 v1.5 (same signing input)")]
        public byte[] RsaSign() => _rsa.SignData(_signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        [Benchmark(Description = "Core Jwt.Verify (split, base64url, JSON, RS256, time checks)")]
        public string JwtVerify() => Jwt.Verify(_token, _public, Now).Issuer == "bench-key" ? _token : throw new InvalidOperationException("wrong issuer");

        [Benchmark(Description = ".NET alone: RSA.VerifyData, SHA-256, PKCS#1 v1.5 (same signature)")]
        public bool RsaVerify() => _public.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ? true : throw new InvalidOperationException("bad signature");

        /// <summary>openssl speed rsa2048, run right after the table (same process, same machine state), against the table's medians.</summary>
        public void WriteRatios(Summary summary)
        {
            var (sign, verify) = OpenSsl.ParseSpeed(OpenSsl.Run("speed", "-seconds", "3", "rsa2048"), 2048);
            double core = Docs.Median(summary, nameof(CoreKeygen)), genpkey = Docs.Median(summary, nameof(OpenSslGenpkey)), start = Docs.Median(summary, nameof(OpenSslVersion));
            double jwtSign = Docs.Median(summary, nameof(JwtSign)) * 1000, rsaSign = Docs.Median(summary, nameof(RsaSign)) * 1000;
            double jwtVerify = Docs.Median(summary, nameof(JwtVerify)) * 1000, rsaVerify = Docs.Median(summary, nameof(RsaVerify)) * 1000;
            Docs.Replace("KeysRatios", Docs.Rows($"Ratios of one run ({OpenSsl.Run("version").Trim()}); keygen: time, above 1 = Core slower; sign/verify: µs each", new[]
            {
                ("keygen raw: Core / openssl genpkey (medians)", $"{core:F1} / {genpkey:F1} ms = {core / genpkey:F2}"),
                ("keygen, start-up subtracted: Core / (genpkey - version)", $"{core:F1} / {genpkey - start:F1} ms = {core / (genpkey - start):F2}"),
                ("openssl speed rsa2048 sign/s, verify/s (3 s each)", $"{sign:N0} / {verify:N0}"),
                ("Jwt.Sign / openssl speed sign (µs each)", $"{jwtSign:F1} / {1e6 / sign:F1} = {jwtSign * sign / 1e6:F2}"),
                ("RSA.SignData / openssl speed sign (µs each)", $"{rsaSign:F1} / {1e6 / sign:F1} = {rsaSign * sign / 1e6:F2}"),
                ("Jwt.Verify / openssl speed verify (µs each)", $"{jwtVerify:F1} / {1e6 / verify:F1} = {jwtVerify * verify / 1e6:F2}"),
                ("RSA.VerifyData / openssl speed verify (µs each)", $"{rsaVerify:F1} / {1e6 / verify:F1} = {rsaVerify * verify / 1e6:F2}"),
            }));
        }

        private static RSAParameters NewKey()
        {
            using RSA rsa = RSA.Create();
            rsa.KeySize = 2048;
            return rsa.ExportParameters(true);
        }

        private static string Checked(string pem)
        {
            PrivateKeyReading reading = PrivateKeyText.ReadStrict(pem);
            return RsaKeyCodec.KeySizeInBits(reading.Key) == 2048 && reading.Fixes.Count == 0 ? pem : throw new InvalidOperationException("not a clean 2048-bit PKCS#8 key");
        }
    }
}
