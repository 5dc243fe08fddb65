namespace CommerceConnector.Core.Projects
{
    public enum DataSpaceType
    {
        Production,
        Testing,
    }
}
