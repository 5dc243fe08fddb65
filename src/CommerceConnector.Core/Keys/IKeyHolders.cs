namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// Which registered instances hold an API key: asked before a key is revoked. The instances side answers it (it
    /// reads their configuration); the key portal only asks, so keys never call back into the instances.
    /// </summary>
    public interface IKeyHolders
    {
        /// <summary>Names of the registered instances configured with API key <paramref name="apiKeyId"/>.</summary>
        IReadOnlyList<string> InstancesConfiguredWith(string apiKeyId);
    }
}
