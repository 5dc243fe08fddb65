namespace CommerceConnector.Core.Keys
{
    /// <summary>A revocation and the instances that still hold the revoked key.</summary>
    public sealed class RevokedApiKey
    {
        internal RevokedApiKey(ApiKey key, IReadOnlyList<string> instancesStillConfigured) =>
            (Key, InstancesStillConfigured) = (key, instancesStillConfigured);

        public ApiKey Key { get; }

        public IReadOnlyList<string> InstancesStillConfigured { get; }
    }
}
