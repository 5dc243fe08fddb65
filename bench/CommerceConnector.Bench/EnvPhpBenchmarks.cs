using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Reports;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using CommerceConnector.TestSupport;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// One Set-DataSpace edit of the generated 20 KB env.php (EnvPhpFiles.LargeEnvPhp: a production site's settings, both
    /// key pairs, 22 comment lines) next to php-cli doing the same five assignments in the same run. Before timing, php
    /// lints both files and includes Core's and php's results as identical arrays, differing from the original in
    /// exactly the five services_id values.
    /// </summary>
    public class EnvPhpBenchmarks : IRatios
    {
        private const string MageId = "MAG100000001", Owner = "owner@luma.example.com";
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private static readonly List<double> InPhpMilliseconds = new List<double>();
        private static readonly string[] Paths = { ConfigPaths.ProjectId, ConfigPaths.ProjectName, ConfigPaths.DataSpaceId, ConfigPaths.DataSpaceName, ConfigPaths.DataSpaceType };
        private TempFolder _folder;
        private PhpJudge _php;
        private string _original, _envPhp, _copy, _editScript, _expected;
        private string[] _values;
        private IReadOnlyList<string>[] _keys;
        private ConfigurationPlanner _planner;
        private ConfigurationWriter _writer;
        private ConfigTarget _target;
        private string[] _spaces;
        private int _turn;

        [GlobalSetup]
        public void Setup()
        {
            _folder = new TempFolder("cc-bench-envphp-");
            _php = new PhpJudge();
            var store = new FileRegistryStore(_folder.Combine("registry"));
            new AccountDirectory(store).NewAccount(MageId, CommerceEdition.AdobeCommerce, Owner, "Luma Retail Group");
            var portal = new ApiKeyPortal(store);
            var production = portal.Generate(MageId, Owner, ApiKeyEnvironment.Production, "production", 2048, _ => () => { });
            var sandbox = portal.Generate(MageId, Owner, ApiKeyEnvironment.Sandbox, "sandbox", 2048, _ => () => { });
            var projects = new ProjectRegistry(store);
            var luma = projects.NewProject(MageId, Owner, "Luma US");
            var venia = projects.NewProject(MageId, Owner, "Venia EU");
            var testing = luma.DataSpaces.Single(d => d.DataSpaceName == "Testing 1");
            var lumaProduction = projects.RenameDataSpace(MageId, luma.ProjectId, "Production", "Production US");
            var veniaProduction = projects.RenameDataSpace(MageId, venia.ProjectId, "Production", "Production EU");
            _spaces = new[] { veniaProduction.DataSpaceId, lumaProduction.DataSpaceId };

            // A production site whose env.php still holds a testing data space's values (copied from staging).
            _original = EnvPhpFiles.LargeEnvPhp(new ConnectorValues(production.Key.Id, production.PrivateKeyPem, sandbox.Key.Id, sandbox.PrivateKeyPem,
                luma.ProjectId, luma.ProjectName, testing.DataSpaceId, testing.DataSpaceName, DataSpaceType: "testing"));
            string root = MagentoRoot.Create(_folder.Combine("shop"), _original, EnvPhpFiles.ConfigPhp(EnvPhpFiles.ConfigPhpModules), ownerOnly: true);
            _envPhp = MagentoRoot.EnvPhp(root);
            _target = ConfigTarget.ForInstance(new InstanceInventory(store).Register(MageId, Owner, "luma-prod", root, InstanceRole.Production, "https://shop.example/"));
            _planner = new ConfigurationPlanner(store);
            _writer = new ConfigurationWriter(store);

            _values = new[] { venia.ProjectId, venia.ProjectName, veniaProduction.DataSpaceId, veniaProduction.DataSpaceName, "production" };
            _keys = Paths.Select(ConfigPaths.EnvPhpKeys).ToArray();
            _copy = _php.Save(_original);
            _editScript = _php.Save(EnvPhpFiles.EditScript);
            _expected = Edit(_original);

            // Checks, untimed: php judges the generated files and both edits.
            _php.Lint(_copy);
            _php.Lint(MagentoRoot.ConfigPhp(root));
            string core = _php.Save(_expected), php = _folder.Combine("php-out.php");
            PhpEdit();
            var changed = _php.Differences(new[] { (_copy, core) })[0];
            if (changed.Count != 5 || !_php.Same(core, php) || _expected.Split('\n').Length != _original.Split('\n').Length)
            {
                throw new InvalidOperationException("Core's edit must change exactly the five services_id values, keep every line, and include as php's own edit does.");
            }
            Console.WriteLine($"// env.php {Utf8.GetByteCount(_original):N0} bytes, {_original.Split('\n').Length - 1} lines; Core's edit {Utf8.GetByteCount(_expected):N0} bytes; php's {new FileInfo(php).Length:N0} bytes");
            // BenchmarkDotNet runs this setup before every row: keep the samples of the measured php runs, not this check's.
            InPhpMilliseconds.RemoveAt(InPhpMilliseconds.Count - 1);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _php.Dispose();
            _folder.Dispose();
        }

        [Benchmark(Description = "Core edit in memory: PhpConfigFile.Parse + 5 × Set + Text")]
        public string CoreEdit() => Edit(_original);

        [Benchmark(Description = "of which PhpConfigFile.Parse alone (each Set parses its result again)")]
        public PhpConfigFile CoreParse() => PhpConfigFile.Parse(_original, _envPhp);

        [Benchmark(Description = "Core file to file: File.ReadAllText, the same edit, File.WriteAllText (no fsync): the php script's work")]
        public void CoreFileToFile() => File.WriteAllText(_folder.Combine("core-out.php"), Edit(File.ReadAllText(_copy, Utf8)), Utf8);

        [Benchmark(Description = "php edit.php: include, 5 assignments, var_export, file_put_contents (process wall time)")]
        public void PhpEdit()
        {
            ProcessRun run = PhpJudge.Run(_editScript, _copy, _folder.Combine("php-out.php"), _values[0], _values[1], _values[2], _values[3], _values[4]);
            InPhpMilliseconds.Add(run.ExitCode == 0 ? double.Parse(run.Text, CultureInfo.InvariantCulture) : throw new InvalidOperationException(run.Errors));
        }

        [Benchmark(Description = "php -r '' (process wall time: php's start-up)")]
        public int PhpStartUp() => PhpJudge.Run("-r", "").ExitCode;

        [Benchmark(Description = "Core Set-DataSpace: ConfigurationPlanner.PlanDataSpace + ConfigurationWriter.Apply (registry read, guards, plan, backup, temp file + fsync, rename, registry Update)")]
        public ConfigurationResult SetDataSpace()
        {
            var result = _writer.Apply(PlanDataSpace());
            return result.BackupPath != null ? result : throw new InvalidOperationException("Apply wrote no backup");
        }

        [Benchmark(Description = "of which PlanDataSpace (registry read, guards, reads env.php and config.php, plans and validates the edit)")]
        public ConfigurationPlan PlanDataSpace() => _planner.PlanDataSpace(MageId, _target, null, _spaces[_turn++ % 2], force: false);

        [Benchmark(Description = "ConfigFileWriter.Replace alone: Apply's file write (re-read and compare, backup copy, temp file + fsync, rename, folder fsync)")]
        public string Replace()
        {
            string current = File.ReadAllText(_envPhp, Utf8);
            return ConfigFileWriter.Replace(_envPhp, current, current == _expected ? _original : _expected, DateTimeOffset.UtcNow);
        }

        public void WriteRatios(Summary summary)
        {
            double Median(string name) => Docs.Median(summary, name);
            var sorted = InPhpMilliseconds.OrderBy(x => x).ToList();
            double inPhp = sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
            double edit = Median(nameof(CoreEdit)), file = Median(nameof(CoreFileToFile)), php = Median(nameof(PhpEdit)), start = Median(nameof(PhpStartUp));
            double set = Median(nameof(SetDataSpace)), parse = Median(nameof(CoreParse));
            Docs.Replace("EnvPhpRatios", Docs.Rows("Time ratios of one run, medians in ms (below 1: Core faster)", new[]
            {
                ("in-PHP time of edit.php (its own microtime, median of every timed run)", $"{inPhp:F3} ms"),
                ("php edit.php minus start-up (difference of the medians)", $"{php - start:F3} ms"),
                ("Core edit in memory / in-PHP time", $"{edit:F3} / {inPhp:F3} = {edit / inPhp:F2}"),
                ("Core file to file / in-PHP time (the same work)", $"{file:F3} / {inPhp:F3} = {file / inPhp:F2}"),
                ("Core file to file / php process wall time", $"{file:F3} / {php:F3} = {file / php:F2}"),
                ("Core file to file / (php process - php start-up)", $"{file:F3} / {php - start:F3} = {file / (php - start):F2}"),
                ("Core Set-DataSpace / php process wall time", $"{set:F3} / {php:F3} = {set / php:F2}"),
                ("Core edit in memory / one Parse (parses per edit, roughly)", $"{edit:F3} / {parse:F3} = {edit / parse:F2}"),
            }));
        }

        private string Edit(string text)
        {
            var file = PhpConfigFile.Parse(text, _envPhp);
            for (int i = 0; i < _keys.Length; i++)
            {
                file = file.Set(_keys[i], _values[i]);
            }
            return file.Text;
        }
    }
}
