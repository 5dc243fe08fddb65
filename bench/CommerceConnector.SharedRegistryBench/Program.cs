using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Tests.RegistryContract;
using CommerceConnector.Registry.PostgreSql;
using CommerceConnector.TestSupport;

// Usage: dotnet run -c Release --project bench/CommerceConnector.SharedRegistryBench [-- --sizes 1000,100000 --seconds 10 --out result.md]
// What one command costs in the registry (read: InstanceInventory.GetOne; assign: the registry half of Set-DataSpace;
// register: InstanceInventory.Register) at each size, on the file registry the cmdlets use and on PostgreSQL, in one
// run; prints medians, p95 and ratios as markdown. What each operation includes: docs/performance.md.
var sizes = (Arg("--sizes") ?? "1000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
double seconds = double.Parse(Arg("--seconds") ?? "10", CultureInfo.InvariantCulture);
string outFile = Arg("--out");
const int PerAccount = 100, MaxRuns = 300, MinRuns = 5;

using var root = new TempFolder("cc-shared-bench-");
string[] backends = { "PostgreSQL", "file" }, operationNames = { "read", "assign", "register" };
var results = new Dictionary<(string Backend, int Size, string Op), (double Median, double P95, int Runs)>();
var setup = new List<string>();
using (var server = new PostgresServer(durable: true)) // fsync on: a commit waits for the disk, as on a real server
{
    // Every registry is filled first; then each operation runs on the sizes in turn, one run each, round after round,
    // so that the load of a shared machine, which drifts over minutes, weighs on both sizes alike.
    var operations = new Dictionary<(string Backend, int Size), Dictionary<string, Action>>();
    foreach (int size in sizes)
    {
        int accounts = Math.Max(1, size / PerAccount);
        var document = Fleet(size, accounts);
        foreach (string backend in new[] { "file", "PostgreSQL" })
        {
            var clock = Stopwatch.StartNew();
            IRegistryStore store = backend == "file" ? new AuditedFileRegistryStore(new FileRegistryStore(root.Combine("file-" + size))) : Postgres(server.NewDatabase());
            store.Update(RegistryScope.All, d =>
            {
                d.Accounts.AddRange(document.Accounts);
                d.Projects.AddRange(document.Projects);
                d.DataSpaces.AddRange(document.DataSpaces);
                d.Instances.AddRange(document.Instances);
                return 0;
            });
            setup.Add($"{backend}, {size:N0} instances in {accounts:N0} accounts: filled in {clock.Elapsed.TotalSeconds:F1} s");
            Console.Error.WriteLine(setup[setup.Count - 1]);
            var inventory = new InstanceInventory(store);
            var random = new Random(size);
            string Account() => "MAG" + (700000000 + random.Next(accounts)).ToString(CultureInfo.InvariantCulture);
            int n = 0;
            // The Magento roots to register are made beforehand: the timed run is the registry's work only.
            string sites = root.Combine("sites-" + backend + "-" + size);
            var roots = Enumerable.Range(1, MaxRuns + 3).Select(i => MagentoRoot.Create(Path.Combine(sites, "new-" + i.ToString(CultureInfo.InvariantCulture)), "<?php\nreturn [];\n")).ToList();
            operations[(backend, size)] = new Dictionary<string, Action>
            {
                ["read"] = () => _ = inventory.GetOne(Account(), "i" + random.Next(PerAccount).ToString("D3", CultureInfo.InvariantCulture)) ?? throw new InvalidOperationException("not found"),
                ["assign"] = () =>
                {
                    string mageId = Account();
                    store.Update(RegistryScope.Account(mageId), d =>
                    {
                        var instance = d.Instances.First(i => i.MageId == mageId && i.Name == "i001");
                        var space = d.DataSpaces.First(s => s.MageId == mageId && s.Type == DataSpaceType.Testing);
                        if (instance.AssignedDataSpaceId != null)
                        {
                            instance.AssignedDataSpaceId = null;
                            return 0;
                        }
                        if (d.Instances.Any(i => i != instance && string.Equals(i.AssignedDataSpaceId, space.DataSpaceId, StringComparison.OrdinalIgnoreCase)))
                        {
                            throw new ConnectorException(ErrorIds.DataSpaceInUse, ConnectorErrorCategory.ResourceExists, space.DataSpaceName, "in use");
                        }
                        instance.AssignedDataSpaceId = space.DataSpaceId;
                        return 0;
                    });
                },
                ["register"] = () => inventory.Register(
                    Account(), "owner@bench.example.com", "new-" + (++n).ToString(CultureInfo.InvariantCulture), roots[n - 1], InstanceRole.Development, null),
            };
        }
    }
    foreach (var (backend, op) in backends.SelectMany(backend => operationNames.Select(op => (backend, op))))
    {
        Measure(backend, op, sizes.Select(size => operations[(backend, size)][op]).ToList());
    }
}

var report = new StringBuilder();
report.AppendLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; budget {seconds} s per size and operation (at least {MinRuns}, at most {MaxRuns} runs), the sizes run in turn, round after round.");
report.AppendLine();
foreach (var line in setup) report.AppendLine("- " + line);
report.AppendLine();
report.AppendLine("| Operation | Backend | " + string.Join(" | ", sizes.Select(s => $"{s:N0} instances: median / p95 (runs)")) + " | Ratio " + $"{sizes.Last():N0} / {sizes.First():N0}" + " (median) |");
report.AppendLine("|---|---|" + string.Concat(sizes.Select(_ => "---:|")) + "---:|");
foreach (var (op, backend) in operationNames.SelectMany(op => backends.Select(backend => (op, backend))))
{
    var row = sizes.Select(s => results[(backend, s, op)]).ToList();
    report.AppendLine($"| {op} | {backend} | " + string.Join(" | ", row.Select(r => $"{Ms(r.Median)} / {Ms(r.P95)} ({r.Runs})")) + $" | {row.Last().Median / row.First().Median:F2}x |");
}
report.AppendLine();
report.AppendLine("| Operation | " + string.Join(" | ", sizes.Select(s => $"file / PostgreSQL at {s:N0}")) + " |");
report.AppendLine("|---|" + string.Concat(sizes.Select(_ => "---:|")));
foreach (string op in operationNames)
{
    report.AppendLine($"| {op} | " + string.Join(" | ", sizes.Select(s => $"{results[("file", s, op)].Median / results[("PostgreSQL", s, op)].Median:F1}x")) + " |");
}
Console.WriteLine(report.ToString());
if (outFile != null) File.WriteAllText(outFile, report.ToString());
return 0;

// Runs each size's operation in turn until the budget is spent; the median and p95 of each go into results.
void Measure(string backend, string op, List<Action> runs)
{
    foreach (var run in runs)
    {
        for (int i = 0; i < 3; i++) run(); // warm-up: JIT, connection pool, file cache
    }
    var times = runs.Select(_ => new List<double>()).ToList();
    var budget = Stopwatch.StartNew();
    while (times[0].Count < MinRuns || (times[0].Count < MaxRuns && budget.Elapsed.TotalSeconds < seconds * runs.Count))
    {
        for (int k = 0; k < runs.Count; k++)
        {
            var one = Stopwatch.StartNew();
            runs[k]();
            times[k].Add(one.Elapsed.TotalMilliseconds);
        }
    }
    for (int k = 0; k < runs.Count; k++)
    {
        var sorted = times[k].OrderBy(t => t).ToList();
        var result = results[(backend, sizes[k], op)] = (sorted[sorted.Count / 2], sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1], sorted.Count);
        Console.Error.WriteLine($"{backend} {sizes[k]} {op}: median {Ms(result.Median)}, p95 {Ms(result.P95)} ({sorted.Count} runs)");
    }
}

static IRegistryStore Postgres(string connection)
{
    PostgresBackend.Instance.Initialize(connection, null);
    return new PostgresRegistryStore(PostgresConnection.Parse(connection));
}

static string Ms(double ms) => ms < 10 ? ms.ToString("F2", CultureInfo.InvariantCulture) + " ms" : ms.ToString("F1", CultureInfo.InvariantCulture) + " ms";

static RegistryDocument Fleet(int size, int accounts)
{
    var at = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    var document = new RegistryDocument();
    for (int a = 0; a < accounts; a++)
    {
        string mageId = "MAG" + (700000000 + a).ToString(CultureInfo.InvariantCulture);
        document.Accounts.Add(new CommerceAccount
        {
            MageId = mageId, Name = "Merchant " + a, Edition = CommerceEdition.AdobeCommerce, Owner = "owner@bench.example.com", CreatedAt = at,
            Members = { new AccountMember { MageId = mageId, User = "owner@bench.example.com", Role = MemberRole.LicenseOwner, AddedAt = at } },
        });
        string project = "prj-" + a.ToString("D6", CultureInfo.InvariantCulture);
        document.Projects.Add(new SaaSProject { ProjectId = project, ProjectName = "Shop", MageId = mageId, CreatedAt = at, Source = RecordSource.Generated });
        document.DataSpaces.Add(new DataSpace { DataSpaceId = "ds-" + a + "-prod", DataSpaceName = "Production", Type = DataSpaceType.Production, ProjectId = project, MageId = mageId, CreatedAt = at, Source = RecordSource.Generated });
        for (int t = 1; t <= 3; t++)
        {
            document.DataSpaces.Add(new DataSpace { DataSpaceId = "ds-" + a + "-t" + t, DataSpaceName = "Testing " + t, Type = DataSpaceType.Testing, ProjectId = project, MageId = mageId, CreatedAt = at, Source = RecordSource.Generated });
        }
    }
    for (int i = 0; i < size; i++)
    {
        int a = i % accounts;
        string mageId = "MAG" + (700000000 + a).ToString(CultureInfo.InvariantCulture);
        int k = i / accounts;
        document.Instances.Add(new CommerceInstance
        {
            MageId = mageId, Name = "i" + k.ToString("D3", CultureInfo.InvariantCulture), Path = "/srv/fleet/" + mageId + "/i" + k,
            Role = k == 0 ? InstanceRole.Production : InstanceRole.Staging, RegisteredAt = at, RegisteredBy = "owner@bench.example.com",
            AssignedDataSpaceId = k == 0 ? "ds-" + a + "-prod" : null,
        });
    }
    return document;
}

string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
