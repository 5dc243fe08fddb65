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
}
