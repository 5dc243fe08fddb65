using System.Security.Cryptography;
using CommerceConnector.Core.Projects;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The Core rules behind bringing in what a merchant already has: keys imported byte-exact (public half only),
    /// projects and data spaces registered under the licence rules, instances adopted from env.php, and the fleet audit.
    /// </summary>
    public sealed class AdoptionTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        private const string Owner = "owner@example.com";
        private const string ProductionId = "A1b2C3d4E5f60718293a4B5c6D7e8F90";
        private const string SandboxId = "0fEdCbA98765432100112233445566aB";
        private const string ProjectId = "0f4c2a1e-8b7d-4c3e-9a65-2d1f0e9c8b7a";

        private static readonly string ProductionPem = NewPem();
        private static readonly string SandboxPem = NewPem();
        private static readonly string StrayPem = NewPem();

        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;
        private readonly ApiKeyPortal _keys;
        private readonly ProjectRegistry _projects;

        public AdoptionTests()
        {
            _store = new FileRegistryStore(_temp.Combine("registry"));
            var accounts = new AccountDirectory(_store, () => Now);
            accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, Owner);
            accounts.NewAccount("MAG2", CommerceEdition.AdobeCommerce, "other@example.com");
            accounts.NewAccount("MAG3", CommerceEdition.MagentoOpenSource, "open@example.com");
            accounts.AddMember("MAG1", "viewer@example.com", MemberRole.SharedAccess);
            _keys = new ApiKeyPortal(_store, () => Now);
            _projects = new ProjectRegistry(_store, () => Now);
        }

        public void Dispose() => _temp.Dispose();

        private static string NewPem()
        {
            using (var rsa = RSA.Create())
            {
                rsa.KeySize = 2048;
                return PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(rsa.ExportParameters(true)));
            }
        }

        private byte[] RegistryBytes() => File.ReadAllBytes(_store.DocumentPath);

        private void Refused(string errorId, Action action)
        {
            byte[] before = RegistryBytes();
            var error = Assert.Throws<ConnectorException>(action);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(before, RegistryBytes());
        }

        private void ImportBoth()
        {
            _keys.Import("MAG1", Owner, ProductionId, ApiKeyEnvironment.Production, ProductionPem, "prod");
            _keys.Import("MAG1", Owner, SandboxId, ApiKeyEnvironment.Sandbox, SandboxPem, "sandbox");
        }

        private string Store(string name, string dataSpaceId = "7e1d2c3b-0000-4000-8000-000000000001", string type = "testing", string environment = "sandbox",
            string sandboxId = SandboxId, string sandboxPem = null)
        {
            string root = _temp.Combine("www", name);
            Directory.CreateDirectory(Path.Combine(root, "app", "etc"));
            string Php(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
            File.WriteAllText(Path.Combine(root, "app", "etc", "env.php"),
                "<?php\nreturn [\n    'system' => [\n        'default' => [\n" +
                "            'services_connector' => [\n" +
                $"                'services_connector_integration' => ['production_api_key' => {Php(ProductionId)}, 'production_private_key' => {Php(ProductionPem)}, " +
                $"'sandbox_api_key' => {Php(sandboxId)}, 'sandbox_private_key' => {Php(sandboxPem ?? SandboxPem)}],\n" +
                $"                'services_id' => ['project_id' => {Php(ProjectId)}, 'project_name' => 'Luma', 'environment_id' => {Php(dataSpaceId)}, 'environment_name' => 'Testing 1', 'environment' => {Php(type)}],\n" +
                "            ],\n" +
                $"            'magento_saas' => ['environment' => {Php(environment)}],\n" +
                "        ],\n    ],\n];\n");
            File.WriteAllText(Path.Combine(root, "app", "etc", "config.php"), "<?php\nreturn ['modules' => ['Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 1]];\n");
            return root;
        }

        // ---- keys --------------------------------------------------------------------------------------------

        [Fact]
        public void ImportKeepsTheApiKeyByteExactAndStoresOnlyThePublicHalf()
        {
            var imported = _keys.Import("MAG1", Owner, ProductionId, ApiKeyEnvironment.Production, ProductionPem, null);

            Assert.False(imported.AlreadyRegistered);
            Assert.Equal(ProductionId, imported.Key.Id);
            Assert.Equal(RecordSource.Imported, imported.Key.Source);
            Assert.Equal(PrivateKeyText.ReadStrict(ProductionPem).Fingerprint, imported.Key.Fingerprint);
            Assert.Equal("production A1b2C3d4", imported.Key.Name);
            string json = File.ReadAllText(_store.DocumentPath);
            Assert.DoesNotContain("PRIVATE KEY", json);
            Assert.Contains("\"" + ProductionId + "\"", json);
            Assert.Contains("\"source\": \"Imported\"", json);
            Assert.True(_keys.Test("MAG1", ProductionId.ToLowerInvariant(), ProductionPem, ApiKeyEnvironment.Production).IsValid);
        }

        [Fact]
        public void ImportRepairsTheTextAsRepairConnectorPrivateKeyDoesAndNamesTheFixes()
        {
            string flattened = ProductionPem.Replace("\n", "\\n");

            var imported = _keys.Import("MAG1", Owner, ProductionId, ApiKeyEnvironment.Production, flattened, "prod");

            Assert.NotEmpty(imported.Fixes);
            Assert.Equal(PrivateKeyText.ReadStrict(ProductionPem).Fingerprint, imported.Key.Fingerprint);
        }

        [Fact]
        public void ImportingTheSamePairAgainChangesNothing()
        {
            _keys.Import("MAG1", Owner, ProductionId, ApiKeyEnvironment.Production, ProductionPem, "prod");
            byte[] before = RegistryBytes();
            DateTime written = File.GetLastWriteTimeUtc(_store.DocumentPath);

            var again = _keys.Import("MAG1", Owner, ProductionId, ApiKeyEnvironment.Production, ProductionPem, "prod");

            Assert.True(again.AlreadyRegistered);
            Assert.Equal(before, RegistryBytes());
            Assert.Equal(written, File.GetLastWriteTimeUtc(_store.DocumentPath));
        }

        [Theory]
        [InlineData("InvalidApiKey", "")]
        [InlineData("InvalidApiKey", "short")]
        [InlineData("InvalidApiKey", "key<with>angle*brackets")]
        [InlineData("ApiKeyHasWhitespaceOrQuotes", " A1b2C3d4E5f60718293a4B5c6D7e8F90")]
        [InlineData("ApiKeyHasWhitespaceOrQuotes", "A1b2C3d4E5f60718293a4B5c6D7e8F90\n")]
        [InlineData("ApiKeyHasWhitespaceOrQuotes", "\"A1b2C3d4E5f60718293a4B5c6D7e8F90\"")]
        [InlineData("ApiKeyHasWhitespaceOrQuotes", "'A1b2C3d4E5f60718293a4B5c6D7e8F90'")]
        public void ImportRefusesMalformedApiKeysWithoutWriting(string errorId, string apiKey)
        {
            ImportBoth();
            Refused(errorId, () => _keys.Import("MAG1", Owner, apiKey, ApiKeyEnvironment.Production, StrayPem, null));
        }

        [Fact]
        public void ImportRefusesConflictsWithoutWriting()
        {
            ImportBoth();

            Refused(ErrorIds.ApiKeyPairConflict, () => _keys.Import("MAG1", Owner, ProductionId, ApiKeyEnvironment.Production, StrayPem, null));
            Refused(ErrorIds.ApiKeyPairConflict, () => _keys.Import("MAG1", Owner, ProductionId.ToLowerInvariant(), ApiKeyEnvironment.Production, StrayPem, null));
            Refused(ErrorIds.ApiKeyEnvironmentConflict, () => _keys.Import("MAG1", Owner, ProductionId, ApiKeyEnvironment.Sandbox, ProductionPem, null));
            Refused(ErrorIds.ApiKeyOfAnotherAccount, () => _keys.Import("MAG2", "other@example.com", ProductionId, ApiKeyEnvironment.Production, ProductionPem, null));
            Refused(ErrorIds.PrivateKeyOfAnotherApiKey, () => _keys.Import("MAG1", Owner, "ffffffffffffffffffffffffffffffff", ApiKeyEnvironment.Production, ProductionPem, null));
            Refused(ErrorIds.ApiKeyNameExists, () => _keys.Import("MAG1", Owner, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", ApiKeyEnvironment.Production, StrayPem, "prod"));
            Refused(ErrorIds.KeyImportNotAllowed, () => _keys.Import("MAG1", "viewer@example.com", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", ApiKeyEnvironment.Production, StrayPem, null));
            Refused(ErrorIds.PrivateKeyNotPem, () => _keys.Import("MAG1", Owner, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", ApiKeyEnvironment.Production, "not a key", null));
        }

        [Fact]
        public void RecordsWrittenBeforeSourceExistedReadAsGenerated()
        {
            var key = PrivateKeyText.ReadStrict(ProductionPem);
            string publicKey = Convert.ToBase64String(RsaKeyCodec.EncodeSubjectPublicKeyInfo(RsaKeyCodec.PublicPart(key.Key)));
            File.WriteAllText(_store.DocumentPath,
                "{\"schemaVersion\": 1, \"accounts\": [{\"mageId\": \"MAG9\", \"edition\": \"AdobeCommerce\", \"owner\": \"o@example.com\", \"members\": [{\"user\": \"o@example.com\", \"role\": \"LicenseOwner\"}]}]," +
                $"\"apiKeys\": [{{\"id\": \"abc\", \"mageId\": \"MAG9\", \"name\": \"k\", \"environment\": \"Production\", \"publicKey\": \"{publicKey}\", \"fingerprint\": \"{key.Fingerprint}\", \"status\": \"Active\"}}]," +
                "\"projects\": [{\"projectId\": \"p1\", \"projectName\": \"P\", \"mageId\": \"MAG9\"}]," +
                "\"dataSpaces\": [{\"dataSpaceId\": \"d1\", \"dataSpaceName\": \"Production\", \"type\": \"Production\", \"projectId\": \"p1\", \"mageId\": \"MAG9\"}]}");

            var document = _store.Read();

            Assert.Equal(RecordSource.Generated, document.ApiKeys.Single().Source);
            Assert.Equal(RecordSource.Generated, document.Projects.Single().Source);
            Assert.Equal(RecordSource.Generated, document.DataSpaces.Single().Source);
            Assert.Equal(RecordSource.Generated, _projects.GetProject("MAG9", "p1").Source);
        }

        // ---- projects and data spaces ------------------------------------------------------------------------

        [Fact]
        public void RegisteredProjectsAndDataSpacesKeepTheirIdsAndFollowTheLicence()
        {
            Refused(ErrorIds.NoActiveApiKey, () => _projects.RegisterProject("MAG1", Owner, ProjectId, "Luma"));
            ImportBoth();

            var project = _projects.RegisterProject("MAG1", Owner, ProjectId, "Luma");
            var production = _projects.RegisterDataSpace("MAG1", "Luma", "Prod:1", "Production", DataSpaceType.Production, null);
            _projects.RegisterDataSpace("MAG1", ProjectId, "t1", "Testing 1", DataSpaceType.Testing, null);
            _projects.RegisterDataSpace("MAG1", ProjectId, "t2", "Testing 2", DataSpaceType.Testing, null);

            Assert.Equal((ProjectId, RecordSource.Imported), (project.ProjectId, project.Source));
            Assert.Empty(project.DataSpaces);
            Assert.Equal(("Prod:1", "Luma", RecordSource.Imported), (production.DataSpaceId, production.ProjectName, production.Source));
            Refused(ErrorIds.SecondProductionDataSpace, () => _projects.RegisterDataSpace("MAG1", ProjectId, "p2", "Production 2", DataSpaceType.Production, null));
            Refused(ErrorIds.SupportTicketRequired, () => _projects.RegisterDataSpace("MAG1", ProjectId, "t3", "Testing 3", DataSpaceType.Testing, null));
            Refused(ErrorIds.InvalidSupportTicket, () => _projects.RegisterDataSpace("MAG1", ProjectId, "t3", "Testing 3", DataSpaceType.Testing, "bad ticket!"));
            Refused(ErrorIds.DataSpaceIdExists, () => _projects.RegisterDataSpace("MAG1", ProjectId, "T1", "Other", DataSpaceType.Testing, "MDVA-1"));
            Refused(ErrorIds.DataSpaceNameExists, () => _projects.RegisterDataSpace("MAG1", ProjectId, "t3", "Testing 1", DataSpaceType.Testing, "MDVA-1"));
            Refused(ErrorIds.ProjectIdExists, () => _projects.RegisterProject("MAG1", Owner, ProjectId, "Renamed"));
            Refused(ErrorIds.ProjectNameExists, () => _projects.RegisterProject("MAG1", Owner, "other-id", "Luma"));
            Refused(ErrorIds.InvalidProjectId, () => _projects.RegisterProject("MAG1", Owner, "has space", "Spaced"));
            Refused(ErrorIds.InvalidDataSpaceId, () => _projects.RegisterDataSpace("MAG1", ProjectId, "", "Empty", DataSpaceType.Testing, "MDVA-1"));
            Refused(ErrorIds.ProjectNotFound, () => _projects.RegisterDataSpace("MAG1", "nope", "t9", "T9", DataSpaceType.Testing, null));

            var third = _projects.RegisterDataSpace("MAG1", ProjectId, "t3", "Testing 3", DataSpaceType.Testing, "MDVA-12345");
            Assert.Equal("MDVA-12345", third.SupportTicket);
            byte[] before = RegistryBytes();
            Assert.Equal("t3", _projects.RegisterDataSpace("MAG1", ProjectId, "t3", "Testing 3", DataSpaceType.Testing, "MDVA-12345").DataSpaceId);
            Assert.Equal(ProjectId, _projects.RegisterProject("MAG1", Owner, ProjectId, "Luma").ProjectId);
            Assert.Equal(before, RegistryBytes());
            Assert.Equal(4, _projects.GetProject("MAG1", "Luma").DataSpaces.Count);
        }

        [Fact]
        public void ProjectIdsAreUniqueAcrossAccountsAndOpenSourceHasNoTestingDataSpaces()
        {
            ImportBoth();
            _projects.RegisterProject("MAG1", Owner, ProjectId, "Luma");
            _keys.Import("MAG2", "other@example.com", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", ApiKeyEnvironment.Production, StrayPem, null);
            _keys.Import("MAG3", "open@example.com", "cccccccccccccccccccccccccccccccc", ApiKeyEnvironment.Production, NewPem(), null);
            _projects.RegisterProject("MAG3", "open@example.com", "open-project", "Open");

            Refused(ErrorIds.ProjectIdExists, () => _projects.RegisterProject("MAG2", "other@example.com", ProjectId, "Luma"));
            Refused(ErrorIds.TestingDataSpacesNotInEdition, () => _projects.RegisterDataSpace("MAG3", "Open", "open-t1", "Testing 1", DataSpaceType.Testing, null));
            Assert.Equal(DataSpaceType.Production, _projects.RegisterDataSpace("MAG3", "Open", "open-p", "Production", DataSpaceType.Production, null).Type);
        }

        // ---- adoption ----------------------------------------------------------------------------------------

        [Fact]
        public void RegisteringReportsWhatTheRegistryDoesNotKnowAndChangesNoFile()
        {
            string root = Store("luma-staging");
            byte[] envPhp = File.ReadAllBytes(Path.Combine(root, "app", "etc", "env.php"));

            var registered = new InstanceAdoption(_store, () => Now).Register("MAG1", Owner, null, root, InstanceRole.Staging, null, adopt: false);

            Assert.Equal("luma-staging", registered.Instance.Name);
            Assert.Equal(new[] { "ApiKey " + ProductionId, "ApiKey " + SandboxId, "Project " + ProjectId, "DataSpace 7e1d2c3b-0000-4000-8000-000000000001" },
                registered.Instance.Unknown.Select(r => r.ToString()));
            Assert.Equal(4, registered.Warnings.Count);
            Assert.Equal(SandboxId, registered.Instance.Connector.SandboxApiKey);
            Assert.Null(registered.Instance.AssignedDataSpaceId);
            Assert.Equal(envPhp, File.ReadAllBytes(Path.Combine(root, "app", "etc", "env.php")));
        }

        [Fact]
        public void AdoptingBringsInKeysProjectAndDataSpaceInOneChange()
        {
            string root = Store("luma-staging");
            string envPhp = Path.Combine(root, "app", "etc", "env.php");
            byte[] before = File.ReadAllBytes(envPhp);

            var registered = new InstanceAdoption(_store, () => Now).Register("MAG1", Owner, "stage", envPhp, InstanceRole.Staging, null, adopt: true);

            Assert.Equal(root, registered.Instance.Path);
            Assert.Empty(registered.Instance.Unknown);
            Assert.Equal(4, registered.Instance.Adopted.Count);
            var document = _store.Read();
            Assert.All(document.ApiKeys.Where(k => k.MageId == "MAG1"), k => Assert.Equal(RecordSource.Adopted, k.Source));
            Assert.Equal(PrivateKeyText.ReadStrict(SandboxPem).Fingerprint, document.ApiKeys.Single(k => k.Id == SandboxId).Fingerprint);
            Assert.Equal(("Luma", RecordSource.Adopted), (document.Projects.Single().ProjectName, document.Projects.Single().Source));
            var space = document.DataSpaces.Single();
            Assert.Equal(("Testing 1", DataSpaceType.Testing, RecordSource.Adopted), (space.DataSpaceName, space.Type, space.Source));
            Assert.Equal(space.DataSpaceId, document.Instances.Single().AssignedDataSpaceId);
            Assert.Equal(before, File.ReadAllBytes(envPhp));
            Assert.All(new FleetAudit(_store, "MAG1").Test(ConfigTarget.ForInstance(document.Instances.Single())), c => Assert.Equal(CheckVerdict.Passed, c.Verdict));
        }

        [Fact]
        public void AnAdoptionThatBreaksARuleWritesNothing()
        {
            ImportBoth();
            _projects.RegisterProject("MAG1", Owner, ProjectId, "Luma");
            _projects.RegisterDataSpace("MAG1", ProjectId, "t1", "Testing 1", DataSpaceType.Testing, null);
            _projects.RegisterDataSpace("MAG1", ProjectId, "t2", "Testing 2", DataSpaceType.Testing, null);
            var adoption = new InstanceAdoption(_store, () => Now);

            Refused(ErrorIds.SupportTicketRequired, () => adoption.Register("MAG1", Owner, null, Store("a", dataSpaceId: "t3"), InstanceRole.Staging, null, adopt: true));
            Refused(ErrorIds.DataSpaceTypeUnknown, () => adoption.Register("MAG1", Owner, null, Store("b", dataSpaceId: "t4", type: "qa"), InstanceRole.Staging, null, adopt: true));
            Refused(ErrorIds.ApiKeyPairConflict, () => adoption.Register("MAG1", Owner, null, Store("c", sandboxPem: StrayPem), InstanceRole.Staging, null, adopt: true));
            Refused(ErrorIds.ApiKeyHasWhitespaceOrQuotes, () => adoption.Register("MAG1", Owner, null, Store("d", sandboxId: SandboxId + " "), InstanceRole.Staging, null, adopt: true));
        }

        // ---- the audit ---------------------------------------------------------------------------------------

        [Fact]
        public void TheAuditJudgesBothKeyPairsAndNamesTheRevokedOne()
        {
            string root = Store("luma-prod", environment: "production");
            var instance = new InstanceAdoption(_store, () => Now).Register("MAG1", Owner, null, root, InstanceRole.Production, null, adopt: true).Instance;
            _keys.Revoke("MAG1", Owner, SandboxId);

            var failed = new FleetAudit(_store, "MAG1").Test(ConfigTarget.ForInstance(instance)).Where(c => c.Verdict == CheckVerdict.Failed).ToList();

            var active = Assert.Single(failed, c => c.Name == "KeyActive");
            Assert.StartsWith("Sandbox key pair " + SandboxId + ":", active.Message);
            Assert.StartsWith("New-ConnectorApiKey -Environment Sandbox", active.Fix);
        }

        [Fact]
        public void OneAuditReadsEachEnvPhpOnce()
        {
            var adoption = new InstanceAdoption(_store, () => Now);
            var a = adoption.Register("MAG1", Owner, null, Store("a"), InstanceRole.Staging, null, adopt: true).Instance;
            _projects.RegisterDataSpace("MAG1", ProjectId, "t2", "Testing 2", DataSpaceType.Testing, null);
            var b = adoption.Register("MAG1", Owner, null, Store("b", dataSpaceId: "t2"), InstanceRole.Staging, null, adopt: false).Instance;
            var audit = new FleetAudit(_store, "MAG1");
            Assert.Equal(CheckVerdict.Passed, audit.Test(ConfigTarget.ForInstance(a)).Single(c => c.Name == "DataSpaceNotShared").Verdict);

            // b moves onto a's data space after the run read it: the run keeps what it read, a new run sees the change.
            Store("b", dataSpaceId: a.AssignedDataSpaceId);

            Assert.Equal(CheckVerdict.Passed, audit.Test(ConfigTarget.ForInstance(a)).Single(c => c.Name == "DataSpaceNotShared").Verdict);
            var shared = new FleetAudit(_store, "MAG1").Test(ConfigTarget.ForInstance(a)).Single(c => c.Name == "DataSpaceNotShared");
            Assert.Equal(CheckVerdict.Failed, shared.Verdict);
            Assert.Contains("'b'", shared.Message);
            Assert.Contains(a.AssignedDataSpaceId, shared.Message);
        }

        [Fact]
        public void ANewAuditParsesOnlyTheFilesThatChangedSinceTheLastOne()
        {
            var adoption = new InstanceAdoption(_store, () => Now);
            var a = adoption.Register("MAG1", Owner, null, Store("a"), InstanceRole.Staging, null, adopt: true).Instance;
            _projects.RegisterDataSpace("MAG1", ProjectId, "t2", "Testing 2", DataSpaceType.Testing, null);
            adoption.Register("MAG1", Owner, null, Store("b", dataSpaceId: "t2"), InstanceRole.Staging, null, adopt: false);
            // c names its data space in config.php only (env.php holds no connector value).
            string c = _temp.Combine("www", "c");
            Directory.CreateDirectory(Path.Combine(c, "app", "etc"));
            File.WriteAllText(Path.Combine(c, "app", "etc", "env.php"), "<?php\nreturn ['system' => ['default' => []]];\n");
            string cConfig = Path.Combine(c, "app", "etc", "config.php");
            File.WriteAllText(cConfig, ConfigPhpNaming("t3"));
            adoption.Register("MAG1", Owner, null, c, InstanceRole.Staging, null, adopt: false);
            // d's env.php cannot be parsed: a failed reading is never kept, so d is read on every audit.
            string d = Store("d", dataSpaceId: "t2");
            adoption.Register("MAG1", Owner, null, d, InstanceRole.Staging, null, adopt: false);
            File.WriteAllText(Path.Combine(d, "app", "etc", "env.php"), "<?php\nreturn ['system' => \n");
            // Only files whose times lie more than 2 s back may be kept (FileStamp.Settled), and the inode change time
            // cannot be set back: let them age.
            Thread.Sleep(2100);

            int reads = FleetFiles.ReadsOnThisThread;
            Assert.Equal(CheckVerdict.Passed, NotShared(a).Verdict);
            Assert.Equal(reads + 3, FleetFiles.ReadsOnThisThread);
            Assert.Equal(CheckVerdict.Passed, NotShared(a).Verdict);
            Assert.Equal(reads + 4, FleetFiles.ReadsOnThisThread);

            // c's config.php moves it onto a's data space: that file's stamp changed, so c is read again, b is not.
            File.WriteAllText(cConfig, ConfigPhpNaming(a.AssignedDataSpaceId));
            var shared = NotShared(a);
            Assert.Equal(CheckVerdict.Failed, shared.Verdict);
            Assert.Contains("'c'", shared.Message);
            Assert.Equal(reads + 6, FleetFiles.ReadsOnThisThread);

            // b's env.php moves it there too: b is read again and named (and c, written again here so that it is
            // still too fresh to have been kept, however long the audit above took).
            Store("b", dataSpaceId: a.AssignedDataSpaceId);
            File.WriteAllText(cConfig, ConfigPhpNaming(a.AssignedDataSpaceId));
            Assert.Contains("'b'", NotShared(a).Message);
            Assert.Equal(reads + 9, FleetFiles.ReadsOnThisThread);
        }

        private ConfigCheck NotShared(CommerceInstance instance) =>
            new FleetAudit(_store, "MAG1").Test(ConfigTarget.ForInstance(instance)).Single(check => check.Name == "DataSpaceNotShared");

        private static string ConfigPhpNaming(string dataSpaceId) =>
            "<?php\nreturn [\n    'modules' => ['Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 1],\n" +
            $"    'system' => ['default' => ['services_connector' => ['services_id' => ['environment_id' => '{dataSpaceId}']]]],\n];\n";

        [Fact]
        public void TheAuditGivesTheRegisterCommandsForIdsItDoesNotKnow()
        {
            ImportBoth();
            var instance = new InstanceAdoption(_store, () => Now).Register("MAG1", Owner, null, Store("x", dataSpaceId: "ds-1"), InstanceRole.Staging, null, adopt: false).Instance;

            var check = new FleetAudit(_store, "MAG1").Test(ConfigTarget.ForInstance(instance)).Single(c => c.Name == "DataSpaceExists");

            Assert.Equal(CheckVerdict.Failed, check.Verdict);
            Assert.Contains("ds-1", check.Message);
            Assert.Contains(ProjectId, check.Message);
            Assert.Equal($"Register-SaaSProject -ProjectId {ProjectId} -Name Luma; Register-DataSpace -Project {ProjectId} -DataSpaceId ds-1 -Name 'Testing 1' -Type Testing", check.Fix);
        }
    }
}
