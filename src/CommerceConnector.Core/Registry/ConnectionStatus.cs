namespace CommerceConnector.Core.Registry
{
    /// <summary>The verdict of a ping with one key pair.</summary>
    public enum ConnectionStatus
    {
        /// <summary>The gateway answered the ping with 200: it accepts the keys.</summary>
        Accepted,

        /// <summary>The gateway refused the keys (401/403), or refused them because the clocks differ.</summary>
        Rejected,

        /// <summary>No verdict on the keys: the gateway could not be reached or did not answer as the registry does.</summary>
        Unreachable,

        /// <summary>The instance has no usable pair for this environment (missing API key, private key or gateway).</summary>
        NotConfigured,
    }
}
