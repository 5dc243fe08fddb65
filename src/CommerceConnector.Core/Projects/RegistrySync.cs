using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Registry;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Projects
{
    /// <summary>
    /// Records what the merchant registry answered (<c>GET registry</c>, <c>POST registry/initialize</c>) in the local
    /// registry, with the registry's own ids and names and <see cref="RecordSource.Registry"/>. The registry is the
    /// authority on what exists, so the licence rules that decide what may be created are not applied again; the local
    /// invariants are (ids unique, names unique within an account and a project, a data space never changes project or
    /// type). Any conflict refuses the whole answer and writes nothing.
    /// </summary>
    public sealed class RegistrySync : RegistryService
    {
        private const string ProjectRecord = "Project";
        private const string DataSpaceRecord = "DataSpace";

        public RegistrySync(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }

        /// <summary>
        /// Records <c>GET registry</c>'s rows (every data space the key <paramref name="apiKey"/> sees) for the account:
        /// adds, renames and links, and reports records with Source Registry that the registry no longer returns as
        /// <see cref="RegistryChangeKind.Gone"/> (kept: see docs/design.md). <paramref name="accept"/> picks the changes to
        /// carry out (null: all); the result holds those and every Gone record. Renames name the instances whose env.php
        /// now holds a stale name.
        /// </summary>
        public IReadOnlyList<RegistryChange> Sync(string mageId, string user, string apiKey, IReadOnlyList<RegistryRow> rows, Func<RegistryChange, bool>? accept = null)
        {
            string account = Validate.MageId(mageId);
            var changes = Store.Update(document => Record(document, account, user, apiKey, rows, complete: true, accept ?? (_ => true)));
            MarkStaleNames(account, changes);
            return changes;
        }

        /// <summary>
        /// Records the rows of one project <c>POST registry/initialize</c> created, and returns the project as the local
        /// registry now holds it.
        /// </summary>
        public SaaSProject RecordProject(string mageId, string user, string apiKey, IReadOnlyList<RegistryRow>? rows)
        {
            string account = Validate.MageId(mageId);
            string? projectId = rows?.FirstOrDefault()?.ProjectId;
            return Store.Update(document =>
            {
                Record(document, account, user, apiKey, rows, complete: false, _ => true);
                return ProjectRegistry.Complete(document, Project(document, account, projectId));
            });
        }

        /// <summary>
        /// What <c>POST registry/initialize</c> would meet locally, decided on a read before the request is sent: a valid
        /// name that no project of the account has, and a key that is not another account's.
        /// </summary>
        public string CheckNewProject(string mageId, string apiKey, string name)
        {
            string account = Validate.MageId(mageId);
            string projectName = Validate.Name(name, "SaaS project", ErrorIds.InvalidProjectName);
            var document = Store.Read();
            RequireKeyOfAccount(document, account, apiKey);
            ProjectRegistry.RequireUniqueProjectName(document, account, projectName, null);
            return projectName;
        }

        private List<RegistryChange> Record(RegistryDocument document, string account, string user, string apiKey, IReadOnlyList<RegistryRow>? rows, bool complete,
            Func<RegistryChange, bool> accept)
        {
            RequireKeyOfAccount(document, account, apiKey);
            var answer = (rows ?? Array.Empty<RegistryRow>()).Select(Read).ToList();
            DateTimeOffset now = Clock();
            var changes = new List<RegistryChange>();
            var touchedProjects = new List<SaaSProject>();
            var touchedSpaces = new List<DataSpace>();

            foreach (var row in answer.GroupBy(r => r.ProjectId, StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
            {
                var existing = document.Projects.FirstOrDefault(p => Same(p.ProjectId, row.ProjectId));
                if (existing != null && !Same(existing.MageId, account))
                {
                    throw Conflict(row.ProjectId, $"The registry returns project {row.ProjectId} ('{row.ProjectName}'), which the local registry holds for another account ({existing.MageId}). " +
                        $"Check that the keys are {account}'s, or connect to {existing.MageId} (Connect-CommerceAccount) and sync there.");
                }
                var change = Compare(existing?.ProjectName, existing?.Source, row.ProjectName,
                    (kind, previous) => new RegistryChange(kind, ProjectRecord, row.ProjectId, row.ProjectName, null, null, null, previous));
                if (change == null || !accept(change))
                {
                    continue;
                }
                if (existing == null)
                {
                    existing = new SaaSProject { ProjectId = row.ProjectId, ProjectName = row.ProjectName, MageId = account, CreatedAt = now, CreatedBy = user };
                    document.Projects.Add(existing);
                }
                existing.ProjectName = row.ProjectName;
                existing.Source = RecordSource.Registry;
                touchedProjects.Add(existing);
                changes.Add(change);
            }

            foreach (var row in answer)
            {
                var project = document.Projects.FirstOrDefault(p => Same(p.ProjectId, row.ProjectId) && Same(p.MageId, account));
                var existing = document.DataSpaces.FirstOrDefault(d => Same(d.DataSpaceId, row.EnvironmentId));
                if (existing != null)
                {
                    RequireSameDataSpace(existing, row, account);
                }
                var change = Compare(existing?.DataSpaceName, existing?.Source, row.EnvironmentName,
                    (kind, previous) => new RegistryChange(kind, DataSpaceRecord, row.ProjectId, project?.ProjectName ?? row.ProjectName, row.EnvironmentId, row.EnvironmentName, row.Type, previous));
                // A data space of a project that was not recorded (not accepted) cannot be recorded either.
                if (change == null || project == null || !accept(change))
                {
                    continue;
                }
                if (existing == null)
                {
                    existing = ProjectRegistry.AddDataSpace(document, project, row.EnvironmentName, row.Type, null, now, row.EnvironmentId, RecordSource.Registry);
                }
                existing.DataSpaceName = row.EnvironmentName;
                existing.Source = RecordSource.Registry;
                touchedSpaces.Add(existing);
                changes.Add(change);
            }

            RequireUniqueNames(document, account, touchedProjects, touchedSpaces);
            if (complete)
            {
                changes.AddRange(Gone(document, account, answer));
            }
            foreach (var change in changes)
            {
                change.Message = Describe(change);
            }
            return changes;
        }

        /// <summary>A change when the registry's record differs from the local one (null: nothing to do).</summary>
        private static RegistryChange? Compare(string? localName, RecordSource? localSource, string registryName, Func<RegistryChangeKind, string?, RegistryChange> make)
        {
            if (localName == null)
            {
                return make(RegistryChangeKind.Added, null);
            }
            if (!string.Equals(localName, registryName, StringComparison.Ordinal))
            {
                return make(RegistryChangeKind.Renamed, localName);
            }
            return localSource == RecordSource.Registry ? null : make(RegistryChangeKind.Linked, null);
        }

        private static IEnumerable<RegistryChange> Gone(RegistryDocument document, string account, IReadOnlyCollection<Row> answer)
        {
            var projectIds = new HashSet<string>(answer.Select(r => r.ProjectId), StringComparer.OrdinalIgnoreCase);
            var spaceIds = new HashSet<string>(answer.Select(r => r.EnvironmentId), StringComparer.OrdinalIgnoreCase);
            var names = document.Projects.Where(p => Same(p.MageId, account)).ToDictionary(p => p.ProjectId, p => p.ProjectName, StringComparer.OrdinalIgnoreCase);
            foreach (var project in document.Projects.Where(p => Same(p.MageId, account) && p.Source == RecordSource.Registry && !projectIds.Contains(p.ProjectId)))
            {
                yield return new RegistryChange(RegistryChangeKind.Gone, ProjectRecord, project.ProjectId, project.ProjectName, null, null, null, null);
            }
            foreach (var space in document.DataSpaces.Where(d => Same(d.MageId, account) && d.Source == RecordSource.Registry && !spaceIds.Contains(d.DataSpaceId)))
            {
                names.TryGetValue(space.ProjectId, out string? projectName);
                yield return new RegistryChange(RegistryChangeKind.Gone, DataSpaceRecord, space.ProjectId, projectName, space.DataSpaceId, space.DataSpaceName, space.Type, null);
            }
        }

        private static string Describe(RegistryChange change)
        {
            string what = change.Record == ProjectRecord ? $"Project {change.ProjectId}" : $"{change.Type} data space {change.DataSpaceId} of project '{change.ProjectName}'";
            switch (change.Kind)
            {
                case RegistryChangeKind.Added:
                    return $"{what} ('{change.Name}') recorded from the registry.";
                case RegistryChangeKind.Renamed:
                    return $"{what} renamed from '{change.PreviousName}' to '{change.Name}', as the registry names it.";
                case RegistryChangeKind.Linked:
                    return $"{what} ('{change.Name}') is in the registry: its Source is Registry now.";
                default:
                    return $"{what} ('{change.Name}') is no longer returned by the registry. The record is kept: it was deleted or moved to another account in the Admin, " +
                        "or the keys used see another account. Instances that still use it keep working locally until you point them elsewhere (Set-DataSpace).";
            }
        }

        /// <summary>Fills in, for each rename, the instances of the account whose env.php holds the id under another name.</summary>
        private void MarkStaleNames(string account, IReadOnlyList<RegistryChange> changes)
        {
            var renames = changes.Where(c => c.Kind == RegistryChangeKind.Renamed).ToList();
            if (renames.Count == 0)
            {
                return;
            }
            var values = new List<(string Name, ConnectorValues Values)>();
            foreach (var instance in ReadAccount(account).Instances.Where(i => Same(i.MageId, account)).OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    // Names and ids only: private keys are not read.
                    values.Add((instance.Name, ConnectorValues.Read(ConfigTarget.ForInstance(instance), _ => null)));
                }
                catch (ConnectorException)
                {
                    // An unreadable env.php is Test-ConnectorConfiguration's to report.
                }
            }
            foreach (var change in renames)
            {
                bool project = change.Record == ProjectRecord;
                string idPath = project ? ConfigPaths.ProjectId : ConfigPaths.DataSpaceId;
                string namePath = project ? ConfigPaths.ProjectName : ConfigPaths.DataSpaceName;
                change.StaleInstances = values
                    .Where(v => Same(v.Values.Literal(idPath), change.Id) && !string.Equals(v.Values.Literal(namePath), change.Name, StringComparison.Ordinal))
                    .Select(v => v.Name)
                    .ToList();
                if (change.StaleInstances.Count > 0)
                {
                    change.Message += $" env.php of {string.Join(", ", change.StaleInstances)} still holds the old name: refresh it with " +
                        $"Set-DataSpace -Instance {Completion.Quote(change.StaleInstances[0])} -DataSpace <its data space id> (Test-ConnectorConfiguration shows it as NamesInSync).";
                }
            }
        }

        private static void RequireKeyOfAccount(RegistryDocument document, string account, string apiKey)
        {
            Account(document, account);
            var key = document.ApiKeys.FirstOrDefault(k => Same(k.Id, apiKey));
            if (key != null && !Same(key.MageId, account))
            {
                throw Conflict(apiKey, $"API key {key.Id} is a key of {key.MageId}, not of {account}: the registry would answer for {key.MageId}. " +
                    $"Connect to {key.MageId} (Connect-CommerceAccount -MageId {key.MageId}), or use a key of {account}.");
            }
        }

        private static void RequireSameDataSpace(DataSpace existing, Row row, string account)
        {
            string? why = !Same(existing.MageId, account) ? $"the local registry holds it for another account ({existing.MageId})"
                : !Same(existing.ProjectId, row.ProjectId) ? $"the local registry holds it in project {existing.ProjectId}"
                : existing.Type != row.Type ? $"the local registry holds it as a {existing.Type} data space"
                : null;
            if (why != null)
            {
                throw Conflict(row.EnvironmentId, $"The registry returns {row.Type} data space {row.EnvironmentId} ('{row.EnvironmentName}') of project {row.ProjectId}, but {why}. " +
                    "A data space never changes account, project or type: the local record is wrong. Check the ids in the Admin (bin/magento saas:list:projects).");
            }
        }

        private static void RequireUniqueNames(RegistryDocument document, string account, IEnumerable<SaaSProject> projects, IEnumerable<DataSpace> spaces)
        {
            foreach (var project in projects)
            {
                var clash = document.Projects.FirstOrDefault(p => p != project && Same(p.MageId, account) && Same(p.ProjectName, project.ProjectName));
                if (clash != null)
                {
                    throw new ConnectorException(ErrorIds.ProjectNameExists, ConnectorErrorCategory.ResourceExists, project.ProjectName,
                        $"The registry names project {project.ProjectId} '{project.ProjectName}', and the local project {clash.ProjectId} has that name too. " +
                        $"Names are unique within an account: rename the local one (Rename-SaaSProject -Id '{clash.ProjectId}' -NewName <another name>) and sync again.");
                }
            }
            foreach (var space in spaces)
            {
                var clash = document.DataSpaces.FirstOrDefault(d => d != space && Same(d.ProjectId, space.ProjectId) && Same(d.DataSpaceName, space.DataSpaceName));
                if (clash != null)
                {
                    throw new ConnectorException(ErrorIds.DataSpaceNameExists, ConnectorErrorCategory.ResourceExists, space.DataSpaceName,
                        $"The registry names data space {space.DataSpaceId} '{space.DataSpaceName}', and the local data space {clash.DataSpaceId} of the same project has that name too. " +
                        $"Rename the local one (Rename-DataSpace -Id '{clash.DataSpaceId}' -NewName <another name>) and sync again.");
                }
            }
        }

        /// <summary>A registry row checked as the local registry needs it: ids as given, names valid, a known type.</summary>
        private static Row Read(RegistryRow row)
        {
            string? type = row.EnvironmentType?.Trim();
            DataSpaceType parsed;
            if (string.Equals(type, "production", StringComparison.OrdinalIgnoreCase))
            {
                parsed = DataSpaceType.Production;
            }
            else if (string.Equals(type, "testing", StringComparison.OrdinalIgnoreCase))
            {
                parsed = DataSpaceType.Testing;
            }
            else
            {
                throw new ConnectorException(ErrorIds.DataSpaceTypeUnknown, ConnectorErrorCategory.InvalidData, row.EnvironmentId,
                    $"The registry gives data space {row.EnvironmentId} the type '{row.EnvironmentType}'; the module knows production and testing. Nothing was recorded.");
            }
            return new Row
            {
                ProjectId = Validate.RecordId(row.ProjectId, "SaaS project", ErrorIds.InvalidProjectId),
                ProjectName = Validate.Name(row.ProjectName, "SaaS project", ErrorIds.InvalidProjectName),
                EnvironmentId = Validate.RecordId(row.EnvironmentId, "data space", ErrorIds.InvalidDataSpaceId),
                EnvironmentName = Validate.Name(row.EnvironmentName, "data space", ErrorIds.InvalidDataSpaceName),
                Type = parsed,
            };
        }

        private static ConnectorException Conflict(string target, string message) =>
            new ConnectorException(ErrorIds.RegistryRecordConflict, ConnectorErrorCategory.InvalidData, target, message);

        private sealed class Row
        {
            public string ProjectId { get; set; } = null!;

            public string ProjectName { get; set; } = null!;

            public string EnvironmentId { get; set; } = null!;

            public string EnvironmentName { get; set; } = null!;

            public DataSpaceType Type { get; set; }
        }
    }
}
