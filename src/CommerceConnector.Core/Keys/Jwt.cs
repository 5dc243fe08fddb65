using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// The <c>x-gw-signature</c> token the connector sends with each registry request: a compact JWS signed RS256 with
    /// the API key's private key, expiring 300 s after issue, with a fresh id so that no two requests share a token.
    /// </summary>
    public static class Jwt
    {
        public const string Algorithm = "RS256";
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);
        public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(60);

        private static readonly string EncodedHeader = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));

        /// <summary>Signs a token for <paramref name="apiKey"/> issued at <paramref name="now"/>.</summary>
        public static string Sign(RSA privateKey, string apiKey, DateTimeOffset now)
        {
            if (privateKey == null)
            {
                throw new ArgumentNullException(nameof(privateKey));
            }
            long issued = now.ToUnixTimeSeconds();
            var payload = new JObject
            {
                ["iss"] = apiKey,
                ["sub"] = apiKey,
                ["iat"] = issued,
                ["nbf"] = issued,
                ["exp"] = issued + (long)Lifetime.TotalSeconds,
                ["jti"] = Guid.NewGuid().ToString("N"),
            };
            string signingInput = EncodedHeader + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToString(Formatting.None)));
            byte[] signature = privateKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return signingInput + "." + Base64Url(signature);
        }

        /// <summary>
        /// Verifies signature, algorithm (exactly RS256), expiry and not-before/issued-at against <paramref name="now"/>
        /// with <paramref name="clockSkew"/> of tolerance. Any failure is a <c>JwtInvalid</c> error saying which check failed.
        /// </summary>
        public static JwtClaims Verify(string token, RSA publicKey, DateTimeOffset now, TimeSpan? clockSkew = null)
        {
            TimeSpan skew = clockSkew ?? DefaultClockSkew;
            string[] parts = (token ?? string.Empty).Split('.');
            if (parts.Length != 3)
            {
                throw Invalid("it does not have the three parts of a compact JWS");
            }
            JObject header = ParseObject(parts[0], "header");
            if (!(header["alg"] is JValue alg) || alg.Type != JTokenType.String || (string?)alg != Algorithm)
            {
                throw Invalid($"its algorithm is not {Algorithm}");
            }
            if (header["crit"] != null)
            {
                throw Invalid("it declares critical header extensions this verifier does not support");
            }
            byte[] signature = DecodeBase64Url(parts[2], "signature");
            byte[] signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            bool valid;
            try
            {
                valid = publicKey.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            catch (CryptographicException)
            {
                valid = false;
            }
            if (!valid)
            {
                throw Invalid("its signature does not match the API key's public key");
            }

            JObject payload = ParseObject(parts[1], "payload");
            long nowSeconds = now.ToUnixTimeSeconds();
            long skewSeconds = (long)skew.TotalSeconds;
            long exp = RequireTime(payload, "exp");
            if (nowSeconds > exp + skewSeconds)
            {
                throw Invalid($"it expired at {DateTimeOffset.FromUnixTimeSeconds(exp):u}");
            }
            foreach (string claim in new[] { "nbf", "iat" })
            {
                if (payload[claim] != null && RequireTime(payload, claim) > nowSeconds + skewSeconds)
                {
                    throw Invalid($"its '{claim}' lies in the future");
                }
            }
            return new JwtClaims(payload);
        }

        public static string Base64Url(byte[] bytes) =>
            Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static byte[] DecodeBase64Url(string text, string part)
        {
            if (text.Length == 0 || text.IndexOfAny(new[] { '+', '/', '=' }) >= 0 || text.Length % 4 == 1)
            {
                throw Invalid($"its {part} is not base64url");
            }
            string base64 = text.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw Invalid($"its {part} is not base64url");
            }
        }

        private static JObject ParseObject(string text, string part)
        {
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(Encoding.UTF8.GetString(DecodeBase64Url(text, part)))) { DateParseHandling = DateParseHandling.None })
                {
                    var token = JToken.ReadFrom(reader);
                    return token as JObject ?? throw Invalid($"its {part} is not a JSON object");
                }
            }
            catch (JsonException)
            {
                throw Invalid($"its {part} is not JSON");
            }
        }

        private static long RequireTime(JObject payload, string claim)
        {
            var value = payload[claim];
            if (value == null || value.Type != JTokenType.Integer)
            {
                throw Invalid($"its '{claim}' claim is missing or not a number of seconds");
            }
            try
            {
                return (long)value;
            }
            catch (OverflowException)
            {
                throw Invalid($"its '{claim}' claim is out of range");
            }
        }

        private static ConnectorException Invalid(string why) =>
            new ConnectorException(ErrorIds.JwtInvalid, ConnectorErrorCategory.AuthenticationError, null, "The token is not valid: " + why + ".");
    }
}
