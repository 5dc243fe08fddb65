using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Instances
{
    /// <summary>A Commerce installation known to the inventory: a Magento root folder and its role.</summary>
    public sealed class CommerceInstance
    {
        [JsonProperty("name")]
        public string Name { get; set; }

        [JsonProperty("mageId")]
        public string MageId { get; set; }

        /// <summary>The Magento root: the folder that holds app/etc/env.php.</summary>
        [JsonProperty("path")]
        public string Path { get; set; }

        [JsonProperty("role")]
        public InstanceRole Role { get; set; }

        [JsonProperty("baseUrl")]
        public string BaseUrl { get; set; }

        [JsonProperty("registeredAt")]
        public DateTimeOffset RegisteredAt { get; set; }

        [JsonProperty("registeredBy")]
        public string RegisteredBy { get; set; }

        /// <summary>The data space Set-DataSpace last assigned (the env.php file holds the truth; Test-ConnectorConfiguration compares).</summary>
        [JsonProperty("assignedDataSpaceId")]
        public string AssignedDataSpaceId { get; set; }

        /// <summary>
        /// Whether commands read this instance's database (core_config_data) besides its files; null (not stored) means
        /// the default, On. Set-CommerceInstance -DatabaseAccess sets it.
        /// </summary>
        [JsonProperty("databaseAccess", NullValueHandling = NullValueHandling.Ignore)]
        public DatabaseAccess? DatabaseAccess { get; set; }

        /// <summary>The connector values env.php held when Register-CommerceInstance registered it (not stored; null elsewhere).</summary>
        [JsonIgnore]
        public ConnectorConfiguration Connector { get; set; }

        /// <summary>
        /// What env.php names that the registry did not know at registration: API keys, project, data space, each with
        /// the command that brings it in (not stored; null elsewhere).
        /// </summary>
        [JsonIgnore]
        public IReadOnlyList<ConnectorRecord> Unknown { get; set; }

        /// <summary>What Register-CommerceInstance -Adopt brought into the registry from env.php (not stored; null elsewhere).</summary>
        [JsonIgnore]
        public IReadOnlyList<ConnectorRecord> Adopted { get; set; }

        [JsonIgnore]
        public string EnvPhpPath => System.IO.Path.Combine(Path, "app", "etc", "env.php");

        [JsonIgnore]
        public string ConfigPhpPath => System.IO.Path.Combine(Path, "app", "etc", "config.php");

        public override string ToString() => Name;
    }
}
