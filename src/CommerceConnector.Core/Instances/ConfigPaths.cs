namespace CommerceConnector.Core.Instances
{
    /// <summary>The Magento configuration paths of the Commerce Services Connector and where env.php keeps them.</summary>
    public static class ConfigPaths
    {
        public const string ProductionApiKey = "services_connector/services_connector_integration/production_api_key";
        public const string ProductionPrivateKey = "services_connector/services_connector_integration/production_private_key";
        public const string SandboxApiKey = "services_connector/services_connector_integration/sandbox_api_key";
        public const string SandboxPrivateKey = "services_connector/services_connector_integration/sandbox_private_key";
        public const string Environment = "magento_saas/environment";
        public const string ProjectId = "services_connector/services_id/project_id";
        public const string ProjectName = "services_connector/services_id/project_name";
        public const string DataSpaceId = "services_connector/services_id/environment_id";
        public const string DataSpaceName = "services_connector/services_id/environment_name";
        public const string DataSpaceType = "services_connector/services_id/environment";
        public const string ImsOrganizationId = "services_connector/services_id/ims_organization_id";
        public const string RegistryApiPath = "services_connector/services_id/registry_api_path";

        public const string DefaultRegistryApiPath = "/merchant-registry/v1/";

        /// <summary>The gateway an instance sends production-key requests to (Magento's default: https://commerce.adobe.io/).</summary>
        public const string ProductionGatewayUrl = "services_connector/production_gateway_url";

        /// <summary>The gateway an instance sends sandbox-key requests to (Magento's default: https://commerce-beta.adobe.io/).</summary>
        public const string SandboxGatewayUrl = "services_connector/sandbox_gateway_url";

        /// <summary>Every connector path, in the order Magento needs them set: keys, environment, project, data space, IMS.</summary>
        public static IReadOnlyList<string> All { get; } = new[]
        {
            ProductionApiKey, ProductionPrivateKey, SandboxApiKey, SandboxPrivateKey, Environment,
            ProjectId, ProjectName, DataSpaceId, DataSpaceName, DataSpaceType, ImsOrganizationId, RegistryApiPath,
        };

        /// <summary>The secret ones: never shown, exported only on request.</summary>
        public static IReadOnlyList<string> Secrets { get; } = new[] { ProductionPrivateKey, SandboxPrivateKey };

        /// <summary>Where <c>bin/magento config:set --lock-env</c> writes a default-scope path in env.php.</summary>
        public static IReadOnlyList<string> EnvPhpKeys(string configPath) => new[] { "system", "default" }.Concat(configPath.Split('/')).ToList();

        /// <summary>The environment variable Magento reads for a default-scope path, e.g. CONFIG__DEFAULT__MAGENTO_SAAS__ENVIRONMENT.</summary>
        public static string EnvironmentVariable(string configPath) => "CONFIG__DEFAULT__" + configPath.ToUpperInvariant().Replace("/", "__");
    }
}
