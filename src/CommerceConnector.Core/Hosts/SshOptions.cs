namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// How the system's OpenSSH client is run. By default: <c>ssh</c> from PATH with the user's own configuration
    /// (<c>~/.ssh/config</c>, the agent, <c>~/.ssh/known_hosts</c>). <c>COMMERCE_CONNECTOR_SSH_CONFIG</c> names another
    /// config file (passed as <c>-F</c>, as a runbook worker or the tests need) and <c>COMMERCE_CONNECTOR_SSH</c> another
    /// client binary.
    /// </summary>
    public sealed class SshOptions
    {
        public const string ConfigFileVariable = "COMMERCE_CONNECTOR_SSH_CONFIG";
        public const string ExecutableVariable = "COMMERCE_CONNECTOR_SSH";

        /// <summary>The ssh client: a name looked up on PATH or a full path.</summary>
        public string Executable { get; set; } = "ssh";

        /// <summary>A config file given with <c>-F</c> instead of ~/.ssh/config; null for the user's own.</summary>
        public string? ConfigFile { get; set; }

        /// <summary>How long connecting may take (ssh's ConnectTimeout, per hop).</summary>
        public int ConnectTimeoutSeconds { get; set; } = 15;

        /// <summary>The options from the environment (see the class summary).</summary>
        public static SshOptions FromEnvironment()
        {
            var options = new SshOptions();
            string config = Environment.GetEnvironmentVariable(ConfigFileVariable);
            if (!string.IsNullOrWhiteSpace(config))
            {
                options.ConfigFile = config;
            }
            string executable = Environment.GetEnvironmentVariable(ExecutableVariable);
            if (!string.IsNullOrWhiteSpace(executable))
            {
                options.Executable = executable;
            }
            return options;
        }
    }
}
