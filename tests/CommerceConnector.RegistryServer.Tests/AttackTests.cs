using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CommerceConnector.Core.Registry;

namespace CommerceConnector.RegistryServer.Tests
{
    /// <summary>
    /// Attacks on the stand-in over real HTTP. Each asserts the status code and that registry.json did not change a byte.
    /// </summary>
    [Collection(StandInCollection.Name)]
    public sealed class AttackTests
    {
        private readonly StandInServer _server;

        public AttackTests(StandInServer server)
        {
            _server = server;
        }

        private async Task<(HttpStatusCode Status, string Body)> Refused(HttpRequestMessage request, HttpStatusCode expected)
        {
            byte[] before = _server.Snapshot();
            using (request)
            using (var response = await _server.Http.SendAsync(request))
            {
                string body = await response.Content.ReadAsStringAsync();
                Assert.Equal(expected, response.StatusCode);
                Assert.Equal(before, _server.Snapshot());
                return (response.StatusCode, body);
            }
        }

        private HttpRequestMessage Ping(string token, TestKey key = null, string apiKey = null) =>
            _server.Request(HttpMethod.Get, "ping", key ?? _server.KeyA, token, apiKey);

        private HttpRequestMessage Initialize(string token) =>
            _server.Request(HttpMethod.Post, "registry/initialize", _server.KeyA, token, body: "{\"projectName\":\"Attacker\"}");

        [Fact]
        public async Task AValidRequestIsAcceptedSoEveryRefusalBelowIsTheAttacksDoing()
        {
            await Refused(Ping(null), HttpStatusCode.OK);
        }

        [Fact]
        public async Task NoHeadersAtAllIs401()
        {
            var (_, body) = await Refused(new HttpRequestMessage(HttpMethod.Post, new Uri(_server.RegistryBase, "registry/initialize"))
            {
                Content = new StringContent("{\"projectName\":\"x\"}", Encoding.UTF8, "application/json"),
            }, HttpStatusCode.Unauthorized);
            Assert.Contains("x-api-key", body);
        }

        [Fact]
        public async Task AnUnknownApiKeyIs403ClientIdInvalid()
        {
            var (_, body) = await Refused(_server.Request(HttpMethod.Post, "registry/initialize", _server.KeyA, apiKey: new string('f', 32), body: "{\"projectName\":\"x\"}"), HttpStatusCode.Forbidden);
            Assert.Equal("{\"error\":{\"message\":\"Client ID is invalid\"}}", body);
        }

        [Fact]
        public async Task ARevokedKeyWithItsOwnValidSignatureIs403()
        {
            await Refused(_server.Request(HttpMethod.Post, "registry/initialize", _server.RevokedA, body: "{\"projectName\":\"x\"}"), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task AnUnsignedAlgNoneTokenIs403()
        {
            var (_, body) = await Refused(Initialize(Tokens.Unsigned(Tokens.Payload(Tokens.Now(200)))), HttpStatusCode.Forbidden);
            Assert.Equal("{\"message\":\"JWT is invalid\"}", body);
        }

        [Fact]
        public async Task Hs256SignedWithThePublicKeysBytesAsSecretIs403()
        {
            byte[] publicKey = Convert.FromBase64String(_server.KeyA.Key.PublicKey);
            await Refused(Initialize(Tokens.Hs256(publicKey, Tokens.Payload(Tokens.Now(200)))), HttpStatusCode.Forbidden);
            // The PEM text of the public key as the secret, the classic variant of the confusion.
            byte[] pemBytes = Encoding.ASCII.GetBytes("-----BEGIN PUBLIC KEY-----\n" + _server.KeyA.Key.PublicKey + "\n-----END PUBLIC KEY-----\n");
            await Refused(Initialize(Tokens.Hs256(pemBytes, Tokens.Payload(Tokens.Now(200)))), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task ATokenSignedByAnUnregisteredKeyIs403()
        {
            using var stranger = RSA.Create(2048);
            await Refused(Initialize(Tokens.Rs256(stranger, Tokens.Payload(Tokens.Now(200)))), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task AnExpiredTokenIs403()
        {
            using var rsa = _server.KeyA.OpenRsa();
            await Refused(Initialize(Tokens.Rs256(rsa, Tokens.Payload(Tokens.Now(-120)))), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task ATokenNotYetValidIs403()
        {
            using var rsa = _server.KeyA.OpenRsa();
            await Refused(Initialize(Tokens.Rs256(rsa, Tokens.Payload(Tokens.Now(250), nbf: Tokens.Now(180)))), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task ATokenLivingLongerThan300SecondsIs403()
        {
            using var rsa = _server.KeyA.OpenRsa();
            // 300 s plus the 60 s of tolerated skew is the longest; a day is what a stolen-key attacker would like.
            await Refused(Initialize(Tokens.Rs256(rsa, Tokens.Payload(Tokens.Now(400)))), HttpStatusCode.Forbidden);
            await Refused(Initialize(Tokens.Rs256(rsa, Tokens.Payload(Tokens.Now(86400)))), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task AValidTokenOfAnotherAccountsKeyUnderThisApiKeyIs403()
        {
            using var rsaB = _server.KeyB.OpenRsa();
            await Refused(Initialize(GatewayToken.Sign(rsaB, DateTimeOffset.UtcNow)), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task TheWrongIssuerOrAudienceIs403()
        {
            using var rsa = _server.KeyA.OpenRsa();
            string payload = Tokens.Payload(Tokens.Now(200)).Replace(GatewayToken.Audience, "https://attacker.example/");
            await Refused(Initialize(Tokens.Rs256(rsa, payload)), HttpStatusCode.Forbidden);
            payload = Tokens.Payload(Tokens.Now(200)).Replace(GatewayToken.Issuer, "00000000000000000000000@AdobeOrg");
            await Refused(Initialize(Tokens.Rs256(rsa, payload)), HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task ASignatureReplayedAfterExpiryIs403()
        {
            using var rsa = _server.KeyA.OpenRsa();
            // Captured six minutes ago (exp = then + 300 s), replayed now: past exp and past the skew.
            string captured = GatewayToken.Sign(rsa, DateTimeOffset.UtcNow.AddSeconds(-380));
            await Refused(Initialize(captured), HttpStatusCode.Forbidden);
            // The same construction made now is accepted: the refusal is about time only.
            await Refused(Ping(GatewayToken.Sign(rsa, DateTimeOffset.UtcNow)), HttpStatusCode.OK);
        }

        [Fact]
        public async Task AGarbledTokenIs403()
        {
            using var rsa = _server.KeyA.OpenRsa();
            string good = GatewayToken.Sign(rsa, DateTimeOffset.UtcNow);
            foreach (string garbled in new[] { "garbage", "a.b.c", "..", good.Substring(0, good.Length - 5), good.Replace('.', '!'), good + ".extra", "%00%00" })
            {
                await Refused(Initialize(garbled), HttpStatusCode.Forbidden);
            }
        }

        [Fact]
        public async Task AOneMegabyteTokenIsCutOffAtTheHeaderLimit()
        {
            await Refused(Initialize(new string('A', 1024 * 1024)), HttpStatusCode.RequestHeaderFieldsTooLarge);
        }

        [Fact]
        public async Task PathTraversalInAnIdReachesNothing()
        {
            foreach (string path in new[] { "registry/projects/..%2F..%2F..%2Fhealthz", "registry/environments/%2e%2e%2fregistry.json", "registry/projects/..%5C..%5Cregistry.json" })
            {
                await Refused(_server.Request(HttpMethod.Get, path, _server.KeyA), HttpStatusCode.BadRequest);
            }
            await Refused(_server.Request(HttpMethod.Post, "registry/environments/..%2F" + _server.ProjectA.DataSpaces[0].DataSpaceId + "/cleanup", _server.KeyA, body: "{}"), HttpStatusCode.BadRequest);
        }

        [Fact]
        public async Task AnEncodedSlashInAnIdIsNotASeparator()
        {
            string id = _server.ProjectA.DataSpaces[0].DataSpaceId;
            await Refused(_server.Request(HttpMethod.Put, $"registry/environments/{id}%2Fcloudid%2Fx/cloudid/abc", _server.KeyA), HttpStatusCode.BadRequest);
            await Refused(_server.Request(HttpMethod.Get, $"registry/projects/{_server.ProjectA.ProjectId}%2F", _server.KeyA), HttpStatusCode.BadRequest);
        }

        [Fact]
        public async Task AnotherAccountsProjectIs404ExactlyAsAProjectThatDoesNotExist()
        {
            var (_, foreign) = await Refused(_server.Request(HttpMethod.Get, "registry/projects/" + _server.ProjectB.ProjectId, _server.KeyA), HttpStatusCode.NotFound);
            var (_, unknown) = await Refused(_server.Request(HttpMethod.Get, "registry/projects/" + Guid.NewGuid(), _server.KeyA), HttpStatusCode.NotFound);
            Assert.Equal(unknown, foreign);
            Assert.DoesNotContain(_server.ProjectB.ProjectName, foreign);
        }

        [Fact]
        public async Task AnotherAccountsDataSpaceCanBeNeitherReadNorCleanedNorLinked()
        {
            string theirs = _server.ProjectB.DataSpaces[0].DataSpaceId;
            await Refused(_server.Request(HttpMethod.Get, "registry/environments/" + theirs, _server.KeyA), HttpStatusCode.NotFound);
            await Refused(_server.Request(HttpMethod.Post, $"registry/environments/{theirs}/cleanup", _server.KeyA, body: "{}"), HttpStatusCode.NotFound);
            await Refused(_server.Request(HttpMethod.Put, $"registry/environments/{theirs}/cloudid/hijack1", _server.KeyA), HttpStatusCode.NotFound);
        }

        [Fact]
        public async Task ATenMegabyteBodyIs413()
        {
            var request = _server.Request(HttpMethod.Post, "registry/initialize", _server.KeyA, body: "{\"projectName\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
            // With Expect: 100-continue the server answers before the body is sent, as a careful client would see it.
            request.Headers.ExpectContinue = true;
            await Refused(request, HttpStatusCode.RequestEntityTooLarge);
        }

        [Fact]
        public async Task AChunkedBodyOverTheLimitIs413()
        {
            var request = _server.Request(HttpMethod.Post, "registry/initialize", _server.KeyA);
            request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"projectName\":\"" + new string('x', 200 * 1024) + "\"}")));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.TransferEncodingChunked = true;
            await Refused(request, HttpStatusCode.RequestEntityTooLarge);
        }

        [Fact]
        public async Task MalformedJsonIs400()
        {
            foreach (string body in new[] { "{\"projectName\":", "not json", "{\"projectName\":\"a\"} trailing", "[\"projectName\"]", "{\"projectName\":42}", "{}" })
            {
                await Refused(_server.Request(HttpMethod.Post, "registry/initialize", _server.KeyA, body: body), HttpStatusCode.BadRequest);
            }
        }

        [Fact]
        public async Task AWrongContentTypeIs415()
        {
            foreach (string type in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
            {
                await Refused(_server.Request(HttpMethod.Post, "registry/initialize", _server.KeyA, body: "{\"projectName\":\"x\"}", contentType: type), HttpStatusCode.UnsupportedMediaType);
            }
        }

        [Fact]
        public async Task MagentoApiKeyDifferentFromXApiKeyIs403()
        {
            var request = _server.Request(HttpMethod.Post, "registry/initialize", _server.KeyA, body: "{\"projectName\":\"x\"}");
            request.Headers.Remove("magento-api-key");
            request.Headers.TryAddWithoutValidation("magento-api-key", _server.KeyB.Id);
            await Refused(request, HttpStatusCode.Forbidden);
        }

        [Fact]
        public async Task FiveHundredConcurrentPingsAreAllAnsweredWithoutA5xx()
        {
            byte[] before = _server.Snapshot();
            using var rsa = _server.KeyA.OpenRsa();
            // Tokens signed beforehand: the server, not the test's signing, is under load.
            var requests = Enumerable.Range(0, 500).Select(_ => Ping(GatewayToken.Sign(rsa, DateTimeOffset.UtcNow))).ToList();
            var responses = await Task.WhenAll(requests.Select(r => _server.Http.SendAsync(r)));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            foreach (var response in responses)
            {
                response.Dispose();
            }
            Assert.Equal(before, _server.Snapshot());
        }

        [Fact]
        public async Task AClientSendingItsHeadersOneByteASecondIsCutOffWithinTheLimit()
        {
            byte[] before = _server.Snapshot();
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, _server.Root.Port);
            var stream = client.GetStream();
            byte[] request = Encoding.ASCII.GetBytes($"GET /merchant-registry/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: {_server.KeyA.Id}\r\n");
            var watch = Stopwatch.StartNew();
            bool cut = false;
            var received = new MemoryStream();
            var reading = Task.Run(async () =>
            {
                var buffer = new byte[1024];
                try
                {
                    int n;
                    while ((n = await stream.ReadAsync(buffer)) > 0)
                    {
                        received.Write(buffer, 0, n);
                    }
                }
                catch (IOException)
                {
                }
            });
            foreach (byte b in request)
            {
                if (reading.IsCompleted || watch.Elapsed > TimeSpan.FromSeconds(20))
                {
                    break;
                }
                try
                {
                    await stream.WriteAsync(new[] { b });
                }
                catch (IOException)
                {
                    break;
                }
                await Task.WhenAny(reading, Task.Delay(1000));
            }
            cut = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10))) == reading;
            Assert.True(cut, "the server kept the connection open");
            // Kestrel's heartbeat checks the timeout once a second.
            Assert.InRange(watch.Elapsed, StandInServer.HeaderTimeout - TimeSpan.FromMilliseconds(500), StandInServer.HeaderTimeout + TimeSpan.FromSeconds(3));
            string answer = Encoding.ASCII.GetString(received.ToArray());
            Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 408"), answer);
            Assert.Equal(before, _server.Snapshot());
        }

        [Fact]
        public async Task UnknownRoutesUnderTheRegistryAreRefusedBeforeTheyAreRouted()
        {
            await Refused(new HttpRequestMessage(HttpMethod.Get, new Uri(_server.RegistryBase, "registry/admin")), HttpStatusCode.Unauthorized);
            await Refused(_server.Request(HttpMethod.Delete, "registry/projects/" + _server.ProjectA.ProjectId, _server.KeyA), HttpStatusCode.NotFound);
        }
    }
}
