using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CommerceConnector.Core.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;
using Polly.Timeout;

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

        private static readonly int[] RetriedStatuses = { 429, 502, 503, 504 };

        private readonly HttpClient _http;
        private readonly RegistryCredentials _credentials;
        private readonly RegistryClientOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
        private readonly ResiliencePipeline<HttpResponseMessage> _unrepeatable;

        /// <param name="registryBase">The registry's base URL, from <see cref="RegistryGateway.RegistryBase"/>.</param>
        /// <param name="credentials">The key pair that signs; the caller keeps and disposes it.</param>
        /// <param name="options">Timeouts, retries, clock and log.</param>
        /// <param name="handler">Another HTTP handler (tests); the shared one by default.</param>
        public RegistryClient(Uri registryBase, RegistryCredentials credentials, RegistryClientOptions options = null, HttpMessageHandler handler = null)
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
            _idempotent = BuildPipeline(retryTransportFailures: true);
            _unrepeatable = BuildPipeline(retryTransportFailures: false);
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
                return new PingResult((int)response.StatusCode, watch.Elapsed, ServerMessage(body), SkewSeconds(response));
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
                throw NotFound(new Uri(BaseAddress, "registry/projects/" + Segment(projectId, "project id")), null, null, "project " + projectId);
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
        public async Task<string> CleanupAsync(string environmentId, CancellationToken cancellationToken = default)
        {
            string path = "registry/environments/" + Segment(environmentId, "data space id") + "/cleanup";
            using (var response = await SendAsync(HttpMethod.Post, path, "{}", "data space " + environmentId, cancellationToken).ConfigureAwait(false))
            {
                return ServerMessage(await ReadBodyAsync(response).ConfigureAwait(false));
            }
        }

        /// <summary><c>PUT registry/environments/{id}/cloudid/{cloudId}</c>: links a data space to a Commerce Cloud project.</summary>
        public async Task<string> LinkCloudProjectAsync(string environmentId, string cloudId, CancellationToken cancellationToken = default)
        {
            string path = "registry/environments/" + Segment(environmentId, "data space id") + "/cloudid/" + Segment(cloudId, "cloud project id");
            using (var response = await SendAsync(HttpMethod.Put, path, "{}", "data space " + environmentId, cancellationToken).ConfigureAwait(false))
            {
                return ServerMessage(await ReadBodyAsync(response).ConfigureAwait(false));
            }
        }

        public void Dispose() => _http.Dispose();

        // ---- sending ---------------------------------------------------------------------------------------------

        private async Task<IReadOnlyList<RegistryRow>> GetRowsAsync(string path, string what, CancellationToken cancellationToken)
        {
            using (var response = await SendAsync(HttpMethod.Get, path, null, what, cancellationToken).ConfigureAwait(false))
            {
                return ToRows(await ReadJsonAsync(response).ConfigureAwait(false), response);
            }
        }

        /// <summary>Sends with retries; returns a 2xx response, or throws the failure it means.</summary>
        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string what, CancellationToken cancellationToken)
        {
            var uri = new Uri(BaseAddress, path);
            var pipeline = method == HttpMethod.Post ? _unrepeatable : _idempotent;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            int attempts = 0;
            string lastToken = null;
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
                string serverMessage = Scrub(ServerMessage(await ReadBodyAsync(response).ConfigureAwait(false)), lastToken);
                throw Refusal(response, uri, status, serverMessage, attempts, what);
            }
        }

        private HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, string body, string token)
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

        private ResiliencePipeline<HttpResponseMessage> BuildPipeline(bool retryTransportFailures)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, _options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, retryTransportFailures, args.Context.CancellationToken)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    _options.Log?.Invoke($"retrying in {(int)args.RetryDelay.TotalMilliseconds} ms after " +
                        (args.Outcome.Result != null ? "HTTP " + (int)args.Outcome.Result.StatusCode : args.Outcome.Exception?.GetType().Name));
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            };
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            if (_options.TotalTimeout > TimeSpan.Zero)
            {
                builder.AddTimeout(_options.TotalTimeout);
            }
            builder.AddRetry(retry);
            if (_options.AttemptTimeout > TimeSpan.Zero)
            {
                builder.AddTimeout(_options.AttemptTimeout);
            }
            return builder.Build();
        }

        private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool retryTransportFailures, CancellationToken cancellationToken)
        {
            if (outcome.Result != null)
            {
                return RetriedStatuses.Contains((int)outcome.Result.StatusCode);
            }
            if (!retryTransportFailures || cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            switch (outcome.Exception)
            {
                case TimeoutRejectedException _:
                    return true;
                case HttpRequestException e:
                    return Classify(e) == RegistryFailure.ConnectionReset;
                case IOException _:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The server's Retry-After when it sends one (bounded by the options), else Polly's backoff.</summary>
        private TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var retryAfter = response?.Headers.RetryAfter;
            if (retryAfter == null)
            {
                return null;
            }
            TimeSpan? wait = retryAfter.Delta ?? (retryAfter.Date.HasValue ? retryAfter.Date.Value - _options.Clock() : (TimeSpan?)null);
            if (!wait.HasValue || wait.Value < TimeSpan.Zero)
            {
                return null;
            }
            return wait.Value > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait.Value;
        }

        // ---- reading -------------------------------------------------------------------------------------------

        private static async Task<string> ReadBodyAsync(HttpResponseMessage response) =>
            response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);

        private async Task<JToken> ReadJsonAsync(HttpResponseMessage response)
        {
            string body = await ReadBodyAsync(response).ConfigureAwait(false);
            try
            {
                using (var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 })
                {
                    var token = JToken.ReadFrom(reader);
                    if (reader.Read())
                    {
                        throw new JsonReaderException("text after the JSON value");
                    }
                    return token;
                }
            }
            catch (JsonException)
            {
                throw InvalidResponse(response, "the answer is not JSON");
            }
        }

        private IReadOnlyList<RegistryRow> ToRows(JToken json, HttpResponseMessage response)
        {
            if (!(json is JObject obj) || !(obj["results"] is JArray results))
            {
                throw InvalidResponse(response, "the answer has no 'results' array");
            }
            return results.Select(r => r is JObject row ? ToRow(row, response) : throw InvalidResponse(response, "a row of 'results' is not an object")).ToList();
        }

        private RegistryRow ToRow(JObject obj, HttpResponseMessage response)
        {
            var row = new RegistryRow
            {
                ProjectId = Text(obj, "projectId", response),
                ProjectName = Text(obj, "projectName", response),
                EnvironmentId = Text(obj, "environmentId", response),
                EnvironmentName = Text(obj, "environmentName", response),
                EnvironmentType = Text(obj, "environmentType", response),
                CloudId = Text(obj, "cloudId", response),
            };
            if (string.IsNullOrEmpty(row.ProjectId))
            {
                throw InvalidResponse(response, "a row has no projectId");
            }
            return row;
        }

        private string Text(JObject obj, string name, HttpResponseMessage response)
        {
            var value = obj[name];
            if (value == null || value.Type == JTokenType.Null)
            {
                return null;
            }
            if (value.Type != JTokenType.String && value.Type != JTokenType.Integer)
            {
                throw InvalidResponse(response, $"'{name}' is not text");
            }
            return (string)value;
        }

        /// <summary>The server's words: <c>message</c>, or <c>error.message</c>, cut to one short line.</summary>
        internal static string ServerMessage(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }
            string message = null;
            try
            {
                if (JToken.Parse(body) is JObject obj)
                {
                    message = (obj["message"] as JValue)?.ToString() ?? ((obj["error"] as JObject)?["message"] as JValue)?.ToString();
                }
            }
            catch (JsonException)
            {
                message = null;
            }
            if (message == null)
            {
                return null;
            }
            var clean = new string(message.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            return clean.Length > 200 ? clean.Substring(0, 200) + "..." : clean;
        }

        /// <summary>A server could echo the token back; it never reaches a message.</summary>
        private static string Scrub(string message, string token)
        {
            if (message == null || string.IsNullOrEmpty(token))
            {
                return message;
            }
            foreach (string part in token.Split('.').Where(p => p.Length >= 16).Concat(new[] { token }))
            {
                message = message.Replace(part, "[redacted]");
            }
            return message;
        }

        private double? SkewSeconds(HttpResponseMessage response)
        {
            var date = response.Headers.Date;
            return date.HasValue ? Math.Round((date.Value - _options.Clock()).TotalSeconds, 1) : (double?)null;
        }

        // ---- what failures mean --------------------------------------------------------------------------------

        internal static RegistryFailure Classify(HttpRequestException e)
        {
            for (Exception inner = e; inner != null; inner = inner.InnerException)
            {
                switch (inner)
                {
                    case AuthenticationException _:
                        return RegistryFailure.TlsFailure;
                    case SocketException socket:
                        switch (socket.SocketErrorCode)
                        {
                            case SocketError.HostNotFound:
                            case SocketError.NoData:
                            case SocketError.TryAgain:
                                return RegistryFailure.DnsFailure;
                            case SocketError.ConnectionRefused:
                                return RegistryFailure.ConnectionRefused;
                            case SocketError.TimedOut:
                                return RegistryFailure.Timeout;
                            case SocketError.NetworkUnreachable:
                            case SocketError.HostUnreachable:
                            case SocketError.AddressNotAvailable:
                                return RegistryFailure.ConnectionRefused;
                            default:
                                return RegistryFailure.ConnectionReset;
                        }
                }
            }
            return RegistryFailure.ConnectionReset;
        }

        private RegistryException Transport(RegistryFailure failure, Uri uri, int attempts, Exception inner)
        {
            string where = uri.Scheme + "://" + uri.Authority;
            string tries = attempts > 1 ? $" ({attempts} attempts)" : string.Empty;
            string network = " Against Adobe's gateways this machine needs network access to them (directly or through the system proxy).";
            switch (failure)
            {
                case RegistryFailure.DnsFailure:
                    return new RegistryException(failure, ErrorIds.GatewayUnreachable, ConnectorErrorCategory.ConnectionError, uri.AbsoluteUri, null, null,
                        $"The gateway host '{uri.Host}' does not resolve (DNS): check the gateway URL and this machine's DNS.{network}", inner);
                case RegistryFailure.TlsFailure:
                    return new RegistryException(failure, ErrorIds.GatewayUnreachable, ConnectorErrorCategory.SecurityError, uri.AbsoluteUri, null, null,
                        $"The TLS handshake with {where} failed ({Innermost(inner)}): check the URL and this machine's trusted certificates; a proxy that inspects TLS needs its certificate trusted.", inner);
                case RegistryFailure.ConnectionRefused:
                    return new RegistryException(failure, ErrorIds.GatewayUnreachable, ConnectorErrorCategory.ConnectionError, uri.AbsoluteUri, null, null,
                        $"Nothing accepts connections at {where} (connection refused): check the gateway URL; a local stand-in must be running there.{network}", inner);
                case RegistryFailure.Timeout:
                    return new RegistryException(failure, ErrorIds.GatewayTimeout, ConnectorErrorCategory.ConnectionError, uri.AbsoluteUri, null, null,
                        $"{where} did not answer in time{tries}: check the network path to it (firewall, proxy) and try again.{network}", inner);
                default:
                    return new RegistryException(RegistryFailure.ConnectionReset, ErrorIds.GatewayUnreachable, ConnectorErrorCategory.ConnectionError, uri.AbsoluteUri, null, null,
                        $"The connection to {where} was reset or closed before an answer came{tries}: try again; if it persists, check the proxy or firewall between this machine and the gateway.", inner);
            }
        }

        private RegistryException Refusal(HttpResponseMessage response, Uri uri, int status, string serverMessage, int attempts, string what)
        {
            string said = serverMessage == null ? $"HTTP {status}" : $"HTTP {status}: {serverMessage}";
            string where = uri.Scheme + "://" + uri.Authority;
            string retries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
            if (status == 401 || status == 403)
            {
                double? skew = SkewSeconds(response);
                if (skew.HasValue && Math.Abs(skew.Value) > _options.ClockSkewTolerance.TotalSeconds)
                {
                    long seconds = (long)Math.Round(Math.Abs(skew.Value));
                    return new RegistryException(RegistryFailure.ClockSkew, ErrorIds.ClockSkew, ConnectorErrorCategory.AuthenticationError, uri.AbsoluteUri, status, serverMessage,
                        $"The gateway refused the request ({said}) and its clock is {seconds} s {(skew.Value > 0 ? "ahead of" : "behind")} this machine's. " +
                        $"A request's token is valid for {GatewayToken.Lifetime.TotalSeconds:0} s from this machine's time: set the clock right (NTP) and try again.")
                    { ClockSkewSeconds = skew };
                }
                return new RegistryException(RegistryFailure.KeysNotAccepted, ErrorIds.KeysNotAccepted, ConnectorErrorCategory.AuthenticationError, uri.AbsoluteUri, status, serverMessage,
                    $"{where} does not accept API key {_credentials.ApiKey} with its private key ({said}). Check the pair with Test-ConnectorApiKey, that the key is not revoked " +
                    "(regenerated keys replace older ones), and that production keys go to the production gateway and sandbox keys to the sandbox gateway.");
            }
            if (status == 404)
            {
                return NotFound(uri, status, serverMessage, what);
            }
            if (status == 429)
            {
                return new RegistryException(RegistryFailure.Throttled, ErrorIds.GatewayThrottled, ConnectorErrorCategory.ResourceBusy, uri.AbsoluteUri, status, serverMessage,
                    $"{where} is throttling requests ({said}){retries}: wait a minute and try again.");
            }
            if (status >= 500)
            {
                return new RegistryException(RegistryFailure.ServerError, ErrorIds.GatewayServerError, ConnectorErrorCategory.ResourceUnavailable, uri.AbsoluteUri, status, serverMessage,
                    $"{where} failed on its side ({said}){retries}: nothing is wrong with the keys as far as this shows; try again later.");
            }
            string redirect = status >= 300 && status < 400 ? $" It redirects to '{response.Headers.Location}': give that URL as the gateway (redirects are not followed, so the API key goes nowhere else)." : string.Empty;
            return new RegistryException(RegistryFailure.RequestRejected, ErrorIds.GatewayRequestRejected, ConnectorErrorCategory.InvalidOperation, uri.AbsoluteUri, status, serverMessage,
                $"{where} refused the request ({said}).{redirect} Check the gateway URL and the registry path (default /merchant-registry/v1/).");
        }

        private RegistryException NotFound(Uri uri, int? status, string serverMessage, string what)
        {
            return new RegistryException(RegistryFailure.NotFound, ErrorIds.RemoteObjectNotFound, ConnectorErrorCategory.ObjectNotFound, uri.AbsoluteUri, status, serverMessage,
                what == null
                    ? $"The registry at {uri.Scheme}://{uri.Authority} has nothing at {uri.AbsolutePath} (HTTP 404): check the registry path (default /merchant-registry/v1/)."
                    : $"The registry has no {what} for API key {_credentials.ApiKey}: a key sees only its own account's projects. List what it sees with GET registry.");
        }

        private static RegistryException InvalidResponse(HttpResponseMessage response, string why)
        {
            var uri = response.RequestMessage?.RequestUri;
            return new RegistryException(RegistryFailure.InvalidResponse, ErrorIds.GatewayResponseInvalid, ConnectorErrorCategory.InvalidData, uri?.AbsoluteUri, (int)response.StatusCode, null,
                $"{uri?.Scheme}://{uri?.Authority} answered HTTP {(int)response.StatusCode} but not as the registry protocol does ({why}): check that the gateway URL points at a merchant registry.");
        }

        private static string Segment(string id, string what)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ConnectorException(ErrorIds.RemoteObjectNotFound, ConnectorErrorCategory.InvalidArgument, id, $"A {what} is required.");
            }
            return Uri.EscapeDataString(id.Trim());
        }

        private static string Innermost(Exception e)
        {
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }
            return e.Message;
        }
    }
}
