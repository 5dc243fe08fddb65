namespace CommerceConnector.Core.Keys
{
    public enum KeyRotationStatus
    {
        /// <summary>Some registered instance may still hold the old key; the old key stays active.</summary>
        Open,

        /// <summary>Every instance that held the old key holds the new one; the old key was revoked (or kept with -KeepOldKey).</summary>
        Completed,
    }
}
