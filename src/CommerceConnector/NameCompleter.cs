using CommerceConnector.Core.Text;

namespace CommerceConnector
{
    /// <summary>Completes names, sorted without regard to case.</summary>
    public abstract class NameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<CompletionCandidate> Offer(string parameterName, IDictionary fakeBoundParameters) =>
            Completion.Names(Candidates(fakeBoundParameters));

        protected abstract IEnumerable<string> Candidates(IDictionary fakeBoundParameters);
    }
}
