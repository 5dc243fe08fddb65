using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Text;

namespace CommerceConnector
{
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
}
