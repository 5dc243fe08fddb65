using System.Globalization;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Tests.Php;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// Set-DataSpace replaces env.php, then records the assignment in the registry. A kill between the two leaves them
    /// disagreeing; env.php is the truth, so the guards judge from the files and the next assignment records what they hold.
    /// </summary>
    public sealed class CrashConsistencyTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;
        private readonly InstanceInventory _instances;
        private readonly ConfigurationPlanner _planner;
        private readonly ConfigurationWriter _writer;
        private readonly GeneratedApiKey _production;
        private readonly GeneratedApiKey _sandbox;
        private readonly SaaSProject _luma;

        public CrashConsistencyTests()
        {
            _store = new FileRegistryStore(_temp.Combine("registry"));
            new AccountDirectory(_store, () => Now).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            var keys = new ApiKeyPortal(_store, () => Now);
            _production = keys.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            _sandbox = keys.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Sandbox, "sandbox", 2048, _ => () => { });
            _luma = new ProjectRegistry(_store, () => Now).NewProject("MAG1", "owner@example.com", "Luma");
            _instances = new InstanceInventory(_store, () => Now);
            _planner = new ConfigurationPlanner(_store, () => Now);
            _writer = new ConfigurationWriter(_store, () => Now);
        }

        public void Dispose() => _temp.Dispose();

        private string Testing1 => _luma.DataSpaces.Single(d => d.DataSpaceName == "Testing 1").DataSpaceId;

        private ConfigTarget Staging(string name)
        {
            string root = _temp.Combine(name);
            MagentoRoot.Create(root, EnvPhpCorpus.Shapes["magento-default"]);
            var target = ConfigTarget.ForInstance(_instances.Register("MAG1", "owner@example.com", name, root, InstanceRole.Staging, null));
            _writer.Apply(_planner.PlanKeys("MAG1", target, ApiKeyEnvironment.Sandbox,
                new KeyPairInput(_production.Key.Id, _production.PrivateKeyPem), new KeyPairInput(_sandbox.Key.Id, _sandbox.PrivateKeyPem)));
            return ConfigTarget.ForInstance(_instances.GetOne("MAG1", name));
        }

        /// <summary>The state a kill -9 leaves between replacing env.php and writing the registry: the record is the old one.</summary>
        private void RegistryForgets(string instance, string previous) =>
            _store.Update(document => document.Instances.Single(i => i.Name == instance).AssignedDataSpaceId = previous);

        [Fact]
        public void ATestingDataSpaceThatEnvPhpHoldsIsInUseWhateverTheRegistryRemembers()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            RegistryForgets("staging-1", null);
            byte[] before = File.ReadAllBytes(second.EnvPhp);

            var planning = Assert.Throws<ConnectorException>(() => _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", force: true));

            Assert.Equal(ErrorIds.DataSpaceInUse, planning.ErrorId);
            Assert.Contains("'staging-1'", planning.Message);
            Assert.Equal(before, File.ReadAllBytes(second.EnvPhp));
        }

        [Fact]
        public void TheGuardUnderTheLockJudgesFromTheFilesToo()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            // Planned while the data space was free...
            var plan = _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false);
            // ...then another command assigned it and was killed before recording it.
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            RegistryForgets("staging-1", null);
            byte[] before = File.ReadAllBytes(second.EnvPhp);

            var applying = Assert.Throws<ConnectorException>(() => _writer.Apply(plan));

            Assert.Equal(ErrorIds.DataSpaceInUse, applying.ErrorId);
            Assert.Equal(before, File.ReadAllBytes(second.EnvPhp));
        }

        [Fact]
        public void UnderTheLockThePlansReadingStandsInForTheFilesWhileNoChangeBeganSince()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 2", false));
            RegistryForgets("staging-1", null);
            int passes = DataSpaceAssignments.PassesOnThisThread;

            _writer.Apply(_planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false));

            Assert.Equal(passes + 1, DataSpaceAssignments.PassesOnThisThread);
            // What the plan's pass found is recorded all the same.
            Assert.Equal(_luma.DataSpaces.Single(d => d.DataSpaceName == "Testing 2").DataSpaceId, _instances.GetOne("MAG1", "staging-1").AssignedDataSpaceId);
            Assert.Equal(Testing1, _instances.GetOne("MAG1", "staging-2").AssignedDataSpaceId);
        }

        [Fact]
        public void AChangeBegunAfterThePlanAndKilledBeforeItWroteTheRegistryIsSeenUnderTheLock()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            byte[] assigned = File.ReadAllBytes(first.EnvPhp);
            _writer.Apply(_planner.PlanClear(first));
            var plan = _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false);
            byte[] before = File.ReadAllBytes(second.EnvPhp);
            // Another command takes the lock, replaces staging-1's env.php and dies before writing the registry, whose
            // bytes stay exactly those the plan read.
            byte[] registry = File.ReadAllBytes(_store.DocumentPath);
            Assert.Throws<InvalidOperationException>(() => _store.Update<int>(_ =>
            {
                File.WriteAllBytes(first.EnvPhp, assigned);
                throw new InvalidOperationException("killed");
            }));
            Assert.Equal(registry, File.ReadAllBytes(_store.DocumentPath));
            int passes = DataSpaceAssignments.PassesOnThisThread;

            var applying = Assert.Throws<ConnectorException>(() => _writer.Apply(plan));

            Assert.Equal(ErrorIds.DataSpaceInUse, applying.ErrorId);
            Assert.Equal(passes + 1, DataSpaceAssignments.PassesOnThisThread);
            Assert.Equal(before, File.ReadAllBytes(second.EnvPhp));
        }

        [Fact]
        public void ARestoreThatMovesTheDataSpaceIsRecordedAndSeenByACommandPlannedBeforeIt()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            _writer.Apply(_planner.PlanClear(first));
            var plan = _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false);

            // The newest backup is the file that held Testing 1.
            _writer.Apply(_planner.PlanRestore(first, null));

            Assert.Equal(Testing1, _instances.GetOne("MAG1", "staging-1").AssignedDataSpaceId);
            Assert.Equal(ErrorIds.DataSpaceInUse, Assert.Throws<ConnectorException>(() => _writer.Apply(plan)).ErrorId);
        }

        [Fact]
        public void AFilePutBackAfterTheRegistryFailedIsPutBackUnderTheLockAsAChangeBegun()
        {
            var first = Staging("staging-1");
            byte[] before = File.ReadAllBytes(first.EnvPhp);
            byte[] registry = File.ReadAllBytes(_store.DocumentPath);
            long changes = long.Parse(File.ReadAllText(_store.LockPath), CultureInfo.InvariantCulture);
            _store.FaultInjector = step =>
            {
                if (step == WriteStep.TempWritten)
                {
                    throw new IOException("No space left on device");
                }
            };

            var error = Assert.Throws<ConnectorException>(() => _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false)));
            _store.FaultInjector = null;

            Assert.Equal(ErrorIds.RegistryWriteFailed, error.ErrorId);
            Assert.Equal(before, File.ReadAllBytes(first.EnvPhp));
            Assert.Equal(registry, File.ReadAllBytes(_store.DocumentPath));
            // The assignment and the put-back each counted: a command planned in between reads the files again.
            Assert.Equal((changes + 2).ToString(CultureInfo.InvariantCulture), File.ReadAllText(_store.LockPath));
        }

        [Fact]
        public void TheNextAssignmentRecordsWhatTheFilesHold()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            RegistryForgets("staging-1", null);

            _writer.Apply(_planner.PlanDataSpace("MAG1", second, "Luma", "Testing 2", false));

            Assert.Equal(Testing1, _instances.GetOne("MAG1", "staging-1").AssignedDataSpaceId);
        }

        [Fact]
        public void AFileReadEarlierIsReadAgainOnceItChanged()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            RegistryForgets("staging-1", null);
            // An env.php written long ago: the guard may keep what it read from it (by its FileStamp; on Linux the
            // inode's change time, which setting the write time moves to now, keeps it from being kept for 2 s).
            File.SetLastWriteTimeUtc(first.EnvPhp, DateTime.UtcNow.AddHours(-1));
            Assert.Equal(ErrorIds.DataSpaceInUse, Assert.Throws<ConnectorException>(() => _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false)).ErrorId);
            Assert.Equal(ErrorIds.DataSpaceInUse, Assert.Throws<ConnectorException>(() => _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false)).ErrorId);

            // Released, and the registry not told (a kill before recording): the new file is read, not the kept answer.
            _writer.Apply(_planner.PlanClear(first));
            RegistryForgets("staging-1", Testing1);
            _writer.Apply(_planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false));

            Assert.Equal(Testing1, _instances.GetOne("MAG1", "staging-2").AssignedDataSpaceId);
            Assert.Null(_instances.GetOne("MAG1", "staging-1").AssignedDataSpaceId);
        }

        [Fact]
        public void AnEditThatKeepsTheLengthAndTheTimeOfAFreshFileIsSeen()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            RegistryForgets("staging-1", null);
            Assert.Equal(ErrorIds.DataSpaceInUse, Assert.Throws<ConnectorException>(() => _planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false)).ErrorId);

            // Another tool rewrites env.php in place, same length, another data space id, so soon after the last write
            // that a coarse file system clock (2 s on FAT) gives it the same time.
            var written = File.GetLastWriteTimeUtc(first.EnvPhp);
            string text = File.ReadAllText(first.EnvPhp);
            File.WriteAllText(first.EnvPhp, text.Replace(Testing1, "ds-" + new string('0', Testing1.Length - 3)));
            File.SetLastWriteTimeUtc(first.EnvPhp, written);

            _writer.Apply(_planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false));
            Assert.Equal(Testing1, _instances.GetOne("MAG1", "staging-2").AssignedDataSpaceId);
        }

        [Fact]
        public void AReleaseThatEnvPhpHoldsFreesTheDataSpaceThoughTheRegistryStillRecordsIt()
        {
            var first = Staging("staging-1");
            var second = Staging("staging-2");
            _writer.Apply(_planner.PlanDataSpace("MAG1", first, "Luma", "Testing 1", false));
            _writer.Apply(_planner.PlanClear(first));
            RegistryForgets("staging-1", Testing1);

            _writer.Apply(_planner.PlanDataSpace("MAG1", second, "Luma", "Testing 1", false));

            Assert.Equal(Testing1, ConfigurationReader.Read(second).DataSpaceId);
            Assert.Equal(Testing1, _instances.GetOne("MAG1", "staging-2").AssignedDataSpaceId);
            Assert.Null(_instances.GetOne("MAG1", "staging-1").AssignedDataSpaceId);
        }
    }
}
