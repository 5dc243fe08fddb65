using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Registry;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.RegistryServer.Tests
{
    /// <summary>The module's RegistryClient against the stand-in (the protocol both ways) and against scripted failures.</summary>
    [Collection(StandInCollection.Name)]
    public sealed class RegistryClientTests
    {
        private readonly StandInServer _server;
        private readonly ConcurrentQueue<string> _log = new ConcurrentQueue<string>();

        public RegistryClientTests(StandInServer server)
        {
            _server = server;
        }

        private RegistryClientOptions Options(Func<DateTimeOffset> clock = null) => new RegistryClientOptions
        {
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(20),
            Clock = clock ?? (() => DateTimeOffset.UtcNow),
            Log = _log.Enqueue,
        };

        private RegistryClient Client(TestKey key, RegistryClientOptions options = null, Uri registryBase = null) =>
            new RegistryClient(registryBase ?? _server.RegistryBase, key.Credentials(), options ?? Options());

        private static async Task<RegistryException> Fails(string errorId, Func<Task> action)
        {
            var error = await Assert.ThrowsAsync<RegistryException>(action);
            Assert.Equal(errorId, error.ErrorId);
            return error;
        }

        /// <summary>No message or log line holds the private key, a token or a signature.</summary>
        private void AssertNoSecret(TestKey key, params string[] texts)
        {
            string pemBody = string.Concat(key.Pem.Split('\n').Where(l => !l.StartsWith("-----")));
            foreach (string text in texts.Concat(_log))
            {
                for (int i = 0; i + 24 <= pemBody.Length; i += 24)
                {
                    Assert.DoesNotContain(pemBody.Substring(i, 24), text);
                }
                Assert.DoesNotContain("eyJ0eXAiOiJKV1Qi", text);
            }
        }

        [Fact]
        public async Task PingWithAnActiveKeyIsAcceptedAndReportsLatencyAndClock()
        {
            using var client = Client(_server.KeyA);
            var ping = await client.PingAsync();
            Assert.Equal(200, ping.StatusCode);
            Assert.Equal("Keys accepted", ping.ServerMessage);
            Assert.True(ping.Latency > TimeSpan.Zero);
            Assert.InRange(ping.ClockSkewSeconds.Value, -5, 5);
            AssertNoSecret(_server.KeyA, _log.ToArray());
        }

        [Fact]
        public async Task GetRegistryReturnsTheKeysOwnAccountsRowsWithRealIdsAndNames()
        {
            using var client = Client(_server.KeyB);
            var rows = await client.GetRegistryAsync();
            var row = Assert.Single(rows);
            var space = _server.ProjectB.DataSpaces.Single();
            Assert.Equal((_server.ProjectB.ProjectId, "Other shop", space.DataSpaceId, "Production", "production"),
                (row.ProjectId, row.ProjectName, row.EnvironmentId, row.EnvironmentName, row.EnvironmentType));
        }

        [Fact]
        public async Task GetProjectAnswersRowsAndAnotherAccountsProjectIsNotFound()
        {
            using var client = Client(_server.KeyA);
            var rows = await client.GetProjectAsync(_server.ProjectA.ProjectId);
            Assert.Equal(_server.ProjectA.DataSpaces.Select(d => d.DataSpaceId).OrderBy(x => x), rows.Select(r => r.EnvironmentId).OrderBy(x => x));
            var error = await Fails(ErrorIds.RemoteObjectNotFound, () => client.GetProjectAsync(_server.ProjectB.ProjectId));
            Assert.Equal(RegistryFailure.NotFound, error.Failure);
            Assert.Equal(404, error.StatusCode);
        }

        [Fact]
        public async Task GetEnvironmentParsesTheBareObject()
        {
            using var client = Client(_server.KeyA);
            var space = _server.ProjectA.DataSpaces.First(d => d.Type == DataSpaceType.Testing);
            var row = await client.GetEnvironmentAsync(space.DataSpaceId);
            Assert.Equal((_server.ProjectA.ProjectId, "Luma", space.DataSpaceId, space.DataSpaceName, "testing"),
                (row.ProjectId, row.ProjectName, row.EnvironmentId, row.EnvironmentName, row.EnvironmentType));
        }

        [Fact]
        public async Task InitializeCreatesAProjectWithTheLicencesDataSpacesInTheStore()
        {
            using var client = Client(_server.KeyA);
            string name = "Created " + Guid.NewGuid().ToString("N").Substring(0, 8);
            var rows = await client.InitializeAsync(name);
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.Equal(name, r.ProjectName));
            var stored = new ProjectRegistry(_server.Store).GetProject(StandInServer.MageA, name);
            Assert.Equal(rows.Select(r => r.EnvironmentId).OrderBy(x => x), stored.DataSpaces.Select(d => d.DataSpaceId).OrderBy(x => x));
            Assert.Equal(rows[0].ProjectId, stored.ProjectId);
            await Fails(ErrorIds.GatewayRequestRejected, () => client.InitializeAsync(name));
        }

        [Fact]
        public async Task CleanupAndCloudIdAreRecordedInTheStore()
        {
            using var client = Client(_server.KeyA);
            var space = _server.ProjectA.DataSpaces.First(d => d.DataSpaceName == "Testing 2");
            Assert.Equal("Cleanup successfully requested", await client.CleanupAsync(space.DataSpaceId));
            await client.LinkCloudProjectAsync(space.DataSpaceId, "abcdefghij123");
            var stored = new ProjectRegistry(_server.Store).GetDataSpace(StandInServer.MageA, null, space.DataSpaceId);
            Assert.Equal("api-key:" + _server.KeyA.Id, stored.Cleanups.Last().RequestedBy);
            Assert.Equal("abcdefghij123", stored.CloudId);
            Assert.Equal("abcdefghij123", (await client.GetEnvironmentAsync(space.DataSpaceId)).CloudId);
        }

        [Fact]
        public async Task ARevokedKeyIsKeysNotAcceptedWithTheServersWordsAndNoSecret()
        {
            using var client = Client(_server.RevokedA);
            var error = await Fails(ErrorIds.KeysNotAccepted, () => client.PingAsync());
            Assert.Equal((RegistryFailure.KeysNotAccepted, 403, "Client ID is invalid"), (error.Failure, error.StatusCode, error.ServerMessage));
            Assert.Contains(_server.RevokedA.Id, error.Message);
            Assert.Equal(1, _log.Count(l => l.Contains("ping")));
            AssertNoSecret(_server.RevokedA, error.Message, error.ToString());
        }

        [Fact]
        public async Task AKeyRevokedWithTheModuleWhileTheServerRunsIsRefusedAtTheNextRequest()
        {
            var portal = new ApiKeyPortal(_server.Store);
            string pem = null;
            var key = portal.Generate(StandInServer.MageA, "owner@a.example.com", ApiKeyEnvironment.Sandbox, "short-lived-" + Guid.NewGuid().ToString("N").Substring(0, 6), 2048, g =>
            {
                pem = g.PrivateKeyPem;
                return () => { };
            }).Key;
            var fresh = new TestKey(key, pem);
            using var client = Client(fresh);
            Assert.Equal(200, (await client.PingAsync()).StatusCode);
            portal.Revoke(StandInServer.MageA, "owner@a.example.com", key.Id);
            await Fails(ErrorIds.KeysNotAccepted, () => client.PingAsync());
        }

        [Fact]
        public async Task AClockTenMinutesBehindIsToldAsClockSkewInSeconds()
        {
            using var client = Client(_server.KeyA, Options(() => DateTimeOffset.UtcNow.AddMinutes(-10)));
            var error = await Fails(ErrorIds.ClockSkew, () => client.PingAsync());
            Assert.Equal(RegistryFailure.ClockSkew, error.Failure);
            Assert.InRange(error.ClockSkewSeconds.Value, 590, 610);
            Assert.Matches("its clock is (59[0-9]|60[0-9]|610) s ahead of this machine's", error.Message);
        }

        [Fact]
        public async Task NothingListeningIsGatewayUnreachableConnectionRefusedWithoutRetries()
        {
            var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var client = Client(_server.KeyA, registryBase: new Uri($"http://127.0.0.1:{port}/merchant-registry/v1/"));
            var error = await Fails(ErrorIds.GatewayUnreachable, () => client.PingAsync());
            Assert.Equal(RegistryFailure.ConnectionRefused, error.Failure);
            Assert.Contains("connection refused", error.Message);
            Assert.Null(error.StatusCode);
        }

        [Fact]
        public void SocketFailuresAreToldApart()
        {
            RegistryFailure Of(Exception inner) => RegistryFailures.Classify(new HttpRequestException("x", inner));
            Assert.Equal(RegistryFailure.DnsFailure, Of(new SocketException((int)SocketError.HostNotFound)));
            Assert.Equal(RegistryFailure.DnsFailure, Of(new SocketException((int)SocketError.TryAgain)));
            Assert.Equal(RegistryFailure.ConnectionRefused, Of(new SocketException((int)SocketError.ConnectionRefused)));
            Assert.Equal(RegistryFailure.ConnectionReset, Of(new System.IO.IOException("x", new SocketException((int)SocketError.ConnectionReset))));
            Assert.Equal(RegistryFailure.TlsFailure, Of(new System.Security.Authentication.AuthenticationException("bad cert")));
        }

        [Fact]
        public void PlainHttpIsRefusedForAnythingButLoopbackAndGatewaysJoinTheRegistryPath()
        {
            var error = Assert.Throws<ConnectorException>(() => RegistryGateway.RegistryBase("http://commerce.adobe.io/"));
            Assert.Equal(ErrorIds.GatewayUrlInvalid, error.ErrorId);
            Assert.Throws<ConnectorException>(() => RegistryGateway.RegistryBase("https://user:secret@commerce.adobe.io/"));
            Assert.Equal("https://commerce.adobe.io/merchant-registry/v1/", RegistryGateway.RegistryBase(RegistryGateway.Production).AbsoluteUri);
            Assert.Equal("http://127.0.0.1:8080/merchant-registry/v1/", RegistryGateway.RegistryBase("http://127.0.0.1:8080", "merchant-registry/v1").AbsoluteUri);
            Assert.Equal("http://localhost:1/prefix/custom/", RegistryGateway.RegistryBase("http://localhost:1/prefix/", "/custom/").AbsoluteUri);
            Assert.Equal("http://[::1]:9/merchant-registry/v1/", RegistryGateway.RegistryBase("http://[::1]:9/").AbsoluteUri);
        }

        [Fact]
        public async Task EveryRequestCarriesTheConnectorsHeadersAndAFreshlySignedToken()
        {
            using var scripted = new ScriptedServer(_ => ScriptedServer.Answer(200, "{\"results\":[]}"));
            using var client = Client(_server.KeyA, registryBase: new Uri(scripted.Root, "merchant-registry/v1/"));
            await client.GetRegistryAsync();
            await client.InitializeAsync("Shop");
            var heads = scripted.Requests.ToArray();
            Assert.Equal(2, heads.Length);
            Assert.StartsWith("GET /merchant-registry/v1/registry HTTP/1.1", heads[0]);
            Assert.StartsWith("POST /merchant-registry/v1/registry/initialize HTTP/1.1", heads[1]);
            using var publicKey = TestKey.Rsa(RsaKeyCodec.PublicPart(PrivateKeyText.ReadStrict(_server.KeyA.Pem).Key));
            foreach (string head in heads)
            {
                var headers = head.Split("\r\n").Skip(1).Where(l => l.Contains(':'))
                    .ToLookup(l => l.Substring(0, l.IndexOf(':')).ToLowerInvariant(), l => l.Substring(l.IndexOf(':') + 1).Trim());
                Assert.Equal(_server.KeyA.Id, Assert.Single(headers["magento-api-key"]));
                Assert.Equal(_server.KeyA.Id, Assert.Single(headers["x-api-key"]));
                Assert.Equal("application/json", Assert.Single(headers["content-type"]));
                Assert.StartsWith("Magento Services Connector (CommerceConnector/", Assert.Single(headers["user-agent"]));
                string token = Assert.Single(headers["x-gw-signature"]);
                var claims = Jwt.Verify(token, publicKey, DateTimeOffset.UtcNow);
                string[] parts = token.Split('.');
                Assert.Equal("{\"typ\":\"JWT\",\"alg\":\"RS256\"}", Encoding.UTF8.GetString(Base64Url(parts[0])));
                var payload = JObject.Parse(Encoding.UTF8.GetString(Base64Url(parts[1])));
                Assert.Equal(new[] { "exp", "iss", "sub", "aud" }.Concat(GatewayToken.ScopeClaims), payload.Properties().Select(p => p.Name));
                Assert.InRange((long)payload["exp"] - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 295, 300);
                Assert.Equal((GatewayToken.Issuer, GatewayToken.Subject, GatewayToken.Audience), (claims.Issuer, claims.Subject, (string)payload["aud"]));
            }
        }

        [Fact]
        public async Task A503IsRetriedWithBackoffUntilItAnswers()
        {
            using var scripted = new ScriptedServer(n => n < 3 ? ScriptedServer.Answer(503, "{\"message\":\"busy\"}") : ScriptedServer.Answer(200, "{\"message\":\"ok\"}"));
            using var client = Client(_server.KeyA, registryBase: new Uri(scripted.Root, "merchant-registry/v1/"));
            var ping = await client.PingAsync();
            Assert.Equal(200, ping.StatusCode);
            Assert.Equal(3, scripted.Count);
            Assert.Equal(2, _log.Count(l => l.StartsWith("retrying in ")));
        }

        [Fact]
        public async Task RetriesAreBoundedAndThenToldAsWhatTheyMean()
        {
            using var busy = new ScriptedServer(_ => ScriptedServer.Answer(503, "{\"message\":\"maintenance\"}"));
            using (var client = Client(_server.KeyA, registryBase: new Uri(busy.Root, "merchant-registry/v1/")))
            {
                var error = await Fails(ErrorIds.GatewayServerError, () => client.PingAsync());
                Assert.Equal((503, "maintenance"), (error.StatusCode.Value, error.ServerMessage));
                Assert.Contains("after 4 attempts", error.Message);
            }
            Assert.Equal(4, busy.Count);

            using var throttling = new ScriptedServer(_ => ScriptedServer.Answer(429, "{}", "Retry-After: 0\r\n"));
            using (var client = Client(_server.KeyA, registryBase: new Uri(throttling.Root, "merchant-registry/v1/")))
            {
                await Fails(ErrorIds.GatewayThrottled, () => client.GetRegistryAsync());
            }
            Assert.Equal(4, throttling.Count);
        }

        [Fact]
        public async Task ResetsAreRetriedForReadsButAPostIsNeverRepeatedBlindly()
        {
            using var resets = new ScriptedServer(n => n == 2 ? ScriptedServer.Answer(200, "{\"results\":[]}") : null);
            using (var client = Client(_server.KeyA, registryBase: new Uri(resets.Root, "merchant-registry/v1/")))
            {
                Assert.Empty(await client.GetRegistryAsync());
                Assert.Equal(2, resets.Count);
                var error = await Fails(ErrorIds.GatewayUnreachable, () => client.InitializeAsync("Shop"));
                Assert.Equal(RegistryFailure.ConnectionReset, error.Failure);
            }
            Assert.Equal(3, resets.Count);
        }

        [Fact]
        public async Task ARedirectIsNotFollowedSoTheKeyGoesNowhereElse()
        {
            using var scripted = new ScriptedServer(_ => ScriptedServer.Answer(302, "{}", "Location: https://elsewhere.example/\r\n"));
            using var client = Client(_server.KeyA, registryBase: new Uri(scripted.Root, "merchant-registry/v1/"));
            var error = await Fails(ErrorIds.GatewayRequestRejected, () => client.PingAsync());
            Assert.Contains("https://elsewhere.example/", error.Message);
            Assert.Equal(1, scripted.Count);
        }

        [Fact]
        public async Task AnAnswerThatIsNotTheProtocolIsGatewayResponseInvalid()
        {
            using var scripted = new ScriptedServer(_ => ScriptedServer.Answer(200, "<html>captive portal</html>"));
            using var client = Client(_server.KeyA, registryBase: new Uri(scripted.Root, "merchant-registry/v1/"));
            await Fails(ErrorIds.GatewayResponseInvalid, () => client.GetRegistryAsync());
        }

        [Fact]
        public async Task AServerThatEchoesTheTokenDoesNotGetItIntoTheMessage()
        {
            string echoed = null;
            using var echo = new ScriptedServer(_ => ScriptedServer.Answer(403, "{\"message\":\"bad token " + (echoed ?? "") + "\"}"));
            // The stand-in's own refusal never echoes; a hostile server could: sign a token now and let it be echoed back.
            using var rsa = _server.KeyA.OpenRsa();
            echoed = GatewayToken.Sign(rsa, DateTimeOffset.UtcNow);
            using var client = Client(_server.KeyA, registryBase: new Uri(echo.Root, "merchant-registry/v1/"));
            var error = await Fails(ErrorIds.KeysNotAccepted, () => client.PingAsync());
            Assert.DoesNotContain(echoed.Split('.')[2], error.Message);
            AssertNoSecret(_server.KeyA, error.Message);
        }

        private static byte[] Base64Url(string text)
        {
            string s = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
        }
    }
}
