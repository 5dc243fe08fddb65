namespace CommerceConnector.Core.Hosts
{
    public enum HostFileError
    {
        NotFound,
        Dangling,
        NotAFile,
        Unreadable,
    }
}
