namespace CommerceConnector.Core.DataExport
{
    /// <summary>The kinds of line saas:resync prints.</summary>
    public enum ResyncLineKind
    {
        Blank,
        Started,
        Progress,
        Completed,
        Error,
        Locked,
    }
}
