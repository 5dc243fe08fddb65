using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// What an instance needs to speak to the merchant registry, read from its app/etc/env.php (over app/etc/config.php,
    /// as Magento reads them): the selected environment (<c>magento_saas/environment</c>), both key pairs, the gateway URL
    /// of each environment (<c>services_connector/{production|sandbox}_gateway_url</c>) and the registry path.
    /// </summary>
    public sealed class InstanceGatewaySettings
    {
        private InstanceGatewaySettings(ConfigTarget target, ApiKeyEnvironment selected, string registryApiPath, InstanceKeyPair production, InstanceKeyPair sandbox) =>
            (Target, SelectedEnvironment, RegistryApiPath, Production, Sandbox) =
            (target, selected, registryApiPath, production, sandbox);

        public ConfigTarget Target { get; }

        public ApiKeyEnvironment SelectedEnvironment { get; }

        public string RegistryApiPath { get; }

        public InstanceKeyPair Production { get; }

        public InstanceKeyPair Sandbox { get; }

        public InstanceKeyPair Pair(ApiKeyEnvironment environment) => environment == ApiKeyEnvironment.Sandbox ? Sandbox : Production;

        /// <summary>The pairs <paramref name="selection"/> names, the selected environment's first.</summary>
        public IReadOnlyList<InstanceKeyPair> Pairs(KeyPairSelection selection)
        {
            ApiKeyEnvironment other = SelectedEnvironment == ApiKeyEnvironment.Production ? ApiKeyEnvironment.Sandbox : ApiKeyEnvironment.Production;
            switch (selection)
            {
                case KeyPairSelection.Production:
                    return new[] { Production };
                case KeyPairSelection.Sandbox:
                    return new[] { Sandbox };
                case KeyPairSelection.Both:
                    return new[] { Pair(SelectedEnvironment), Pair(other) };
                default:
                    return new[] { Pair(SelectedEnvironment) };
            }
        }

        public static InstanceGatewaySettings Read(ConfigTarget target)
        {
            var env = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            var shared = ConfigFileWriter.Exists(target.ConfigPhp) ? PhpConfigFile.Parse(ConfigFileWriter.Read(target.ConfigPhp), target.ConfigPhp) : null;
            string? Value(string path)
            {
                foreach (var file in new[] { env, shared })
                {
                    var value = file?.Get(ConfigPaths.EnvPhpKeys(path));
                    if (value != null && (value.Kind == PhpValueKind.String || value.Kind == PhpValueKind.Integer))
                    {
                        return value.Text;
                    }
                }
                return null;
            }
            var selected = string.Equals(Value(ConfigPaths.Environment)?.Trim(), "sandbox", StringComparison.OrdinalIgnoreCase)
                ? ApiKeyEnvironment.Sandbox : ApiKeyEnvironment.Production;
            var production = new InstanceKeyPair(ApiKeyEnvironment.Production, Value(ConfigPaths.ProductionApiKey)?.Trim(), Value(ConfigPaths.ProductionPrivateKey),
                NonEmpty(Value(ConfigPaths.ProductionGatewayUrl)) ?? RegistryGateway.Production);
            var sandbox = new InstanceKeyPair(ApiKeyEnvironment.Sandbox, Value(ConfigPaths.SandboxApiKey)?.Trim(), Value(ConfigPaths.SandboxPrivateKey),
                NonEmpty(Value(ConfigPaths.SandboxGatewayUrl)) ?? RegistryGateway.Sandbox);
            return new InstanceGatewaySettings(target, selected, NonEmpty(Value(ConfigPaths.RegistryApiPath)) ?? ConfigPaths.DefaultRegistryApiPath, production, sandbox);
        }

        private static string? NonEmpty(string? value) => Strings.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
