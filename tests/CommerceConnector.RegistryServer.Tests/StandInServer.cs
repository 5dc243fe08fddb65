using System.Security.Cryptography;
using System.Text;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Registry;
using CommerceConnector.Core.Storage;
using Microsoft.AspNetCore.Builder;

namespace CommerceConnector.RegistryServer.Tests
{
    /// <summary>A key pair made by the module's own portal, with the private key kept for signing.</summary>
    public sealed class TestKey
    {
        public TestKey(ApiKey key, string pem)
        {
            Key = key;
            Pem = pem;
        }

        public ApiKey Key { get; }

        public string Id => Key.Id;

        public string Pem { get; }

        public RSA OpenRsa() => Rsa(PrivateKeyText.ReadStrict(Pem).Key);

        public RegistryCredentials Credentials() => RegistryCredentials.Create(Id, Pem);

        public static RSA Rsa(RSAParameters parameters)
        {
            var rsa = RSA.Create();
            rsa.ImportParameters(parameters);
            return rsa;
        }
    }

    /// <summary>
    /// The real stand-in (Kestrel on 127.0.0.1, a free port) over a registry made with the module's Core: account A
    /// (Adobe Commerce) with an active and a revoked key and project "Luma", account B with its own key and project.
    /// </summary>
    public sealed class StandInServer : IAsyncLifetime
    {
        public const string MageA = "MAG100000001";
        public const string MageB = "MAG200000002";
        public static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(2);

        private WebApplication _app;

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cc-standin-" + Guid.NewGuid().ToString("N"));

        public FileRegistryStore Store { get; private set; }

        public TestKey KeyA { get; private set; }

        public TestKey RevokedA { get; private set; }

        public TestKey KeyB { get; private set; }

        public SaaSProject ProjectA { get; private set; }

        public SaaSProject ProjectB { get; private set; }

        public Uri Root { get; private set; }

        public Uri RegistryBase => new Uri(Root, "merchant-registry/v1/");

        public HttpClient Http { get; } = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1000 }) { Timeout = TimeSpan.FromSeconds(60) };

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Folder);
            Store = new FileRegistryStore(Folder);
            var accounts = new AccountDirectory(Store);
            accounts.NewAccount(MageA, CommerceEdition.AdobeCommerce, "owner@a.example.com");
            accounts.NewAccount(MageB, CommerceEdition.MagentoOpenSource, "owner@b.example.com");
            var portal = new ApiKeyPortal(Store);
            KeyA = Generate(portal, MageA, "owner@a.example.com", "main");
            RevokedA = Generate(portal, MageA, "owner@a.example.com", "old");
            portal.Revoke(MageA, "owner@a.example.com", RevokedA.Id);
            KeyB = Generate(portal, MageB, "owner@b.example.com", "main");
            var projects = new ProjectRegistry(Store);
            ProjectA = projects.NewProject(MageA, "owner@a.example.com", "Luma");
            ProjectB = projects.NewProject(MageB, "owner@b.example.com", "Other shop");

            _app = RegistryServerApp.Create(
                new[] { "--registry", Folder, "--urls", "http://127.0.0.1:0", "--log-requests", "false" },
                options => options.HeaderTimeout = HeaderTimeout);
            await _app.StartAsync();
            Root = new Uri(_app.Urls.First().TrimEnd('/') + "/");
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            if (_app != null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        /// <summary>The registry file's bytes: what "nothing changed" is checked against.</summary>
        public byte[] Snapshot() => File.ReadAllBytes(Store.DocumentPath);

        /// <summary>A request signed as the connector signs it, with <paramref name="token"/> instead when given.</summary>
        public HttpRequestMessage Request(HttpMethod method, string path, TestKey key, string token = null, string apiKey = null, string body = null, string contentType = "application/json")
        {
            var request = new HttpRequestMessage(method, new Uri(RegistryBase, path));
            string id = apiKey ?? key?.Id;
            if (id != null)
            {
                request.Headers.TryAddWithoutValidation("x-api-key", id);
                request.Headers.TryAddWithoutValidation("magento-api-key", id);
            }
            if (token == null && key != null)
            {
                using var rsa = key.OpenRsa();
                token = GatewayToken.Sign(rsa, DateTimeOffset.UtcNow);
            }
            if (token != null)
            {
                request.Headers.TryAddWithoutValidation("x-gw-signature", token);
            }
            if (body != null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = contentType == null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            }
            return request;
        }

        private static TestKey Generate(ApiKeyPortal portal, string mageId, string owner, string name)
        {
            string pem = null;
            var generated = portal.Generate(mageId, owner, ApiKeyEnvironment.Production, name, 2048, g =>
            {
                pem = g.PrivateKeyPem;
                return () => { };
            });
            return new TestKey(generated.Key, pem);
        }
    }

    [CollectionDefinition(Name)]
    public sealed class StandInCollection : ICollectionFixture<StandInServer>
    {
        public const string Name = "stand-in registry";
    }

    /// <summary>Tokens made by hand: any header, any claims, any key, for the attacks.</summary>
    public static class Tokens
    {
        /// <summary>The connector's claims with expiry <paramref name="exp"/> (and a not-before, when given).</summary>
        public static string Payload(long exp, long? nbf = null)
        {
            var payload = new Newtonsoft.Json.Linq.JObject
            {
                ["exp"] = exp,
                ["iss"] = GatewayToken.Issuer,
                ["sub"] = GatewayToken.Subject,
                ["aud"] = GatewayToken.Audience,
            };
            foreach (var scope in GatewayToken.ScopeClaims)
            {
                payload[scope] = true;
            }
            if (nbf.HasValue)
            {
                payload["nbf"] = nbf.Value;
            }
            return payload.ToString(Newtonsoft.Json.Formatting.None);
        }

        public static string Rs256(RSA key, string payload, string header = "{\"typ\":\"JWT\",\"alg\":\"RS256\"}")
        {
            string input = Jwt.Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Jwt.Base64Url(Encoding.UTF8.GetBytes(payload));
            return input + "." + Jwt.Base64Url(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        public static string Hs256(byte[] secret, string payload)
        {
            string input = Jwt.Base64Url(Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"HS256\"}")) + "." + Jwt.Base64Url(Encoding.UTF8.GetBytes(payload));
            using var hmac = new HMACSHA256(secret);
            return input + "." + Jwt.Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(input)));
        }

        public static string Unsigned(string payload) =>
            Jwt.Base64Url(Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"none\"}")) + "." + Jwt.Base64Url(Encoding.UTF8.GetBytes(payload)) + ".";

        public static long Now(int plusSeconds = 0) => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + plusSeconds;
    }
}
