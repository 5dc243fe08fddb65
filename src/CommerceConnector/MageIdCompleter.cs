namespace CommerceConnector
{
    public sealed class MageIdCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ConnectorSession.Default.OpenStore().Read().Accounts.Select(a => a.MageId);
    }
}
