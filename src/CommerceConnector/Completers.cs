using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Catalog;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Session;
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
        protected static string Bound(IDictionary fakeBoundParameters, string name) =>
            fakeBoundParameters != null && fakeBoundParameters.Contains(name) ? fakeBoundParameters[name]?.ToString() : null;
    }

    /// <summary>Completes names, sorted without regard to case.</summary>
    public abstract class NameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<CompletionCandidate> Offer(string parameterName, IDictionary fakeBoundParameters) =>
            Completion.Names(Candidates(fakeBoundParameters));

        protected abstract IEnumerable<string> Candidates(IDictionary fakeBoundParameters);
    }

    public sealed class MageIdCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ConnectorSession.Default.OpenStore().Read().Accounts.Select(a => a.MageId);
    }

    public sealed class ApiKeyNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            return ConnectorSession.Default.OpenApiKeys().GetKeys(context.MageId).Select(k => k.Name);
        }
    }

    public sealed class SaaSProjectNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            return ConnectorSession.Default.OpenProjects().GetProjects(context.MageId).Select(p => p.ProjectName);
        }
    }

    /// <summary>
    /// Data spaces by name, then by id, of the project already typed after -Project when there is one: the production
    /// data space first, then the testing ones; the tooltip says type, project and id.
    /// </summary>
    public sealed class DataSpaceNameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<CompletionCandidate> Offer(string parameterName, IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            var spaces = ConnectorSession.Default.OpenProjects().GetDataSpaces(context.MageId, Bound(fakeBoundParameters, "Project"))
                .OrderBy(d => d.ProjectName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(d => d.Type == DataSpaceType.Production ? 0 : 1)
                .ThenBy(d => d.DataSpaceName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            foreach (var space in spaces)
            {
                yield return new CompletionCandidate(space.DataSpaceName, space.DataSpaceName,
                    $"{space.Type} data space of '{space.ProjectName}' ({space.DataSpaceId})");
            }
            foreach (var space in spaces)
            {
                yield return new CompletionCandidate(space.DataSpaceId, space.DataSpaceId,
                    $"'{space.DataSpaceName}', {space.Type} data space of '{space.ProjectName}'");
            }
        }
    }

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

    public sealed class InstanceNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ConnectorSession.Default.OpenInstances().Get(ConnectorSession.Default.RequireContext().MageId).Select(i => i.Name);
    }

    public sealed class ServiceNameCompleter : NameCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ServiceCatalog.All.Select(s => s.Name);
    }
}
