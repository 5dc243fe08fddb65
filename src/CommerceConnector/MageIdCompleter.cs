using System.Collections;
using System.Collections.Generic;
using System.Linq;
using CommerceConnector.Core.Session;

namespace CommerceConnector
{
    public sealed class MageIdCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ConnectorSession.Default.OpenStore().Read().Accounts.Select(a => a.MageId);
    }
}
