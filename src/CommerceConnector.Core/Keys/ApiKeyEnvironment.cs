namespace CommerceConnector.Core.Keys
{
    public enum ApiKeyEnvironment
    {
        Production,
        Sandbox,
    }
}
