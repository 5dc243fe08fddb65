namespace CommerceConnector
{
    public sealed class SaaSProjectNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            return ConnectorSession.Default.OpenProjects().GetProjects(context.MageId).Select(p => p.ProjectName);
        }
    }
}
