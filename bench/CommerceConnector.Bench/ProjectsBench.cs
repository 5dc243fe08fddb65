using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Bench
{
    /// <summary>How many runs the projects suite makes.</summary>
    internal sealed class ProjectsPlan
    {
        private ProjectsPlan(string name, int jitRounds, int warmUp, TimeSpan budget, int listRepeats, int lookupRepeats)
        {
            Name = name;
            JitRounds = jitRounds;
            WarmUp = warmUp;
            Budget = budget;
            ListRepeats = listRepeats;
            LookupRepeats = lookupRepeats;
        }

        public static ProjectsPlan Normal { get; } = new ProjectsPlan("normal", jitRounds: 3, warmUp: 5, budget: TimeSpan.FromSeconds(8), listRepeats: 100, lookupRepeats: 300);

        public static ProjectsPlan Quick { get; } = new ProjectsPlan("quick", jitRounds: 1, warmUp: 1, budget: TimeSpan.FromSeconds(4), listRepeats: 10, lookupRepeats: 30);

        public string Name { get; }

        /// <summary>Untimed rounds of every operation (<see cref="ProjectsBench.JitCallsPerRound"/> calls each) before anything is timed.</summary>
        public int JitRounds { get; }

        public int WarmUp { get; }

        public TimeSpan Budget { get; }

        /// <summary>Timed repeats of the rows that list everything (and of the whole-document baselines).</summary>
        public int ListRepeats { get; }

        /// <summary>Timed repeats of the rows that find one project or data space.</summary>
        public int LookupRepeats { get; }
    }

    /// <summary>Everything the projects suite measured.</summary>
    internal sealed class ProjectsResult
    {
        public ProjectsPlan Plan { get; set; }

        public int Projects { get; set; }

        public int DataSpaces { get; set; }

        public long DocumentBytes { get; set; }

        public double SeedMilliseconds { get; set; }

        public List<Sample> Operations { get; } = new List<Sample>();

        public List<Sample> Baselines { get; } = new List<Sample>();
    }

    /// <summary>
    /// A registry with one Adobe Commerce account that holds many SaaS projects (one production and two testing data
    /// spaces each, as the licence gives) and an active API key, and the project and data space reads the cmdlets make
    /// on it. Every timed call's result is checked (counts, ids, names, order), so a broken registry stops the run. No
    /// timing is ever asserted.
    /// </summary>
    internal sealed class ProjectsBench
    {
        public const string ListProjects = "list all projects: GetProjects() (Get-SaaSProject)";
        public const string ListDataSpaces = "list all data spaces: GetDataSpaces() (Get-DataSpace)";
        public const string ProjectByNameFilter = "one project by name: GetProjects(name) (Get-SaaSProject -Name)";
        public const string ProjectByName = "one project by name: GetProject(name) (-Project arguments, Rename-SaaSProject)";
        public const string ProjectByIdFilter = "one project by id: GetProjects(id: ) (Get-SaaSProject -Id)";
        public const string ProjectById = "one project by id: GetProject(id)";
        public const string DataSpaceByIdFilter = "one data space by id: GetDataSpaces(id: ) (Get-DataSpace -Id)";
        public const string DataSpaceById = "one data space by id: GetDataSpace(null, id) (Set-DataSpace, Rename-/Clear-DataSpace)";
        public const string SpacesOfProjectByType = "one project's testing data spaces: GetDataSpaces(project, Testing) (Get-DataSpace -Project -Type Testing)";
        public const string RawRead = "read registry.json bytes only";
        public const string ParseOnly = "parse the same JSON into a RegistryDocument, Newtonsoft only";
        public const string GroupedOnce = "attach every project's data spaces, grouped once by project id (bench code, parsed document)";

        public const string MageId = "MAG300000001";
        public const string Owner = "owner@luma.example";

        /// <summary>Calls per operation in one untimed JIT warm-up round.</summary>
        public const int JitCallsPerRound = 30;

        private static readonly DateTimeOffset SeedTime = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        private static readonly string[] Brands = { "Luma", "Venia", "Aurora", "Harbor", "Summit", "Juniper", "Meridian", "Copper" };
        private static readonly string[] Regions = { "US", "EU", "UK", "APAC", "LATAM", "B2B" };

        private readonly ProjectsPlan _plan;
        private readonly Measurer _measurer;
        private readonly TextWriter _log;

        public ProjectsBench(ProjectsPlan plan, Func<bool> cancelled, TextWriter log)
        {
            _plan = plan;
            _log = log;
            _measurer = new Measurer(plan.WarmUp, plan.Budget, cancelled, log);
        }

        /// <summary>A project's seeded name: brand, region and number, so that creation order is not name order.</summary>
        public static string ProjectName(int index) =>
            Brands[index % Brands.Length] + " " + Regions[index / Brands.Length % Regions.Length] + " " + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

        /// <summary>Seeds the registry in <paramref name="folder"/> (which must not exist yet) and measures it.</summary>
        public ProjectsResult Run(string folder, int projects)
        {
            var result = new ProjectsResult { Plan = _plan, Projects = projects, DataSpaces = projects * 3 };
            var store = new FileRegistryStore(folder);
            var seeded = Seed(store, projects, result);
            var registry = new ProjectRegistry(store);

            // Before anything is timed: the whole lists are exactly what was seeded, in the documented order.
            CheckFullLists(registry, seeded);
            CheckRefusals(registry, store);

            var picks = new Random(20261122);
            var operations = Operations(registry, seeded, picks);
            _measurer.Verbose = false;
            for (int round = 0; round < _plan.JitRounds; round++)
            {
                foreach (var (_, _, run) in operations)
                {
                    for (int i = 0; i < JitCallsPerRound; i++)
                    {
                        _measurer.ThrowIfCancelled();
                        run();
                    }
                }
                // Tier-up happens on a background thread once call counting has seen enough calls; give it time.
                Thread.Sleep(250);
            }
            _measurer.Verbose = true;
            _log.WriteLine($"JIT warm-up: {_plan.JitRounds} untimed round(s) of {JitCallsPerRound} calls per operation");

            foreach (var (name, repeats, run) in operations)
            {
                result.Operations.Add(_measurer.Measure(name, projects, repeats, run));
            }
            MeasureBaselines(store, seeded, result);

            // The timed reads changed nothing.
            CheckFullLists(registry, seeded);
            return result;
        }

        /// <summary>What was seeded: projects in creation order, and their data spaces (Production, Testing 1, Testing 2).</summary>
        private sealed class Seeded
        {
            public List<SaaSProject> Projects { get; } = new List<SaaSProject>();

            public Dictionary<string, DataSpace[]> SpacesByProject { get; } = new Dictionary<string, DataSpace[]>(StringComparer.Ordinal);

            public List<DataSpace> AllSpaces { get; } = new List<DataSpace>();
        }

        /// <summary>One locked, durable Update with the account, its projects and data spaces; then an active API key.</summary>
        private Seeded Seed(FileRegistryStore store, int projects, ProjectsResult result)
        {
            var seeded = new Seeded();
            var ids = new Random(4711);
            long start = Stopwatch.GetTimestamp();
            store.Update(document =>
            {
                document.Accounts.Add(new CommerceAccount
                {
                    MageId = MageId,
                    Name = "Luma Retail Group",
                    Edition = CommerceEdition.AdobeCommerce,
                    Standing = AccountStanding.Good,
                    Owner = Owner,
                    CreatedAt = SeedTime,
                    Members = { new AccountMember { MageId = MageId, User = Owner, Role = MemberRole.LicenseOwner, AddedAt = SeedTime } },
                });
                document.Projects.Capacity = projects;
                document.DataSpaces.Capacity = projects * 3;
                for (int i = 0; i < projects; i++)
                {
                    DateTimeOffset created = SeedTime.AddHours(i);
                    var project = new SaaSProject { ProjectId = NewId(ids), ProjectName = ProjectName(i), MageId = MageId, CreatedAt = created, CreatedBy = Owner };
                    document.Projects.Add(project);
                    var spaces = new[]
                    {
                        NewSpace(ids, project, "Production", DataSpaceType.Production, created),
                        NewSpace(ids, project, "Testing 1", DataSpaceType.Testing, created),
                        NewSpace(ids, project, "Testing 2", DataSpaceType.Testing, created),
                    };
                    document.DataSpaces.AddRange(spaces);
                    seeded.Projects.Add(project);
                    seeded.SpacesByProject.Add(project.ProjectId, spaces);
                    seeded.AllSpaces.AddRange(spaces);
                }
                return 0;
            });
            result.SeedMilliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            // The registry only shows projects to an account that holds an active key.
            var key = new ApiKeyPortal(store).Generate(MageId, Owner, ApiKeyEnvironment.Production, "k", 2048, _ => () => { });
            Check(key.Key.Status == ApiKeyStatus.Active, "the generated API key is not active");
            result.DocumentBytes = new FileInfo(store.DocumentPath).Length;
            _log.WriteLine($"seeded {projects:N0} projects and {projects * 3:N0} data spaces in one Update ({Report.Ms(result.SeedMilliseconds)} ms); registry.json {Report.Bytes(result.DocumentBytes)}");
            return seeded;
        }

        private static DataSpace NewSpace(Random ids, SaaSProject project, string name, DataSpaceType type, DateTimeOffset created) => new DataSpace
        {
            DataSpaceId = NewId(ids),
            DataSpaceName = name,
            Type = type,
            ProjectId = project.ProjectId,
            MageId = project.MageId,
            CreatedAt = created,
            ExportedItems = 1000 + ids.Next(50_000),
        };

        /// <summary>A GUID from a seeded generator (version 4 layout), so that every run seeds the same ids.</summary>
        private static string NewId(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes).ToString();
        }

        /// <summary>The measured operations, each with its planned repeats and a run that checks its own result.</summary>
        private List<(string Name, int Repeats, Func<TimeSpan> Run)> Operations(ProjectRegistry registry, Seeded seeded, Random picks)
        {
            int count = seeded.Projects.Count;
            var byName = seeded.Projects.OrderBy(p => p.ProjectName, StringComparer.OrdinalIgnoreCase).ToList();
            string firstId = byName[0].ProjectId;
            string lastId = byName[count - 1].ProjectId;
            SaaSProject Pick() => seeded.Projects[picks.Next(count)];
            DataSpace PickSpace() => seeded.AllSpaces[picks.Next(seeded.AllSpaces.Count)];

            return new List<(string, int, Func<TimeSpan>)>
            {
                (ListProjects, _plan.ListRepeats, () =>
                {
                    long t = Stopwatch.GetTimestamp();
                    var list = registry.GetProjects(MageId);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(list.Count == count && list[0].ProjectId == firstId && list[count - 1].ProjectId == lastId,
                        $"GetProjects listed {list.Count} projects (first {list[0].ProjectId}), not {count} from {firstId} to {lastId}");
                    Check(list[count / 2].DataSpaces.Count == 3, $"project {list[count / 2].ProjectName} came with {list[count / 2].DataSpaces.Count} data spaces, not 3");
                    return elapsed;
                }),
                (ListDataSpaces, _plan.ListRepeats, () =>
                {
                    long t = Stopwatch.GetTimestamp();
                    var list = registry.GetDataSpaces(MageId);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(list.Count == count * 3, $"GetDataSpaces listed {list.Count} data spaces, not {count * 3}");
                    Check(list[0].ProjectId == firstId && list[0].Type == DataSpaceType.Production && list[list.Count - 1].ProjectId == lastId,
                        "GetDataSpaces is not ordered by project name, then type");
                    return elapsed;
                }),
                (ProjectByNameFilter, _plan.LookupRepeats, () =>
                {
                    var expected = Pick();
                    long t = Stopwatch.GetTimestamp();
                    var found = registry.GetProjects(MageId, expected.ProjectName);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(found.Count == 1 && found[0].ProjectId == expected.ProjectId && SameSpaces(found[0], seeded),
                        $"GetProjects('{expected.ProjectName}') did not return exactly project {expected.ProjectId} with its three data spaces");
                    return elapsed;
                }),
                (ProjectByName, _plan.LookupRepeats, () =>
                {
                    var expected = Pick();
                    long t = Stopwatch.GetTimestamp();
                    var found = registry.GetProject(MageId, expected.ProjectName);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(found.ProjectId == expected.ProjectId && SameSpaces(found, seeded), $"GetProject('{expected.ProjectName}') returned {found.ProjectId}, not {expected.ProjectId}");
                    return elapsed;
                }),
                (ProjectByIdFilter, _plan.LookupRepeats, () =>
                {
                    var expected = Pick();
                    long t = Stopwatch.GetTimestamp();
                    var found = registry.GetProjects(MageId, null, expected.ProjectId);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(found.Count == 1 && found[0].ProjectName == expected.ProjectName && SameSpaces(found[0], seeded),
                        $"GetProjects(id: {expected.ProjectId}) did not return exactly '{expected.ProjectName}' with its three data spaces");
                    return elapsed;
                }),
                (ProjectById, _plan.LookupRepeats, () =>
                {
                    var expected = Pick();
                    long t = Stopwatch.GetTimestamp();
                    var found = registry.GetProject(MageId, expected.ProjectId);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(found.ProjectName == expected.ProjectName && SameSpaces(found, seeded), $"GetProject({expected.ProjectId}) returned '{found.ProjectName}', not '{expected.ProjectName}'");
                    return elapsed;
                }),
                (DataSpaceByIdFilter, _plan.LookupRepeats, () =>
                {
                    var expected = PickSpace();
                    long t = Stopwatch.GetTimestamp();
                    var found = registry.GetDataSpaces(MageId, null, null, null, expected.DataSpaceId);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(found.Count == 1 && SameSpace(found[0], expected, seeded), $"GetDataSpaces(id: {expected.DataSpaceId}) did not return exactly that data space with its project's name");
                    return elapsed;
                }),
                (DataSpaceById, _plan.LookupRepeats, () =>
                {
                    var expected = PickSpace();
                    long t = Stopwatch.GetTimestamp();
                    var found = registry.GetDataSpace(MageId, null, expected.DataSpaceId);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    Check(SameSpace(found, expected, seeded), $"GetDataSpace({expected.DataSpaceId}) returned {found.DataSpaceId} '{found.DataSpaceName}' of '{found.ProjectName}'");
                    return elapsed;
                }),
                (SpacesOfProjectByType, _plan.LookupRepeats, () =>
                {
                    var project = Pick();
                    long t = Stopwatch.GetTimestamp();
                    var found = registry.GetDataSpaces(MageId, project.ProjectName, DataSpaceType.Testing);
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                    var spaces = seeded.SpacesByProject[project.ProjectId];
                    Check(found.Count == 2 && found[0].DataSpaceId == spaces[1].DataSpaceId && found[1].DataSpaceId == spaces[2].DataSpaceId
                          && found.All(d => d.Type == DataSpaceType.Testing && d.ProjectName == project.ProjectName),
                        $"GetDataSpaces('{project.ProjectName}', Testing) did not return exactly its Testing 1 and Testing 2");
                    return elapsed;
                }),
            };
        }

        private static bool SameSpaces(SaaSProject found, Seeded seeded)
        {
            var spaces = seeded.SpacesByProject[found.ProjectId];
            return found.DataSpaces.Count == 3
                && found.DataSpaces.Select(d => d.DataSpaceId).SequenceEqual(spaces.Select(d => d.DataSpaceId))
                && found.DataSpaces.All(d => d.ProjectName == found.ProjectName);
        }

        private static bool SameSpace(DataSpace found, DataSpace expected, Seeded seeded) =>
            found.DataSpaceId == expected.DataSpaceId
            && found.DataSpaceName == expected.DataSpaceName
            && found.Type == expected.Type
            && found.ProjectId == expected.ProjectId
            && found.ProjectName == seeded.Projects.First(p => p.ProjectId == expected.ProjectId).ProjectName;

        /// <summary>Untimed: every seeded project and data space comes back once, in the documented order, with the right names.</summary>
        private static void CheckFullLists(ProjectRegistry registry, Seeded seeded)
        {
            var projects = registry.GetProjects(MageId);
            var expectedOrder = seeded.Projects.OrderBy(p => p.ProjectName, StringComparer.OrdinalIgnoreCase).Select(p => p.ProjectId).ToList();
            Check(projects.Select(p => p.ProjectId).SequenceEqual(expectedOrder), "GetProjects does not list exactly the seeded projects in name order");
            foreach (var project in projects)
            {
                Check(SameSpaces(project, seeded), $"project '{project.ProjectName}' does not carry exactly its three data spaces (Production, Testing 1, Testing 2)");
            }

            var spaces = registry.GetDataSpaces(MageId);
            var names = seeded.Projects.ToDictionary(p => p.ProjectId, p => p.ProjectName, StringComparer.Ordinal);
            var expectedSpaces = expectedOrder.SelectMany(id => seeded.SpacesByProject[id].Select(d => d.DataSpaceId)).ToList();
            Check(spaces.Select(d => d.DataSpaceId).SequenceEqual(expectedSpaces), "GetDataSpaces does not list exactly the seeded data spaces by project name, type and name");
            Check(spaces.All(d => d.ProjectName == names[d.ProjectId] && d.MageId == MageId), "a listed data space carries the wrong project name or account");
        }

        /// <summary>Untimed: unknown names and ids are refused with their error ids, not answered with an empty list.</summary>
        private static void CheckRefusals(ProjectRegistry registry, FileRegistryStore store)
        {
            ExpectError(ErrorIds.ProjectNotFound, () => registry.GetProjects(MageId, "No Such Project"));
            ExpectError(ErrorIds.ProjectNotFound, () => registry.GetProject(MageId, Guid.Empty.ToString()));
            ExpectError(ErrorIds.DataSpaceNotFound, () => registry.GetDataSpaces(MageId, null, null, null, Guid.Empty.ToString()));
            Check(registry.GetProjects(MageId, "No Such*").Count == 0, "a wildcard that matches nothing did not give an empty list");

            // Without an active key the registry shows nothing (checked on a copy, so the measured registry stays as seeded).
            string copy = store.Folder + "-nokey";
            try
            {
                var other = new FileRegistryStore(copy);
                other.Update(document =>
                {
                    var seeded = store.Read();
                    document.Accounts.AddRange(seeded.Accounts);
                    document.Projects.AddRange(seeded.Projects.Take(3));
                    return 0;
                });
                ExpectError(ErrorIds.NoActiveApiKey, () => new ProjectRegistry(other).GetProjects(MageId));
            }
            finally
            {
                if (Directory.Exists(copy))
                {
                    Directory.Delete(copy, recursive: true);
                }
            }
        }

        /// <summary>The baselines: the file system's and Newtonsoft.Json's share, and the data spaces attached with one grouping pass.</summary>
        private void MeasureBaselines(FileRegistryStore store, Seeded seeded, ProjectsResult result)
        {
            int count = seeded.Projects.Count;
            byte[] bytes = File.ReadAllBytes(store.DocumentPath);
            result.Baselines.Add(_measurer.Measure(RawRead, count, _plan.LookupRepeats, () =>
            {
                long t = Stopwatch.GetTimestamp();
                byte[] read = File.ReadAllBytes(store.DocumentPath);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(read.Length == bytes.Length, $"read {read.Length} bytes, the file has {bytes.Length}");
                return elapsed;
            }));

            RegistryDocument parsed = null;
            result.Baselines.Add(_measurer.Measure(ParseOnly, count, _plan.ListRepeats, () =>
            {
                long t = Stopwatch.GetTimestamp();
                using (var reader = new StreamReader(new MemoryStream(bytes, writable: false), new UTF8Encoding(false)))
                {
                    parsed = RegistryFileFormat.Read(reader);
                }
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(parsed.Projects.Count == count && parsed.DataSpaces.Count == count * 3, $"the parse found {parsed.Projects.Count} projects and {parsed.DataSpaces.Count} data spaces");
                return elapsed;
            }));

            // What ProjectRegistry's list does after the parse (sort by name, attach each project's data spaces sorted
            // by type and name, with the project's name), done with one grouping pass instead of a scan per project.
            string firstId = seeded.Projects.OrderBy(p => p.ProjectName, StringComparer.OrdinalIgnoreCase).First().ProjectId;
            result.Baselines.Add(_measurer.Measure(GroupedOnce, count, _plan.ListRepeats, () =>
            {
                long t = Stopwatch.GetTimestamp();
                var byProject = parsed.DataSpaces.ToLookup(d => d.ProjectId, StringComparer.OrdinalIgnoreCase);
                var list = parsed.Projects
                    .Where(p => string.Equals(p.MageId, MageId, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(p => p.ProjectName, StringComparer.OrdinalIgnoreCase)
                    .ToList();
                foreach (var project in list)
                {
                    project.DataSpaces = byProject[project.ProjectId]
                        .Select(d => { d.ProjectName = project.ProjectName; return d; })
                        .OrderBy(d => d.Type).ThenBy(d => d.DataSpaceName, StringComparer.OrdinalIgnoreCase)
                        .ToList();
                }
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(list.Count == count && list[0].ProjectId == firstId && list.All(p => p.DataSpaces.Count == 3), "the grouped list differs from the seeded projects");
                return elapsed;
            }));
        }

        private static void ExpectError(string errorId, Action action)
        {
            try
            {
                action();
            }
            catch (ConnectorException e) when (e.ErrorId == errorId)
            {
                return;
            }
            catch (ConnectorException e)
            {
                throw new InvalidOperationException($"The project registry misbehaved: expected error {errorId}, got {e.ErrorId}: {e.Message}", e);
            }
            throw new InvalidOperationException($"The project registry misbehaved: expected error {errorId}, but the call succeeded.");
        }

        private static void Check(bool condition, string problem)
        {
            if (!condition)
            {
                throw new InvalidOperationException("The project registry misbehaved: " + problem + ".");
            }
        }
    }
}
