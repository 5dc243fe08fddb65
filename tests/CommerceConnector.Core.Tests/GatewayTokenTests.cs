using System.Security.Cryptography;
using CommerceConnector.Core.Registry;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The x-gw-signature token against PHP itself doing what Magento's connector does (firebase/php-jwt's encode:
    /// json_encode with unescaped slashes, base64url, openssl_sign SHA256 with the PKCS#8 key). RS256 with PKCS#1 v1.5
    /// padding is deterministic, so the two tokens must be equal byte for byte.
    /// </summary>
    public sealed class GatewayTokenTests : IClassFixture<OpenSslKeys>
    {
        private const string ConnectorScript = @"
$key = file_get_contents($argv[1]);
$payload = [
    'exp' => (int)$argv[2],
    'iss' => '8E6307BF5D775FA00A495EF9@AdobeOrg',
    'sub' => '3181519E5E2714990A495E2E@techacct.adobe.com',
    'aud' => 'https://ims-na1.adobelogin.com/c/9ec9d05f79eb443e8f76ce477b1e413c',
    'https://ims-na1.adobelogin.com/s/ent_reactor_sdk' => true,
    'https://ims-na1.adobelogin.com/s/asset_compute_meta' => true,
    'https://ims-na1.adobelogin.com/s/ent_adobeio_sdk' => true,
    'https://ims-na1.adobelogin.com/s/event_receiver_api' => true,
];
$b64 = function ($s) { return str_replace('=', '', strtr(base64_encode($s), '+/', '-_')); };
$input = $b64(json_encode(['typ' => 'JWT', 'alg' => 'RS256'], JSON_UNESCAPED_SLASHES)) . '.' . $b64(json_encode($payload, JSON_UNESCAPED_SLASHES));
if (!openssl_sign($input, $signature, $key, 'SHA256')) { exit(3); }
echo $input . '.' . $b64($signature);
";

        private readonly OpenSslKeys _keys;

        public GatewayTokenTests(OpenSslKeys keys)
        {
            _keys = keys;
        }

        [Fact]
        public void TheTokenIsByteForByteWhatMagentosConnectorSignsWithTheSameKeyAndTime()
        {
            var now = new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
            using var rsa = RSA.Create();
            rsa.ImportParameters(PrivateKeyText.ReadStrict(_keys.Pkcs8).Key);

            string ours = GatewayToken.Sign(rsa, now);
            string magentos = Php(ConnectorScript, _keys.Pkcs8Path, (now.ToUnixTimeSeconds() + 300).ToString());

            Assert.Equal(magentos, ours);
        }

        [Fact]
        public void TheTokenVerifiesWithThePublicKeyAndCarriesNoIatJtiOrKid()
        {
            var now = DateTimeOffset.UtcNow;
            using var rsa = RSA.Create();
            rsa.ImportParameters(PrivateKeyText.ReadStrict(_keys.Pkcs8).Key);
            string token = GatewayToken.Sign(rsa, now);
            var claims = Jwt.Verify(token, rsa, now);
            Assert.Equal(now.ToUnixTimeSeconds() + 300, claims.Expires.ToUnixTimeSeconds());
            Assert.Null(claims.Payload["iat"]);
            Assert.Null(claims.Payload["jti"]);
            Assert.Null(claims.Payload["nbf"]);
            Assert.Equal(Jwt.Base64Url(System.Text.Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"RS256\"}")), token.Split('.')[0]);
        }

        private static string Php(string script, params string[] args)
        {
            var (exitCode, output, error) = ExternalTool.Run("php", new[] { "-r", script }.Concat(args).ToArray());
            Assert.True(exitCode == 0, "php failed: " + error);
            return output;
        }
    }
}
