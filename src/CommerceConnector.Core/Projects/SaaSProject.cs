using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Projects
{
    /// <summary>A SaaS project: a group of data spaces. Property names follow the merchant registry's rows.</summary>
    public sealed class SaaSProject
    {
        public string ProjectId { get; set; } = null!;

        public string ProjectName { get; set; } = null!;

        public string MageId { get; set; } = null!;

        public DateTimeOffset CreatedAt { get; set; }

        public string CreatedBy { get; set; } = null!;

        /// <summary>Where the record came from: created here, registered by hand, or adopted from an instance's env.php.</summary>
        public RecordSource Source { get; set; }

        /// <summary>The project's data spaces (filled in on read; stored separately).</summary>
        public IReadOnlyList<DataSpace> DataSpaces { get; set; } = Array.Empty<DataSpace>();

        public override string ToString() => ProjectName;
    }
}
