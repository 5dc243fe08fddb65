using CommerceConnector.Core.Session;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The Core rules behind truthful -WhatIf and the guards of unregistering and revoking: a preview runs the real
    /// operation and writes nothing; an instance or key still in use is not forgotten or revoked unless forced.
    /// </summary>
    public sealed class TruthfulGuardsTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;

        public TruthfulGuardsTests()
        {
            _store = new FileRegistryStore(_temp.Combine("registry"));
            new AccountDirectory(_store).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
        }

        public void Dispose() => _temp.Dispose();

        private string RegistryFile => _temp.Combine("registry", "registry.json");

        [Fact]
        public void APreviewRunsTheRealChangeAndWritesNothing()
        {
            byte[] before = File.ReadAllBytes(RegistryFile);
            var preview = new AccountDirectory(new PreviewRegistryStore(_store));

            var member = preview.AddMember("MAG1", "Analyst@Example.com", MemberRole.SharedAccess);

            Assert.Equal(("Analyst@Example.com", MemberRole.SharedAccess), (member.User, member.Role));
            Assert.Equal(before, File.ReadAllBytes(RegistryFile));
            Assert.Single(new AccountDirectory(_store).GetAccount("MAG1").Members);
        }

        [Fact]
        public void APreviewFailsWithTheErrorOfTheRealRun()
        {
            byte[] before = File.ReadAllBytes(RegistryFile);
            var preview = new AccountDirectory(new PreviewRegistryStore(_store));

            Fails(ErrorIds.MemberNotFound, () => preview.RemoveMember("MAG1", "nobody@example.com"));
            Fails(ErrorIds.LastLicenseOwner, () => preview.RemoveMember("MAG1", "owner@example.com"));
            Fails(ErrorIds.MemberExists, () => preview.AddMember("MAG1", "owner@example.com", MemberRole.SharedAccess));
            Fails(ErrorIds.AccountNotFound, () => preview.SetAccount("MAG2", null, "Other"));
            Assert.Equal(before, File.ReadAllBytes(RegistryFile));
        }

        [Fact]
        public void ASessionPreviewKeepsTheConnectedContextAndRegistry()
        {
            var session = new ConnectorSession(_ => null);
            session.Connect("MAG1", null, _temp.Combine("registry"));
            byte[] before = File.ReadAllBytes(RegistryFile);

            var preview = session.Preview();
            var context = preview.RequireContext();
            preview.OpenAccounts().AddMember("MAG1", "dev@example.com", MemberRole.SharedAccess);

            Assert.Equal(("MAG1", "owner@example.com"), (context.MageId, context.User));
            Assert.IsType<PreviewRegistryStore>(preview.OpenStore());
            Assert.Equal(before, File.ReadAllBytes(RegistryFile));
        }

        [Fact]
        public void RevokingAKeyThatInstancesStillUseIsRefusedUnlessForced()
        {
            var holders = new Dictionary<string, string[]>();
            var portal = new ApiKeyPortal(_store, null, id => holders.TryGetValue(id, out var names) ? names : Array.Empty<string>());
            var key = portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Sandbox, "ci", 2048, _ => () => { }).Key;
            holders[key.Id] = new[] { "luma-stage", "luma-dev" };
            byte[] before = File.ReadAllBytes(RegistryFile);

            var refusal = Fails(ErrorIds.ApiKeyInUse, () => portal.Revoke("MAG1", "owner@example.com", key.Id));

            Assert.Equal(key.Id, refusal.Target);
            Assert.Contains("still configured in 'luma-stage', 'luma-dev'", refusal.Message);
            Assert.Contains("-SandboxApiKey", refusal.Message);
            Assert.Equal(before, File.ReadAllBytes(RegistryFile));

            var revoked = portal.Revoke("MAG1", "owner@example.com", key.Id, force: true);

            Assert.Equal(ApiKeyStatus.Revoked, revoked.Key.Status);
            Assert.Equal(new[] { "luma-stage", "luma-dev" }, revoked.InstancesStillConfigured);
        }

        [Fact]
        public void AnAlreadyRevokedKeyIsReportedAsSuchEvenWhenInstancesStillHoldIt()
        {
            var holders = new Dictionary<string, string[]>();
            var portal = new ApiKeyPortal(_store, null, id => holders.TryGetValue(id, out var names) ? names : Array.Empty<string>());
            var key = portal.Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { }).Key;
            portal.Revoke("MAG1", "owner@example.com", key.Id);
            holders[key.Id] = new[] { "luma-prod" };

            Fails(ErrorIds.ApiKeyAlreadyRevoked, () => portal.Revoke("MAG1", "owner@example.com", key.Id));
        }

        private CommerceInstance Instance(string name, string envPhp)
        {
            string root = _temp.Combine(name);
            Directory.CreateDirectory(Path.Combine(root, "app", "etc"));
            if (envPhp != null)
            {
                File.WriteAllText(Path.Combine(root, "app", "etc", "env.php"), envPhp);
            }
            return new CommerceInstance { Name = name, MageId = "MAG1", Path = root, Role = InstanceRole.Staging };
        }

        private const string WithDataSpace = @"<?php
return [
    'system' => [
        'default' => [
            'services_connector' => [
                'services_id' => [
                    'project_id' => 'p-1',
                    'environment_id' => 'ds-testing-1',
                    'environment_name' => 'Testing 1',
                ],
            ],
        ],
    ],
];
";

        [Fact]
        public void AnInstanceWhoseEnvPhpUsesADataSpaceIsNotForgottenUnlessForced()
        {
            var retirement = new InstanceRetirement();
            var staging = Instance("staging", WithDataSpace);

            var refusal = Fails(ErrorIds.DataSpaceInUse, () => retirement.Check(staging, force: false));
            var warnings = retirement.Check(staging, force: true);

            Assert.Equal("staging", refusal.Target);
            Assert.Contains("data space 'Testing 1' (ds-testing-1)", refusal.Message);
            Assert.Contains("Clear-ConnectorConfiguration -Instance staging", refusal.Message);
            Assert.Single(warnings);
            Assert.StartsWith("Instance 'staging' still uses data space 'Testing 1' (ds-testing-1) in ", warnings[0]);
        }

        [Fact]
        public void AnInstanceWithoutADataSpaceIsForgottenWithoutAWord()
        {
            var retirement = new InstanceRetirement();

            Assert.Empty(retirement.Check(Instance("dev", "<?php\nreturn ['MAGE_MODE' => 'developer'];\n"), force: false));
        }

        [Fact]
        public void WhereEnvPhpCannotBeReadTheAssignmentTheRegistryRemembersCounts()
        {
            var retirement = new InstanceRetirement();
            var gone = Instance("gone", null);
            gone.AssignedDataSpaceId = "ds-remembered";

            var refusal = Fails(ErrorIds.DataSpaceInUse, () => retirement.Check(gone, force: false));

            Assert.Contains("data space ds-remembered", refusal.Message);
            Assert.Empty(retirement.Check(Instance("never", null), force: false));
        }
    }
}
