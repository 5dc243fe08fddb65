using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Tests.Php;

namespace CommerceConnector.Core.Tests
{
    public sealed class ConfigurationPlannerTests : IDisposable, IClassFixture<PhpJudge>
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
        private const string ConfigPhp = "<?php\nreturn [\n    'modules' => [\n        'Magento_Store' => 1,\n        'Magento_ServicesId' => 1,\n        'Magento_ServicesConnector' => 1,\n        'Magento_LiveSearch' => 0,\n    ],\n];\n";

        private readonly TempFolder _temp = new TempFolder();
        private readonly PhpJudge _php;
        private readonly FileRegistryStore _store;
        private readonly InstanceInventory _instances;
        private readonly ApiKeyPortal _keys;
        private readonly ProjectRegistry _projects;
        private readonly ConfigurationPlanner _planner;
        private readonly ConfigurationWriter _writer;
        private readonly GeneratedApiKey _production;
        private readonly GeneratedApiKey _sandbox;
        private readonly SaaSProject _luma;

        public ConfigurationPlannerTests(PhpJudge php)
        {
            _php = php;
            _store = new FileRegistryStore(_temp.Combine("registry"));
            new AccountDirectory(_store, () => Now).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            new AccountDirectory(_store, () => Now).NewAccount("MAG2", CommerceEdition.AdobeCommerce, "other@example.com");
            _keys = new ApiKeyPortal(_store, () => Now);
            _production = _keys.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            _sandbox = _keys.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Sandbox, "sandbox", 2048, _ => () => { });
            _keys.Generate("MAG2", "other@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            _projects = new ProjectRegistry(_store, () => Now);
            _luma = _projects.NewProject("MAG1", "owner@example.com", "Luma");
            _instances = new InstanceInventory(_store, () => Now);
            _planner = new ConfigurationPlanner(_store, () => Now);
            _writer = new ConfigurationWriter(_store, () => Now);
        }

        public void Dispose() => _temp.Dispose();

        private string Magento(string name, string envPhp = null)
        {
            // Owner-only, as on a well-kept server: a file others can read gets a warning of its own.
            return MagentoRoot.Create(_temp.Combine(name), envPhp ?? EnvPhpCorpus.Shapes["magento-default"], ConfigPhp, ownerOnly: true);
        }

        private ConfigTarget Registered(string name, InstanceRole role) =>
            ConfigTarget.ForInstance(_instances.Register("MAG1", "owner@example.com", name, Magento(name), role, null));

        private static string EnvPhp(ConfigTarget target) => File.ReadAllText(target.EnvPhp);

        private ConfigurationResult ConfigureKeys(ConfigTarget target, ApiKeyEnvironment environment) =>
            _writer.Apply(_planner.PlanKeys("MAG1", target, environment,
                new KeyPairInput(_production.Key.Id, _production.PrivateKeyPem), new KeyPairInput(_sandbox.Key.Id, _sandbox.PrivateKeyPem)));

        private DataSpace Space(string name) => _luma.DataSpaces.Single(d => d.DataSpaceName == name);

        private ConnectorException Refused(string errorId, ConfigTarget target, Action action)
        {
            byte[] before = File.ReadAllBytes(target.EnvPhp);
            var error = Assert.Throws<ConnectorException>(action);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(before, File.ReadAllBytes(target.EnvPhp));
            return error;
        }

        [Fact]
        public void TheInventoryRegistersMagentoRootsWithTheirRoles()
        {
            string root = Magento("shop");
            var instance = _instances.Register("MAG1", "owner@example.com", " shop-prod ", root + "/", InstanceRole.Production, "https://shop.example/");

            Assert.Equal(("shop-prod", root, InstanceRole.Production, "https://shop.example/"), (instance.Name, instance.Path, instance.Role, instance.BaseUrl));
            Assert.Equal(ErrorIds.InstanceExists, Assert.Throws<ConnectorException>(() => _instances.Register("MAG1", "o", "SHOP-PROD", Magento("x"), InstanceRole.Staging, null)).ErrorId);
            Assert.Equal(ErrorIds.InstancePathRegistered, Assert.Throws<ConnectorException>(() => _instances.Register("MAG1", "o", "again", root, InstanceRole.Staging, null)).ErrorId);
            var notMagento = Assert.Throws<ConnectorException>(() => _instances.Register("MAG1", "o", "empty", _temp.Path, InstanceRole.Staging, null));
            Assert.Equal(ErrorIds.NotAMagentoRoot, notMagento.ErrorId);
            Assert.Contains("app/etc/env.php", notMagento.Message);
            Assert.Equal(ErrorIds.InvalidBaseUrl, Assert.Throws<ConnectorException>(() => _instances.Register("MAG1", "o", "u", Magento("u"), InstanceRole.Staging, "ftp://x")).ErrorId);
            Assert.Null(_instances.Register("MAG1", "o", "no-url", Magento("no-url"), InstanceRole.Development, "  ").BaseUrl);

            _instances.Register("MAG1", "owner@example.com", "shop-stage", Magento("stage"), InstanceRole.Staging, null);
            Assert.Equal(new[] { "no-url", "shop-prod", "shop-stage" }, _instances.Get("MAG1").Select(i => i.Name));
            Assert.Equal(new[] { "shop-stage" }, _instances.Get("MAG1", role: InstanceRole.Staging).Select(i => i.Name));
            Assert.Equal(InstanceRole.Development, _instances.Set("MAG1", "shop-stage", InstanceRole.Development, null, null, null).Role);
            Assert.Equal("https://stage.example/", _instances.Set("MAG1", "shop-stage", null, "https://stage.example", null, null).BaseUrl);
            Assert.Null(_instances.Set("MAG1", "shop-stage", null, "", null, null).BaseUrl);
            Assert.Equal("shop-stage", _instances.Unregister("MAG1", "shop-stage").Name);
            Assert.Equal(ErrorIds.InstanceNotFound, Assert.Throws<ConnectorException>(() => _instances.GetOne("MAG1", "shop-stage")).ErrorId);
        }

        [Fact]
        public void KeysAreWrittenOnlyAfterTheirCheckAndReadBackAsFingerprints()
        {
            var target = Registered("prod", InstanceRole.Production);

            var result = ConfigureKeys(target, ApiKeyEnvironment.Production);

            Assert.Equal(5, result.Changes.Count);
            Assert.DoesNotContain(result.Changes, c => (c.NewDisplay ?? string.Empty).Contains("BEGIN"));
            Assert.Equal(_production.PrivateKeyPem, _php.Read(EnvPhp(target), "system", "default", "services_connector", "services_connector_integration", "production_private_key"));
            var config = ConfigurationReader.Read(target);
            Assert.Equal((_production.Key.Id, _production.Key.Fingerprint, _sandbox.Key.Id, _sandbox.Key.Fingerprint, "production"),
                (config.ProductionApiKey, config.ProductionKeyFingerprint, config.SandboxApiKey, config.SandboxKeyFingerprint, config.Environment));
            Assert.StartsWith("app/etc/env.php line ", config.Setting(ConfigPaths.ProductionApiKey).Location);
            Assert.Equal(ConfigSource.EnvPhp, config.Setting(ConfigPaths.ProductionApiKey).Source);
            Assert.Equal(EnvPhpCorpus.Shapes["magento-default"], File.ReadAllText(result.BackupPath));
        }

        [Fact]
        public void AnInvalidPairWritesNothing()
        {
            var target = Registered("prod", InstanceRole.Production);
            _keys.Revoke("MAG1", "owner@example.com", _sandbox.Key.Id);

            var revoked = Refused(ErrorIds.ApiKeyPairInvalid, target, () => _planner.PlanKeys("MAG1", target, null,
                new KeyPairInput(_production.Key.Id, _production.PrivateKeyPem), new KeyPairInput(_sandbox.Key.Id, _sandbox.PrivateKeyPem)));
            Assert.Contains("revoked", revoked.Message);

            var swapped = Refused(ErrorIds.ApiKeyPairInvalid, target, () => _planner.PlanKeys("MAG1", target, null, new KeyPairInput(_production.Key.Id, _sandbox.PrivateKeyPem), null));
            Assert.Contains("does not belong", swapped.Message);

            var wrongSlot = Refused(ErrorIds.ApiKeyPairInvalid, target, () => _planner.PlanKeys("MAG1", target, null, null, new KeyPairInput(_production.Key.Id, _production.PrivateKeyPem)));
            Assert.Contains("Sandbox key is required", wrongSlot.Message);

            var crlf = Refused(ErrorIds.PrivateKeyNeedsRepair, target, () => _planner.PlanKeys("MAG1", target, null, new KeyPairInput(_production.Key.Id, _production.PrivateKeyPem.Replace("\n", "\r\n")), null));
            Assert.Contains("Repair-ConnectorPrivateKey", crlf.Message);
            Assert.DoesNotContain(_production.PrivateKeyPem.Split('\n')[1], crlf.Message);
        }

        [Fact]
        public void ARenameFindsTheInstancesHoldingTheOldNameAndItsPlanRewritesOnlyTheNames()
        {
            var prod = Registered("prod", InstanceRole.Production);
            Registered("dev", InstanceRole.Development);
            ConfigureKeys(prod, ApiKeyEnvironment.Production);
            _writer.Apply(_planner.PlanDataSpace("MAG1", prod, null, Space("Production").DataSpaceId, force: false));
            var refresh = new NameRefresh(_store);

            Assert.Empty(refresh.Find("MAG1", _luma.ProjectId, "Luma", null, null));
            var renamed = _projects.RenameDataSpace("MAG1", "Luma", "Production", "Live");
            var stale = refresh.Find("MAG1", null, null, renamed.DataSpaceId, "Live");

            Assert.Equal(new[] { ("prod", _luma.ProjectId, renamed.DataSpaceId) }, stale.Select(s => (s.Instance.Name, s.ProjectId, s.DataSpaceId)));
            string before = EnvPhp(prod);
            _writer.Apply(refresh.Plan("MAG1", stale[0]));
            Assert.Equal(new[] { "system/default/" + ConfigPaths.DataSpaceName }, _php.ChangedPaths(before, EnvPhp(prod)));
            Assert.Empty(refresh.Find("MAG1", null, null, renamed.DataSpaceId, "Live"));
            Assert.StartsWith("'prod' still holds the old name in env.php", NameRefresh.Warning(stale, "Rename-DataSpace"));
        }

        [Fact]
        public void SetDataSpaceWritesProjectAndDataSpaceTogether()
        {
            var target = Registered("prod", InstanceRole.Production);
            ConfigureKeys(target, ApiKeyEnvironment.Production);
            string before = EnvPhp(target);

            var plan = _planner.PlanDataSpace("MAG1", target, null, Space("Production").DataSpaceId, force: false);
            var result = _writer.Apply(plan);

            Assert.Empty(result.Warnings);
            Assert.Equal(new[] { ConfigPaths.DataSpaceType, ConfigPaths.DataSpaceId, ConfigPaths.DataSpaceName, ConfigPaths.ProjectId, ConfigPaths.ProjectName }.Select(p => "system/default/" + p).OrderBy(p => p, StringComparer.Ordinal),
                _php.ChangedPaths(before, EnvPhp(target)));
            var config = ConfigurationReader.Read(target);
            Assert.Equal((_luma.ProjectId, "Luma", Space("Production").DataSpaceId, "Production", "production"),
                (config.ProjectId, config.ProjectName, config.DataSpaceId, config.DataSpaceName, config.DataSpaceType));
            Assert.Equal(Space("Production").DataSpaceId, _instances.GetOne("MAG1", "prod").AssignedDataSpaceId);
            Assert.All(new FleetAudit(_store, "MAG1").Test(ConfigTarget.ForInstance(_instances.GetOne("MAG1", "prod"))), c => Assert.True(c.Verdict == CheckVerdict.Passed, c.Name + ": " + c.Message));
        }

        [Fact]
        public void Guard1TheProductionDataSpaceStaysOnProductionUnlessForced()
        {
            var staging = Registered("staging", InstanceRole.Staging);
            ConfigureKeys(staging, ApiKeyEnvironment.Production);

            var error = Refused(ErrorIds.ProductionDataSpaceOnNonProductionInstance, staging, () => _planner.PlanDataSpace("MAG1", staging, "Luma", "Production", force: false));
            Assert.Contains("Staging instance", error.Message);
            Assert.Contains("-Force", error.Message);

            var forced = _writer.Apply(_planner.PlanDataSpace("MAG1", staging, "Luma", "Production", force: true));
            Assert.Contains("-Force", Assert.Single(forced.Warnings));
            Assert.Equal(Space("Production").DataSpaceId, ConfigurationReader.Read(staging).DataSpaceId);
        }

        [Fact]
        public void Guard2ATestingDataSpaceServesOneEnvironment()
        {
            var first = Registered("staging-1", InstanceRole.Staging);
            var second = Registered("staging-2", InstanceRole.Staging);
            ConfigureKeys(first, ApiKeyEnvironment.Sandbox);
            ConfigureKeys(second, ApiKeyEnvironment.Sandbox);
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));

            var error = Refused(ErrorIds.DataSpaceInUse, second, () => _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false));
            Assert.Contains("'staging-1'", error.Message);
            Assert.Contains("Clear-DataSpace", error.Message);

            // Releasing it from the first instance frees it.
            _writer.Apply(_planner.PlanClear(ConfigTarget.ForInstance(_instances.GetOne("MAG1", "staging-1"))));
            _writer.Apply(_planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false));
            Assert.Equal(Space("Testing 1").DataSpaceId, _instances.GetOne("MAG1", "staging-2").AssignedDataSpaceId);
            Assert.Null(_instances.GetOne("MAG1", "staging-1").AssignedDataSpaceId);
        }

        [Fact]
        public void Guard3KeysAndEnvironmentMustFitTheDataSpace()
        {
            var staging = Registered("staging", InstanceRole.Staging);
            Assert.Contains("no sandbox key pair", Refused(ErrorIds.KeyEnvironmentMismatch, staging, () => _planner.PlanDataSpace("MAG1", staging, "Luma", "Testing 1", false)).Message);

            ConfigureKeys(staging, ApiKeyEnvironment.Production);
            Assert.Contains("environment 'production'", Refused(ErrorIds.KeyEnvironmentMismatch, staging, () => _planner.PlanDataSpace("MAG1", staging, "Luma", "Testing 1", false)).Message);

            var prod = Registered("prod", InstanceRole.Production);
            ConfigureKeys(prod, ApiKeyEnvironment.Sandbox);
            Refused(ErrorIds.KeyEnvironmentMismatch, prod, () => _planner.PlanDataSpace("MAG1", prod, "Luma", "Production", false));
        }

        [Fact]
        public void Guard4ForeignOrMissingDataSpacesAndRevokedKeysAreRefused()
        {
            var prod = Registered("prod", InstanceRole.Production);
            ConfigureKeys(prod, ApiKeyEnvironment.Production);
            var foreign = _projects.NewProject("MAG2", "other@example.com", "Other");

            Refused(ErrorIds.DataSpaceNotFound, prod, () => _planner.PlanDataSpace("MAG1", prod, null, foreign.DataSpaces[0].DataSpaceId, false));
            Refused(ErrorIds.DataSpaceNotFound, prod, () => _planner.PlanDataSpace("MAG1", prod, "Luma", "Nowhere", false));

            _keys.Revoke("MAG1", "owner@example.com", _production.Key.Id);
            Assert.Contains("revoked", Refused(ErrorIds.ApiKeyRevoked, prod, () => _planner.PlanDataSpace("MAG1", prod, "Luma", "Production", false)).Message);
        }

        [Fact]
        public void RevokingAKeyNamesTheInstancesStillConfiguredWithIt()
        {
            var prod = Registered("prod", InstanceRole.Production);
            Registered("dev", InstanceRole.Development);
            ConfigureKeys(prod, ApiKeyEnvironment.Production);
            var portal = new ApiKeyPortal(_store, () => Now, new KeyHolders(_store, "MAG1"));

            Assert.Equal(ErrorIds.ApiKeyInUse, Assert.Throws<ConnectorException>(() => portal.Revoke("MAG1", "owner@example.com", _sandbox.Key.Id)).ErrorId);
            Assert.Equal(new[] { "prod" }, portal.Revoke("MAG1", "owner@example.com", _sandbox.Key.Id, force: true).InstancesStillConfigured);
            Assert.Equal(new[] { "prod" }, new KeyHolders(_store, "MAG1").InstancesConfiguredWith(_production.Key.Id));
            Assert.Empty(new KeyHolders(_store, "MAG1").InstancesConfiguredWith("00000000000000000000000000000000"));
        }

        [Fact]
        public void AnUnregisteredPathHasNoRoleSoTheProductionDataSpaceNeedsForce()
        {
            var target = ConfigTarget.ForPath(Magento("loose"));
            ConfigureKeys(target, ApiKeyEnvironment.Production);
            Assert.Contains("unregistered", Refused(ErrorIds.ProductionDataSpaceOnNonProductionInstance, target, () => _planner.PlanDataSpace("MAG1", target, "Luma", "Production", false)).Message);
        }

        [SkippableUnixFact]
        [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
        public void TheFileKeepsItsModeAndOwnerBackupsAreOwnerOnlyAndOnlyTheNewestStay()
        {
            var target = Registered("prod", InstanceRole.Production);
            File.SetUnixFileMode(target.EnvPhp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            bool root = Environment.UserName == "root";
            if (root)
            {
                Assert.Equal(0, System.Diagnostics.Process.Start("chown", $"65534:65534 {target.EnvPhp}").WaitForExitAndCode());
            }

            for (int i = 0; i < 12; i++)
            {
                var planner = new ConfigurationPlanner(_store, () => Now.AddSeconds(i));
            var writer = new ConfigurationWriter(_store, () => Now.AddSeconds(i));
                writer.Apply(planner.PlanImsOrganization(target, $"{i:D24}@AdobeOrg"));
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target.EnvPhp));
            if (root)
            {
                Assert.Equal("65534:65534", Stat(target.EnvPhp));
            }
            var backups = Directory.GetFiles(Path.GetDirectoryName(target.EnvPhp), "env.php.cc-backup-*").OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Equal(ConfigFileWriter.BackupsKept, backups.Count);
            Assert.Contains("000000000000000000000001@AdobeOrg", File.ReadAllText(backups[0]));
            // Backups hold the private keys: owner-only whatever env.php's mode, with env.php's owner.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backups[0]));
            if (root)
            {
                Assert.Equal("65534:65534", Stat(backups[0]));
            }
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target.EnvPhp), "*.tmp"));
        }

        private static string Stat(string path)
        {
            return ExternalTool.Run("stat", "-c", "%u:%g", path).Output.Trim();
        }

        [Fact]
        public void AFileChangedBetweenPlanAndWriteIsLeftAlone()
        {
            var target = Registered("prod", InstanceRole.Production);
            var plan = _planner.PlanImsOrganization(target, "0123456789ABCDEF01234567@AdobeOrg");
            string someoneElses = EnvPhp(target).Replace("'MAGE_MODE' => 'production'", "'MAGE_MODE' => 'developer'");
            File.WriteAllText(target.EnvPhp, someoneElses);

            Assert.Equal(ErrorIds.ConfigurationFileChanged, Assert.Throws<ConnectorException>(() => _writer.Apply(plan)).ErrorId);
            Assert.Equal(someoneElses, EnvPhp(target));
        }

        [Theory]
        [InlineData("0123456789abcdef01234567@AdobeOrg")]
        [InlineData("0123456789ABCDEF0123456@AdobeOrg")]
        [InlineData("0123456789ABCDEF01234567")]
        [InlineData("0123456789ABCDEF01234567@adobe.com")]
        public void ImsOrganisationIdsAreChecked(string id)
        {
            var target = Registered("prod", InstanceRole.Production);
            Assert.Contains("@AdobeOrg", Refused(ErrorIds.InvalidImsOrganizationId, target, () => _planner.PlanImsOrganization(target, id)).Message);
        }

        [Fact]
        public void ImsOrganisationIsSetAndCleared()
        {
            var target = Registered("prod", InstanceRole.Production);
            _writer.Apply(_planner.PlanImsOrganization(target, " 0123456789ABCDEF01234567@AdobeOrg "));
            Assert.Equal("0123456789ABCDEF01234567@AdobeOrg", ConfigurationReader.Read(target).ImsOrganizationId);

            _writer.Apply(_planner.PlanClearImsOrganization(target));
            Assert.Null(ConfigurationReader.Read(target).ImsOrganizationId);
            Assert.Empty(_planner.PlanClearImsOrganization(target).Changes);
        }

        [Fact]
        public void ClearRemovesEveryConnectorValueAndNothingElse()
        {
            var target = Registered("prod", InstanceRole.Production);
            string original = EnvPhp(target);
            ConfigureKeys(target, ApiKeyEnvironment.Production);
            _writer.Apply(_planner.PlanDataSpace("MAG1", target, "Luma", "Production", false));
            _writer.Apply(_planner.PlanImsOrganization(target, "0123456789ABCDEF01234567@AdobeOrg"));

            var result = _writer.Apply(_planner.PlanClear(ConfigTarget.ForInstance(_instances.GetOne("MAG1", "prod"))));

            Assert.Equal(11, result.Changes.Count);
            // Only an empty system/default array remains of the connector, where config:set --lock-env writes.
            Assert.Equal(new[] { "system/default" }, _php.ChangedPaths(original, EnvPhp(target)));
            Assert.Equal("[]", _php.Read(EnvPhp(target), "system", "default"));
            Assert.Null(_instances.GetOne("MAG1", "prod").AssignedDataSpaceId);
        }

        [Fact]
        public void TestFindsRenamesSharingWrongRolesAndMissingModules()
        {
            var prod = Registered("prod", InstanceRole.Production);
            var stage = Registered("stage", InstanceRole.Staging);
            ConfigureKeys(prod, ApiKeyEnvironment.Production);
            ConfigureKeys(stage, ApiKeyEnvironment.Production);
            _writer.Apply(_planner.PlanDataSpace("MAG1", prod, "Luma", "Production", false));
            _writer.Apply(_planner.PlanDataSpace("MAG1", stage, "Luma", "Production", true));
            _projects.RenameProject("MAG1", "Luma", "Luma EU");
            File.WriteAllText(Path.Combine(stage.Root, "app", "etc", "config.php"), "<?php\nreturn ['modules' => ['Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 0]];\n");

            var checks = new FleetAudit(_store, "MAG1").Test(ConfigTarget.ForInstance(_instances.GetOne("MAG1", "stage")));

            var failed = checks.Where(c => c.Verdict == CheckVerdict.Failed).ToDictionary(c => c.Name);
            Assert.Equal(new[] { "DataSpaceFitsRole", "DataSpaceNotShared", "ModulesEnabled", "NamesInSync" }, failed.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Contains("Set-DataSpace -Instance 'stage' -DataSpace " + Space("Production").DataSpaceId, failed["NamesInSync"].Fix);
            Assert.Contains("'prod'", failed["DataSpaceNotShared"].Message);
            Assert.Contains("module:enable Magento_ServicesConnector", failed["ModulesEnabled"].Fix);
            Assert.All(checks, c => Assert.Equal("stage", c.Instance));
        }

        [Fact]
        public void TestReportsAnUnreadableEnvPhpAsOneFailedCheck()
        {
            var target = Registered("broken", InstanceRole.Staging);
            File.WriteAllText(target.EnvPhp, "<?php\nreturn ['db' => 'unterminated;\n");

            var check = Assert.Single(new FleetAudit(_store, "MAG1").Test(target));

            Assert.Equal(("ConfigurationReadable", CheckVerdict.Failed), (check.Name, check.Verdict));
            Assert.Contains("unterminated single-quoted string", check.Message);
        }

        [Fact]
        public void TestReportsMissingKeysAndDataSpace()
        {
            var target = Registered("dev", InstanceRole.Development);
            var checks = new FleetAudit(_store, "MAG1").Test(target).ToDictionary(c => c.Name);

            Assert.Equal(CheckVerdict.Failed, checks["KeysPresent"].Verdict);
            Assert.Equal(CheckVerdict.Failed, checks["DataSpaceExists"].Verdict);
            Assert.Equal(CheckVerdict.Passed, checks["ModulesEnabled"].Verdict);
        }

        [Fact]
        public void ExportGivesMagentosEnvironmentVariablesAndSecretsOnlyOnRequest()
        {
            var target = Registered("prod", InstanceRole.Production);
            ConfigureKeys(target, ApiKeyEnvironment.Production);

            var plain = ConnectorExport.ReadVariables(target, includeSecrets: false).ToDictionary(p => p.Key, p => p.Value);
            var all = ConnectorExport.ReadVariables(target, includeSecrets: true).ToDictionary(p => p.Key, p => p.Value);

            Assert.Equal(_production.Key.Id, plain["CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_CONNECTOR_INTEGRATION__PRODUCTION_API_KEY"]);
            Assert.Equal("production", plain["CONFIG__DEFAULT__MAGENTO_SAAS__ENVIRONMENT"]);
            Assert.DoesNotContain(plain.Values, v => v.Contains("PRIVATE KEY"));
            Assert.Equal(_production.PrivateKeyPem, all["CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_CONNECTOR_INTEGRATION__PRODUCTION_PRIVATE_KEY"]);
        }

        [Fact]
        public void ValuesLockedInConfigPhpOrComputedAreReportedWithTheirSource()
        {
            string root = Magento("computed", "<?php\nreturn [\n    'system' => [\n        'default' => [\n            'services_connector' => ['services_id' => ['project_id' => getenv('PROJECT')]],\n        ],\n    ],\n];\n");
            File.WriteAllText(Path.Combine(root, "app", "etc", "config.php"), "<?php\nreturn [\n    'system' => ['default' => ['magento_saas' => ['environment' => 'sandbox']]],\n];\n");

            var config = ConfigurationReader.Read(ConfigTarget.ForPath(root));

            Assert.Equal("sandbox", config.Environment);
            Assert.Equal("app/etc/config.php line 3", config.Setting(ConfigPaths.Environment).Location);
            Assert.Null(config.ProjectId);
            Assert.Equal("app/etc/env.php line 5 (computed: getenv('PROJECT'))", config.Setting(ConfigPaths.ProjectId).Location);
            Assert.Equal(("/merchant-registry/v1/", "default"), (config.RegistryApiPath, config.Setting(ConfigPaths.RegistryApiPath).Location));
            Assert.Equal(ConfigSource.Default, config.Setting(ConfigPaths.RegistryApiPath).Source);
        }
    }

    internal static class ProcessExtensions
    {
        public static int WaitForExitAndCode(this System.Diagnostics.Process process)
        {
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
