using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CommerceConnector.Core.Catalog;
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
            IEnumerable<string> candidates;
            try
            {
                candidates = Candidates(fakeBoundParameters);
            }
            catch (ConnectorException)
            {
                // A missing context or an unreadable registry offers nothing rather than an error in the middle of typing.
                candidates = Enumerable.Empty<string>();
            }
            return Completion.Complete(candidates, wordToComplete)
                .Select(text => new CompletionResult(text, text.Trim('\''), CompletionResultType.ParameterValue, text.Trim('\'')));
        }

        protected abstract IEnumerable<string> Candidates(IDictionary fakeBoundParameters);
    }

    public sealed class MageIdCompleter : ConnectorCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ConnectorSession.Default.OpenStore().Read().Accounts.Select(a => a.MageId);
    }

    public sealed class ApiKeyNameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            return ConnectorSession.Default.OpenApiKeys().GetKeys(context.MageId).Select(k => k.Name);
        }
    }

    public sealed class SaaSProjectNameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            return ConnectorSession.Default.OpenProjects().GetProjects(context.MageId).Select(p => p.ProjectName);
        }
    }

    /// <summary>Data space names, of the project already typed after -Project when there is one.</summary>
    public sealed class DataSpaceNameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            var context = ConnectorSession.Default.RequireContext();
            string project = fakeBoundParameters != null && fakeBoundParameters.Contains("Project") ? fakeBoundParameters["Project"]?.ToString() : null;
            return ConnectorSession.Default.OpenProjects().GetDataSpaces(context.MageId, project).Select(d => d.DataSpaceName);
        }
    }

    public sealed class InstanceNameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ConnectorSession.Default.OpenInstances().Get(ConnectorSession.Default.RequireContext().MageId).Select(i => i.Name);
    }

    public sealed class ServiceNameCompleter : ConnectorCompleter
    {
        protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            ServiceCatalog.All.Select(s => s.Name);
    }
}
