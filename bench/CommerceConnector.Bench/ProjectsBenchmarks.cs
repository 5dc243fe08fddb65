using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Storage.Records;
using CommerceConnector.TestSupport;
using Newtonsoft.Json;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// The reads the project and data space cmdlets make, on one account with 1,000 SaaS projects and 3,000 data spaces
    /// (Production, Testing 1, Testing 2 each; names brand, region and number, so creation order is not name order) and
    /// an active production key. Made once per run with ProjectRegistry.NewProject; every result is checked.
    /// </summary>
    public class ProjectsBenchmarks
    {
        private const string MageId = "MAG100000001", Owner = "owner@luma.example.com";
        private static readonly Lazy<(TempFolder Folder, FileRegistryStore Store)> Seeded = new Lazy<(TempFolder, FileRegistryStore)>(Seed);
        private ProjectRegistry _registry;
        private SaaSProject[] _projects;
        private DataSpace[] _spaces;
        private string _text;
        private Random _picks;

        [GlobalSetup]
        public void Setup()
        {
            _registry = new ProjectRegistry(Seeded.Value.Store);
            _projects = _registry.GetProjects(MageId).ToArray();
            _spaces = _registry.GetDataSpaces(MageId).ToArray();
            RegistryBenchmarks.Check(_projects.Length * 10 + _spaces.Length, 1_000 * 10 + 3_000, "projects and data spaces seeded");
            _text = File.ReadAllText(Seeded.Value.Store.DocumentPath);
            _picks = new Random(4711);
            Console.WriteLine($"// registry.json with 1,000 projects: {_text.Length / 1024:N0} KiB");
        }

        [Benchmark(Description = "list all projects: GetProjects() (Get-SaaSProject)")]
        public int ListProjects() => RegistryBenchmarks.Check(_registry.GetProjects(MageId).Sum(p => p.DataSpaces.Count), 3_000, "data spaces listed with their projects");

        [Benchmark(Description = "list all data spaces: GetDataSpaces() (Get-DataSpace)")]
        public int ListDataSpaces() => RegistryBenchmarks.Check(_registry.GetDataSpaces(MageId).Count, 3_000, "data spaces listed");

        [Benchmark(Description = "one project by name: GetProjects(name) (Get-SaaSProject -Name)")]
        public SaaSProject ProjectByNameFilter() => Same(Pick(_projects), p => _registry.GetProjects(MageId, p.ProjectName).Single());

        [Benchmark(Description = "one project by name: GetProject(name) (-Project arguments, Rename-SaaSProject)")]
        public SaaSProject ProjectByName() => Same(Pick(_projects), p => _registry.GetProject(MageId, p.ProjectName));

        [Benchmark(Description = "one project by id: GetProjects(id: ) (Get-SaaSProject -Id)")]
        public SaaSProject ProjectByIdFilter() => Same(Pick(_projects), p => _registry.GetProjects(MageId, id: p.ProjectId).Single());

        [Benchmark(Description = "one project by id: GetProject(id)")]
        public SaaSProject ProjectById() => Same(Pick(_projects), p => _registry.GetProject(MageId, p.ProjectId));

        [Benchmark(Description = "one data space by id: GetDataSpaces(id: ) (Get-DataSpace -Id)")]
        public DataSpace DataSpaceByIdFilter() => SameSpace(Pick(_spaces), s => _registry.GetDataSpaces(MageId, id: s.DataSpaceId).Single());

        [Benchmark(Description = "one data space by id: GetDataSpace(null, id) (Set-DataSpace, Rename-/Clear-DataSpace)")]
        public DataSpace DataSpaceById() => SameSpace(Pick(_spaces), s => _registry.GetDataSpace(MageId, null, s.DataSpaceId));

        [Benchmark(Description = "one project's testing data spaces: GetDataSpaces(project, Testing) (Get-DataSpace -Project -Type Testing)")]
        public int SpacesOfProjectByType() => RegistryBenchmarks.Check(_registry.GetDataSpaces(MageId, Pick(_projects).ProjectId, DataSpaceType.Testing).Count, 2, "testing data spaces");

        [Benchmark(Description = "baseline: read registry.json bytes only")]
        public int RawRead() => File.ReadAllBytes(Seeded.Value.Store.DocumentPath).Length;

        [Benchmark(Description = "baseline: parse the same JSON into the store's records (RegistryFile), Newtonsoft only")]
        public int ParseOnly() => RegistryBenchmarks.Check(JsonConvert.DeserializeObject<RegistryFile>(_text, FileRegistryStore.SerializerSettings).Projects.Count, 1_000, "parsed projects");

        private static (TempFolder, FileRegistryStore) Seed()
        {
            var folder = new TempFolder("cc-bench-projects-");
            var store = new FileRegistryStore(folder.Combine("registry"));
            new AccountDirectory(store).NewAccount(MageId, CommerceEdition.AdobeCommerce, Owner, "Luma Retail Group");
            new ApiKeyPortal(store).Generate(MageId, Owner, ApiKeyEnvironment.Production, "k", 2048, _ => () => { });
            string[] brands = { "Luma", "Venia", "Aurora", "Citadel" }, regions = { "EU", "US", "APAC" };
            var registry = new ProjectRegistry(store);
            for (int i = 0; i < 1_000; i++)
            {
                registry.NewProject(MageId, Owner, $"{brands[i * 7 % 4]} {regions[i % 3]} {(i * 389) % 1000:D4}");
            }
            return (folder, store);
        }

        private T Pick<T>(T[] items) => items[_picks.Next(items.Length)];

        private static SaaSProject Same(SaaSProject expected, Func<SaaSProject, SaaSProject> find)
        {
            SaaSProject found = find(expected);
            return found.ProjectId == expected.ProjectId && found.DataSpaces.Count == 3 ? found : throw new InvalidOperationException($"found {found.ProjectId}, not {expected.ProjectId}");
        }

        private static DataSpace SameSpace(DataSpace expected, Func<DataSpace, DataSpace> find)
        {
            DataSpace found = find(expected);
            return found.DataSpaceId == expected.DataSpaceId && found.ProjectName == expected.ProjectName ? found : throw new InvalidOperationException($"found {found.DataSpaceId}, not {expected.DataSpaceId}");
        }
    }
}
