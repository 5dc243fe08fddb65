using System.Security.Cryptography;
using CommerceConnector.Core.Keys;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// The <c>x-gw-signature</c> token exactly as Magento's Commerce Services Connector makes it (firebase/php-jwt, RS256):
    /// header <c>{"typ":"JWT","alg":"RS256"}</c>, and fixed claims that carry no merchant data: <c>exp</c> = now + 300 s,
    /// the connector's <c>iss</c>, <c>sub</c> and <c>aud</c>, and four scope claims set to true. No <c>iat</c>, <c>nbf</c>,
    /// <c>jti</c> or <c>kid</c>: the gateway sees what it sees from Magento. A new token for every request.
    /// </summary>
    public static class GatewayToken
    {
        public const string Algorithm = "RS256";
        public const string Issuer = "8E6307BF5D775FA00A495EF9@AdobeOrg";
        public const string Subject = "3181519E5E2714990A495E2E@techacct.adobe.com";
        public const string Audience = "https://ims-na1.adobelogin.com/c/9ec9d05f79eb443e8f76ce477b1e413c";

        /// <summary>How long a token is valid after it is made; also the longest lifetime a gateway should accept.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);

        /// <summary>The four scope claims, each <c>true</c>, in the connector's order.</summary>
        public static readonly IReadOnlyList<string> ScopeClaims = new[]
        {
            "https://ims-na1.adobelogin.com/s/ent_reactor_sdk",
            "https://ims-na1.adobelogin.com/s/asset_compute_meta",
            "https://ims-na1.adobelogin.com/s/ent_adobeio_sdk",
            "https://ims-na1.adobelogin.com/s/event_receiver_api",
        };

        // php-jwt writes the header as ['typ' => 'JWT', 'alg' => $alg], JSON with unescaped slashes.
        private static readonly string EncodedHeader = Jwt.Base64Url(Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"RS256\"}"));

        /// <summary>Signs a token that expires <see cref="Lifetime"/> after <paramref name="now"/>.</summary>
        public static string Sign(RSA privateKey, DateTimeOffset now)
        {
            if (privateKey == null)
            {
                throw new ArgumentNullException(nameof(privateKey));
            }
            string signingInput = EncodedHeader + "." + Jwt.Base64Url(Encoding.UTF8.GetBytes(Payload(now.ToUnixTimeSeconds() + (long)Lifetime.TotalSeconds)));
            byte[] signature = privateKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Jwt.Base64Url(signature);
        }

        /// <summary>The payload JSON for an expiry (seconds since 1970), in the connector's claim order.</summary>
        internal static string Payload(long expires)
        {
            var text = new System.IO.StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                writer.WriteStartObject();
                writer.WritePropertyName("exp");
                writer.WriteValue(expires);
                writer.WritePropertyName("iss");
                writer.WriteValue(Issuer);
                writer.WritePropertyName("sub");
                writer.WriteValue(Subject);
                writer.WritePropertyName("aud");
                writer.WriteValue(Audience);
                foreach (string scope in ScopeClaims)
                {
                    writer.WritePropertyName(scope);
                    writer.WriteValue(true);
                }
                writer.WriteEndObject();
            }
            return text.ToString();
        }
    }
}
