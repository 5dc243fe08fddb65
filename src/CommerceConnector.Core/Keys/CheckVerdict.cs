namespace CommerceConnector.Core.Keys
{
    public enum CheckVerdict
    {
        Passed,
        Failed,
        Skipped,
    }
}
