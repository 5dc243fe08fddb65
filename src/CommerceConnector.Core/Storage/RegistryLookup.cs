using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// The one place where registry entities are looked up in a <see cref="RegistryDocument"/> and where "not found" is
    /// said: every service (accounts, API keys, projects, data spaces, instances) finds its records here, so an id
    /// compares the same way and a missing record is reported with the same error id and advice everywhere.
    /// </summary>
    internal static class RegistryLookup
    {
        /// <summary>Whether two ids or names are the same registry key: MageIDs, key ids, names compare case-insensitively.</summary>
        public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        public static CommerceAccount Account(RegistryDocument document, string mageId) =>
            document.Accounts.FirstOrDefault(a => Same(a.MageId, mageId)) ?? throw AccountNotFound(mageId);

        /// <summary>An API key of the account by id (revoked ones too).</summary>
        public static ApiKey ApiKey(RegistryDocument document, string mageId, string? id) =>
            document.ApiKeys.FirstOrDefault(k => Same(k.MageId, mageId) && Same(k.Id, id?.Trim())) ?? throw ApiKeyNotFound(mageId, id);

        /// <summary>A project of the account by id, or else by name.</summary>
        public static SaaSProject Project(RegistryDocument document, string account, string? nameOrId)
        {
            string? key = nameOrId?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                throw new ConnectorException(ErrorIds.ProjectNotFound, ConnectorErrorCategory.InvalidArgument, nameOrId, "A SaaS project name or id is required.");
            }
            var mine = document.Projects.Where(p => Same(p.MageId, account)).ToList();
            return mine.FirstOrDefault(p => Same(p.ProjectId, key)) ?? mine.FirstOrDefault(p => Same(p.ProjectName, key)) ?? throw ProjectNotFound(account, nameOrId);
        }

        /// <summary>A data space of the account (of <paramref name="project"/> when given) by id, or else by a name only one project uses.</summary>
        public static DataSpace DataSpace(RegistryDocument document, string account, string? project, string? nameOrId)
        {
            string? key = nameOrId?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                throw new ConnectorException(ErrorIds.DataSpaceNotFound, ConnectorErrorCategory.InvalidArgument, nameOrId, "A data space name or id is required.");
            }
            string? projectId = project == null ? null : Project(document, account, project).ProjectId;
            var candidates = document.DataSpaces.Where(d => Same(d.MageId, account) && (projectId == null || Same(d.ProjectId, projectId))).ToList();
            var byId = candidates.FirstOrDefault(d => Same(d.DataSpaceId, key));
            if (byId != null)
            {
                return byId;
            }
            var byName = candidates.Where(d => Same(d.DataSpaceName, key)).ToList();
            if (byName.Count > 1)
            {
                throw new ConnectorException(ErrorIds.AmbiguousDataSpace, ConnectorErrorCategory.InvalidArgument, nameOrId,
                    $"{byName.Count} projects have a data space named '{key}'. Name the project with -Project, or give the data space id.");
            }
            return byName.FirstOrDefault() ?? throw DataSpaceNotFound(account, nameOrId);
        }

        /// <summary>A registered instance of the account by name; the account must exist.</summary>
        public static CommerceInstance Instance(RegistryDocument document, string account, string? name)
        {
            Account(document, account);
            return document.Instances.FirstOrDefault(i => Same(i.MageId, account) && Same(i.Name, name?.Trim())) ?? throw InstanceNotFound(account, name);
        }

        /// <summary>
        /// What a Get- command found, or the not-found error when it asked for one record (an id, or a name without
        /// wildcards) and found none. A wildcard pattern that matches nothing is no error.
        /// </summary>
        public static List<T> RequireAny<T>(List<T> found, string? namePattern, string? id, Func<string, ConnectorException> notFound)
        {
            if (found.Count == 0 && (id != null || (!Strings.IsNullOrEmpty(namePattern) && !Wildcard.ContainsWildcard(namePattern))))
            {
                // Without an id the pattern is the non-empty name that was asked for.
                throw notFound((id ?? namePattern)!);
            }
            return found;
        }

        public static ConnectorException AccountNotFound(string mageId) =>
            new ConnectorException(ErrorIds.AccountNotFound, ConnectorErrorCategory.ObjectNotFound, mageId,
                $"No account with MageID {mageId} is in this registry. Get-CommerceAccount lists the accounts; New-CommerceAccount adds one.");

        public static ConnectorException ApiKeyNotFound(string mageId, string? what) =>
            new ConnectorException(ErrorIds.ApiKeyNotFound, ConnectorErrorCategory.ObjectNotFound, what,
                $"No API key '{what}' is registered for {mageId}. Get-ConnectorApiKey -IncludeRevoked lists them.");

        public static ConnectorException ProjectNotFound(string account, string? what) =>
            new ConnectorException(ErrorIds.ProjectNotFound, ConnectorErrorCategory.ObjectNotFound, what,
                $"{account} has no SaaS project '{what}'. Get-SaaSProject lists them; New-SaaSProject creates one.");

        public static ConnectorException DataSpaceNotFound(string account, string? what) =>
            new ConnectorException(ErrorIds.DataSpaceNotFound, ConnectorErrorCategory.ObjectNotFound, what,
                $"{account} has no data space '{what}'. Get-DataSpace lists them.");

        public static ConnectorException InstanceNotFound(string account, string? name) =>
            new ConnectorException(ErrorIds.InstanceNotFound, ConnectorErrorCategory.ObjectNotFound, name,
                $"No instance '{name}' is registered for {account}. Get-CommerceInstance lists them; Register-CommerceInstance adds one.");
    }
}
