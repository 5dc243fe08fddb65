namespace CommerceConnector.Core.Instances
{
    /// <summary>An instance whose env.php still holds a project or data space name the registry no longer uses.</summary>
    public sealed class StaleNameInstance
    {
        internal StaleNameInstance(CommerceInstance instance, string? projectId, string? dataSpaceId) =>
            (Instance, ProjectId, DataSpaceId) = (instance, projectId, dataSpaceId);

        public CommerceInstance Instance { get; }

        public string? ProjectId { get; }

        /// <summary>The data space env.php names (null when it names the project only).</summary>
        public string? DataSpaceId { get; }
    }
}
