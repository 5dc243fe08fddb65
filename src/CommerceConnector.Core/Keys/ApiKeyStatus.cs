namespace CommerceConnector.Core.Keys
{
    public enum ApiKeyStatus
    {
        Active,
        Revoked,
    }
}
