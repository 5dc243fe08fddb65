using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Keys
{
    /// <summary>The claims of a verified token.</summary>
    public sealed class JwtClaims
    {
        internal JwtClaims(JObject payload)
        {
            Payload = payload;
        }

        internal JObject Payload { get; }

        public string? Issuer => (string?)Payload["iss"];

        public string? Subject => (string?)Payload["sub"];

        public string? TokenId => (string?)Payload["jti"];

        // A token without "iat" throws here, as it always did (Jwt.Validate requires only "exp").
        public DateTimeOffset IssuedAt => DateTimeOffset.FromUnixTimeSeconds((long)Payload["iat"]!);

        // Jwt.Validate accepted the token only with an "exp" claim.
        public DateTimeOffset Expires => DateTimeOffset.FromUnixTimeSeconds((long)Payload["exp"]!);
    }
}
