using System.Collections.Concurrent;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Tests.Php;
using CommerceConnector.Registry.PostgreSql;
using Newtonsoft.Json;

namespace CommerceConnector.Core.Tests.RegistryContract
{
    /// <summary>
    /// One behaviour, two backends: every test here runs against the file registry and against a real PostgreSQL 15
    /// server. A rule that only one backend enforces fails one of the two runs.
    /// </summary>
    public abstract class RegistryContractTests : IDisposable
    {
        protected static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);
        private const string ConfigPhp = "<?php\nreturn [\n    'modules' => [\n        'Magento_Store' => 1,\n        'Magento_ServicesId' => 1,\n        'Magento_ServicesConnector' => 1,\n    ],\n];\n";

        protected readonly TempFolder Temp = new TempFolder();

        protected abstract IRegistryStore Store { get; }

        /// <summary>A second store over the same registry, as another administrator's machine would open it.</summary>
        protected abstract IRegistryStore OpenAgain();

        /// <summary>An empty registry of the other kind or the same kind, for copies.</summary>
        protected abstract IRegistryStore NewEmptyRegistry();

        public virtual void Dispose() => Temp.Dispose();

        private AccountDirectory Accounts(IRegistryStore store = null) => new AccountDirectory(store ?? Store, () => Now);

        private InstanceInventory Instances(IRegistryStore store = null) => new InstanceInventory(store ?? Store, () => Now);

        private string Magento(string name)
        {
            string root = Temp.Combine("magento", name);
            Directory.CreateDirectory(Path.Combine(root, "app", "etc"));
            File.WriteAllText(Path.Combine(root, "app", "etc", "env.php"), EnvPhpCorpus.Shapes["magento-default"]);
            File.WriteAllText(Path.Combine(root, "app", "etc", "config.php"), ConfigPhp);
            return root;
        }

        [Fact]
        public void AnAccountAndItsMembersReadBackExactly()
        {
            Accounts().NewAccount("mag100", CommerceEdition.AdobeCommerce, "owner@example.com", "Luma Retail");
            Accounts().AddMember("MAG100", "Dev@Example.com", MemberRole.SharedAccess);

            var account = Accounts(OpenAgain()).GetAccount("MAG100");
            Assert.Equal(("MAG100", "Luma Retail", CommerceEdition.AdobeCommerce, AccountStanding.Good, "owner@example.com", Now),
                (account.MageId, account.Name, account.Edition, account.Standing, account.Owner, account.CreatedAt));
            Assert.Equal(new[] { ("owner@example.com", MemberRole.LicenseOwner), ("Dev@Example.com", MemberRole.SharedAccess) },
                account.Members.Select(m => (m.User, m.Role)).ToArray());

            Assert.Equal(ErrorIds.AccountExists, Assert.Throws<ConnectorException>(() => Accounts().NewAccount("MAG100", CommerceEdition.AdobeCommerce, "x@example.com")).ErrorId);
            Assert.Equal(ErrorIds.MemberExists, Assert.Throws<ConnectorException>(() => Accounts().AddMember("MAG100", "dev@example.com", MemberRole.SharedAccess)).ErrorId);
            Assert.Equal(ErrorIds.LastLicenseOwner, Assert.Throws<ConnectorException>(() => Accounts().RemoveMember("MAG100", "owner@example.com")).ErrorId);
            Accounts().RemoveMember("MAG100", "dev@example.com");
            Assert.Equal(new[] { "owner@example.com" }, Accounts(OpenAgain()).GetAccount("MAG100").Members.Select(m => m.User).ToArray());
        }

        [Fact]
        public void AnInstanceNameIsUniquePerAccountAndAMagentoRootAcrossTheRegistry()
        {
            Accounts().NewAccount("MAG1", CommerceEdition.AdobeCommerce, "one@example.com");
            Accounts().NewAccount("MAG2", CommerceEdition.AdobeCommerce, "two@example.com");
            string root = Magento("shop");
            Instances().Register("MAG1", "one@example.com", "shop", root, InstanceRole.Production, "https://shop.example.com/");

            Assert.Equal(ErrorIds.InstanceExists, Assert.Throws<ConnectorException>(() => Instances().Register("MAG1", "one@example.com", "SHOP", Magento("other"), InstanceRole.Staging, null)).ErrorId);
            // The other account's scope does not hold MAG1's rows: the backend itself must refuse the second registration.
            Assert.Equal(ErrorIds.InstancePathRegistered, Assert.Throws<ConnectorException>(() => Instances().Register("MAG2", "two@example.com", "shop", root, InstanceRole.Production, null)).ErrorId);
            Instances().Register("MAG2", "two@example.com", "shop", Magento("mag2-shop"), InstanceRole.Production, null);

            var read = Instances(OpenAgain()).GetOne("MAG1", "shop");
            Assert.Equal(("shop", "MAG1", root, InstanceRole.Production, "https://shop.example.com/", Now, "one@example.com"),
                (read.Name, read.MageId, read.Path, read.Role, read.BaseUrl, read.RegisteredAt, read.RegisteredBy));
            Assert.Equal(new[] { "shop" }, Instances(OpenAgain()).Get("MAG2").Select(i => i.Name).ToArray());

            Instances().Set("MAG1", "shop", InstanceRole.Staging, "", "shop-renamed", null);
            Assert.Equal((InstanceRole.Staging, (string)null), (Instances(OpenAgain()).GetOne("MAG1", "shop-renamed").Role, Instances(OpenAgain()).GetOne("MAG1", "shop-renamed").BaseUrl));
            Instances().Unregister("MAG1", "shop-renamed");
            Assert.Empty(Instances(OpenAgain()).Get("MAG1"));
            Assert.Equal(ErrorIds.InstanceNotFound, Assert.Throws<ConnectorException>(() => Instances().GetOne("MAG1", "shop-renamed")).ErrorId);
        }

        [Fact]
        public void ConcurrentRegistrationsFromManyWritersLoseNothing()
        {
            Accounts().NewAccount("MAG7", CommerceEdition.AdobeCommerce, "owner@example.com");
            var roots = Enumerable.Range(0, 40).Select(i => Magento("node-" + i)).ToArray();
            var refusals = new ConcurrentBag<string>();
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, writer =>
            {
                var inventory = Instances(OpenAgain());
                for (int i = writer; i < 40; i += 8)
                {
                    inventory.Register("MAG7", "owner@example.com", "node-" + i, roots[i], InstanceRole.Development, null);
                }
                // Every writer also tries one name another writer registers: exactly one of them wins it.
                try
                {
                    inventory.Register("MAG7", "owner@example.com", "contested", Magento("contested-" + writer), InstanceRole.Development, null);
                }
                catch (ConnectorException e)
                {
                    refusals.Add(e.ErrorId);
                }
            });
            var names = Instances(OpenAgain()).Get("MAG7").Select(i => i.Name).ToList();
            Assert.Equal(41, names.Count);
            Assert.Equal(Enumerable.Range(0, 40).Select(i => "node-" + i).Concat(new[] { "contested" }).OrderBy(n => n, StringComparer.OrdinalIgnoreCase), names);
            Assert.Equal(Enumerable.Repeat(ErrorIds.InstanceExists, 7), refusals);
        }

        [Fact]
        public void ATestingDataSpaceHasOneHolderEvenUnderConcurrentAssignments()
        {
            Accounts().NewAccount("MAG9", CommerceEdition.AdobeCommerce, "owner@example.com");
            var keys = new ApiKeyPortal(Store, () => Now);
            var sandbox = keys.Generate("MAG9", "owner@example.com", ApiKeyEnvironment.Sandbox, "sandbox", 2048, _ => () => { });
            var luma = new ProjectRegistry(Store, () => Now).NewProject("MAG9", "owner@example.com", "Luma");
            var testing = luma.DataSpaces.Single(d => d.DataSpaceName == "Testing 1");
            var planner = new ConfigurationPlanner(Store, () => Now);
            var writer = new ConfigurationWriter(Store, () => Now);
            var targets = Enumerable.Range(0, 8).Select(i =>
                ConfigTarget.ForInstance(Instances().Register("MAG9", "owner@example.com", "staging-" + i, Magento("staging-" + i), InstanceRole.Staging, null))).ToList();
            foreach (var target in targets)
            {
                writer.Apply(planner.PlanKeys("MAG9", target, ApiKeyEnvironment.Sandbox, null, new KeyPairInput(sandbox.Key.Id, sandbox.PrivateKeyPem)));
            }

            var won = new ConcurrentBag<string>();
            var refused = new ConcurrentBag<string>();
            Parallel.ForEach(targets, new ParallelOptions { MaxDegreeOfParallelism = 8 }, target =>
            {
                var store = OpenAgain();
                try
                {
                    new ConfigurationWriter(store, () => Now).Apply(new ConfigurationPlanner(store, () => Now).PlanDataSpace("MAG9", target, "Luma", "Testing 1", false));
                    won.Add(target.Instance.Name);
                }
                catch (ConnectorException e)
                {
                    refused.Add(e.ErrorId);
                }
            });

            Assert.Single(won);
            Assert.Equal(Enumerable.Repeat(ErrorIds.DataSpaceInUse, 7), refused);
            var holders = Instances(OpenAgain()).Get("MAG9").Where(i => i.AssignedDataSpaceId == testing.DataSpaceId).Select(i => i.Name).ToList();
            Assert.Equal(won.ToList(), holders);
            // env.php agrees with the registry: only the winner's file names the data space.
            Assert.Equal(won.ToList(), targets.Where(t => File.ReadAllText(t.EnvPhp).Contains(testing.DataSpaceId)).Select(t => t.Instance.Name).ToList());
        }

        [Fact]
        public void AKeyPairAndAProjectIdBelongToOneAccountEvenWhenEightAccountsRegisterThemAtOnce()
        {
            // Keys and projects are written under their own account's lock only: what spans accounts is the backend's to hold.
            var owners = Enumerable.Range(1, 8).Select(i => (MageId: "MAG3" + i, User: $"owner{i}@example.com")).ToList();
            foreach (var (mageId, user) in owners)
            {
                Accounts().NewAccount(mageId, CommerceEdition.AdobeCommerce, user);
            }
            string pem;
            using (var rsa = System.Security.Cryptography.RSA.Create())
            {
                rsa.KeySize = 2048;
                pem = PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(rsa.ExportParameters(true)));
            }

            var keysWon = new ConcurrentBag<string>();
            var keysRefused = new ConcurrentBag<string>();
            var projectsWon = new ConcurrentBag<string>();
            var projectsRefused = new ConcurrentBag<string>();
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var store = OpenAgain();
                var (mageId, user) = owners[i];
                try
                {
                    new ApiKeyPortal(store, () => Now).Import(mageId, user, new string((char)('a' + i), 32), ApiKeyEnvironment.Production, pem, null);
                    keysWon.Add(mageId);
                }
                catch (ConnectorException e)
                {
                    keysRefused.Add(e.ErrorId);
                }
            });
            // Every account gets a key of its own, so that each may register projects.
            foreach (var (mageId, user) in owners.Where(o => !keysWon.Contains(o.MageId)))
            {
                new ApiKeyPortal(Store, () => Now).Generate(mageId, user, ApiKeyEnvironment.Production, "own", 2048, _ => () => { });
            }
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var (mageId, user) = owners[i];
                try
                {
                    new ProjectRegistry(OpenAgain(), () => Now).RegisterProject(mageId, user, "4f9c2d1e-shared-project", "Shop");
                    projectsWon.Add(mageId);
                }
                catch (ConnectorException e)
                {
                    projectsRefused.Add(e.ErrorId);
                }
            });

            Assert.Single(keysWon);
            Assert.Equal(Enumerable.Repeat(ErrorIds.PrivateKeyOfAnotherApiKey, 7), keysRefused);
            Assert.Single(projectsWon);
            Assert.Equal(Enumerable.Repeat(ErrorIds.ProjectIdExists, 7), projectsRefused);
            var read = OpenAgain().Read();
            var fingerprint = read.ApiKeys.Single(k => k.MageId == keysWon.Single()).Fingerprint;
            Assert.Equal(new[] { keysWon.Single() }, read.ApiKeys.Where(k => k.Fingerprint == fingerprint).Select(k => k.MageId).ToArray());
            Assert.Equal(new[] { projectsWon.Single() }, read.Projects.Select(p => p.MageId).ToArray());
        }

        [Fact]
        public void EveryChangeIsAuditedWithWhoWhatAndWhichIdsButNoSecret()
        {
            using (AuditContext.Enter("New-CommerceAccount", null))
            {
                Accounts().NewAccount("MAG5", CommerceEdition.AdobeCommerce, "owner@example.com");
            }
            GeneratedApiKey key;
            using (AuditContext.Enter("New-ConnectorApiKey", "owner@example.com"))
            {
                key = new ApiKeyPortal(Store, () => Now).Generate("MAG5", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            }
            using (AuditContext.Enter("Register-CommerceInstance", "owner@example.com"))
            {
                Instances().Register("MAG5", "owner@example.com", "shop", Magento("audited"), InstanceRole.Production, null);
            }
            // A command that changes nothing leaves no entry.
            Instances().Set("MAG5", "shop", InstanceRole.Production, null, null, null);

            var log = ((IAuditedRegistryStore)OpenAgain()).ReadAudit(new AuditQuery());
            Assert.Equal(new[] { "New-CommerceAccount", "New-ConnectorApiKey", "Register-CommerceInstance" }, log.Select(e => e.Command).ToArray());
            Assert.Equal(new[] { "Added Account MAG5", "Added Member MAG5/owner@example.com" }, log[0].Changes.ToArray());
            Assert.Equal(new[] { "Added ApiKey " + key.Key.Id }, log[1].Changes.ToArray());
            Assert.Equal(("owner@example.com", Environment.UserName, Environment.MachineName, "MAG5"), (log[1].Member, log[1].OsUser, log[1].Machine, log[1].MageId));
            Assert.All(log, e => Assert.True(Math.Abs((e.Time - DateTimeOffset.UtcNow).TotalMinutes) < 1e6));

            Assert.Equal(new[] { "Register-CommerceInstance" }, ((IAuditedRegistryStore)Store).ReadAudit(new AuditQuery { Target = "shop" }).Select(e => e.Command).ToArray());
            Assert.Equal(new[] { "New-ConnectorApiKey", "Register-CommerceInstance" }, ((IAuditedRegistryStore)Store).ReadAudit(new AuditQuery { User = "OWNER@example.com" }).Select(e => e.Command).ToArray());
            Assert.Empty(((IAuditedRegistryStore)Store).ReadAudit(new AuditQuery { Since = DateTimeOffset.UtcNow.AddHours(1) }));

            string everything = JsonConvert.SerializeObject(log);
            Assert.DoesNotContain("PRIVATE KEY", everything);
            Assert.DoesNotContain(key.PrivateKeyPem.Substring(40, 40), everything);
        }

        [Fact]
        public void ACopyMovesEveryRowAllOrNothingAndTwiceChangesNothing()
        {
            Accounts().NewAccount("MAG3", CommerceEdition.AdobeCommerce, "owner@example.com");
            Accounts().AddMember("MAG3", "dev@example.com", MemberRole.SharedAccess);
            new ApiKeyPortal(Store, () => Now).Generate("MAG3", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            new ProjectRegistry(Store, () => Now).NewProject("MAG3", "owner@example.com", "Luma");
            Instances().Register("MAG3", "owner@example.com", "shop", Magento("copied"), InstanceRole.Production, null);

            var target = NewEmptyRegistry();
            var first = RegistryCopy.Copy(Store, target).ToDictionary(c => c.Kind);
            Assert.Equal((1, 1, 0), (first[RegistryRowKind.Account].Source, first[RegistryRowKind.Account].Added, first[RegistryRowKind.Account].Changed));
            Assert.Equal((2, 2), (first[RegistryRowKind.Member].Source, first[RegistryRowKind.Member].Added));
            Assert.Equal((1, 1), (first[RegistryRowKind.ApiKey].Source, first[RegistryRowKind.ApiKey].Added));
            Assert.Equal((1, 1), (first[RegistryRowKind.Project].Source, first[RegistryRowKind.Project].Added));
            int spaces = Store.Read().DataSpaces.Count;
            Assert.True(spaces >= 2);
            Assert.Equal((spaces, spaces), (first[RegistryRowKind.DataSpace].Source, first[RegistryRowKind.DataSpace].Added));
            Assert.Equal((1, 1), (first[RegistryRowKind.Instance].Source, first[RegistryRowKind.Instance].Added));

            var second = RegistryCopy.Copy(Store, target);
            Assert.All(second, c => Assert.Equal((0, 0, c.Source), (c.Added, c.Changed, c.Unchanged)));

            string Rows(RegistryDocument d) => JsonConvert.SerializeObject(new { d.Accounts, d.ApiKeys, d.Projects, d.DataSpaces, d.Instances });
            Assert.Equal(Rows(Normalized(Store.Read())), Rows(Normalized(target.Read())));
        }

        /// <summary>The document with every time cut to microseconds (what PostgreSQL keeps), for comparing whole documents.</summary>
        private static RegistryDocument Normalized(RegistryDocument document)
        {
            DateTimeOffset Cut(DateTimeOffset t) => new DateTimeOffset(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
            foreach (var a in document.Accounts)
            {
                a.CreatedAt = Cut(a.CreatedAt);
                a.Members.ForEach(m => m.AddedAt = Cut(m.AddedAt));
            }
            document.ApiKeys.ForEach(k => k.CreatedAt = Cut(k.CreatedAt));
            document.Projects.ForEach(p => p.CreatedAt = Cut(p.CreatedAt));
            document.DataSpaces.ForEach(d => d.CreatedAt = Cut(d.CreatedAt));
            document.Instances.ForEach(i => i.RegisteredAt = Cut(i.RegisteredAt));
            return document;
        }
    }

    /// <summary>The contract against the file registry (registry.json and audit.jsonl in a temporary folder).</summary>
    public sealed class FileRegistryContractTests : RegistryContractTests
    {
        private readonly string _folder;

        public FileRegistryContractTests()
        {
            _folder = Temp.Combine("registry");
            Store = OpenAgain();
        }

        protected override IRegistryStore Store { get; }

        protected override IRegistryStore OpenAgain() => new AuditedFileRegistryStore(new FileRegistryStore(_folder), () => Now);

        protected override IRegistryStore NewEmptyRegistry() => new AuditedFileRegistryStore(new FileRegistryStore(Temp.Combine("copy-" + Guid.NewGuid().ToString("N"))));
    }

    /// <summary>The contract against PostgreSQL 15: a fresh database with the schema per test, one throwaway server for all.</summary>
    [Collection(PostgresCollection.Name)]
    public sealed class PostgresRegistryContractTests : RegistryContractTests
    {
        private readonly PostgresServer _server;
        private readonly string _connection;

        public PostgresRegistryContractTests(PostgresServer server)
        {
            _server = server;
            _connection = NewRegistry();
            Store = OpenAgain();
        }

        protected override IRegistryStore Store { get; }

        protected override IRegistryStore OpenAgain() => new PostgresRegistryStore(PostgresConnection.Parse(_connection), () => Now);

        protected override IRegistryStore NewEmptyRegistry() => new PostgresRegistryStore(PostgresConnection.Parse(NewRegistry()));

        private string NewRegistry()
        {
            string connection = _server.NewDatabase();
            PostgresBackend.Instance.Initialize(connection, null);
            return connection;
        }
    }

    [CollectionDefinition(Name)]
    public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
    {
        public const string Name = "PostgreSQL server";
    }
}
