using System;
using System.Collections.Generic;
using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.Keys
{
    public enum RotationState
    {
        /// <summary>Still to be written (or not yet known to be written: the next run reads env.php to find out).</summary>
        Pending,

        /// <summary>env.php holds the new key pair.</summary>
        Updated,

        /// <summary>env.php could not be written; <see cref="RotatedInstance.Reason"/> says why. The old key stays active.</summary>
        Failed,

        /// <summary>env.php no longer holds the old key (changed by hand, or the instance was unregistered): left alone.</summary>
        Skipped,
    }

    /// <summary>One registered instance in a key rotation, and where it stands.</summary>
    public sealed class RotatedInstance
    {
        public string Name { get; set; }

        public string Path { get; set; }

        public RotationState State { get; set; }

        /// <summary>Why the instance failed or was skipped; null otherwise.</summary>
        public string Reason { get; set; }

        public DateTimeOffset? ChangedAt { get; set; }

        /// <summary>
        /// The checks of Test-ConnectorConfiguration on the instance after this run wrote it (not stored; null when this
        /// run did not write it).
        /// </summary>
        public IReadOnlyList<ConfigCheck> Checks { get; set; }

        public override string ToString() => $"{Name}: {State}";
    }
}
