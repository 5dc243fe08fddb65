namespace CommerceConnector
{
    public sealed class InstanceNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ConnectorSession.Default.OpenInstances().Get(ConnectorSession.Default.RequireContext().MageId).Select(i => i.Name);
    }
}
