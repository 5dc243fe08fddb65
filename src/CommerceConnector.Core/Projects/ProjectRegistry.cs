using System.Text.RegularExpressions;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Projects
{
    /// <summary>Projects and data spaces in the embedded registry, with the licence rules of Commerce Services.</summary>
    public sealed class ProjectRegistry : RegistryService, IProjectRegistry
    {
        private static readonly Regex TicketPattern = new Regex(@"^[A-Za-z0-9][A-Za-z0-9_\-#./]{0,63}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public ProjectRegistry(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }

        public IReadOnlyList<SaaSProject> GetProjects(string mageId, string? namePattern = null, string? id = null)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            RequireActiveKey(document, account);
            var matches = Wildcard.Matcher(namePattern);
            // Group once: completing each project by scanning every data space was quadratic in the registry's size.
            var spacesByProject = document.DataSpaces.ToLookup(d => d.ProjectId, StringComparer.OrdinalIgnoreCase);
            var projects = document.Projects
                .Where(p => Same(p.MageId, account) && matches(p.ProjectName) && (id == null || Same(p.ProjectId, id.Trim())))
                .OrderBy(p => p.ProjectName, StringComparer.OrdinalIgnoreCase)
                .Select(p => Complete(p, spacesByProject[p.ProjectId]))
                .ToList();
            return RegistryLookup.RequireAny(projects, namePattern, id, what => RegistryLookup.ProjectNotFound(account, what));
        }

        public SaaSProject GetProject(string mageId, string? nameOrId)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            RequireActiveKey(document, account);
            return Complete(document, Project(document, account, nameOrId));
        }

        public SaaSProject NewProject(string mageId, string user, string name)
        {
            string account = Validate.MageId(mageId);
            string projectName = Validate.Name(name, "SaaS project", ErrorIds.InvalidProjectName);
            return UpdateAccount(account, document =>
            {
                var owner = Account(document, account);
                RequireActiveKey(document, account);
                RequireUniqueProjectName(document, account, projectName, null);
                DateTimeOffset now = Clock();
                var project = new SaaSProject { ProjectId = Guid.NewGuid().ToString(), ProjectName = projectName, MageId = account, CreatedAt = now, CreatedBy = user };
                document.Projects.Add(project);
                // The licence decides the data spaces: Adobe Commerce one production and two testing, Magento Open Source one production.
                AddDataSpace(document, project, "Production", DataSpaceType.Production, null, now);
                if (owner.Edition == CommerceEdition.AdobeCommerce)
                {
                    AddDataSpace(document, project, "Testing 1", DataSpaceType.Testing, null, now);
                    AddDataSpace(document, project, "Testing 2", DataSpaceType.Testing, null, now);
                }
                return Complete(document, project);
            });
        }

        public SaaSProject RenameProject(string mageId, string nameOrId, string newName)
        {
            string account = Validate.MageId(mageId);
            string projectName = Validate.Name(newName, "SaaS project", ErrorIds.InvalidProjectName);
            return UpdateAccount(account, document =>
            {
                RequireActiveKey(document, account);
                var project = Project(document, account, nameOrId);
                RequireUniqueProjectName(document, account, projectName, project);
                project.ProjectName = projectName;
                return Complete(document, project);
            });
        }

        public IReadOnlyList<DataSpace> GetDataSpaces(string mageId, string? project = null, DataSpaceType? type = null, string? namePattern = null, string? id = null)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            RequireActiveKey(document, account);
            // A project given by name or id, or a wildcard pattern of project names (which may match none).
            var projectIds = project == null ? null
                : Wildcard.ContainsWildcard(project)
                    ? new HashSet<string>(document.Projects.Where(p => Same(p.MageId, account) && Wildcard.Matcher(project)(p.ProjectName)).Select(p => p.ProjectId), StringComparer.OrdinalIgnoreCase)
                    : new HashSet<string>(new[] { Project(document, account, project).ProjectId }, StringComparer.OrdinalIgnoreCase);
            var matches = Wildcard.Matcher(namePattern);
            var names = document.Projects.Where(p => Same(p.MageId, account)).ToDictionary(p => p.ProjectId, p => p.ProjectName, StringComparer.OrdinalIgnoreCase);
            var spaces = document.DataSpaces
                .Where(d => Same(d.MageId, account)
                    && (projectIds == null || projectIds.Contains(d.ProjectId))
                    && (!type.HasValue || d.Type == type.Value)
                    && matches(d.DataSpaceName)
                    && (id == null || Same(d.DataSpaceId, id.Trim())))
                .Select(d => WithProjectName(d, names))
                .OrderBy(d => d.ProjectName, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Type).ThenBy(d => d.DataSpaceName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            return RegistryLookup.RequireAny(spaces, namePattern, id, what => RegistryLookup.DataSpaceNotFound(account, what));
        }

        public DataSpace GetDataSpace(string mageId, string? project, string? nameOrId)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            RequireActiveKey(document, account);
            return Completed(document, DataSpace(document, account, project, nameOrId));
        }

        /// <summary>
        /// Adds a data space the way Adobe support does: only testing ones, only to Adobe Commerce projects, and only with
        /// the support ticket that granted it.
        /// </summary>
        public DataSpace NewDataSpace(string mageId, string project, string name, DataSpaceType type, string? supportTicket)
        {
            string account = Validate.MageId(mageId);
            string spaceName = Validate.Name(name, "data space", ErrorIds.InvalidDataSpaceName);
            return UpdateAccount(account, document =>
            {
                var owner = Account(document, account);
                RequireActiveKey(document, account);
                var target = Project(document, account, project);
                if (type == DataSpaceType.Production)
                {
                    throw new ConnectorException(ErrorIds.SecondProductionDataSpace, ConnectorErrorCategory.InvalidOperation, spaceName,
                        $"Project '{target.ProjectName}' already has its production data space; a project has exactly one. A separate Commerce instance gets its own SaaS project (through Adobe support).");
                }
                if (owner.Edition != CommerceEdition.AdobeCommerce)
                {
                    throw new ConnectorException(ErrorIds.TestingDataSpacesNotInEdition, ConnectorErrorCategory.InvalidOperation, target.ProjectName,
                        $"{account} is a Magento Open Source account: its projects have one production data space and no testing data spaces.");
                }
                string? ticket = supportTicket?.Trim();
                if (Strings.IsNullOrEmpty(ticket))
                {
                    throw new ConnectorException(ErrorIds.SupportTicketRequired, ConnectorErrorCategory.InvalidArgument, spaceName,
                        "Additional testing data spaces (one per extra staging environment on Cloud Pro) are granted by Adobe support: give the ticket with -SupportTicket.");
                }
                RequireValidTicket(ticket, supportTicket);
                RequireUniqueDataSpaceName(document, target, spaceName, null);
                var space = AddDataSpace(document, target, spaceName, DataSpaceType.Testing, ticket, Clock());
                return WithProjectName(space, target.ProjectName);
            });
        }

        public DataSpace RenameDataSpace(string mageId, string? project, string nameOrId, string newName)
        {
            string account = Validate.MageId(mageId);
            string spaceName = Validate.Name(newName, "data space", ErrorIds.InvalidDataSpaceName);
            return UpdateAccount(account, document =>
            {
                RequireActiveKey(document, account);
                var space = DataSpace(document, account, project, nameOrId);
                var owner = document.Projects.First(p => Same(p.ProjectId, space.ProjectId));
                RequireUniqueDataSpaceName(document, owner, spaceName, space);
                space.DataSpaceName = spaceName;
                return WithProjectName(space, owner.ProjectName);
            });
        }

        /// <summary>Records a cleanup request and empties the data space's exported data.</summary>
        public DataSpace ClearDataSpace(string mageId, string user, string? project, string nameOrId)
        {
            string account = Validate.MageId(mageId);
            return UpdateAccount(account, document =>
            {
                RequireActiveKey(document, account);
                var space = DataSpace(document, account, project, nameOrId);
                space.Cleanups.Add(new CleanupRequest { RequestedAt = Clock(), RequestedBy = user, RemovedItems = space.ExportedItems });
                space.ExportedItems = 0;
                return Completed(document, space);
            });
        }

        public SaaSProject RegisterProject(string mageId, string user, string projectId, string name)
        {
            string account = Validate.MageId(mageId);
            string id = Validate.RecordId(projectId, "SaaS project", ErrorIds.InvalidProjectId);
            string projectName = Validate.Name(name, "SaaS project", ErrorIds.InvalidProjectName);
            // Refusals and the idempotent case are decided on a read of the whole registry (an id of another account is
            // refused with its own message), so that neither writes the registry.
            var known = KnownProject(Store.Read(), account, id, projectName);
            if (known != null)
            {
                return known;
            }
            return UpdateAccount(account, document =>
                KnownProject(document, account, id, projectName)
                ?? Complete(document, AddRegisteredProject(document, account, user, id, projectName, RecordSource.Imported, Clock())));
        }

        public DataSpace RegisterDataSpace(string mageId, string project, string dataSpaceId, string name, DataSpaceType type, string? supportTicket)
        {
            string account = Validate.MageId(mageId);
            string id = Validate.RecordId(dataSpaceId, "data space", ErrorIds.InvalidDataSpaceId);
            string spaceName = Validate.Name(name, "data space", ErrorIds.InvalidDataSpaceName);
            var known = KnownDataSpace(Store.Read(), account, project, id, spaceName, type);
            if (known != null)
            {
                return known;
            }
            return UpdateAccount(account, document =>
            {
                var again = KnownDataSpace(document, account, project, id, spaceName, type);
                if (again != null)
                {
                    return again;
                }
                var target = Project(document, account, project);
                return WithProjectName(AddRegisteredDataSpace(document, target, id, spaceName, type, supportTicket, RecordSource.Imported, Clock()), target.ProjectName);
            });
        }

        /// <summary>The project when <paramref name="id"/> is registered for the account under this name (idempotent), null when new; refuses an id in use.</summary>
        private static SaaSProject? KnownProject(RegistryDocument document, string account, string id, string name)
        {
            RequireActiveKey(document, account);
            var existing = document.Projects.FirstOrDefault(p => Same(p.ProjectId, id));
            if (existing == null)
            {
                return null;
            }
            if (Same(existing.MageId, account) && Same(existing.ProjectName, name))
            {
                return Complete(document, existing);
            }
            throw new ConnectorException(ErrorIds.ProjectIdExists, ConnectorErrorCategory.ResourceExists, id,
                Same(existing.MageId, account)
                    ? $"Project {existing.ProjectId} is already registered as '{existing.ProjectName}'. Ids are unique; to change its name run Rename-SaaSProject -Id '{existing.ProjectId}' -NewName '{name}'."
                    : $"Project {existing.ProjectId} is already registered for another account ({existing.MageId}). A project belongs to one account: check the id in the Admin of the store.");
        }

        /// <summary>The data space when <paramref name="id"/> is registered in that project with this name and type (idempotent), null when new; refuses an id in use.</summary>
        private static DataSpace? KnownDataSpace(RegistryDocument document, string account, string project, string id, string name, DataSpaceType type)
        {
            RequireActiveKey(document, account);
            var target = Project(document, account, project);
            var existing = document.DataSpaces.FirstOrDefault(d => Same(d.DataSpaceId, id));
            if (existing == null)
            {
                return null;
            }
            if (Same(existing.ProjectId, target.ProjectId) && Same(existing.DataSpaceName, name) && existing.Type == type)
            {
                return Completed(document, existing);
            }
            throw new ConnectorException(ErrorIds.DataSpaceIdExists, ConnectorErrorCategory.ResourceExists, id,
                Same(existing.MageId, account)
                    ? $"Data space {existing.DataSpaceId} is already registered as {existing.Type} data space '{existing.DataSpaceName}' of project {existing.ProjectId}. Ids are unique: Get-DataSpace -Id '{existing.DataSpaceId}' shows it."
                    : $"Data space {existing.DataSpaceId} is already registered for another account ({existing.MageId}). A data space belongs to one account: check the id in the Admin of the store.");
        }

        /// <summary>Adds a project that exists elsewhere, without data spaces (they have their own ids and are registered one by one).</summary>
        internal static SaaSProject AddRegisteredProject(RegistryDocument document, string account, string user, string id, string name, RecordSource source, DateTimeOffset now)
        {
            RequireUniqueProjectName(document, account, name, null);
            var project = new SaaSProject { ProjectId = id, ProjectName = name, MageId = account, CreatedAt = now, CreatedBy = user, Source = source };
            document.Projects.Add(project);
            return project;
        }

        /// <summary>
        /// Adds a data space that exists elsewhere, under the licence rules New-SaaSProject and New-DataSpace apply: one
        /// production data space per project; testing ones only on Adobe Commerce, two with the licence and more only
        /// with the support ticket that granted them.
        /// </summary>
        internal static DataSpace AddRegisteredDataSpace(RegistryDocument document, SaaSProject project, string id, string name, DataSpaceType type, string? supportTicket,
            RecordSource source, DateTimeOffset now)
        {
            var owner = Account(document, project.MageId);
            var spaces = document.DataSpaces.Where(d => Same(d.ProjectId, project.ProjectId)).ToList();
            string? ticket = Strings.IsNullOrWhiteSpace(supportTicket) ? null : supportTicket.Trim();
            if (type == DataSpaceType.Production)
            {
                var production = spaces.FirstOrDefault(d => d.Type == DataSpaceType.Production);
                if (production != null)
                {
                    throw new ConnectorException(ErrorIds.SecondProductionDataSpace, ConnectorErrorCategory.InvalidOperation, id,
                        $"Project '{project.ProjectName}' ({project.ProjectId}) already has its production data space, {production.DataSpaceId} ('{production.DataSpaceName}'); a project has exactly one. " +
                        "Check the id, or register the data space under its own project.");
                }
            }
            else if (owner.Edition != CommerceEdition.AdobeCommerce)
            {
                throw new ConnectorException(ErrorIds.TestingDataSpacesNotInEdition, ConnectorErrorCategory.InvalidOperation, id,
                    $"{owner.MageId} is a Magento Open Source account: its projects have one production data space and no testing data spaces.");
            }
            else if (spaces.Count(d => d.Type == DataSpaceType.Testing) >= 2)
            {
                if (ticket == null)
                {
                    throw new ConnectorException(ErrorIds.SupportTicketRequired, ConnectorErrorCategory.InvalidArgument, id,
                        $"Project '{project.ProjectName}' ({project.ProjectId}) already has the two testing data spaces of the licence; more are granted by Adobe support. " +
                        $"Register it with Register-DataSpace -Project '{project.ProjectId}' -DataSpaceId '{id}' -Name '{name}' -Type Testing -SupportTicket <the ticket>.");
                }
            }
            if (ticket != null)
            {
                RequireValidTicket(ticket, supportTicket);
            }
            RequireUniqueDataSpaceName(document, project, name, null);
            return AddDataSpace(document, project, name, type, ticket, now, id, source);
        }

        internal static void RequireActiveKey(RegistryDocument document, string account)
        {
            Account(document, account);
            if (!document.ApiKeys.Any(k => Same(k.MageId, account) && k.Status == ApiKeyStatus.Active))
            {
                throw new ConnectorException(ErrorIds.NoActiveApiKey, ConnectorErrorCategory.PermissionDenied, account,
                    $"{account} holds no active API key. The registry shows the SaaS projects associated with your keys: generate one with New-ConnectorApiKey first.");
            }
        }

        internal static DataSpace AddDataSpace(RegistryDocument document, SaaSProject project, string name, DataSpaceType type, string? ticket, DateTimeOffset now,
            string? id = null, RecordSource source = RecordSource.Generated)
        {
            var space = new DataSpace
            {
                DataSpaceId = id ?? Guid.NewGuid().ToString(),
                DataSpaceName = name,
                Type = type,
                ProjectId = project.ProjectId,
                MageId = project.MageId,
                CreatedAt = now,
                SupportTicket = ticket,
                Source = source,
            };
            document.DataSpaces.Add(space);
            return space;
        }

        private static void RequireValidTicket(string ticket, string? asGiven)
        {
            if (!TicketPattern.IsMatch(ticket))
            {
                throw new ConnectorException(ErrorIds.InvalidSupportTicket, ConnectorErrorCategory.InvalidArgument, asGiven,
                    $"'{asGiven}' does not look like a support ticket id: use letters, digits and - _ # . / (at most 64 characters), e.g. MDVA-12345.");
            }
        }

        internal static void RequireUniqueProjectName(RegistryDocument document, string account, string name, SaaSProject? except)
        {
            var clash = document.Projects.FirstOrDefault(p => p != except && Same(p.MageId, account) && Same(p.ProjectName, name));
            if (clash != null)
            {
                throw new ConnectorException(ErrorIds.ProjectNameExists, ConnectorErrorCategory.ResourceExists, name,
                    $"{account} already has a SaaS project named '{clash.ProjectName}' ({clash.ProjectId}). Project names are unique within an account: choose another.");
            }
        }

        internal static void RequireUniqueDataSpaceName(RegistryDocument document, SaaSProject project, string name, DataSpace? except)
        {
            var clash = document.DataSpaces.FirstOrDefault(d => d != except && Same(d.ProjectId, project.ProjectId) && Same(d.DataSpaceName, name));
            if (clash != null)
            {
                throw new ConnectorException(ErrorIds.DataSpaceNameExists, ConnectorErrorCategory.ResourceExists, name,
                    $"Project '{project.ProjectName}' already has a data space named '{clash.DataSpaceName}' ({clash.DataSpaceId}). Choose another name.");
            }
        }

        internal static SaaSProject Complete(RegistryDocument document, SaaSProject project) =>
            Complete(project, document.DataSpaces.Where(d => Same(d.ProjectId, project.ProjectId)));

        private static SaaSProject Complete(SaaSProject project, IEnumerable<DataSpace> spaces)
        {
            project.DataSpaces = spaces
                .Select(d => WithProjectName(d, project.ProjectName))
                .OrderBy(d => d.Type).ThenBy(d => d.DataSpaceName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            return project;
        }

        internal static DataSpace Completed(RegistryDocument document, DataSpace space) =>
            WithProjectName(space, document.Projects.First(p => Same(p.ProjectId, space.ProjectId)).ProjectName);

        private static DataSpace WithProjectName(DataSpace space, IReadOnlyDictionary<string, string> names) =>
            WithProjectName(space, names.TryGetValue(space.ProjectId, out string? name) ? name : null);

        private static DataSpace WithProjectName(DataSpace space, string? projectName)
        {
            space.ProjectName = projectName;
            return space;
        }
    }
}
