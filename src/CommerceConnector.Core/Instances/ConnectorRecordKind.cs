namespace CommerceConnector.Core.Instances
{
    /// <summary>The kinds of registry record an instance's env.php names.</summary>
    public enum ConnectorRecordKind
    {
        ApiKey,
        Project,
        DataSpace,
    }
}
