using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// A merchant registry to call and the key pair that signs: the pair an instance's env.php selects and the gateway
    /// and registry path it is configured with, or an API key and private key given directly. What Sync-SaaSProject and
    /// the -Remote variants of New-SaaSProject and Clear-DataSpace talk to.
    /// </summary>
    public sealed class RegistryEndpoint : IDisposable
    {
        private readonly RegistryCredentials _credentials;

        private RegistryEndpoint(Uri registryBase, RegistryCredentials credentials) =>
            (RegistryBase, _credentials) = (registryBase, credentials);

        /// <summary>The registry's base URL (ends in '/').</summary>
        public Uri RegistryBase { get; }

        /// <summary>The API key that signs (public).</summary>
        public string ApiKey => _credentials.ApiKey;

        /// <summary>
        /// The pair of the environment the instance selects (<c>magento_saas/environment</c>), sent where the instance
        /// sends it; <paramref name="gateway"/> is another gateway to use instead (such as a local stand-in), null keeps
        /// the instance's.
        /// </summary>
        public static RegistryEndpoint ForInstance(ConfigTarget target, string? gateway)
        {
            var settings = InstanceGatewaySettings.Read(target);
            var pair = settings.Pair(settings.SelectedEnvironment);
            if (!pair.IsComplete)
            {
                throw new ConnectorException(ErrorIds.ApiKeyPairIncomplete, ConnectorErrorCategory.InvalidData, target.Root,
                    $"{target.Label} has no complete {pair.Environment} key pair in env.php: set it with Set-ConnectorConfiguration, or give -ApiKey and -PrivateKeyPath.");
            }
            var registryBase = RegistryGateway.RegistryBase(Strings.IsNullOrWhiteSpace(gateway) ? pair.Gateway : gateway, settings.RegistryApiPath);
            return new RegistryEndpoint(registryBase, pair.OpenCredentials());
        }

        /// <summary>
        /// An API key and its private key; without <paramref name="gateway"/>, Adobe's gateway of the key's environment
        /// as the local registry records it (production when the key is not recorded).
        /// </summary>
        public static RegistryEndpoint ForApiKey(IRegistryStore store, string? apiKey, string privateKeyText, string? gateway)
        {
            if (Strings.IsNullOrWhiteSpace(gateway))
            {
                var known = store?.Read().ApiKeys.FirstOrDefault(k => string.Equals(k.Id, apiKey?.Trim(), StringComparison.OrdinalIgnoreCase));
                gateway = RegistryGateway.ForEnvironment(known?.Environment ?? ApiKeyEnvironment.Production);
            }
            var registryBase = RegistryGateway.RegistryBase(gateway);
            return new RegistryEndpoint(registryBase, RegistryCredentials.Create(apiKey, privateKeyText));
        }

        /// <summary>
        /// The keys of a -Remote call: -Instance, or -ApiKey with -PrivateKeyPath (and -Gateway with either); none of them
        /// without -Remote. Refuses any other combination with <c>RemoteKeysRequired</c>.
        /// </summary>
        public static void CheckRemoteOptions(bool remote, bool instance, bool apiKey, bool privateKeyPath, bool gateway)
        {
            if (!remote)
            {
                if (instance || apiKey || privateKeyPath || gateway)
                {
                    throw new ConnectorException(ErrorIds.RemoteKeysRequired, ConnectorErrorCategory.InvalidArgument, null,
                        "-Instance, -ApiKey, -PrivateKeyPath and -Gateway say which merchant registry to call: add -Remote, or leave them out to act on the local registry only.");
                }
                return;
            }
            if (instance == (apiKey || privateKeyPath) || apiKey != privateKeyPath)
            {
                throw new ConnectorException(ErrorIds.RemoteKeysRequired, ConnectorErrorCategory.InvalidArgument, null,
                    "-Remote signs its request with a key pair: give -Instance (the pair its env.php selects, sent to its gateway), or -ApiKey with -PrivateKeyPath (and -Gateway for another gateway than Adobe's).");
            }
        }

        /// <summary>Opens a client on this endpoint, runs <paramref name="call"/> and waits for it.</summary>
        public T Call<T>(Func<RegistryClient, CancellationToken, Task<T>> call, RegistryClientOptions options, CancellationToken cancellationToken)
        {
            using (var client = new RegistryClient(RegistryBase, _credentials, options))
            {
                return call(client, cancellationToken).GetAwaiter().GetResult();
            }
        }

        public void Dispose() => _credentials.Dispose();

        public override string ToString() => $"{RegistryBase.Scheme}://{RegistryBase.Authority} (API key {ApiKey})";
    }
}
