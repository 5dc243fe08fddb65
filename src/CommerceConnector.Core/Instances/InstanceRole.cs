namespace CommerceConnector.Core.Instances
{
    /// <summary>What an installation is for; the guards judge data space assignments by it.</summary>
    public enum InstanceRole
    {
        Production,
        Staging,
        Development,
        Integration,
    }
}
