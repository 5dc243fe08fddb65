using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.Keys
{
    /// <summary>One registered instance in a key rotation, and where it stands.</summary>
    public sealed class RotatedInstance
    {
        public string Name { get; set; } = null!;

        public string Path { get; set; } = null!;

        public RotationState State { get; set; }

        /// <summary>Why the instance failed or was skipped; null otherwise.</summary>
        public string? Reason { get; set; }

        public DateTimeOffset? ChangedAt { get; set; }

        /// <summary>
        /// The checks of Test-ConnectorConfiguration on the instance after this run wrote it (not stored; null when this
        /// run did not write it).
        /// </summary>
        public IReadOnlyList<ConfigCheck>? Checks { get; set; }

        public override string ToString() => $"{Name}: {State}";
    }
}
