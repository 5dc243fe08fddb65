using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using CommerceConnector.Core.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommerceConnector.RegistryServer
{
    /// <summary>
    /// Authenticates as the protocol says: <c>x-api-key</c> must be an active key of the registry (and
    /// <c>magento-api-key</c>, when sent, the same), and <c>x-gw-signature</c> an RS256 token signed with that key's
    /// private half, carrying the connector's issuer and audience, unexpired, already valid, and living at most 300 s
    /// (plus the tolerated skew). No other algorithm is accepted, nor an unsigned token.
    /// </summary>
    public sealed class GatewayAuthenticator
    {
        // The answers Magento's connector recognises as "keys not valid".
        internal const string ClientIdInvalid = "{\"error\":{\"message\":\"Client ID is invalid\"}}";
        internal const string JwtInvalid = "{\"message\":\"JWT is invalid\"}";
        internal const string HeadersMissing = "{\"message\":\"The x-api-key and x-gw-signature headers are required\"}";

        private const int MaxVerifiedTokens = 10_000;

        private readonly ConcurrentDictionary<string, long> _verified = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        private readonly bool _cacheVerified;
        private readonly RegistryView _view;
        private readonly TimeSpan _clockSkew;
        private readonly Func<DateTimeOffset> _clock;
        private readonly JsonWebTokenHandler _handler = new JsonWebTokenHandler { MapInboundClaims = false };

        public GatewayAuthenticator(RegistryView view, TimeSpan clockSkew, Func<DateTimeOffset>? clock = null, bool cacheVerifiedTokens = true) =>
            (_cacheVerified, _view, _clockSkew, _clock) = (cacheVerifiedTokens, view, clockSkew, clock ?? (() => DateTimeOffset.UtcNow));

        public async Task<AuthenticationOutcome> AuthenticateAsync(HttpRequest request)
        {
            string? apiKey = Single(request.Headers["x-api-key"]);
            string? token = Single(request.Headers["x-gw-signature"]);
            if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(token))
            {
                return AuthenticationOutcome.Refuse(StatusCodes.Status401Unauthorized, HeadersMissing, "headers missing");
            }
            string? magentoKey = Single(request.Headers["magento-api-key"]);
            if (magentoKey != null && !string.Equals(magentoKey, apiKey, StringComparison.Ordinal))
            {
                return AuthenticationOutcome.Refuse(StatusCodes.Status403Forbidden, ClientIdInvalid, "magento-api-key differs from x-api-key");
            }
            var key = _view.ActiveKey(apiKey);
            if (key == null)
            {
                return AuthenticationOutcome.Refuse(StatusCodes.Status403Forbidden, ClientIdInvalid, "unknown or revoked API key");
            }

            // The same token bytes for the same active key were verified before: only the expiry can have changed.
            string cacheKey = key.Id + "\n" + token;
            if (_cacheVerified && _verified.TryGetValue(cacheKey, out long expires))
            {
                if (_clock().ToUnixTimeSeconds() <= expires + (long)_clockSkew.TotalSeconds)
                {
                    return AuthenticationOutcome.Accept(key);
                }
                _verified.TryRemove(cacheKey, out _);
                return AuthenticationOutcome.Refuse(StatusCodes.Status403Forbidden, JwtInvalid, "token invalid: expired");
            }
            var parameters = key.ValidationParameters as TokenValidationParameters ?? (TokenValidationParameters)(key.ValidationParameters = Parameters(key));
            TokenValidationResult result;
            try
            {
                result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException || e is SecurityTokenException)
            {
                return AuthenticationOutcome.Refuse(StatusCodes.Status403Forbidden, JwtInvalid, "token unreadable");
            }
            if (!result.IsValid)
            {
                return AuthenticationOutcome.Refuse(StatusCodes.Status403Forbidden, JwtInvalid, "token invalid: " + Describe(result.Exception));
            }
            if (_cacheVerified && result.SecurityToken is JsonWebToken verified)
            {
                if (_verified.Count >= MaxVerifiedTokens)
                {
                    _verified.Clear();
                }
                _verified[cacheKey] = new DateTimeOffset(DateTime.SpecifyKind(verified.ValidTo, DateTimeKind.Utc)).ToUnixTimeSeconds();
            }
            return AuthenticationOutcome.Accept(key);
        }

        private TokenValidationParameters Parameters(GatewayKey key) => new TokenValidationParameters
        {
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            ValidIssuer = GatewayToken.Issuer,
            ValidAudience = GatewayToken.Audience,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = false,
            ClockSkew = _clockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => LifetimeIsValid(notBefore, expires),
        };

        /// <summary>Unexpired and already valid (within the skew), and expiring at most 300 s (plus skew) from now.</summary>
        private bool LifetimeIsValid(DateTime? notBefore, DateTime? expires)
        {
            var now = _clock();
            if (!expires.HasValue)
            {
                return false;
            }
            var exp = new DateTimeOffset(DateTime.SpecifyKind(expires.Value, DateTimeKind.Utc));
            if (exp + _clockSkew < now || exp - now > GatewayToken.Lifetime + _clockSkew)
            {
                return false;
            }
            return !notBefore.HasValue || new DateTimeOffset(DateTime.SpecifyKind(notBefore.Value, DateTimeKind.Utc)) - _clockSkew <= now;
        }

        private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0]?.Trim() : null;

        // The exception's type says which check failed; its message can quote the token, so it is not logged.
        private static string Describe(Exception? e) => e == null ? "unknown" : e.GetType().Name;
    }
}
