namespace CommerceConnector.Core.Projects
{
    /// <summary>
    /// One difference between the merchant registry's answer and the local registry, for one project or data space:
    /// what Sync-SaaSProject changes (or, for <see cref="RegistryChangeKind.Gone"/>, reports).
    /// </summary>
    public sealed class RegistryChange
    {
        internal RegistryChange(RegistryChangeKind kind, string record, string projectId, string? projectName, string? dataSpaceId, string? dataSpaceName,
            DataSpaceType? type, string? previousName) =>
            (Kind, Record, ProjectId, ProjectName, DataSpaceId, DataSpaceName, Type, PreviousName) =
            (kind, record, projectId, projectName, dataSpaceId, dataSpaceName, type, previousName);

        public RegistryChangeKind Kind { get; }

        /// <summary>"Project" or "DataSpace".</summary>
        public string Record { get; }

        public string ProjectId { get; }

        /// <summary>Null only for a data space that is gone with its project.</summary>
        public string? ProjectName { get; }

        /// <summary>Null for a project.</summary>
        public string? DataSpaceId { get; }

        public string? DataSpaceName { get; }

        /// <summary>The data space's type; null for a project.</summary>
        public DataSpaceType? Type { get; }

        /// <summary>For <see cref="RegistryChangeKind.Renamed"/>: the local name before.</summary>
        public string? PreviousName { get; }

        /// <summary>For a rename: the instances whose env.php holds the record's id with a name that is now stale.</summary>
        public IReadOnlyList<string> StaleInstances { get; internal set; } = Array.Empty<string>();

        /// <summary>What happened and, where there is something to do, what to run.</summary>
        public string Message { get; internal set; } = null!; // RegistrySync describes every change it returns

        /// <summary>The record's id (the data space's, or the project's).</summary>
        public string Id => DataSpaceId ?? ProjectId;

        /// <summary>The record's name now.</summary>
        public string? Name => DataSpaceId != null ? DataSpaceName : ProjectName;

        /// <summary>Whether <paramref name="other"/> is the same change of the same record (from another plan of the same answer).</summary>
        public bool Matches(RegistryChange? other) =>
            other != null && other.Kind == Kind && other.Record == Record && string.Equals(other.Id, Id, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => $"{Kind} {Record} {Id} ('{Name}')";
    }
}
