using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;
using CommerceConnector.TestSupport;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// The built module (out/CommerceConnector, ./build.ps1) imported into a PowerShell 7.6 runspace hosted here, with a
    /// registry of 1,000 registered instances whose env.php is the 20 KB corpus file (both key pairs, a data space each),
    /// made once per run through the module's own cmdlets. Each row is one cmdlet call as a user types it: binding,
    /// registry reads, guards, env.php reads and writes with backup and fsync, output objects.
    /// </summary>
    internal sealed class ModuleFleet
    {
        public const int Size = 1000;
        private static readonly Lazy<ModuleFleet> Instance = new Lazy<ModuleFleet>(() => new ModuleFleet());
        private readonly Runspace _runspace;

        private ModuleFleet()
        {
            string manifest = Path.Combine(Program.Root, "out", "CommerceConnector", "CommerceConnector.psd1");
            Folder = new TempFolder("cc-bench-cmdlets-");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Folder.Dispose();
            Environment.SetEnvironmentVariable("COMMERCE_CONNECTOR_HOME", Folder.Combine("registry"));
            // The fleet's database hosts are made up: the rows measure the files, as -DatabaseAccess Off reads them.
            Environment.SetEnvironmentVariable("COMMERCE_CONNECTOR_DATABASE_ACCESS", "Off");
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
            _runspace.Open();
            Script("Import-Module -Name $args[0] -ErrorAction Stop", File.Exists(manifest) ? manifest : throw new InvalidOperationException($"{manifest} does not exist: run ./build.ps1 first."));
            PSObject made = Script(@"param($work)
                $null = New-CommerceAccount -MageId MAG424242 -Edition AdobeCommerce -Owner owner@bench.example.com -Name Bench
                $null = Connect-CommerceAccount -MageId MAG424242
                $p = New-ConnectorApiKey -Environment Production -Name prod -OutFile (Join-Path $work prod.pem)
                $s = New-ConnectorApiKey -Environment Sandbox -Name sandbox -OutFile (Join-Path $work sandbox.pem)
                $c = New-ConnectorApiKey -Environment Production -Name other -OutFile (Join-Path $work other.pem)
                $luma = New-SaaSProject -Name 'Luma US'; $venia = New-SaaSProject -Name 'Venia EU'
                $lp = Get-DataSpace -Project $luma.ProjectId -Type Production; $vp = Get-DataSpace -Project $venia.ProjectId -Type Production
                [pscustomobject]@{ P = $p.Id; S = $s.Id; C = $c.Id; Project = $luma.ProjectId; Spaces = @($lp.DataSpaceId, $vp.DataSpaceId) }", Folder.Path)[0];
            ProductionKey = (string)made.Properties["P"].Value;
            OtherKey = (string)made.Properties["C"].Value;
            Spaces = ((object[])made.Properties["Spaces"].Value).Select(o => o.ToString()).ToArray();
            var keys = new ConnectorValues(ProductionKey, File.ReadAllText(Folder.Combine("prod.pem")), (string)made.Properties["S"].Value,
                File.ReadAllText(Folder.Combine("sandbox.pem")), (string)made.Properties["Project"].Value, "Luma US");
            string config = EnvPhpFiles.ConfigPhp(EnvPhpFiles.ConfigPhpModules);
            for (int i = 0; i < Size; i++)
            {
                var values = i == 0 ? keys with { DataSpaceId = Spaces[0], DataSpaceName = "Production", DataSpaceType = "production" }
                    : keys with { DataSpaceId = $"ds-{i:D4}", DataSpaceName = $"Staging {i}", DataSpaceType = "testing", Environment = "sandbox" };
                MagentoRoot.Create(Folder.Combine("www", Name(i)), EnvPhpFiles.LargeEnvPhp(values), config, ownerOnly: true);
            }
            Script(@"param($www, $size, $project)
                foreach ($i in 0..($size - 1)) {
                    $name = 'site-{0:d4}' -f $i
                    if ($i -gt 0) { $null = Register-DataSpace -Project $project -DataSpaceId ('ds-{0:d4}' -f $i) -Name ""Staging $i"" -Type Testing -SupportTicket ""MDVA-$i"" }
                    $null = Register-CommerceInstance -Name $name -Path (Join-Path $www $name) -Role $(if ($i -eq 0) { 'Production' } else { 'Staging' })
                }
                $null = Register-DataSpace -Project $project -DataSpaceId ds-free -Name Free -Type Testing -SupportTicket MDVA-FREE", Folder.Combine("www"), Size, keys.ProjectId);
        }

        public static ModuleFleet Get => Instance.Value;

        public TempFolder Folder { get; }

        public string ProductionKey { get; }

        public string OtherKey { get; }

        public string[] Spaces { get; }

        public static string Name(int i) => $"site-{i:D4}";

        /// <summary>Runs one command with its parameters, the CPU time of the call recorded under <paramref name="key"/>; any error fails the run.</summary>
        public Collection<PSObject> Call(string key, string command, params (string Name, object Value)[] parameters) =>
            Cpu.Measure(key, () => Invoke(shell => parameters.Aggregate(shell.AddCommand(command), (call, p) => call.AddParameter(p.Name, p.Value))));

        public Collection<PSObject> Script(string script, params object[] arguments) =>
            Invoke(shell => arguments.Aggregate(shell.AddScript(script), (call, argument) => call.AddArgument(argument)));

        private Collection<PSObject> Invoke(Action<PowerShell> prepare)
        {
            using PowerShell shell = PowerShell.Create();
            shell.Runspace = _runspace;
            prepare(shell);
            Collection<PSObject> output = shell.Invoke();
            return shell.HadErrors ? throw new InvalidOperationException(string.Join(Environment.NewLine, shell.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e))) : output;
        }
    }

    /// <summary>
    /// The main cmdlets end to end, one call each, on the 1,000-instance fleet. More warm-up and iterations than ShortRun:
    /// a call is one invocation per iteration, and the CPU column wants the code PowerShell runs at steady state.
    /// </summary>
    [WarmupCount(6), IterationCount(5)]
    public class CmdletBenchmarks
    {
        private ModuleFleet _fleet;
        private int _turn;

        [Params(ModuleFleet.Size)]
        public int Instances { get; set; }

        [GlobalSetup]
        public void Setup() => _fleet = ModuleFleet.Get;

        [Benchmark(Description = "Get-CommerceInstance: all 1,000 (registry read, 1,000 objects out)")]
        public int GetInstances() => RegistryBenchmarks.Check(_fleet.Call(Key(nameof(GetInstances)), "Get-CommerceInstance").Count, Instances, "instances listed");

        [Benchmark(Description = "Get-CommerceInstance -Name one")]
        public object GetInstance() => _fleet.Call(Key(nameof(GetInstance)), "Get-CommerceInstance", ("Name", ModuleFleet.Name(500))).Single();

        [Benchmark(Description = "Get-ConnectorConfiguration -Instance one (registry read, env.php + config.php read and parsed, both keys' fingerprints)")]
        public object GetConfiguration() => _fleet.Call(Key(nameof(GetConfiguration)), "Get-ConnectorConfiguration", ("Instance", ModuleFleet.Name(500))).Single();

        [Benchmark(Description = "Set-DataSpace -Instance (production site, 2 data spaces in turn: registry read, guards, plan, backup, temp file + fsync, rename, registry Update)")]
        public void SetDataSpace() => _fleet.Call(Key(nameof(SetDataSpace)), "Set-DataSpace", ("Instance", ModuleFleet.Name(0)), ("DataSpace", _fleet.Spaces[++_turn % 2]), ("WarningAction", "SilentlyContinue"));

        [Benchmark(Description = "Set-DataSpace -Instance (staging site, 2 testing data spaces in turn: as above, and the guard that no other of the 1,000 instances' env.php holds the data space)")]
        public void SetTestingDataSpace() => _fleet.Call(Key(nameof(SetTestingDataSpace)), "Set-DataSpace", ("Instance", ModuleFleet.Name(1)), ("DataSpace", ++_turn % 2 == 0 ? "ds-0001" : "ds-free"), ("WarningAction", "SilentlyContinue"));

        [Benchmark(Description = "Set-ConnectorConfiguration -Instance -ProductionApiKey -ProductionPrivateKeyPath (2 keys in turn; key checks, backup, fsync)")]
        public void SetConfiguration()
        {
            bool other = ++_turn % 2 == 0;
            _fleet.Call(Key(nameof(SetConfiguration)), "Set-ConnectorConfiguration", ("Instance", ModuleFleet.Name(1)), ("ProductionApiKey", other ? _fleet.OtherKey : _fleet.ProductionKey),
                ("ProductionPrivateKeyPath", _fleet.Folder.Combine(other ? "other.pem" : "prod.pem")), ("WarningAction", "SilentlyContinue"));
        }

        [Benchmark(Description = "Test-ConnectorConfiguration -Instance one (every check of one instance; the fleet guards stat the other 999 instances' env.php and config.php, parsed by an earlier call)")]
        public int TestConfiguration() => RegistryBenchmarks.Check(_fleet.Call(Key(nameof(TestConfiguration)), "Test-ConnectorConfiguration", ("Instance", ModuleFleet.Name(500))).Count(c => c.Properties["Verdict"].Value.ToString() != "Passed"), 0, "failed checks");

        [Benchmark(Description = "Test-ConnectorConfiguration -Instance site-00* (a fleet audit of 100 of the 1,000)")]
        public int Audit100() => RegistryBenchmarks.Check(_fleet.Call(Key(nameof(Audit100)), "Test-ConnectorConfiguration", ("Instance", "site-00*")).Count(c => c.Properties["Verdict"].Value.ToString() != "Passed"), 0, "failed checks");

        [Benchmark(Description = "Test-ConnectorConfiguration -All (a fleet audit of all 1,000)")]
        public int AuditAll() => RegistryBenchmarks.Check(_fleet.Call(Key(nameof(AuditAll)), "Test-ConnectorConfiguration", ("All", true)).Count(c => c.Properties["Verdict"].Value.ToString() != "Passed"), 0, "failed checks");

        private string Key(string method) => method + "/" + Instances;
    }

    /// <summary>Update-ConnectorApiKey over the whole fleet: a new key generated, 1,000 env.php written with backup, checked, the old key revoked.</summary>
    [InvocationCount(1), WarmupCount(1), IterationCount(3)]
    public class RotationBenchmarks : IRatios
    {
        private int _round;

        [Benchmark(Description = "Update-ConnectorApiKey -Environment Production over 1,000 instances (20 KB env.php each)")]
        public void Rotate()
        {
            var fleet = ModuleFleet.Get;
            var run = fleet.Call(nameof(Rotate) + "/", "Update-ConnectorApiKey", ("Environment", "Production"), ("Name", $"rotated-{++_round}"),
                ("OutFile", fleet.Folder.Combine($"rotated-{_round}.pem")), ("WarningAction", "SilentlyContinue")).Single();
            if (run.Properties["Status"].Value.ToString() != "Completed")
            {
                throw new InvalidOperationException($"The rotation ended {run.Properties["Status"].Value}.");
            }
        }

        public void WriteRatios(Summary summary)
        {
            double rotation = Docs.Median(summary, nameof(Rotate)), set = Docs.Median(summary, nameof(CmdletBenchmarks.SetConfiguration), ModuleFleet.Size);
            Docs.Replace("RotationRatio", Docs.Rows("Rotation against rotating by hand (medians of this run)", new[]
            {
                ("Update-ConnectorApiKey over 1,000 instances, per instance", $"{rotation / ModuleFleet.Size:F1} ms"),
                ("1,000 × Set-ConnectorConfiguration (derived: median of one call × 1,000)", $"{set:F1} ms × 1,000 = {set:F0} s"),
                ("ratio: by hand / rotation", $"{set * ModuleFleet.Size / rotation:F1}×"),
            }));
        }
    }
}
