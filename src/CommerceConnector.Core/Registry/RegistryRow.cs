using Newtonsoft.Json;

namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// One row of the merchant registry: a data space ("environment") with its project, as <c>GET registry</c>,
    /// <c>GET registry/projects/{id}</c> and <c>POST registry/initialize</c> return them in <c>results</c>, and as
    /// <c>GET registry/environments/{id}</c> returns one bare object. The JSON names are the protocol's.
    /// </summary>
    public sealed class RegistryRow
    {
        [JsonProperty("projectId")]
        public string? ProjectId { get; set; }

        [JsonProperty("projectName")]
        public string? ProjectName { get; set; }

        [JsonProperty("environmentId")]
        public string? EnvironmentId { get; set; }

        [JsonProperty("environmentName")]
        public string? EnvironmentName { get; set; }

        /// <summary>The data space type as the registry writes it: "production" or "testing".</summary>
        [JsonProperty("environmentType")]
        public string? EnvironmentType { get; set; }

        /// <summary>The Adobe Commerce Cloud project linked to the data space, when one is.</summary>
        [JsonProperty("cloudId", NullValueHandling = NullValueHandling.Ignore)]
        public string? CloudId { get; set; }

        public override string ToString() => $"{ProjectName}/{EnvironmentName}";
    }
}
