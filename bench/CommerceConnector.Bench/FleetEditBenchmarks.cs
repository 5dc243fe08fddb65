using System;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Storage;
using CommerceConnector.TestSupport;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// What <c>Get-CommerceInstance | Set-ImsOrganization -OrganizationId X</c> does per piped instance, in Core, on 1,000
    /// Magento roots with a small env.php as setup:install writes it (about 1.8 KB) and a config.php, registered one by one
    /// (made once per run). Every call sets another organisation id, so every call writes its file.
    /// </summary>
    public class FleetEditBenchmarks : IRatios
    {
        internal const string MageId = "MAG100000002";
        internal static readonly Lazy<(TempFolder Folder, FileRegistryStore Store, string[] Names, double RegisterSeconds)> Fleet = new(Seed);
        private static int _organization;
        private InstanceInventory _inventory;
        private ConfigurationPlanner _planner;
        private ConfigurationWriter _writer;
        private Random _picks;

        [GlobalSetup]
        public void Setup()
        {
            _inventory = new InstanceInventory(Fleet.Value.Store);
            _planner = new ConfigurationPlanner(Fleet.Value.Store);
            _writer = new ConfigurationWriter(Fleet.Value.Store);
            _picks = new Random(1000);
        }

        [Benchmark(Description = "one piped instance: resolve + PlanImsOrganization + Apply (Core, 1,000 registered, 1.8 KB env.php)")]
        public ConfigurationResult OneInstance() => Apply(Resolve());

        [Benchmark(Description = "of which resolve: InstanceInventory.GetOne (reads and parses the registry of 1,000 instances)")]
        public ConfigTarget Resolve() => ConfigTarget.ForInstance(_inventory.GetOne(MageId, Fleet.Value.Names[_picks.Next(1000)]));

        [Benchmark(Description = "of which PlanImsOrganization (reads and parses env.php, plans, validates the edit)")]
        public ConfigurationPlan Plan() => _planner.PlanImsOrganization(Target(), NextOrganization());

        internal static string NextOrganization() => $"{++_organization:X8}AB12CD34EF567890@AdobeOrg";

        public void WriteRatios(Summary summary)
        {
            double one = Docs.Median(summary, nameof(OneInstance)), resolve = Docs.Median(summary, nameof(Resolve)), plan = Docs.Median(summary, nameof(Plan));
            Docs.Replace("FleetEditDerived", Docs.Rows("Derived from the medians above (same run)", new[]
            {
                ("Apply (backup, temp file + fsync, rename, folder fsync) = one instance - resolve - plan", $"{one - resolve - plan:F3} ms"),
                ("registering the 1,000 instances one by one (InstanceInventory.Register, one durable Update each; setup, single run)", $"{Fleet.Value.RegisterSeconds:F2} s"),
            }));
        }

        private ConfigTarget Target() => ConfigTarget.ForInstance(new CommerceInstance { Name = "x", MageId = MageId, Path = Fleet.Value.Folder.Combine(Fleet.Value.Names[_picks.Next(1000)]), Role = InstanceRole.Staging });

        private ConfigurationResult Apply(ConfigTarget target)
        {
            var result = _writer.Apply(_planner.PlanImsOrganization(target, NextOrganization()));
            return result.Changes.Count == 1 ? result : throw new InvalidOperationException($"Set-ImsOrganization changed {result.Changes.Count} values, not 1");
        }

        private static (TempFolder, FileRegistryStore, string[], double) Seed()
        {
            var folder = new TempFolder("cc-bench-fleet-");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
            var store = new FileRegistryStore(folder.Combine("registry"));
            new AccountDirectory(store).NewAccount(MageId, CommerceEdition.AdobeCommerce, "owner@fleet.example.com", "Fleet");
            var inventory = new InstanceInventory(store);
            string config = EnvPhpFiles.ConfigPhp(20);
            string[] names = Enumerable.Range(1, 1000).Select(i => $"site-{i:D4}").ToArray();
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < names.Length; i++)
            {
                string root = MagentoRoot.Create(folder.Combine(names[i]), EnvPhpFiles.SmallEnvPhp(i + 1), config);
                inventory.Register(MageId, "owner@fleet.example.com", names[i], root, i % 10 == 0 ? InstanceRole.Production : InstanceRole.Staging, $"https://{names[i]}.shop.example/");
            }
            return (folder, store, names, watch.Elapsed.TotalSeconds);
        }
    }

    /// <summary>The whole pipeline pass: every one of the 1,000 instances resolved, planned and written once.</summary>
    [InvocationCount(1)]
    public class FleetPassBenchmarks
    {
        [Benchmark(Description = "whole pass: Get-CommerceInstance | Set-ImsOrganization over 1,000 instances, in Core (InstanceInventory.Get, then GetOne + plan + Apply each)")]
        public int Pass()
        {
            var fleet = FleetEditBenchmarks.Fleet.Value;
            var inventory = new InstanceInventory(fleet.Store);
            var planner = new ConfigurationPlanner(fleet.Store);
            var writer = new ConfigurationWriter(fleet.Store);
            string organization = FleetEditBenchmarks.NextOrganization();
            int written = 0;
            foreach (var item in inventory.Get(FleetEditBenchmarks.MageId))
            {
                var target = ConfigTarget.ForInstance(inventory.GetOne(FleetEditBenchmarks.MageId, item.Name));
                written += writer.Apply(planner.PlanImsOrganization(target, organization)).Changes.Count;
            }
            return RegistryBenchmarks.Check(written, 1000, "instances written");
        }
    }
}
