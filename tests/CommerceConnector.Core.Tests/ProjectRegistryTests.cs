using CommerceConnector.Core.Projects;

namespace CommerceConnector.Core.Tests
{
    public sealed class ProjectRegistryTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;
        private readonly AccountDirectory _accounts;
        private readonly ApiKeyPortal _keys;
        private readonly ProjectRegistry _projects;

        public ProjectRegistryTests()
        {
            _store = new FileRegistryStore(_temp.Combine("registry"));
            _accounts = new AccountDirectory(_store, () => Now);
            _keys = new ApiKeyPortal(_store, () => Now);
            _projects = new ProjectRegistry(_store, () => Now);
            _accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            _accounts.NewAccount("MAG2", CommerceEdition.MagentoOpenSource, "owner@open.example");
            _keys.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            _keys.Generate("MAG2", "owner@open.example", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
        }

        public void Dispose() => _temp.Dispose();

        [Fact]
        public void AnAdobeCommerceProjectGetsOneProductionAndTwoTestingDataSpaces()
        {
            var project = _projects.NewProject("MAG1", "owner@example.com", "  Luma  ");

            Assert.True(Guid.TryParse(project.ProjectId, out _));
            Assert.Equal(("Luma", "MAG1", Now, "owner@example.com"), (project.ProjectName, project.MageId, project.CreatedAt, project.CreatedBy));
            Assert.Equal(new[] { ("Production", DataSpaceType.Production), ("Testing 1", DataSpaceType.Testing), ("Testing 2", DataSpaceType.Testing) },
                project.DataSpaces.Select(d => (d.DataSpaceName, d.Type)));
            Assert.All(project.DataSpaces, d => Assert.Equal((project.ProjectId, "Luma", "MAG1"), (d.ProjectId, d.ProjectName, d.MageId)));
            Assert.Equal(3, project.DataSpaces.Select(d => d.DataSpaceId).Distinct().Count());
        }

        [Fact]
        public void AMagentoOpenSourceProjectGetsOneProductionDataSpaceAndNoTestingOnes()
        {
            var project = _projects.NewProject("MAG2", "owner@open.example", "Venia");

            var only = Assert.Single(project.DataSpaces);
            Assert.Equal(("Production", DataSpaceType.Production), (only.DataSpaceName, only.Type));
            Assert.Empty(_projects.GetDataSpaces("MAG2", type: DataSpaceType.Testing));
        }

        [Fact]
        public void WithoutAnActiveApiKeyTheRegistryShowsNothing()
        {
            _accounts.NewAccount("MAG3", CommerceEdition.AdobeCommerce, "owner@three.example");
            var error = Fails(ErrorIds.NoActiveApiKey, () => _projects.NewProject("MAG3", "owner@three.example", "P"));
            Assert.Contains("New-ConnectorApiKey", error.Message);
            Fails(ErrorIds.NoActiveApiKey, () => _projects.GetProjects("MAG3"));

            var key = _keys.Generate("MAG3", "owner@three.example", ApiKeyEnvironment.Sandbox, "sb", 2048, _ => () => { }).Key;
            _projects.NewProject("MAG3", "owner@three.example", "P");
            _keys.Revoke("MAG3", "owner@three.example", key.Id);
            Fails(ErrorIds.NoActiveApiKey, () => _projects.GetDataSpaces("MAG3"));
        }

        [Fact]
        public void ProjectNamesAreUniquePerAccountTrimmedAndBounded()
        {
            _projects.NewProject("MAG1", "owner@example.com", "Luma");
            byte[] before = File.ReadAllBytes(_store.DocumentPath);

            Assert.Equal("LUMA", Fails(ErrorIds.ProjectNameExists, () => _projects.NewProject("MAG1", "owner@example.com", "LUMA")).Target);
            Fails(ErrorIds.InvalidProjectName, () => _projects.NewProject("MAG1", "owner@example.com", "   "));
            Fails(ErrorIds.InvalidProjectName, () => _projects.NewProject("MAG1", "owner@example.com", new string('p', 256)));
            Assert.Equal(before, File.ReadAllBytes(_store.DocumentPath));

            // Another account may use the same name.
            Assert.Equal("Luma", _projects.NewProject("MAG2", "owner@open.example", "Luma").ProjectName);
            Assert.Equal(255, _projects.NewProject("MAG1", "owner@example.com", new string('p', 255)).ProjectName.Length);
        }

        [Fact]
        public void RenamingChangesOnlyTheLabel()
        {
            var project = _projects.NewProject("MAG1", "owner@example.com", "Luma");
            var testing = project.DataSpaces.First(d => d.Type == DataSpaceType.Testing);

            var renamed = _projects.RenameProject("MAG1", "luma", "Luma EU");
            var space = _projects.RenameDataSpace("MAG1", null, testing.DataSpaceId, "Staging EU");

            Assert.Equal((project.ProjectId, "Luma EU"), (renamed.ProjectId, renamed.ProjectName));
            Assert.Equal(project.DataSpaces.Select(d => d.DataSpaceId), renamed.DataSpaces.Select(d => d.DataSpaceId));
            Assert.Equal((testing.DataSpaceId, "Staging EU", DataSpaceType.Testing, project.ProjectId, "Luma EU"), (space.DataSpaceId, space.DataSpaceName, space.Type, space.ProjectId, space.ProjectName));
            Assert.Equal(testing.DataSpaceId, _projects.GetDataSpace("MAG1", "Luma EU", "staging eu").DataSpaceId);
            Fails(ErrorIds.DataSpaceNameExists, () => _projects.RenameDataSpace("MAG1", project.ProjectId, "Testing 2", "Production"));
            Fails(ErrorIds.ProjectNotFound, () => _projects.RenameProject("MAG1", "Luma", "X"));
        }

        [Fact]
        public void ExtraTestingDataSpacesComeOnlyThroughSupportOnAdobeCommerce()
        {
            var luma = _projects.NewProject("MAG1", "owner@example.com", "Luma");
            var venia = _projects.NewProject("MAG2", "owner@open.example", "Venia");

            var added = _projects.NewDataSpace("MAG1", "Luma", "Staging 3", DataSpaceType.Testing, " MDVA-12345 ");
            Assert.Equal(("Staging 3", DataSpaceType.Testing, "MDVA-12345", luma.ProjectId, "Luma"), (added.DataSpaceName, added.Type, added.SupportTicket, added.ProjectId, added.ProjectName));
            Assert.Equal(4, _projects.GetDataSpaces("MAG1", "Luma").Count);

            Assert.Contains("Magento Open Source", Fails(ErrorIds.TestingDataSpacesNotInEdition, () => _projects.NewDataSpace("MAG2", venia.ProjectId, "Staging", DataSpaceType.Testing, "T-1")).Message);
            Assert.Contains("exactly one", Fails(ErrorIds.SecondProductionDataSpace, () => _projects.NewDataSpace("MAG1", "Luma", "Prod 2", DataSpaceType.Production, "T-1")).Message);
            Assert.Contains("-SupportTicket", Fails(ErrorIds.SupportTicketRequired, () => _projects.NewDataSpace("MAG1", "Luma", "Staging 4", DataSpaceType.Testing, "  ")).Message);
            Fails(ErrorIds.InvalidSupportTicket, () => _projects.NewDataSpace("MAG1", "Luma", "Staging 4", DataSpaceType.Testing, "ticket with spaces"));
            Fails(ErrorIds.DataSpaceNameExists, () => _projects.NewDataSpace("MAG1", "Luma", "testing 1", DataSpaceType.Testing, "T-2"));
            Fails(ErrorIds.ProjectNotFound, () => _projects.NewDataSpace("MAG1", "Nope", "Staging 4", DataSpaceType.Testing, "T-2"));
            Assert.Equal(4, _projects.GetDataSpaces("MAG1", "Luma").Count);
        }

        [Fact]
        public void GetFiltersByProjectTypeNameAndId()
        {
            var luma = _projects.NewProject("MAG1", "owner@example.com", "Luma");
            var aurora = _projects.NewProject("MAG1", "owner@example.com", "Aurora");

            Assert.Equal(new[] { "Aurora", "Luma" }, _projects.GetProjects("MAG1").Select(p => p.ProjectName));
            Assert.Equal(new[] { "Luma" }, _projects.GetProjects("MAG1", "l*").Select(p => p.ProjectName));
            Assert.Equal(new[] { "Aurora" }, _projects.GetProjects("MAG1", id: aurora.ProjectId).Select(p => p.ProjectName));
            Fails(ErrorIds.ProjectNotFound, () => _projects.GetProjects("MAG1", "Zeta"));
            Assert.Empty(_projects.GetProjects("MAG1", "Z*"));

            Assert.Equal(6, _projects.GetDataSpaces("MAG1").Count);
            Assert.Equal(new[] { "Aurora", "Aurora", "Luma", "Luma" }, _projects.GetDataSpaces("MAG1", type: DataSpaceType.Testing).Select(d => d.ProjectName));
            Assert.Equal(new[] { "Testing 1", "Testing 2" }, _projects.GetDataSpaces("MAG1", luma.ProjectId, DataSpaceType.Testing).Select(d => d.DataSpaceName));
            Assert.Equal(new[] { "Production" }, _projects.GetDataSpaces("MAG1", "Luma", namePattern: "prod*").Select(d => d.DataSpaceName));
            string id = luma.DataSpaces[1].DataSpaceId;
            Assert.Equal(id, Assert.Single(_projects.GetDataSpaces("MAG1", id: id)).DataSpaceId);
            Fails(ErrorIds.DataSpaceNotFound, () => _projects.GetDataSpaces("MAG1", id: Guid.NewGuid().ToString()));
            // Other accounts' projects are invisible.
            Assert.Empty(_projects.GetProjects("MAG2"));
            Fails(ErrorIds.ProjectNotFound, () => _projects.GetDataSpaces("MAG2", luma.ProjectId));
        }

        [Fact]
        public void ANameSharedByTwoProjectsNeedsTheProject()
        {
            _projects.NewProject("MAG1", "owner@example.com", "Luma");
            _projects.NewProject("MAG1", "owner@example.com", "Aurora");

            var error = Fails(ErrorIds.AmbiguousDataSpace, () => _projects.GetDataSpace("MAG1", null, "Testing 1"));
            Assert.Contains("-Project", error.Message);
            Assert.Equal("Aurora", _projects.GetDataSpace("MAG1", "Aurora", "Testing 1").ProjectName);
        }

        [Fact]
        public void ClearingRecordsTheRequestAndEmptiesTheExportedData()
        {
            var luma = _projects.NewProject("MAG1", "owner@example.com", "Luma");
            string id = luma.DataSpaces.First(d => d.DataSpaceName == "Testing 1").DataSpaceId;
            _store.Update(d => d.DataSpaces.First(s => s.DataSpaceId == id).ExportedItems = 1234);

            var cleared = _projects.ClearDataSpace("MAG1", "owner@example.com", null, id);

            Assert.Equal(0, cleared.ExportedItems);
            var request = Assert.Single(cleared.Cleanups);
            Assert.Equal((Now, "owner@example.com", 1234), (request.RequestedAt, request.RequestedBy, request.RemovedItems));
            Assert.Equal(Now, cleared.LastCleanupAt);
            Assert.Equal(0, _projects.GetDataSpace("MAG1", "Luma", "Testing 1").ExportedItems);
        }

        [Fact]
        public void ADataSpaceOfAnUnknownProjectMakesTheRegistryCorrupt()
        {
            _projects.NewProject("MAG1", "owner@example.com", "Luma");
            string json = File.ReadAllText(_store.DocumentPath);
            var root = Newtonsoft.Json.Linq.JObject.Parse(json);
            root["projects"] = new Newtonsoft.Json.Linq.JArray();
            File.WriteAllText(_store.DocumentPath, root.ToString());

            Assert.Contains("belongs to no known project", Fails(ErrorIds.RegistryCorrupt, () => _store.Read()).Message);
        }
    }
}
