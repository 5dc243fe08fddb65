using System.Management.Automation.Language;
using CommerceConnector.Core.Text;

namespace CommerceConnector
{
    /// <summary>Turns Core's completion candidates into PowerShell completion results.</summary>
    public abstract class ConnectorCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IEnumerable<CompletionCandidate> candidates;
            try
            {
                candidates = Offer(parameterName, fakeBoundParameters).ToList();
            }
            catch (ConnectorException)
            {
                // A missing context or an unreadable registry offers nothing rather than an error in the middle of typing.
                candidates = Enumerable.Empty<CompletionCandidate>();
            }
            return Completion.Complete(candidates, wordToComplete)
                .Select(c => new CompletionResult(c.Value, c.Label, CompletionResultType.ParameterValue, c.ToolTip));
        }

        /// <summary>What may be inserted, in the order a person looks for it.</summary>
        protected abstract IEnumerable<CompletionCandidate> Offer(string parameterName, IDictionary fakeBoundParameters);

        /// <summary>A value already typed for another parameter of the same command, or null.</summary>
        protected static string? Bound(IDictionary? fakeBoundParameters, string name) =>
            fakeBoundParameters != null && fakeBoundParameters.Contains(name) ? fakeBoundParameters[name]?.ToString() : null;
    }
}
