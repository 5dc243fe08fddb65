using CommerceConnector.Core.Keys;
using Microsoft.IdentityModel.Tokens;

namespace CommerceConnector.RegistryServer
{
    /// <summary>An active API key as the gateway needs it: its account and its public half, parsed once.</summary>
    public sealed class GatewayKey
    {
        internal GatewayKey(ApiKey key, RsaSecurityKey securityKey) =>
            (Key, SecurityKey) = (key, securityKey);

        /// <summary>The validation parameters of this key, built once by the authenticator (building them per request costs more than the RSA check).</summary>
        internal object? ValidationParameters { get; set; }

        public ApiKey Key { get; }

        public string Id => Key.Id;

        public string MageId => Key.MageId;

        public RsaSecurityKey SecurityKey { get; }
    }
}
