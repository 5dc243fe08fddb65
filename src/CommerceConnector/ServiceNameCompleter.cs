using CommerceConnector.Core.Catalog;

namespace CommerceConnector
{
    public sealed class ServiceNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ServiceCatalog.All.Select(s => s.Name);
    }
}
