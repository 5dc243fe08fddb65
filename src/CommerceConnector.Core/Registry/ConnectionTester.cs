using System.Diagnostics;
using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// Test-ConnectorConnection's work: for each key pair an instance holds, <c>GET ping</c> at the gateway that pair is
    /// sent to, signed with that pair, and a verdict (Accepted / Rejected / Unreachable / NotConfigured).
    /// </summary>
    public sealed class ConnectionTester
    {
        private readonly RegistryClientOptions _options;
        private readonly Func<Uri, RegistryCredentials, RegistryClient> _openClient;

        public ConnectionTester(RegistryClientOptions? options = null, Func<Uri, RegistryCredentials, RegistryClient>? openClient = null)
        {
            _options = options ?? new RegistryClientOptions();
            _openClient = openClient ?? ((uri, credentials) => new RegistryClient(uri, credentials, _options));
        }

        /// <summary>
        /// Reads the instance's env.php and pings with the pairs <paramref name="selection"/> names; <paramref name="gateway"/>
        /// is a gateway URL to use instead of the instance's (e.g. a local stand-in), null keeps the instance's.
        /// </summary>
        public IReadOnlyList<ConnectionTestResult> Test(ConfigTarget target, KeyPairSelection selection, string? gateway, CancellationToken cancellationToken = default)
        {
            var settings = InstanceGatewaySettings.Read(target);
            var results = new List<ConnectionTestResult>();
            foreach (var pair in settings.Pairs(selection))
            {
                results.Add(Test(settings, pair, gateway, cancellationToken));
            }
            return results;
        }

        private ConnectionTestResult Test(InstanceGatewaySettings settings, InstanceKeyPair pair, string? gatewayOverride, CancellationToken cancellationToken)
        {
            string? instance = settings.Target.Instance?.Name;
            string root = settings.Target.Root;
            string gateway = gatewayOverride ?? pair.Gateway;
            ConnectionTestResult Result(string url, ConnectionStatus status, int? http, long? ms, string message, string? errorId = null) =>
                new ConnectionTestResult(instance, root, pair.Environment, pair.ApiKey, url, status, http, ms, message, errorId);

            if (!pair.IsComplete)
            {
                return Result(gateway, ConnectionStatus.NotConfigured, null, null,
                    $"{settings.Target.Label} has no complete {pair.Environment} key pair in env.php: set it with Set-ConnectorConfiguration.", ErrorIds.ApiKeyPairIncomplete);
            }
            Uri registryBase;
            RegistryCredentials credentials;
            try
            {
                registryBase = RegistryGateway.RegistryBase(gateway, settings.RegistryApiPath);
                credentials = pair.OpenCredentials();
            }
            catch (ConnectorException e)
            {
                return Result(gateway, ConnectionStatus.NotConfigured, null, null, e.Message, e.ErrorId);
            }

            var watch = Stopwatch.StartNew();
            using (credentials)
            using (var client = _openClient(registryBase, credentials))
            {
                try
                {
                    var ping = client.PingAsync(cancellationToken).GetAwaiter().GetResult();
                    string skew = ping.ClockSkewSeconds.HasValue && Math.Abs(ping.ClockSkewSeconds.Value) > _options.ClockSkewTolerance.TotalSeconds
                        ? $" Warning: the gateway's clock differs from this machine's by {Math.Abs(ping.ClockSkewSeconds.Value):0} s."
                        : string.Empty;
                    return Result(registryBase.AbsoluteUri, ConnectionStatus.Accepted, ping.StatusCode, watch.ElapsedMilliseconds,
                        (ping.ServerMessage ?? "The gateway accepts the keys.") + skew);
                }
                catch (RegistryException e)
                {
                    var status = e.Failure == RegistryFailure.KeysNotAccepted || e.Failure == RegistryFailure.ClockSkew
                        ? ConnectionStatus.Rejected
                        : ConnectionStatus.Unreachable;
                    return Result(registryBase.AbsoluteUri, status, e.StatusCode, watch.ElapsedMilliseconds, e.Message, e.ErrorId);
                }
            }
        }
    }
}
