using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Timeout;
using static CommerceConnector.Core.Registry.RegistryFailures;
using static CommerceConnector.Core.Registry.RegistryResponses;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// A client of the merchant registry protocol (<c>{gateway}/merchant-registry/v1/</c>) that signs every request as
    /// Magento's Commerce Services Connector does: <c>magento-api-key</c> and <c>x-api-key</c> (the API key),
    /// <c>x-gw-signature</c> (a fresh <see cref="GatewayToken"/>) and <c>Content-Type: application/json</c>.
    /// Bounded retries with jitter (Polly) on 429/502/503/504 and, for requests that may be repeated, resets and
    /// timeouts; every failure is a <see cref="RegistryException"/> that says what it means. No message, log line or
    /// exception ever carries the private key, a token or a signature.
    /// </summary>
    public sealed class RegistryClient : IDisposable
    {
        private const int MaxResponseBytes = 4 * 1024 * 1024;

        // One handler for the process: pooled connections, the system proxy, no redirects (a redirect would carry the
        // API key to another host), no cookies.
        private static readonly Lazy<HttpMessageHandler> SharedHandler = new Lazy<HttpMessageHandler>(() => new HttpClientHandler
        {
            UseProxy = true,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        });

        private readonly HttpClient _http;
        private readonly RegistryCredentials _credentials;
        private readonly RegistryClientOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
        private readonly ResiliencePipeline<HttpResponseMessage> _unrepeatable;

        /// <param name="registryBase">The registry's base URL, from <see cref="RegistryGateway.RegistryBase"/>.</param>
        /// <param name="credentials">The key pair that signs; the caller keeps and disposes it.</param>
        /// <param name="options">Timeouts, retries, clock and log.</param>
        /// <param name="handler">Another HTTP handler (tests); the shared one by default.</param>
        public RegistryClient(Uri registryBase, RegistryCredentials credentials, RegistryClientOptions? options = null, HttpMessageHandler? handler = null)
        {
            BaseAddress = registryBase ?? throw new ArgumentNullException(nameof(registryBase));
            RegistryGateway.CheckGateway(registryBase.AbsoluteUri);
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _options = options ?? new RegistryClientOptions();
            _http = new HttpClient(handler ?? SharedHandler.Value, disposeHandler: false)
            {
                Timeout = Timeout.InfiniteTimeSpan,
                MaxResponseContentBufferSize = MaxResponseBytes,
            };
            _idempotent = RegistryRetryPolicy.Build(_options, retryTransportFailures: true);
            _unrepeatable = RegistryRetryPolicy.Build(_options, retryTransportFailures: false);
        }

        /// <summary>The registry's base URL (ends in '/').</summary>
        public Uri BaseAddress { get; }

        /// <summary><c>GET ping</c>: whether the gateway accepts these keys.</summary>
        public async Task<PingResult> PingAsync(CancellationToken cancellationToken = default)
        {
            var watch = Stopwatch.StartNew();
            using (var response = await SendAsync(HttpMethod.Get, "ping", null, null, cancellationToken).ConfigureAwait(false))
            {
                string body = await ReadBodyAsync(response).ConfigureAwait(false);
                watch.Stop();
                return new PingResult((int)response.StatusCode, watch.Elapsed, ServerMessage(body), SkewSeconds(response, _options));
            }
        }

        /// <summary><c>GET registry</c>: every data space these keys see, one row each.</summary>
        public async Task<IReadOnlyList<RegistryRow>> GetRegistryAsync(CancellationToken cancellationToken = default)
        {
            return await GetRowsAsync("registry", null, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>GET registry/projects/{id}</c>: the project's rows; none (or 404) is <c>RemoteObjectNotFound</c>.</summary>
        public async Task<IReadOnlyList<RegistryRow>> GetProjectAsync(string projectId, CancellationToken cancellationToken = default)
        {
            var rows = await GetRowsAsync("registry/projects/" + Segment(projectId, "project id"), "project " + projectId, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                throw NotFound(new Uri(BaseAddress, "registry/projects/" + Segment(projectId, "project id")), null, null, "project " + projectId, _credentials.ApiKey);
            }
            return rows;
        }

        /// <summary><c>GET registry/environments/{id}</c>: one data space, answered as a bare object.</summary>
        public async Task<RegistryRow> GetEnvironmentAsync(string environmentId, CancellationToken cancellationToken = default)
        {
            string path = "registry/environments/" + Segment(environmentId, "data space id");
            using (var response = await SendAsync(HttpMethod.Get, path, null, "data space " + environmentId, cancellationToken).ConfigureAwait(false))
            {
                var json = await ReadJsonAsync(response).ConfigureAwait(false);
                if (!(json is JObject obj) || obj["results"] != null)
                {
                    throw InvalidResponse(response, "GET registry/environments/{id} answers one bare object");
                }
                var row = ToRow(obj, response);
                row.EnvironmentId = row.EnvironmentId ?? environmentId;
                return row;
            }
        }

        /// <summary><c>POST registry/initialize</c>: creates a project; its rows (one per data space the licence gives).</summary>
        public async Task<IReadOnlyList<RegistryRow>> InitializeAsync(string projectName, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(projectName))
            {
                throw new ConnectorException(ErrorIds.InvalidProjectName, ConnectorErrorCategory.InvalidArgument, projectName, "A SaaS project name is required.");
            }
            string body = new JObject { ["projectName"] = projectName.Trim() }.ToString(Formatting.None);
            using (var response = await SendAsync(HttpMethod.Post, "registry/initialize", body, null, cancellationToken).ConfigureAwait(false))
            {
                return ToRows(await ReadJsonAsync(response).ConfigureAwait(false), response);
            }
        }

        /// <summary><c>POST registry/environments/{id}/cleanup</c>: asks the registry to delete the data space's exported data.</summary>
        public async Task<string?> CleanupAsync(string environmentId, CancellationToken cancellationToken = default)
        {
            string path = "registry/environments/" + Segment(environmentId, "data space id") + "/cleanup";
            using (var response = await SendAsync(HttpMethod.Post, path, "{}", "data space " + environmentId, cancellationToken).ConfigureAwait(false))
            {
                return ServerMessage(await ReadBodyAsync(response).ConfigureAwait(false));
            }
        }

        /// <summary><c>PUT registry/environments/{id}/cloudid/{cloudId}</c>: links a data space to a Commerce Cloud project.</summary>
        public async Task<string?> LinkCloudProjectAsync(string environmentId, string cloudId, CancellationToken cancellationToken = default)
        {
            string path = "registry/environments/" + Segment(environmentId, "data space id") + "/cloudid/" + Segment(cloudId, "cloud project id");
            using (var response = await SendAsync(HttpMethod.Put, path, "{}", "data space " + environmentId, cancellationToken).ConfigureAwait(false))
            {
                return ServerMessage(await ReadBodyAsync(response).ConfigureAwait(false));
            }
        }

        public void Dispose() => _http.Dispose();

        // ---- sending ---------------------------------------------------------------------------------------------

        private async Task<IReadOnlyList<RegistryRow>> GetRowsAsync(string path, string? what, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(HttpMethod.Get, path, null, what, cancellationToken).ConfigureAwait(false))
            {
                return ToRows(await ReadJsonAsync(response).ConfigureAwait(false), response);
            }
        }

        /// <summary>Sends with retries; returns a 2xx response, or throws the failure it means.</summary>
        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? what, CancellationToken cancellationToken)
        {
            var uri = new Uri(BaseAddress, path);
            var pipeline = method == HttpMethod.Post ? _unrepeatable : _idempotent;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            int attempts = 0;
            string? lastToken = null;
            HttpResponseMessage response;
            try
            {
                response = await pipeline.ExecuteAsync(async ctx =>
                {
                    attempts++;
                    // A new token for every attempt, as Magento makes one for every request.
                    lastToken = _credentials.Sign(_options.Clock());
                    using (var request = BuildRequest(method, uri, body, lastToken))
                    {
                        var watch = Stopwatch.StartNew();
                        var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                        _options.Log?.Invoke($"{method} {uri.AbsoluteUri}: {(int)answer.StatusCode} in {watch.ElapsedMilliseconds} ms (attempt {attempts})");
                        return answer;
                    }
                }, context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (TimeoutRejectedException e)
            {
                throw Transport(RegistryFailure.Timeout, uri, attempts, e);
            }
            catch (OperationCanceledException e)
            {
                throw Transport(RegistryFailure.Timeout, uri, attempts, e);
            }
            catch (HttpRequestException e)
            {
                throw Transport(Classify(e), uri, attempts, e);
            }
            catch (IOException e)
            {
                throw Transport(RegistryFailure.ConnectionReset, uri, attempts, e);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            int status = (int)response.StatusCode;
            if (status >= 200 && status < 300)
            {
                return response;
            }
            using (response)
            {
                string? serverMessage = Scrub(ServerMessage(await ReadBodyAsync(response).ConfigureAwait(false)), lastToken);
                throw Refusal(response, uri, status, serverMessage, attempts, what, _credentials.ApiKey, _options);
            }
        }

        private HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, string? body, string token)
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("magento-api-key", _credentials.ApiKey);
            request.Headers.TryAddWithoutValidation("x-api-key", _credentials.ApiKey);
            request.Headers.TryAddWithoutValidation("x-gw-signature", token);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            // The connector sends Content-Type: application/json on every request, GET included.
            request.Content = new StringContent(body ?? string.Empty, new UTF8Encoding(false));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return request;
        }

        private static string Segment(string id, string what)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ConnectorException(ErrorIds.RemoteObjectNotFound, ConnectorErrorCategory.InvalidArgument, id, $"A {what} is required.");
            }
            return Uri.EscapeDataString(id.Trim());
        }
    }
}
