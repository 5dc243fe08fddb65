namespace CommerceConnector.Core.Tests
{
    /// <summary>The env.php rules of issue 14: links written through, computed values and stale blocks refused, exposure named, restores planned.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public sealed class DeploymentRulesTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
        private const string Org = "0123456789ABCDEF01234567@AdobeOrg";
        private const string Plain = "<?php\nreturn [\n    'MAGE_MODE' => 'production',\n];\n";

        private readonly TempFolder _temp = new TempFolder();
        private readonly ConfigurationPlanner _planner;
        private readonly ConfigurationWriter _writer;

        public DeploymentRulesTests()
        {
            var store = new FileRegistryStore(_temp.Combine("registry"));
            _planner = new ConfigurationPlanner(store, () => Now);
            _writer = new ConfigurationWriter(store, () => Now);
        }

        public void Dispose() => _temp.Dispose();

        private string Root(string name, string envPhp, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
        {
            string etc = _temp.Combine(name, "app", "etc");
            Directory.CreateDirectory(etc);
            File.WriteAllText(Path.Combine(etc, "env.php"), envPhp);
            File.SetUnixFileMode(Path.Combine(etc, "env.php"), mode);
            return _temp.Combine(name);
        }

        [SkippableUnixFact]
        public void A_linked_env_php_is_written_through_to_its_target_with_an_owner_only_backup_beside_it()
        {
            string shared = Path.Combine(Root("shared", Plain), "app", "etc", "env.php");
            string etc = _temp.Combine("release", "app", "etc");
            Directory.CreateDirectory(etc);
            File.CreateSymbolicLink(Path.Combine(etc, "env.php"), "../../../shared/app/etc/env.php");
            var target = ConfigTarget.ForPath(_temp.Combine("release"));

            var result = _writer.Apply(_planner.PlanImsOrganization(target, Org));

            Assert.Equal("../../../shared/app/etc/env.php", new FileInfo(target.EnvPhp).LinkTarget);
            Assert.Contains(Org, File.ReadAllText(shared));
            Assert.Equal(Path.GetDirectoryName(shared), Path.GetDirectoryName(result.BackupPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.BackupPath));
            Assert.Single(Directory.GetFiles(etc), f => true);
        }

        [SkippableUnixFact]
        public void A_dangling_link_is_its_own_error()
        {
            string etc = _temp.Combine("dangling", "app", "etc");
            Directory.CreateDirectory(etc);
            File.WriteAllText(Path.Combine(etc, "config.php"), "<?php\nreturn [];\n");
            File.CreateSymbolicLink(Path.Combine(etc, "env.php"), "/nonexistent/shared/env.php");

            var error = Assert.Throws<ConnectorException>(() => ConfigFileWriter.Read(Path.Combine(etc, "env.php")));

            Assert.Equal(ErrorIds.ConfigurationLinkDangling, error.ErrorId);
        }

        [SkippableUnixFact]
        public void A_computed_value_is_refused_without_force_and_shown_as_computed_with_it()
        {
            var target = ConfigTarget.ForPath(Root("computed", "<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_id' => [\n    'ims_organization_id' => getenv('IMS_ORG'),\n]]]]];\n"));

            var error = Assert.Throws<ConnectorException>(() => _planner.PlanImsOrganization(target, Org));
            var plan = _planner.PlanImsOrganization(target, Org, force: true);

            Assert.Equal(ErrorIds.ConfigurationValueComputed, error.ErrorId);
            Assert.Contains("services_connector/services_id/ims_organization_id (line 3: getenv('IMS_ORG'))", error.Message);
            Assert.Equal("computed getenv('IMS_ORG')", plan.Changes.Single().OldDisplay);
            Assert.Contains(plan.Warnings, w => w.Contains("because of -Force"));
        }

        [SkippableUnixFact]
        public void A_computed_private_key_holding_key_text_is_not_quoted_in_the_refusal()
        {
            const string body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
            var target = ConfigTarget.ForPath(Root("computed-key", "<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_connector_integration' => [\n    'production_private_key' => \"-----BEGIN PRIVATE KEY-----\\n\" . '" + body + "',\n]]]]];\n"));

            var error = Assert.Throws<ConnectorException>(() => _planner.PlanClear(target));

            Assert.Equal(ErrorIds.ConfigurationValueComputed, error.ErrorId);
            Assert.DoesNotContain(body.Substring(0, 24), error.Message);
            Assert.Contains("an expression that holds key text", error.Message);
        }

        [SkippableUnixFact]
        public void A_stale_second_system_block_is_refused_and_force_edits_the_last_one()
        {
            var target = ConfigTarget.ForPath(Root("duplicate", "<?php\nreturn [\n    'system' => ['default' => []],\n    'system' => ['default' => []],\n];\n"));

            var error = Assert.Throws<ConnectorException>(() => _planner.PlanImsOrganization(target, Org));
            _writer.Apply(_planner.PlanImsOrganization(target, Org, force: true));

            Assert.Equal(ErrorIds.ConfigurationKeyDuplicated, error.ErrorId);
            Assert.Contains("'system' twice (lines 3 and 4)", error.Message);
            string[] lines = File.ReadAllLines(target.EnvPhp);
            Assert.Equal("    'system' => ['default' => []],", lines[2]);
            Assert.Contains(Org, string.Join("\n", lines.Skip(3)));
        }

        [SkippableUnixFact]
        public void Exposure_is_reported_for_env_php_or_backups_readable_by_others_and_only_then()
        {
            var open = ConfigTarget.ForPath(Root("open", Plain, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead));
            var closed = ConfigTarget.ForPath(Root("closed", Plain));

            var warned = _writer.Apply(_planner.PlanImsOrganization(open, Org));
            var quiet = _writer.Apply(_planner.PlanImsOrganization(closed, Org));

            Assert.Contains(warned.Warnings, w => w.Contains($"chmod 600 '{open.EnvPhp}'"));
            Assert.Empty(quiet.Warnings);
            File.SetUnixFileMode(quiet.BackupPath, UnixFileMode.UserRead | UnixFileMode.GroupRead);
            Assert.Contains(quiet.BackupPath, ConfigFileWriter.ExposureWarning(closed.EnvPhp));
            Assert.True(ConfigurationBackup.List(closed).Single().ReadableByOthers);
        }

        [SkippableUnixFact]
        public void A_restore_lists_the_file_and_each_connector_value_it_changes()
        {
            var target = ConfigTarget.ForPath(Root("restore", Plain));
            var first = _writer.Apply(_planner.PlanImsOrganization(target, Org));

            var plan = _planner.PlanRestore(target, null);

            Assert.Equal(new[] { "app/etc/env.php", "services_connector/services_id/ims_organization_id" }, plan.Changes.Select(c => c.Path));
            Assert.Equal(Path.GetFileName(first.BackupPath), plan.Changes[0].NewDisplay);
            Assert.Null(plan.Changes[1].NewDisplay);
            _writer.Apply(plan);
            Assert.Equal(Plain, File.ReadAllText(target.EnvPhp));
            Assert.Equal(ErrorIds.ConfigurationBackupNotFound, Assert.Throws<ConnectorException>(() => _planner.PlanRestore(target, "nope")).ErrorId);
        }
    }
}
