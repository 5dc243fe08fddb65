using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Text;

namespace CommerceConnector
{
    /// <summary>
    /// The e-mail addresses of the members of the account given with -MageId, else of the connected account: licence
    /// owners first, then by address; the tooltip gives the role.
    /// </summary>
    public sealed class MemberCompleter : ConnectorCompleter
    {
        protected override IEnumerable<CompletionCandidate> Offer(string parameterName, IDictionary fakeBoundParameters)
        {
            string mageId = Bound(fakeBoundParameters, "MageId") ?? ConnectorSession.Default.RequireContext().MageId;
            return ConnectorSession.Default.OpenAccounts().GetAccount(mageId).Members
                .OrderBy(m => m.Role == MemberRole.LicenseOwner ? 0 : 1)
                .ThenBy(m => m.User, StringComparer.OrdinalIgnoreCase)
                .Select(m => new CompletionCandidate(m.User, m.User, $"{m.Role} of {mageId}"));
        }
    }
}
