using CommerceConnector.Core.Registry;
using Microsoft.AspNetCore.Http;

namespace CommerceConnector.RegistryServer.Tests
{
    /// <summary>The cache of verified tokens never outlives a token's expiry nor a key's revocation.</summary>
    [Collection(StandInCollection.Name)]
    public sealed class TokenCacheTests
    {
        private readonly StandInServer _server;

        public TokenCacheTests(StandInServer server)
        {
            _server = server;
        }

        private static HttpRequest Request(string apiKey, string token)
        {
            var context = new DefaultHttpContext();
            context.Request.Headers["x-api-key"] = apiKey;
            context.Request.Headers["x-gw-signature"] = token;
            return context.Request;
        }

        [Fact]
        public async Task ACachedTokenIsRefusedOnceItExpiredAndIsNeverValidForAnotherKey()
        {
            var now = DateTimeOffset.UtcNow;
            using var view = new RegistryView(_server.Store);
            var authenticator = new GatewayAuthenticator(view, TimeSpan.FromSeconds(60), () => now);
            using var rsa = _server.KeyA.OpenRsa();
            string token = GatewayToken.Sign(rsa, now);

            Assert.True((await authenticator.AuthenticateAsync(Request(_server.KeyA.Id, token))).Succeeded);
            Assert.True((await authenticator.AuthenticateAsync(Request(_server.KeyA.Id, token))).Succeeded);
            Assert.Equal(403, (await authenticator.AuthenticateAsync(Request(_server.KeyB.Id, token))).Status);

            now = now.AddSeconds(300 + 61);
            var late = await authenticator.AuthenticateAsync(Request(_server.KeyA.Id, token));
            Assert.False(late.Succeeded);
            Assert.Equal(403, late.Status);
        }
    }
}
