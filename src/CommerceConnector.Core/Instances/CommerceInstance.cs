namespace CommerceConnector.Core.Instances
{
    /// <summary>A Commerce installation known to the inventory: a Magento root folder and its role.</summary>
    public sealed class CommerceInstance
    {
        public string Name { get; set; } = null!;

        public string MageId { get; set; } = null!;

        /// <summary>The Magento root: the folder that holds app/etc/env.php.</summary>
        public string Path { get; set; } = null!;

        public InstanceRole Role { get; set; }

        public string? BaseUrl { get; set; }

        public DateTimeOffset RegisteredAt { get; set; }

        public string RegisteredBy { get; set; } = null!;

        /// <summary>The data space Set-DataSpace last assigned (the env.php file holds the truth; Test-ConnectorConfiguration compares).</summary>
        public string? AssignedDataSpaceId { get; set; }

        /// <summary>
        /// Whether commands read this instance's database (core_config_data) besides its files; null (not stored) means
        /// the default, On. Set-CommerceInstance -DatabaseAccess sets it.
        /// </summary>
        public DatabaseAccess? DatabaseAccess { get; set; }

        /// <summary>The connector values env.php held when Register-CommerceInstance registered it (not stored; null elsewhere).</summary>
        public ConnectorConfiguration? Connector { get; set; }

        /// <summary>
        /// What env.php names that the registry did not know at registration: API keys, project, data space, each with
        /// the command that brings it in (not stored; null elsewhere).
        /// </summary>
        public IReadOnlyList<ConnectorRecord>? Unknown { get; set; }

        /// <summary>What Register-CommerceInstance -Adopt brought into the registry from env.php (not stored; null elsewhere).</summary>
        public IReadOnlyList<ConnectorRecord>? Adopted { get; set; }

        public string EnvPhpPath => System.IO.Path.Combine(Path, "app", "etc", "env.php");

        public string ConfigPhpPath => System.IO.Path.Combine(Path, "app", "etc", "config.php");

        public override string ToString() => Name;
    }
}
