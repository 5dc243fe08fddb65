using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Tests
{
    public sealed class JwtTests : IClassFixture<OpenSslKeys>
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        private readonly OpenSslKeys _keys;
        private readonly RSA _private;
        private readonly RSA _public;

        public JwtTests(OpenSslKeys keys)
        {
            _keys = keys;
            var parameters = PrivateKeyText.ReadStrict(keys.Pkcs8).Key;
            _private = RSA.Create();
            _private.ImportParameters(parameters);
            _public = RSA.Create();
            _public.ImportParameters(RsaKeyCodec.PublicPart(parameters));
        }

        private static JObject Part(string token, int index)
        {
            string part = token.Split('.')[index].Replace('-', '+').Replace('_', '/');
            part += new string('=', (4 - part.Length % 4) % 4);
            return JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part)));
        }

        private static string Encode(JObject value) => Jwt.Base64Url(Encoding.UTF8.GetBytes(value.ToString(Newtonsoft.Json.Formatting.None)));

        private static ConnectorException Rejected(Action verify)
        {
            var error = Assert.Throws<ConnectorException>(verify);
            Assert.Equal(ErrorIds.JwtInvalid, error.ErrorId);
            return error;
        }

        [Fact]
        public void ATokenIsRs256AndExpiresThreeHundredSecondsAfterIssue()
        {
            string token = Jwt.Sign(_private, "0123456789abcdef0123456789abcdef", Now);

            var header = Part(token, 0);
            var payload = Part(token, 1);
            Assert.Equal("RS256", (string)header["alg"]);
            Assert.Equal("JWT", (string)header["typ"]);
            Assert.Equal(Now.ToUnixTimeSeconds(), (long)payload["iat"]);
            Assert.Equal(Now.ToUnixTimeSeconds() + 300, (long)payload["exp"]);
            Assert.Equal("0123456789abcdef0123456789abcdef", (string)payload["iss"]);

            var claims = Jwt.Verify(token, _public, Now.AddSeconds(299));
            Assert.Equal(Now.AddSeconds(300), claims.Expires);
            Assert.Equal("0123456789abcdef0123456789abcdef", claims.Issuer);
        }

        [Fact]
        public void EveryRequestGetsAFreshToken()
        {
            string first = Jwt.Sign(_private, "k", Now), second = Jwt.Sign(_private, "k", Now);
            Assert.NotEqual(first, second);
            Assert.NotEqual((string)Part(first, 1)["jti"], (string)Part(second, 1)["jti"]);
        }

        [Fact]
        public void ATokenSignedByCoreVerifiesWithOpenssl()
        {
            string token = Jwt.Sign(_private, "k", Now);
            int lastDot = token.LastIndexOf('.');
            string input = _keys.TempPath("input.txt"), signature = _keys.TempPath("sig.bin"), publicKey = _keys.TempPath("pub.pem");
            File.WriteAllText(input, token.Substring(0, lastDot));
            string sig = token.Substring(lastDot + 1).Replace('-', '+').Replace('_', '/');
            File.WriteAllBytes(signature, Convert.FromBase64String(sig + new string('=', (4 - sig.Length % 4) % 4)));
            File.WriteAllText(publicKey, _keys.PublicKey);

            Assert.Equal("Verified OK", OpenSsl.Run("dgst", "-sha256", "-verify", publicKey, "-signature", signature, input).Trim());
        }

        [Fact]
        public void ASignatureMadeByOpensslVerifiesInCore()
        {
            string signingInput = Encode(new JObject { ["alg"] = "RS256", ["typ"] = "JWT" }) + "." +
                Encode(new JObject { ["iss"] = "k", ["iat"] = Now.ToUnixTimeSeconds(), ["exp"] = Now.ToUnixTimeSeconds() + 300 });
            string input = _keys.TempPath("openssl-input.txt");
            File.WriteAllText(input, signingInput);
            byte[] signature = OpenSsl.RunBytes("dgst", "-sha256", "-sign", _keys.Pkcs8Path, input);

            var claims = Jwt.Verify(signingInput + "." + Jwt.Base64Url(signature), _public, Now);

            Assert.Equal("k", claims.Issuer);
        }

        [Fact]
        public void ExpiryIsEnforcedWithASmallClockSkew()
        {
            string token = Jwt.Sign(_private, "k", Now);

            Jwt.Verify(token, _public, Now.AddSeconds(300 + 59));
            var error = Rejected(() => Jwt.Verify(token, _public, Now.AddSeconds(300 + 61)));
            Assert.Contains("expired", error.Message);
            Rejected(() => Jwt.Verify(token, _public, Now.AddSeconds(305), TimeSpan.Zero));
        }

        [Fact]
        public void ATokenFromTheFutureIsRejected()
        {
            string token = Jwt.Sign(_private, "k", Now.AddMinutes(5));

            Jwt.Verify(token, _public, Now.AddMinutes(4));
            var error = Rejected(() => Jwt.Verify(token, _public, Now));
            Assert.Contains("'nbf' lies in the future", error.Message);
        }

        [Fact]
        public void ATamperedPayloadOrAnotherKeysSignatureIsRejected()
        {
            string token = Jwt.Sign(_private, "k", Now);
            string[] parts = token.Split('.');
            var payload = Part(token, 1);
            payload["iss"] = "someone-else";
            Assert.Contains("signature", Rejected(() => Jwt.Verify(parts[0] + "." + Encode(payload) + "." + parts[2], _public, Now)).Message);

            using var other = RSA.Create();
            other.ImportParameters(PrivateKeyText.ReadStrict(_keys.Other).Key);
            Rejected(() => Jwt.Verify(Jwt.Sign(other, "k", Now), _public, Now));
        }

        [Theory]
        [InlineData("none")]
        [InlineData("HS256")]
        [InlineData("RS512")]
        [InlineData("rs256")]
        public void OnlyRs256IsAccepted(string alg)
        {
            string token = Jwt.Sign(_private, "k", Now);
            string[] parts = token.Split('.');
            string forged = Encode(new JObject { ["alg"] = alg, ["typ"] = "JWT" }) + "." + parts[1] + "." + parts[2];

            Assert.Contains("algorithm is not RS256", Rejected(() => Jwt.Verify(forged, _public, Now)).Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("a.b")]
        [InlineData("a.b.c.d")]
        [InlineData("!!!.???.***")]
        [InlineData("e30.e30.")]
        public void MalformedTokensAreRejected(string token)
        {
            Rejected(() => Jwt.Verify(token, _public, Now));
        }

        [Fact]
        public void ATokenWithoutExpiryIsRejected()
        {
            string signingInput = Encode(new JObject { ["alg"] = "RS256" }) + "." + Encode(new JObject { ["iss"] = "k" });
            string signature = Jwt.Base64Url(_private.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

            Assert.Contains("'exp'", Rejected(() => Jwt.Verify(signingInput + "." + signature, _public, Now)).Message);
        }
    }
}
