using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
namespace CommerceConnector.Core.Registry
{
    /// <summary>What a failed registry request means: the server's words (scrubbed of tokens), the transport failure, the refusal, each a <see cref="RegistryException"/> that says what to do.</summary>
    internal static class RegistryFailures
    {
        /// <summary>The server's words: <c>message</c>, or <c>error.message</c>, cut to one short line.</summary>
        internal static string? ServerMessage(string? body)
        {
            if (Strings.IsNullOrWhiteSpace(body))
            {
                return null;
            }
            string? message = null;
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
        [return: NotNullIfNotNull("message")]
        internal static string? Scrub(string? message, string? token)
        {
            if (message == null || Strings.IsNullOrEmpty(token))
            {
                return message;
            }
            foreach (string part in token.Split('.').Where(p => p.Length >= 16).Concat(new[] { token }))
            {
                message = message.Replace(part, "[redacted]");
            }
            return message;
        }

        internal static double? SkewSeconds(HttpResponseMessage response, RegistryClientOptions options)
        {
            var date = response.Headers.Date;
            return date.HasValue ? Math.Round((date.Value - options.Clock()).TotalSeconds, 1) : (double?)null;
        }


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

        internal static RegistryException Transport(RegistryFailure failure, Uri uri, int attempts, Exception inner)
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

        internal static RegistryException Refusal(HttpResponseMessage response, Uri uri, int status, string? serverMessage, int attempts, string? what, string apiKey, RegistryClientOptions options)
        {
            string said = serverMessage == null ? $"HTTP {status}" : $"HTTP {status}: {serverMessage}";
            string where = uri.Scheme + "://" + uri.Authority;
            string retries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
            if (status == 401 || status == 403)
            {
                double? skew = SkewSeconds(response, options);
                if (skew.HasValue && Math.Abs(skew.Value) > options.ClockSkewTolerance.TotalSeconds)
                {
                    long seconds = (long)Math.Round(Math.Abs(skew.Value));
                    return new RegistryException(RegistryFailure.ClockSkew, ErrorIds.ClockSkew, ConnectorErrorCategory.AuthenticationError, uri.AbsoluteUri, status, serverMessage,
                        $"The gateway refused the request ({said}) and its clock is {seconds} s {(skew.Value > 0 ? "ahead of" : "behind")} this machine's. " +
                        $"A request's token is valid for {GatewayToken.Lifetime.TotalSeconds:0} s from this machine's time: set the clock right (NTP) and try again.")
                    { ClockSkewSeconds = skew };
                }
                return new RegistryException(RegistryFailure.KeysNotAccepted, ErrorIds.KeysNotAccepted, ConnectorErrorCategory.AuthenticationError, uri.AbsoluteUri, status, serverMessage,
                    $"{where} does not accept API key {apiKey} with its private key ({said}). Check the pair with Test-ConnectorApiKey, that the key is not revoked " +
                    "(regenerated keys replace older ones), and that production keys go to the production gateway and sandbox keys to the sandbox gateway.");
            }
            if (status == 404)
            {
                return NotFound(uri, status, serverMessage, what, apiKey);
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

        internal static RegistryException NotFound(Uri uri, int? status, string? serverMessage, string? what, string apiKey)
        {
            return new RegistryException(RegistryFailure.NotFound, ErrorIds.RemoteObjectNotFound, ConnectorErrorCategory.ObjectNotFound, uri.AbsoluteUri, status, serverMessage,
                what == null
                    ? $"The registry at {uri.Scheme}://{uri.Authority} has nothing at {uri.AbsolutePath} (HTTP 404): check the registry path (default /merchant-registry/v1/)."
                    : $"The registry has no {what} for API key {apiKey}: a key sees only its own account's projects. List what it sees with GET registry.");
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
