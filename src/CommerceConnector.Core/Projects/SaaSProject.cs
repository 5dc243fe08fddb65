using System;
using System.Collections.Generic;
using CommerceConnector.Core.Storage;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Projects
{
    public enum DataSpaceType
    {
        Production,
        Testing,
    }

    /// <summary>A SaaS project: a group of data spaces. Property names follow the merchant registry's rows.</summary>
    public sealed class SaaSProject
    {
        [JsonProperty("projectId")]
        public string ProjectId { get; set; }

        [JsonProperty("projectName")]
        public string ProjectName { get; set; }

        [JsonProperty("mageId")]
        public string MageId { get; set; }

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        [JsonProperty("createdBy")]
        public string CreatedBy { get; set; }

        /// <summary>Where the record came from: created here, registered by hand, or adopted from an instance's env.php.</summary>
        [JsonProperty("source")]
        public RecordSource Source { get; set; }

        /// <summary>The project's data spaces (filled in on read; stored separately).</summary>
        [JsonIgnore]
        public IReadOnlyList<DataSpace> DataSpaces { get; set; } = Array.Empty<DataSpace>();

        public override string ToString() => ProjectName;
    }

    /// <summary>One cleanup request of a data space's exported data.</summary>
    public sealed class CleanupRequest
    {
        [JsonProperty("requestedAt")]
        public DateTimeOffset RequestedAt { get; set; }

        [JsonProperty("requestedBy")]
        public string RequestedBy { get; set; }

        /// <summary>How many exported items the cleanup removed.</summary>
        [JsonProperty("removedItems")]
        public int RemovedItems { get; set; }
    }

    /// <summary>
    /// A data space (the registry protocol's "environment"): where one Commerce installation's exported data lives.
    /// </summary>
    public sealed class DataSpace
    {
        [JsonProperty("dataSpaceId")]
        public string DataSpaceId { get; set; }

        [JsonProperty("dataSpaceName")]
        public string DataSpaceName { get; set; }

        [JsonProperty("type")]
        public DataSpaceType Type { get; set; }

        [JsonProperty("projectId")]
        public string ProjectId { get; set; }

        /// <summary>The project's current name (filled in on read).</summary>
        [JsonIgnore]
        public string ProjectName { get; set; }

        [JsonProperty("mageId")]
        public string MageId { get; set; }

        [JsonProperty("createdAt")]
        public DateTimeOffset CreatedAt { get; set; }

        /// <summary>The support ticket that granted an additional testing data space.</summary>
        [JsonProperty("supportTicket")]
        public string SupportTicket { get; set; }

        [JsonProperty("cleanups")]
        public List<CleanupRequest> Cleanups { get; set; } = new List<CleanupRequest>();

        /// <summary>Items exported into this data space (the data export fills it; a cleanup empties it).</summary>
        [JsonProperty("exportedItems")]
        public int ExportedItems { get; set; }

        /// <summary>Where the record came from: created here, registered by hand, or adopted from an instance's env.php.</summary>
        [JsonProperty("source")]
        public RecordSource Source { get; set; }

        /// <summary>The Adobe Commerce Cloud project the registry linked this data space to (PUT .../cloudid/{id}); null when none.</summary>
        [JsonProperty("cloudId", NullValueHandling = NullValueHandling.Ignore)]
        public string CloudId { get; set; }

        [JsonIgnore]
        public DateTimeOffset? LastCleanupAt => Cleanups.Count == 0 ? (DateTimeOffset?)null : Cleanups[Cleanups.Count - 1].RequestedAt;

        public override string ToString() => DataSpaceName;
    }
}
