using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Registry;
using CommerceConnector.Core.Storage;
using CommerceConnector.RegistryServer;
using CommerceConnector.TestSupport;

// Usage: dotnet run -c Release --project bench/CommerceConnector.RegistryBench [-- --seconds 5 --out result.md]
// The stand-in's requests/s and p50/p99 latency at 1, 8 and 64 clients (/healthz; the authenticated ping with and without
// the cache of verified tokens), then the client's cost per call, in one run; what each figure includes: docs/performance.md.
int seconds = int.TryParse(Arg("--seconds"), out int value) ? value : 5;
string outFile = Arg("--out");

using var folder = new TempFolder("cc-registry-bench-");
var store = new FileRegistryStore(folder.Path);
new AccountDirectory(store).NewAccount("MAG900000009", CommerceEdition.AdobeCommerce, "owner@bench.example.com");
string pem = null;
var key = new ApiKeyPortal(store).Generate("MAG900000009", "owner@bench.example.com", ApiKeyEnvironment.Production, "bench", 2048, g =>
{
    pem = g.PrivateKeyPem;
    return () => { };
}).Key;

var app = RegistryServerApp.Create(new[] { "--registry", folder.Path, "--urls", "http://127.0.0.1:0", "--log-requests", "false" });
await app.StartAsync();
var root = new Uri(app.Urls.First().TrimEnd('/') + "/");
var pingUri = new Uri(root, "merchant-registry/v1/ping");
var healthUri = new Uri(root, "healthz");
// A second server that verifies every token in full (no cache of verified tokens): the worst case, every request
// carrying a token never seen before (many instances, each with its own key).
var fullApp = RegistryServerApp.Create(new[] { "--registry", folder.Path, "--urls", "http://127.0.0.1:0", "--log-requests", "false", "--token-cache", "false" });
await fullApp.StartAsync();
var fullPingUri = new Uri(new Uri(fullApp.Urls.First().TrimEnd('/') + "/"), "merchant-registry/v1/ping");

using var rsa = RSA.Create();
rsa.ImportParameters(PrivateKeyText.ReadStrict(pem).Key);
// One token per second, as one Magento instance sends them (RS256 is deterministic and exp counts whole seconds).
string token = GatewayToken.Sign(rsa, DateTimeOffset.UtcNow);
using var tokenRefresh = new Timer(_ => Volatile.Write(ref token, GatewayToken.Sign(rsa, DateTimeOffset.UtcNow)), null, 1000, 1000);

var lines = new List<string>
{
    $"Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {seconds} s per cell after 1 s of warm-up, server and clients in one process on 127.0.0.1.",
    "",
    "| concurrent clients | /healthz req/s | p50 ms | p99 ms | ping req/s, token repeated within its second | p50 ms | p99 ms | JWT check costs | ping req/s, every token verified in full | p50 ms | p99 ms | JWT check costs |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
};
foreach (int clients in new[] { 1, 8, 64 })
{
    var health = await Load(healthUri, clients, seconds, uri => new HttpRequestMessage(HttpMethod.Get, uri));
    var ping = await Load(pingUri, clients, seconds, Signed);
    var full = await Load(fullPingUri, clients, seconds, Signed);
    string Cost(LoadResult r) => $"{(1 - r.PerSecond / health.PerSecond) * 100:0}%";
    lines.Add($"| {clients} | {health.PerSecond:N0} | {health.P50:0.00} | {health.P99:0.00} | {ping.PerSecond:N0} | {ping.P50:0.00} | {ping.P99:0.00} | {Cost(ping)} | {full.PerSecond:N0} | {full.P50:0.00} | {full.P99:0.00} | {Cost(full)} |");
    Console.Error.WriteLine(lines[^1]);
    if (health.Failures + ping.Failures + full.Failures > 0)
    {
        lines.Add($"| | {health.Failures} failed | | | {ping.Failures} failed | | | | {full.Failures} failed | | | |");
    }
}

// ---- the client's overhead per call --------------------------------------------------------------------------------
int calls = 2000;
using var credentials = RegistryCredentials.Create(key.Id, pem);
using var client = new RegistryClient(new Uri(root, "merchant-registry/v1/"), credentials);
using var bare = new HttpClient(new SocketsHttpHandler { UseProxy = false });
for (int i = 0; i < 200; i++)
{
    await client.PingAsync();
    (await bare.SendAsync(Signed(pingUri))).Dispose();
}
double clientUs = await Time(calls, async () => await client.PingAsync());
double bareUs = await Time(calls, async () => (await bare.SendAsync(Signed(pingUri))).Dispose());
double signUs = await Time(calls, () => { GatewayToken.Sign(rsa, DateTimeOffset.UtcNow); return Task.CompletedTask; });
lines.Add("");
lines.Add($"| sequential calls ({calls}) | µs per call |");
lines.Add("| --- | ---: |");
lines.Add($"| bare HttpClient GET ping, headers made beforehand | {bareUs:N0} |");
lines.Add($"| RegistryClient.PingAsync (fresh RS256 token, Polly, parsing) | {clientUs:N0} |");
lines.Add($"| of which signing one token (GatewayToken.Sign, 2048-bit key) | {signUs:N0} |");
lines.Add($"| client overhead per call (RegistryClient - bare) | {clientUs - bareUs:N0} |");

await app.StopAsync();
await fullApp.StopAsync();
string report = string.Join(Environment.NewLine, lines);
Console.WriteLine(report);
if (outFile != null)
{
    File.WriteAllText(outFile, report + Environment.NewLine);
}

// A ping with the connector's headers and the token of the current second.
HttpRequestMessage Signed(Uri uri)
{
    var request = new HttpRequestMessage(HttpMethod.Get, uri);
    request.Headers.TryAddWithoutValidation("x-api-key", key.Id);
    request.Headers.TryAddWithoutValidation("magento-api-key", key.Id);
    request.Headers.TryAddWithoutValidation("x-gw-signature", Volatile.Read(ref token));
    return request;
}

string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static async Task<double> Time(int calls, Func<Task> call)
{
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < calls; i++)
    {
        await call();
    }
    return watch.Elapsed.TotalMilliseconds * 1000 / calls;
}

static async Task<LoadResult> Load(Uri uri, int clients, int seconds, Func<Uri, HttpRequestMessage> newRequest)
{
    using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
    async Task<(List<double> Latencies, int Failures)> Worker(DateTime warmUntil, DateTime stopAt)
    {
        var latencies = new List<double>(100_000);
        int failures = 0;
        for (var now = DateTime.UtcNow; now < stopAt; now = DateTime.UtcNow)
        {
            using var request = newRequest(uri);
            long start = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (now >= warmUntil && response.StatusCode == HttpStatusCode.OK)
            {
                latencies.Add(ms);
            }
            else if (now >= warmUntil)
            {
                failures++;
            }
        }
        return (latencies, failures);
    }
    var warm = DateTime.UtcNow.AddSeconds(1);
    var stop = warm.AddSeconds(seconds);
    var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => Worker(warm, stop))));
    var all = results.SelectMany(r => r.Latencies).OrderBy(x => x).ToArray();
    double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
    return new LoadResult(all.Length / (double)seconds, Percentile(0.50), Percentile(0.99), results.Sum(r => r.Failures));
}

internal sealed record LoadResult(double PerSecond, double P50, double P99, int Failures);
