using System;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Configuration;

namespace CommerceConnector.RegistryServer
{
    /// <summary>The stand-in's settings, from the command line (<c>--registry</c>, <c>--base-path</c>, ...) or configuration.</summary>
    public sealed class ServerOptions
    {
        /// <summary>The registry folder (what COMMERCE_CONNECTOR_HOME names for the module); <see cref="From"/> always sets it.</summary>
        public string RegistryFolder { get; set; } = string.Empty;

        /// <summary>The registry path, as <c>services_connector/services_id/registry_api_path</c> (default /merchant-registry/v1/).</summary>
        public string BasePath { get; set; } = "/merchant-registry/v1";

        /// <summary>How long a client may take to send its request headers before the connection is cut.</summary>
        public TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The largest request body accepted.</summary>
        public long MaxBodyBytes { get; set; } = 64 * 1024;

        /// <summary>The largest total size of request headers (a token is about 500 bytes).</summary>
        public int MaxHeaderBytes { get; set; } = 32 * 1024;

        /// <summary>The clock skew tolerated on a token's exp and nbf.</summary>
        public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Whether a token already verified for a key is accepted again without a new RSA check until it expires. The
        /// connector's tokens are deterministic (RS256, exp in whole seconds), so one instance sends the same token for
        /// every request within a second; the key's status and the token's expiry are still checked each time.
        /// </summary>
        public bool CacheVerifiedTokens { get; set; } = true;

        /// <summary>Whether each request is logged (method, path, status, time, key id); off for benchmarks.</summary>
        public bool LogRequests { get; set; } = true;

        internal static ServerOptions From(IConfiguration configuration)
        {
            var options = new ServerOptions();
            string? folder = configuration["registry"];
            if (string.IsNullOrWhiteSpace(folder))
            {
                throw new ServerOptionsException("Give the registry folder: --registry <folder> (the folder COMMERCE_CONNECTOR_HOME names, holding registry.json).");
            }
            options.RegistryFolder = Path.GetFullPath(folder);
            if (!Directory.Exists(options.RegistryFolder))
            {
                throw new ServerOptionsException($"The registry folder '{options.RegistryFolder}' does not exist: create the registry with the module first (New-CommerceAccount).");
            }
            string? basePath = configuration["base-path"];
            if (!string.IsNullOrWhiteSpace(basePath))
            {
                options.BasePath = "/" + basePath.Trim().Trim('/');
            }
            options.HeaderTimeout = Seconds(configuration, "header-timeout", options.HeaderTimeout);
            options.ClockSkew = Seconds(configuration, "clock-skew", options.ClockSkew);
            if (bool.TryParse(configuration["token-cache"], out bool cache))
            {
                options.CacheVerifiedTokens = cache;
            }
            if (bool.TryParse(configuration["log-requests"], out bool log))
            {
                options.LogRequests = log;
            }
            return options;
        }

        private static TimeSpan Seconds(IConfiguration configuration, string key, TimeSpan fallback)
        {
            string? text = configuration[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds <= 0 || seconds > 3600)
            {
                throw new ServerOptionsException($"--{key} takes a number of seconds between 0 and 3600, not '{text}'.");
            }
            return TimeSpan.FromSeconds(seconds);
        }
    }
}
