using CommerceConnector.Core.Text;

namespace CommerceConnector
{
    /// <summary>
    /// Active API key ids for -ProductionApiKey and -SandboxApiKey: only that environment's keys, newest first; typing
    /// the start of a key's name finds it too. The list shows the name, the tooltip name, environment and creation.
    /// </summary>
    public sealed class ApiKeyIdCompleter : ConnectorCompleter
    {
        protected override IEnumerable<CompletionCandidate> Offer(string parameterName, IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            ApiKeyEnvironment? environment = parameterName.StartsWith("Sandbox", StringComparison.OrdinalIgnoreCase) ? ApiKeyEnvironment.Sandbox
                : parameterName.StartsWith("Production", StringComparison.OrdinalIgnoreCase) ? ApiKeyEnvironment.Production : (ApiKeyEnvironment?)null;
            return ConnectorSession.Default.OpenApiKeys().GetKeys(context.MageId, environment)
                .OrderByDescending(k => k.CreatedAt)
                .Select(k => new CompletionCandidate(k.Id, $"{k.Name} ({k.Id})", $"{k.Environment} API key '{k.Name}', created {k.CreatedAt:yyyy-MM-dd}"));
        }
    }
}
