using CommerceConnector.Core.Rotation;
using CommerceConnector.Core.Tests.Php;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// Key rotation in Core: the record made together with the new key, resuming from the files (an instance written
    /// before a crash is found, not written again), the revoke rule (never while a registered instance holds the old key),
    /// the record's place in the registry file, and the KeyCurrent check.
    /// </summary>
    public sealed class KeyRotatorTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        private const string ConfigPhp = "<?php\nreturn ['modules' => ['Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 1]];\n";

        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;
        private readonly ApiKeyPortal _keys;
        private readonly InstanceInventory _instances;
        private readonly ConfigurationPlanner _planner;
        private readonly ConfigurationWriter _writer;
        private readonly KeyRotator _rotator;
        private readonly GeneratedApiKey _old;

        public KeyRotatorTests()
        {
            _store = new FileRegistryStore(_temp.Combine("registry"));
            new AccountDirectory(_store, () => Now).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            _keys = new ApiKeyPortal(_store, () => Now);
            _old = _keys.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            _instances = new InstanceInventory(_store, () => Now);
            _planner = new ConfigurationPlanner(_store, () => Now);
            _writer = new ConfigurationWriter(_store, () => Now);
            _rotator = new KeyRotator(_store, () => Now.AddMinutes(1));
        }

        public void Dispose() => _temp.Dispose();

        private ConfigTarget Instance(string name, GeneratedApiKey key)
        {
            string root = _temp.Combine("www", name);
            MagentoRoot.Create(root, EnvPhpCorpus.Shapes["magento-default"], ConfigPhp);
            var target = ConfigTarget.ForInstance(_instances.Register("MAG1", "owner@example.com", name, root, InstanceRole.Staging, null));
            if (key != null)
            {
                _writer.Apply(_planner.PlanKeys("MAG1", target, ApiKeyEnvironment.Production, new KeyPairInput(key.Key.Id, key.PrivateKeyPem), null));
            }
            return target;
        }

        private KeyRotationRun Start(Action<string> received = null) =>
            _rotator.Begin("MAG1", "owner@example.com", ApiKeyEnvironment.Production,
                new RotationKeyInput(null, null, "prod-new", 2048, generated => { received?.Invoke(generated.PrivateKeyPem); return () => { }; }));

        private static void UpdateAll(KeyRotationRun run)
        {
            foreach (var entry in run.Work)
            {
                try
                {
                    run.Update(entry, _ => true);
                }
                catch (ConnectorException)
                {
                    // Recorded on the entry; the others go on.
                }
            }
        }

        private ApiKey Key(string id) => _store.Read().ApiKeys.Single(k => k.Id == id);

        private static string HeldKey(ConfigTarget target) =>
            PhpConfigFileValue(target, "production_api_key");

        private static string PhpConfigFileValue(ConfigTarget target, string name) =>
            CommerceConnector.Core.Php.PhpConfigFile.Parse(File.ReadAllText(target.EnvPhp), target.EnvPhp)
                .Get(new[] { "system", "default", "services_connector", "services_connector_integration", name })?.Text;

        [Fact]
        public void StartingRecordsTheNewKeyAndEveryHolderOfTheOldOneInOneChange()
        {
            var a = Instance("a", _old);
            var b = Instance("b", _old);
            Instance("bare", null);
            string pem = null;

            var run = Start(p => pem = p);

            Assert.True(run.Started);
            var stored = Assert.Single(_store.Read().KeyRotations);
            Assert.Equal((_old.Key.Id, KeyRotationStatus.Open), (stored.OldApiKey, stored.Status));
            Assert.Equal(new[] { "a", "b" }, stored.Instances.Select(i => i.Name));
            Assert.All(stored.Instances, i => Assert.Equal(RotationState.Pending, i.State));
            var newKey = Key(stored.NewApiKey);
            Assert.Equal((ApiKeyStatus.Active, "prod-new"), (newKey.Status, newKey.Name));
            Assert.Equal(PrivateKeyText.Repair(pem).Fingerprint, stored.NewKeyFingerprint);
            Assert.Equal(_old.Key.Id, HeldKey(a));
            Assert.Equal(_old.Key.Id, HeldKey(b));
        }

        [Fact]
        public void AFullRunWritesEveryHolderThenRevokesTheOldKey()
        {
            var targets = Enumerable.Range(1, 5).Select(i => Instance("site-" + i, _old)).ToList();
            string pem = null;
            var run = Start(p => pem = p);

            UpdateAll(run);
            var done = run.Finish(keepOldKey: false, _ => true);

            Assert.Equal(KeyRotationStatus.Completed, done.Status);
            Assert.True(done.OldKeyRevoked);
            Assert.All(targets, t => Assert.Equal(done.NewApiKey, HeldKey(t)));
            Assert.All(targets, t => Assert.Equal(pem, PhpConfigFileValue(t, "production_private_key")));
            Assert.Equal(ApiKeyStatus.Revoked, Key(_old.Key.Id).Status);
            Assert.All(done.Instances, i => Assert.Contains(i.Checks, c => c.Name == "KeyCurrent" && c.Verdict == CheckVerdict.Passed));
            Assert.Equal(KeyRotationStatus.Completed, _store.Read().KeyRotations.Single().Status);
        }

        [Fact]
        public void AFailedInstanceKeepsTheOldKeyActiveAndTheRotationOpen()
        {
            Instance("good", _old);
            var broken = Instance("broken", _old);
            string pem = null;
            var run = Start(p => pem = p);
            Directory.Move(broken.Root, broken.Root + "-moved");

            UpdateAll(run);
            var open = run.Finish(keepOldKey: false, _ => true);

            Assert.Equal(KeyRotationStatus.Open, open.Status);
            var failed = Assert.Single(_store.Read().KeyRotations.Single().Instances, i => i.State == RotationState.Failed);
            Assert.Equal("broken", failed.Name);
            Assert.Contains("does not exist", failed.Reason);
            Assert.Equal(ApiKeyStatus.Active, Key(_old.Key.Id).Status);

            // Fixed, then continued with the new private key: the same rotation, to the end.
            Directory.Move(broken.Root + "-moved", broken.Root);
            var resumed = _rotator.Begin("MAG1", "owner@example.com", ApiKeyEnvironment.Production, new RotationKeyInput(null, pem, null, 2048, null));
            Assert.False(resumed.Started);
            Assert.Equal("broken", Assert.Single(resumed.Work).Name);
            UpdateAll(resumed);
            var done = resumed.Finish(keepOldKey: false, _ => true);

            Assert.Equal((open.Id, KeyRotationStatus.Completed), (done.Id, done.Status));
            Assert.Equal(ApiKeyStatus.Revoked, Key(_old.Key.Id).Status);
            Assert.Equal(done.NewApiKey, HeldKey(broken));
        }

        [Fact]
        public void ResumingFindsInstancesWrittenBeforeACrashWithoutWritingThemAgain()
        {
            var a = Instance("a", _old);
            var b = Instance("b", _old);
            string pem = null;
            var first = Start(p => pem = p);
            // The first run wrote 'a' and died before it saved the record: env.php is new, the record still says pending.
            _writer.Apply(_planner.PlanKeys("MAG1", a, null, new KeyPairInput(first.Rotation.NewApiKey, pem), null));
            Assert.All(_store.Read().KeyRotations.Single().Instances, i => Assert.Equal(RotationState.Pending, i.State));
            byte[] written = File.ReadAllBytes(a.EnvPhp);

            var resumed = _rotator.Begin("MAG1", "owner@example.com", ApiKeyEnvironment.Production, new RotationKeyInput(null, pem, null, 2048, null));
            var asked = new List<string>();
            foreach (var entry in resumed.Work)
            {
                resumed.Update(entry, plan => { asked.Add(plan.Target.Instance.Name); return true; });
            }
            resumed.Finish(keepOldKey: true, _ => throw new InvalidOperationException("-KeepOldKey never revokes"));

            Assert.Equal(new[] { "b" }, asked);
            Assert.Equal(written, File.ReadAllBytes(a.EnvPhp));
            var record = _store.Read().KeyRotations.Single();
            Assert.Equal((KeyRotationStatus.Completed, false), (record.Status, record.OldKeyRevoked));
            Assert.All(record.Instances, i => Assert.Equal(RotationState.Updated, i.State));
            Assert.Equal(ApiKeyStatus.Active, Key(_old.Key.Id).Status);
            Assert.Equal(resumed.Rotation.NewApiKey, HeldKey(b));
        }

        [Fact]
        public void ResumingNeedsTheNewPrivateKeyAndNothingElse()
        {
            Instance("a", _old);
            Start();
            Fails(ErrorIds.KeyRotationNeedsNewPrivateKey, () => _rotator.Begin("MAG1", "owner@example.com", ApiKeyEnvironment.Production, new RotationKeyInput(null, null, null, 2048, null)));
            Fails(ErrorIds.RotationPrivateKeyMismatch, () => _rotator.Begin("MAG1", "owner@example.com", ApiKeyEnvironment.Production, new RotationKeyInput(null, _old.PrivateKeyPem, null, 2048, null)));
            Fails(ErrorIds.KeyRotationOpen, () => Start());
            Assert.Single(_store.Read().KeyRotations);
        }

        [Fact]
        public void TheOldKeyIsNotRevokedWhileAnInstanceConfiguredMeanwhileHoldsIt()
        {
            Instance("a", _old);
            string pem = null;
            var run = Start(p => pem = p);
            UpdateAll(run);
            // Configured with the old key after the rotation looked for holders.
            var late = Instance("late", _old);

            var error = Fails(ErrorIds.ApiKeyInUse, () => run.Finish(keepOldKey: false, _ => true));

            Assert.Contains("Update-ConnectorApiKey -Environment Production", error.Message);
            Assert.Equal(ApiKeyStatus.Active, Key(_old.Key.Id).Status);
            var record = _store.Read().KeyRotations.Single();
            Assert.Equal(KeyRotationStatus.Open, record.Status);
            Assert.Equal(RotationState.Pending, record.Instances.Single(i => i.Name == "late").State);
            var checks = new FleetAudit(_store, "MAG1").Test(late);
            var current = Assert.Single(checks, c => c.Name == "KeyCurrent");
            Assert.Equal(CheckVerdict.Failed, current.Verdict);
            Assert.StartsWith("Update-ConnectorApiKey -Environment Production -PrivateKeyPath", current.Fix);
        }

        [Fact]
        public void NothingToRotateWithoutAnActiveKey()
        {
            _keys.Revoke("MAG1", "owner@example.com", _old.Key.Id);
            Fails(ErrorIds.NoActiveApiKey, () => Start());
            Assert.Empty(_store.Read().KeyRotations);
        }

        [Fact]
        public void ARegistryWithoutRotationsIsWrittenWithoutTheFieldAndAFileWithoutItLoads()
        {
            string file = _temp.Combine("registry", FileRegistryStore.DocumentFileName);
            Assert.DoesNotContain("keyRotations", File.ReadAllText(file));
            Assert.Equal(1, RegistryDocument.CurrentSchemaVersion);
            Assert.Empty(_store.Read().KeyRotations);

            Instance("a", _old);
            Start();

            Assert.Contains("\"keyRotations\"", File.ReadAllText(file));
            Assert.Contains("\"schemaVersion\": 1", File.ReadAllText(file));
            Assert.Single(new FileRegistryStore(_temp.Combine("registry")).Read().KeyRotations);
        }
    }
}
