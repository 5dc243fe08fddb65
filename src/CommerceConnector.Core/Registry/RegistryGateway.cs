using System.Net;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// Where the merchant registry is reached: a gateway (Adobe's production or sandbox one, or any URL given, such as a
    /// local stand-in) plus the registry path (<c>services_connector/services_id/registry_api_path</c>, default
    /// <c>/merchant-registry/v1/</c>). Plain http is allowed only for loopback addresses: the API key travels in headers.
    /// </summary>
    public static class RegistryGateway
    {
        public const string Production = "https://commerce.adobe.io/";
        public const string Sandbox = "https://commerce-beta.adobe.io/";

        /// <summary>Adobe's gateway for keys of <paramref name="environment"/>.</summary>
        public static string ForEnvironment(ApiKeyEnvironment environment) =>
            environment == ApiKeyEnvironment.Sandbox ? Sandbox : Production;

        /// <summary>
        /// The registry's base URL (ending in '/') for <paramref name="gateway"/> and <paramref name="registryApiPath"/>;
        /// a gateway URL that may not carry keys is refused with <c>GatewayUrlInvalid</c>.
        /// </summary>
        public static Uri RegistryBase(string gateway, string? registryApiPath = null)
        {
            Uri root = CheckGateway(gateway);
            string path = Strings.IsNullOrWhiteSpace(registryApiPath) ? ConfigPaths.DefaultRegistryApiPath : registryApiPath.Trim();
            if (path.Contains("?") || path.Contains("#") || path.Contains("\\") || path.Contains(".."))
            {
                throw new ConnectorException(ErrorIds.GatewayUrlInvalid, ConnectorErrorCategory.InvalidArgument, registryApiPath,
                    $"'{registryApiPath}' is not a registry path: give a path such as {ConfigPaths.DefaultRegistryApiPath}.");
            }
            string prefix = root.AbsolutePath.TrimEnd('/');
            string joined = prefix + "/" + path.Trim('/') + "/";
            return new UriBuilder(root.Scheme, root.Host, root.Port, joined.Replace("//", "/")).Uri;
        }

        /// <summary>Checks a gateway URL: absolute, https (http only on a loopback address), no user name, query or fragment.</summary>
        public static Uri CheckGateway(string gateway)
        {
            if (string.IsNullOrWhiteSpace(gateway) || !Uri.TryCreate(gateway.Trim(), UriKind.Absolute, out Uri uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw Invalid(gateway, "it is not an absolute http(s) URL, such as " + Production);
            }
            if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                // A user name or password in the URL would end up in messages and logs.
                throw Invalid(Redact(uri), "a gateway URL has no user name, password, query or fragment");
            }
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw Invalid(gateway, "plain http would send the API key unencrypted; http is allowed only for a stand-in on a loopback address (127.0.0.1, [::1], localhost). Use https");
            }
            return uri;
        }

        /// <summary>Whether the URL names this machine (127.0.0.0/8, ::1 or localhost).</summary>
        public static bool IsLoopback(Uri uri) =>
            string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress address) && IPAddress.IsLoopback(address));

        private static string Redact(Uri uri) => uri.Scheme + "://" + uri.Authority + uri.AbsolutePath;

        private static ConnectorException Invalid(string gateway, string why) =>
            new ConnectorException(ErrorIds.GatewayUrlInvalid, ConnectorErrorCategory.InvalidArgument, gateway,
                $"The gateway URL '{gateway}' cannot be used: {why}.");
    }
}
