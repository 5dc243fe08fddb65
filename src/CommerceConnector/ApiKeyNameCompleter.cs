namespace CommerceConnector
{
    public sealed class ApiKeyNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            return ConnectorSession.Default.OpenApiKeys().GetKeys(context.MageId).Select(k => k.Name);
        }
    }
}
