namespace CommerceConnector.Core.Session
{
    public enum ContextSource
    {
        /// <summary>Set by Connect-CommerceAccount in this session.</summary>
        Connected,

        /// <summary>Read from COMMERCE_CONNECTOR_MAGEID and COMMERCE_CONNECTOR_USER.</summary>
        Environment,
    }
}
