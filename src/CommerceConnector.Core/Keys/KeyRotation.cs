using System.Security;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// The registry's record of one rotation of an environment's API key (Update-ConnectorApiKey): the old key, the new
    /// key, and each registered instance that held the old key with where it stands. An open rotation is continued by
    /// the next Update-ConnectorApiKey of the same environment; env.php files are the truth, the record is the memory.
    /// </summary>
    public sealed class KeyRotation
    {
        public string Id { get; set; } = null!;

        public string MageId { get; set; } = null!;

        public ApiKeyEnvironment Environment { get; set; }

        public string OldApiKey { get; set; } = null!;

        public string NewApiKey { get; set; } = null!;

        /// <summary>The fingerprint of the new key pair: a resumed run checks the private key it is given against it.</summary>
        public string NewKeyFingerprint { get; set; } = null!;

        public DateTimeOffset StartedAt { get; set; }

        public string StartedBy { get; set; } = null!;

        public KeyRotationStatus Status { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        /// <summary>True once the rotation revoked the old key; false while open, or when completed with -KeepOldKey.</summary>
        public bool OldKeyRevoked { get; set; }

        public List<RotatedInstance> Instances { get; set; } = new List<RotatedInstance>();

        public int Updated => Count(RotationState.Updated);

        public int Failed => Count(RotationState.Failed);

        public int Pending => Count(RotationState.Pending);

        /// <summary>
        /// Only on the object Update-ConnectorApiKey -AsSecureString returns: the new private key, the one time it is
        /// handed out. Never stored.
        /// </summary>
        public SecureString? PrivateKey { get; set; }

        private int Count(RotationState state) => Instances?.Count(i => i.State == state) ?? 0;

        public override string ToString() => $"{Environment} {OldApiKey} -> {NewApiKey} ({Status})";
    }
}
