using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Bench
{
    /// <summary>How many runs the envphp suite makes.</summary>
    internal sealed class EnvPhpPlan
    {
        private EnvPhpPlan(string name, int jitRounds, int warmUp, TimeSpan budget, int coreRepeats, int processWarmUp, int processRounds, int configuratorRepeats, int passes)
        {
            Name = name;
            JitRounds = jitRounds;
            WarmUp = warmUp;
            Budget = budget;
            CoreRepeats = coreRepeats;
            ProcessWarmUp = processWarmUp;
            ProcessRounds = processRounds;
            ConfiguratorRepeats = configuratorRepeats;
            Passes = passes;
        }

        public static EnvPhpPlan Normal { get; } = new EnvPhpPlan("normal", jitRounds: 6, warmUp: 5, budget: TimeSpan.FromSeconds(8), coreRepeats: 300, processWarmUp: 2, processRounds: 40, configuratorRepeats: 60, passes: 3);

        public static EnvPhpPlan Quick { get; } = new EnvPhpPlan("quick", jitRounds: 2, warmUp: 1, budget: TimeSpan.FromSeconds(4), coreRepeats: 30, processWarmUp: 1, processRounds: 8, configuratorRepeats: 10, passes: 1);

        public string Name { get; }

        /// <summary>Untimed rounds of every Core operation before anything is timed (JIT).</summary>
        public int JitRounds { get; }

        /// <summary>Untimed runs before each Core row's timed ones.</summary>
        public int WarmUp { get; }

        public TimeSpan Budget { get; }

        /// <summary>Timed repeats of the in-process env.php edits.</summary>
        public int CoreRepeats { get; }

        /// <summary>Untimed php rounds before the timed ones.</summary>
        public int ProcessWarmUp { get; }

        /// <summary>Timed php rounds; each runs the php edit script and then <c>php -r ''</c>.</summary>
        public int ProcessRounds { get; }

        /// <summary>Timed Set-DataSpace runs through the ConnectorConfigurator (each writes env.php and the registry).</summary>
        public int ConfiguratorRepeats { get; }

        /// <summary>Timed passes of Set-ImsOrganization over every registered instance.</summary>
        public int Passes { get; }
    }

    /// <summary>One Set-ImsOrganization pass over every registered instance.</summary>
    internal sealed class FleetPass
    {
        public int Number { get; set; }

        public string Organization { get; set; }

        /// <summary>InstanceInventory.Get: what Get-CommerceInstance does once at the head of the pipeline.</summary>
        public double ListMilliseconds { get; set; }

        /// <summary>From the list to the last instance written.</summary>
        public double TotalMilliseconds { get; set; }

        /// <summary>Resolve + plan + apply of each instance.</summary>
        public Sample PerInstance { get; set; }
    }

    /// <summary>Everything the envphp suite measured.</summary>
    internal sealed class EnvPhpResult
    {
        public EnvPhpPlan Plan { get; set; }

        /// <summary>The php program compared with; null when none was found.</summary>
        public string PhpPath { get; set; }

        public string PhpVersion { get; set; }

        // ---- (a) one Set-DataSpace edit of a large env.php ----

        public long EnvPhpBytes { get; set; }

        public int EnvPhpLines { get; set; }

        public int EnvPhpCommentLines { get; set; }

        public int StoreViews { get; set; }

        public long ConfigPhpBytes { get; set; }

        public long CoreOutputBytes { get; set; }

        public long PhpOutputBytes { get; set; }

        public int PhpOutputLines { get; set; }

        public int PhpOutputCommentLines { get; set; }

        public Sample CoreEdit { get; set; }

        public Sample CoreParse { get; set; }

        public Sample CoreFileToFile { get; set; }

        public Sample PhpProcess { get; set; }

        public Sample PhpInScript { get; set; }

        public Sample PhpStartUp { get; set; }

        public Sample ConfiguratorTotal { get; set; }

        public Sample ConfiguratorPlan { get; set; }

        public Sample ConfiguratorApply { get; set; }

        public Sample ReplaceOnly { get; set; }

        /// <summary>Values the timed ConnectorConfigurator runs changed each time.</summary>
        public int ConfiguratorChanges { get; set; }

        public long EditRegistryBytes { get; set; }

        // ---- (b) Set-ImsOrganization over many registered instances ----

        public int Instances { get; set; }

        public long SmallEnvPhpBytes { get; set; }

        public Sample Register { get; set; }

        public double RegisterTotalMilliseconds { get; set; }

        public long FleetRegistryBytes { get; set; }

        public List<FleetPass> Passes { get; } = new List<FleetPass>();

        public Sample Resolve { get; set; }

        public Sample PlanIms { get; set; }

        public Sample ApplyIms { get; set; }

        public Sample PerInstance { get; set; }

        /// <summary>Files read back with Core's reader after the passes (every instance, every pass).</summary>
        public int FilesCheckedByCore { get; set; }

        /// <summary>Files read back with php after the passes.</summary>
        public int FilesCheckedByPhp { get; set; }

        /// <summary>What was checked, in words, for the report.</summary>
        public List<string> Checks { get; } = new List<string>();
    }

    /// <summary>
    /// Edits of <c>app/etc/env.php</c>: (a) one Set-DataSpace edit of a large env.php with Core's lossless editor, next to
    /// php-cli doing the same change by include + var_export in the same run, and the whole ConnectorConfigurator path;
    /// (b) Set-ImsOrganization over many registered instances in one pipeline. Every result is checked, with Core's
    /// reader and with php itself; no timing is ever asserted.
    /// </summary>
    internal sealed class EnvPhpBench
    {
        public const string CoreEdit = "Core: PhpConfigFile.Parse + 5 × Set + Text (in memory)";
        public const string CoreParse = "of which PhpConfigFile.Parse alone (each Set parses its result again)";
        public const string CoreFileToFile = "Core: read env.php, Parse + 5 × Set, write out.php (no fsync): the php script's work";
        public const string PhpProcess = "php edit.php (process wall time)";
        public const string PhpInScript = "in-PHP time: include + 5 assignments + var_export + file_put_contents (microtime)";
        public const string PhpStartUp = "php -r '' (process wall time: start-up)";
        public const string ConfiguratorTotal = "Core: ConnectorConfigurator.PlanDataSpace + Apply (Set-DataSpace)";
        public const string ConfiguratorPlan = "of which PlanDataSpace (registry read, guards, reads env.php and config.php, plans and validates the edit)";
        public const string ConfiguratorApply = "of which Apply (edits again, registry Update, backup, temp file + fsync, rename, folder fsync)";
        public const string ReplaceOnly = "ConfigFileWriter.Replace alone: Apply's file write (re-read and compare twice, backup copy, temp file + fsync, rename, folder fsync)";
        public const string Register = "Register-CommerceInstance (InstanceInventory.Register, one Update each)";
        public const string Resolve = "resolve: InstanceInventory.GetOne (reads the registry)";
        public const string PlanIms = "PlanImsOrganization (reads and parses env.php, plans, validates the edit)";
        public const string ApplyIms = "Apply (edits again, backup, temp file + fsync, rename, folder fsync)";
        public const string PerInstance = "one instance: resolve + plan + apply";

        public const string MageId = "MAG400000001";
        public const string Owner = "owner@luma.example";
        public const string InstanceName = "shop-prod";

        /// <summary>
        /// Calls of each in-memory Core operation in one untimed JIT warm-up round (Set-DataSpace runs a quarter as
        /// often). With tiered PGO a method passes through an instrumented tier before its final code, so it takes a few
        /// rounds with pauses in between before the edits run on fully optimised code.
        /// </summary>
        public const int JitCallsPerRound = 100;

        /// <summary>Instances of the untimed warm-up fleet (a registry of its own).</summary>
        public const int WarmUpInstances = 20;

        /// <summary>Instances whose env.php php reads back after each pass.</summary>
        public const int PhpSample = 20;

        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private static readonly string[] ServicesIdPaths = { ConfigPaths.ProjectId, ConfigPaths.ProjectName, ConfigPaths.DataSpaceId, ConfigPaths.DataSpaceName, ConfigPaths.DataSpaceType };

        private readonly EnvPhpPlan _plan;
        private readonly string _phpPath;
        private readonly int _instances;
        private readonly Func<bool> _cancelled;
        private readonly TextWriter _log;
        private readonly Measurer _measurer;
        private PhpCli _php;

        public EnvPhpBench(EnvPhpPlan plan, string phpPath, int instances, Func<bool> cancelled, TextWriter log)
        {
            _plan = plan;
            _phpPath = phpPath;
            _instances = instances;
            _cancelled = cancelled;
            _log = log;
            _measurer = new Measurer(plan.WarmUp, plan.Budget, cancelled, log);
        }

        /// <summary>Measures both parts in folders under <paramref name="root"/> (the caller removes it).</summary>
        public EnvPhpResult Run(string root)
        {
            var result = new EnvPhpResult { Plan = _plan, PhpPath = _phpPath, Instances = _instances };
            string scripts = Path.Combine(root, "scripts");
            Directory.CreateDirectory(scripts);
            if (_phpPath == null)
            {
                _log.WriteLine("warning: no php program found (PATH or --php); Core is measured alone and php does not check the files.");
            }
            else
            {
                _php = PhpCli.Create(_phpPath, scripts, _cancelled);
                result.PhpVersion = _php.Version();
                _log.WriteLine($"php: {_phpPath}, {result.PhpVersion}");
            }
            RunSingleEdit(Path.Combine(root, "edit"), scripts, result);
            RunFleet(Path.Combine(root, "fleet"), result);
            return result;
        }

        // ---- (a) one Set-DataSpace edit of a large env.php --------------------------------------------------------

        private void RunSingleEdit(string folder, string scripts, EnvPhpResult result)
        {
            // The registry: one account with both key pairs, two projects; the production data spaces renamed so that
            // switching between them changes the project and data space ids and names.
            var store = new FileRegistryStore(Path.Combine(folder, "registry"));
            new AccountDirectory(store).NewAccount(MageId, CommerceEdition.AdobeCommerce, Owner, "Luma Retail Group");
            var portal = new ApiKeyPortal(store);
            var production = portal.Generate(MageId, Owner, ApiKeyEnvironment.Production, "production", 2048, _ => () => { });
            var sandbox = portal.Generate(MageId, Owner, ApiKeyEnvironment.Sandbox, "sandbox", 2048, _ => () => { });
            var projects = new ProjectRegistry(store);
            var luma = projects.NewProject(MageId, Owner, "Luma US");
            var venia = projects.NewProject(MageId, Owner, "Venia EU");
            var lumaTesting = luma.DataSpaces.Single(d => d.DataSpaceName == "Testing 1");
            var lumaProduction = projects.RenameDataSpace(MageId, luma.ProjectId, "Production", "Production US");
            var veniaProduction = projects.RenameDataSpace(MageId, venia.ProjectId, "Production", "Production EU");

            // The site: a production instance whose env.php still holds the values of a testing data space (it was
            // copied from staging), so that Set-DataSpace to a production data space changes all five services_id values.
            string magentoRoot = Path.Combine(folder, "shop");
            string etc = Path.Combine(magentoRoot, "app", "etc");
            Directory.CreateDirectory(etc);
            string original = EnvPhpFiles.LargeEnvPhp(new ConnectorValues
            {
                ProductionApiKey = production.Key.Id,
                ProductionPrivateKey = production.PrivateKeyPem,
                SandboxApiKey = sandbox.Key.Id,
                SandboxPrivateKey = sandbox.PrivateKeyPem,
                ProjectId = luma.ProjectId,
                ProjectName = luma.ProjectName,
                DataSpaceId = lumaTesting.DataSpaceId,
                DataSpaceName = lumaTesting.DataSpaceName,
                DataSpaceType = "testing",
            }, out int storeViews);
            string envPhp = Path.Combine(etc, "env.php");
            File.WriteAllText(envPhp, original, Utf8);
            string configPhp = EnvPhpFiles.ConfigPhp(EnvPhpFiles.ConfigPhpModules);
            File.WriteAllText(Path.Combine(etc, "config.php"), configPhp, Utf8);
            result.StoreViews = storeViews;
            result.EnvPhpBytes = Utf8.GetByteCount(original);
            result.EnvPhpLines = Lines(original).Length;
            result.EnvPhpCommentLines = CommentLines(original);
            result.ConfigPhpBytes = Utf8.GetByteCount(configPhp);
            var inventory = new InstanceInventory(store);
            var instance = inventory.Register(MageId, Owner, InstanceName, magentoRoot, InstanceRole.Production, "https://shop.example/");
            var target = ConfigTarget.ForInstance(instance);
            var planner = new ConfigurationPlanner(store);
            var writer = new ConfigurationWriter(store);
            _log.WriteLine($"env.php: {result.EnvPhpBytes:N0} bytes, {result.EnvPhpLines:N0} lines, {storeViews} store views; config.php {result.ConfigPhpBytes:N0} bytes");

            // The edit: Set-DataSpace to Venia's production data space.
            string[] newValues = { venia.ProjectId, venia.ProjectName, veniaProduction.DataSpaceId, veniaProduction.DataSpaceName, "production" };
            var keys = ServicesIdPaths.Select(ConfigPaths.EnvPhpKeys).ToArray();

            // Before timing: Core reads the generated file as written, and so does php.
            var before = ConfigurationReader.Read(target);
            Check((before.ProductionApiKey, before.ProductionKeyFingerprint, before.SandboxApiKey, before.SandboxKeyFingerprint, before.Environment)
                  == (production.Key.Id, production.Key.Fingerprint, sandbox.Key.Id, sandbox.Key.Fingerprint, "production"),
                "Core does not read the generated env.php's key pairs and environment back");
            Check((before.ProjectId, before.ProjectName, before.DataSpaceId, before.DataSpaceName, before.DataSpaceType)
                  == (luma.ProjectId, luma.ProjectName, lumaTesting.DataSpaceId, lumaTesting.DataSpaceName, "testing"),
                "Core does not read the generated env.php's services_id values back");
            string work = Path.Combine(folder, "work");
            Directory.CreateDirectory(work);
            string originalCopy = Path.Combine(work, "original.php");
            File.WriteAllText(originalCopy, original, Utf8);
            string coreOut = Path.Combine(work, "core-out.php");
            string phpOut = Path.Combine(work, "php-out.php");
            string editScript = Path.Combine(scripts, "edit.php");
            File.WriteAllText(editScript, EnvPhpFiles.EditScript, Utf8);
            if (_php != null)
            {
                _php.Lint(originalCopy);
                _php.Lint(Path.Combine(etc, "config.php"));
                // php's own edit with the values already there must change nothing: php sees the same five values.
                string same = Path.Combine(work, "php-unchanged.php");
                ExpectExit(_php.Run(editScript, originalCopy, same, luma.ProjectId, luma.ProjectName, lumaTesting.DataSpaceId, lumaTesting.DataSpaceName, "testing"), "edit.php");
                Check(_php.Differences(new[] { (originalCopy, same) })[0].Count == 0, "php reads other services_id values than Core from the generated env.php");
                File.Delete(same);
                result.Checks.Add($"The generated env.php passes `php -l`; Core's reader and php read the same key pairs and services_id values from it.");
            }

            // The Core edit, as one function: parse, five Sets, the text.
            string Edit(string text, string[] values)
            {
                var file = PhpConfigFile.Parse(text, envPhp);
                for (int i = 0; i < keys.Length; i++)
                {
                    file = file.Set(keys[i], values[i]);
                }
                return file.Text;
            }
            string expected = Edit(original, newValues);
            CheckLossless(original, expected, newValues.Length, "PhpConfigFile");
            result.CoreOutputBytes = Utf8.GetByteCount(expected);

            // The ConnectorConfigurator path: the first Set-DataSpace (from the testing values to Venia's production data
            // space, all five values) is untimed; the timed runs then alternate between the two production data spaces.
            // Phase timings are kept for every call; the timed ones are the last ones.
            var planTimes = new List<double>();
            var applyTimes = new List<double>();
            DataSpace last = null;
            int applied = 0;
            ConfigurationResult SetDataSpace(DataSpace space, out TimeSpan plan, out TimeSpan apply)
            {
                long t0 = Stopwatch.GetTimestamp();
                var planned = planner.PlanDataSpace(MageId, target, null, space.DataSpaceId, force: false);
                long t1 = Stopwatch.GetTimestamp();
                var written = writer.Apply(planned);
                long t2 = Stopwatch.GetTimestamp();
                plan = Stopwatch.GetElapsedTime(t0, t1);
                apply = Stopwatch.GetElapsedTime(t1, t2);
                applied++;
                last = space;
                Check(written.BackupPath != null && File.Exists(written.BackupPath), "Apply wrote no backup");
                return written;
            }
            var first = SetDataSpace(veniaProduction, out _, out _);
            Check(first.Changes.Count == 5, $"Set-DataSpace from the testing values changed {first.Changes.Count} values, not 5");
            Check(File.ReadAllText(envPhp, Utf8) == expected, "the first Set-DataSpace did not write exactly the plain PhpConfigFile edit");
            TimeSpan ConfiguratorRun()
            {
                var space = last == veniaProduction ? lumaProduction : veniaProduction;
                var written = SetDataSpace(space, out TimeSpan plan, out TimeSpan apply);
                // Project id and name, data space id and name change; the type stays production.
                Check(written.Changes.Count == 4, $"Set-DataSpace between the production data spaces changed {written.Changes.Count} values, not 4");
                planTimes.Add(plan.TotalMilliseconds);
                applyTimes.Add(apply.TotalMilliseconds);
                return plan + apply;
            }

            // JIT: every Core operation a few times, untimed, with pauses for the background tier-up.
            for (int round = 0; round < _plan.JitRounds; round++)
            {
                for (int i = 0; i < JitCallsPerRound; i++)
                {
                    _measurer.ThrowIfCancelled();
                    Edit(original, newValues);
                    PhpConfigFile.Parse(original, envPhp);
                }
                for (int i = 0; i < JitCallsPerRound / 10; i++)
                {
                    _measurer.ThrowIfCancelled();
                    ConfiguratorRun();
                }
                // Tier-up happens on a background thread once call counting has seen enough calls; give it time.
                Thread.Sleep(250);
            }
            _log.WriteLine($"JIT warm-up: {_plan.JitRounds} untimed round(s)");

            result.CoreEdit = _measurer.Measure(CoreEdit, 1, _plan.CoreRepeats, () =>
            {
                long t = Stopwatch.GetTimestamp();
                var file = PhpConfigFile.Parse(original, envPhp);
                for (int i = 0; i < keys.Length; i++)
                {
                    file = file.Set(keys[i], newValues[i]);
                }
                string text = file.Text;
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(string.Equals(text, expected, StringComparison.Ordinal), "the edit gave another text than before");
                return elapsed;
            });
            result.CoreParse = _measurer.Measure(CoreParse, 1, _plan.CoreRepeats, () =>
            {
                long t = Stopwatch.GetTimestamp();
                var file = PhpConfigFile.Parse(original, envPhp);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(file.Get(keys[2])?.Text == lumaTesting.DataSpaceId, "the parsed file does not hold the data space id");
                return elapsed;
            });
            result.CoreFileToFile = _measurer.Measure(CoreFileToFile, 1, _plan.CoreRepeats, () =>
            {
                long t = Stopwatch.GetTimestamp();
                string text = File.ReadAllText(originalCopy, Utf8);
                var file = PhpConfigFile.Parse(text, originalCopy);
                for (int i = 0; i < keys.Length; i++)
                {
                    file = file.Set(keys[i], newValues[i]);
                }
                File.WriteAllText(coreOut, file.Text, Utf8);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                Check(new FileInfo(coreOut).Length == Utf8.GetByteCount(expected), "out.php does not hold the edited text");
                return elapsed;
            });
            Check(File.ReadAllText(coreOut, Utf8) == expected, "Core's out.php differs from the in-memory edit");

            int configuratorStart = planTimes.Count;
            result.ConfiguratorTotal = _measurer.Measure(ConfiguratorTotal, 1, _plan.ConfiguratorRepeats, ConfiguratorRun);
            int timed = result.ConfiguratorTotal.Repeats;
            result.ConfiguratorPlan = new Sample(ConfiguratorPlan, 1, planTimes.Skip(planTimes.Count - timed).ToList(), result.ConfiguratorTotal.StoppedByBudget);
            result.ConfiguratorApply = new Sample(ConfiguratorApply, 1, applyTimes.Skip(applyTimes.Count - timed).ToList(), result.ConfiguratorTotal.StoppedByBudget);
            Check(planTimes.Count - configuratorStart == _plan.WarmUp + timed, "the Set-DataSpace phases were not all recorded");
            _measurer.Log(result.ConfiguratorPlan);
            _measurer.Log(result.ConfiguratorApply);
            result.ConfiguratorChanges = 4;
            if (last != veniaProduction)
            {
                // End on Venia's, the edit every other row made.
                SetDataSpace(veniaProduction, out _, out _);
            }
            CheckConfiguratorResult(store, inventory, target, etc, expected, applied, newValues, result);
            result.EditRegistryBytes = new FileInfo(store.DocumentPath).Length;

            // Apply's file write alone, on the same env.php: between Venia's and Luma's values, ending on Venia's.
            string lumaText = Edit(original, new[] { luma.ProjectId, luma.ProjectName, lumaProduction.DataSpaceId, lumaProduction.DataSpaceName, "production" });
            string current = expected;
            int replaced = 0;
            result.ReplaceOnly = _measurer.Measure(ReplaceOnly, 1, _plan.ConfiguratorRepeats, () =>
            {
                string next = current == expected ? lumaText : expected;
                long t = Stopwatch.GetTimestamp();
                string backup = ConfigFileWriter.Replace(envPhp, current, next, DateTimeOffset.UtcNow);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(t);
                current = next;
                replaced++;
                Check(File.Exists(backup), "ConfigFileWriter.Replace wrote no backup");
                return elapsed;
            });
            if (current != expected)
            {
                ConfigFileWriter.Replace(envPhp, current, expected, DateTimeOffset.UtcNow);
                replaced++;
            }
            Check(File.ReadAllText(envPhp, Utf8) == expected, "after the Replace runs env.php is not the edited text");
            Check(Directory.GetFiles(etc, "env.php.cc-backup-*").Length == ConfigFileWriter.BackupsKept && Directory.GetFiles(etc, "*.tmp").Length == 0,
                $"after {replaced} more writes app/etc does not hold exactly {ConfigFileWriter.BackupsKept} backups and no temporary file");

            if (_php != null)
            {
                MeasurePhp(editScript, originalCopy, phpOut, newValues, result);
                CheckPhpAgreement(originalCopy, coreOut, phpOut, envPhp, newValues, result);
            }
        }

        /// <summary>php edit.php and php -r '' in turn, round by round, so that a change of load hits both alike.</summary>
        private void MeasurePhp(string editScript, string input, string output, string[] values, EnvPhpResult result)
        {
            var wall = new List<double>();
            var inScript = new List<double>();
            var startUp = new List<double>();
            string[] editArguments = new[] { editScript, input, output }.Concat(values).ToArray();
            for (int round = -_plan.ProcessWarmUp; round < _plan.ProcessRounds; round++)
            {
                _measurer.ThrowIfCancelled();
                ProcessRun edit = _php.Run(editArguments);
                ExpectExit(edit, "edit.php");
                if (!double.TryParse(edit.StandardOutput.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double inPhp) || !(inPhp > 0))
                {
                    throw new InvalidOperationException($"php edit.php printed '{edit.StandardOutput.Trim()}', not its time in milliseconds.");
                }
                ProcessRun empty = _php.Run("-r", string.Empty);
                ExpectExit(empty, "-r ''");
                if (round >= 0)
                {
                    wall.Add(edit.Elapsed.TotalMilliseconds);
                    inScript.Add(inPhp);
                    startUp.Add(empty.Elapsed.TotalMilliseconds);
                }
            }
            result.PhpProcess = new Sample(PhpProcess, 1, wall, false);
            result.PhpInScript = new Sample(PhpInScript, 1, inScript, false);
            result.PhpStartUp = new Sample(PhpStartUp, 1, startUp, false);
            _measurer.Log(result.PhpProcess);
            _measurer.Log(result.PhpInScript);
            _measurer.Log(result.PhpStartUp);
        }

        /// <summary>After the timed Set-DataSpace runs: file, backups, registry and Core's reader agree with the plain edit.</summary>
        private void CheckConfiguratorResult(FileRegistryStore store, InstanceInventory inventory, ConfigTarget target,
            string etc, string expected, int applied, string[] values, EnvPhpResult result)
        {
            string written = File.ReadAllText(target.EnvPhp, Utf8);
            Check(written == expected, "after Set-DataSpace the env.php is not byte for byte the plain PhpConfigFile edit of the original");
            var config = ConfigurationReader.Read(target);
            Check(new[] { config.ProjectId, config.ProjectName, config.DataSpaceId, config.DataSpaceName, config.DataSpaceType }.SequenceEqual(values),
                "Core's reader does not find the assigned data space in env.php");
            Check(inventory.GetOne(MageId, InstanceName).AssignedDataSpaceId == values[2], "the registry does not record the assigned data space");
            int backups = Directory.GetFiles(etc, "env.php.cc-backup-*").Length;
            Check(backups == Math.Min(applied, ConfigFileWriter.BackupsKept), $"{backups} backups after {applied} writes, not {Math.Min(applied, ConfigFileWriter.BackupsKept)}");
            Check(Directory.GetFiles(etc, "*.tmp").Length == 0 && Directory.GetFiles(etc, ".*.tmp").Length == 0, "a temporary file was left in app/etc");
            Check(Directory.GetFiles(store.Folder, "*.tmp").Length == 0, "a temporary file was left in the registry folder");
            result.Checks.Add($"Set-DataSpace through the ConnectorConfigurator ({applied:N0} writes, alternating between two production data spaces): " +
                              "the final env.php is byte for byte the plain PhpConfigFile edit, Core's reader and the registry's assignment agree, " +
                              $"{ConfigFileWriter.BackupsKept} backups are kept, no temporary file is left.");
        }

        /// <summary>Both edits, Core's and php's, read back by php: the same five values changed, nothing else, identical arrays.</summary>
        private void CheckPhpAgreement(string original, string coreOut, string phpOut, string envPhp, string[] values, EnvPhpResult result)
        {
            var expected = ServicesIdPaths.Select((p, i) => ("system/default/" + p, values[i])).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
            var differences = _php.Differences(new[] { (original, coreOut), (original, phpOut), (original, envPhp) });
            string[] names = { "Core's edit", "php's edit", "Set-DataSpace's env.php" };
            for (int i = 0; i < differences.Count; i++)
            {
                var found = differences[i].OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Value.Type == JTokenType.String ? (string)d.Value : d.Value.ToString())).ToList();
                Check(found.SequenceEqual(expected), $"php finds other changes in {names[i]} than the five services_id values: {string.Join(", ", found.Select(f => f.Item1 + "=" + f.Item2))}");
            }
            Check(_php.Same(coreOut, phpOut), "php includes different arrays from Core's edit and from php's own edit");
            _php.Lint(coreOut);
            string phpText = File.ReadAllText(phpOut, Utf8);
            result.PhpOutputBytes = Utf8.GetByteCount(phpText);
            result.PhpOutputLines = Lines(phpText).Length;
            result.PhpOutputCommentLines = CommentLines(phpText);
            result.Checks.Add("php includes the original and each edited file (Core's, php's, and the env.php Set-DataSpace left): each differs from the original " +
                              "in exactly the five services_id values, set as given, and Core's and php's edits include as identical arrays (===).");
        }

        /// <summary>Core's edit keeps every line but the changed values' own: same line count, exactly <paramref name="changed"/> lines differ.</summary>
        private static void CheckLossless(string original, string edited, int changed, string who)
        {
            string[] before = Lines(original);
            string[] after = Lines(edited);
            Check(before.Length == after.Length, $"{who} changed the number of lines ({before.Length} -> {after.Length})");
            int differing = before.Zip(after, (a, b) => a == b ? 0 : 1).Sum();
            Check(differing == changed, $"{who} changed {differing} lines, not {changed}");
            Check(CommentLines(edited) == CommentLines(original), $"{who} lost comments");
        }

        // ---- (b) Set-ImsOrganization over many registered instances ----------------------------------------------

        private void RunFleet(string folder, EnvPhpResult result)
        {
            // Untimed first: a small fleet of its own, two passes, so that the code of the timed passes is compiled.
            string warmUpFolder = Path.Combine(folder, "warm-up");
            var warmUp = CreateFleet(warmUpFolder, WarmUpInstances, null);
            for (int pass = 1; pass <= 2; pass++)
            {
                RunPass(warmUp, pass, OrganizationId(100 + pass));
            }
            Directory.Delete(warmUpFolder, recursive: true);
            Thread.Sleep(250);

            var fleet = CreateFleet(folder, _instances, result);
            var resolve = new List<double>();
            var plan = new List<double>();
            var apply = new List<double>();
            for (int pass = 1; pass <= _plan.Passes; pass++)
            {
                string organization = OrganizationId(pass);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var (done, phases) = RunPass(fleet, pass, organization);
                result.Passes.Add(done);
                resolve.AddRange(phases.Select(p => p.Resolve));
                plan.AddRange(phases.Select(p => p.Plan));
                apply.AddRange(phases.Select(p => p.Apply));
                _log.WriteLine(string.Format(CultureInfo.InvariantCulture, "pass {0}: {1:N0} instances in {2:F2} s, per instance median {3} ms, p95 {4} ms",
                    pass, _instances, done.TotalMilliseconds / 1000, Report.Ms(done.PerInstance.Median), Report.Ms(done.PerInstance.P95)));
                CheckFleet(fleet, pass, organization, result);
            }
            result.Resolve = new Sample(Resolve, _instances, resolve, false);
            result.PlanIms = new Sample(PlanIms, _instances, plan, false);
            result.ApplyIms = new Sample(ApplyIms, _instances, apply, false);
            result.PerInstance = new Sample(PerInstance, _instances, result.Passes.SelectMany(p => p.PerInstance.Milliseconds).ToList(), false);
        }

        /// <summary>A registry with one account and <paramref name="count"/> registered Magento roots with small env.php files.</summary>
        private sealed class Fleet
        {
            public FileRegistryStore Store { get; set; }

            public List<CommerceInstance> Instances { get; } = new List<CommerceInstance>();

            /// <summary>The env.php each instance started with, by instance name.</summary>
            public Dictionary<string, string> Originals { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

            /// <summary>Copies of the originals of the instances php checks, by instance name.</summary>
            public Dictionary<string, string> OriginalCopies { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        private Fleet CreateFleet(string folder, int count, EnvPhpResult result)
        {
            var fleet = new Fleet { Store = new FileRegistryStore(Path.Combine(folder, "registry")) };
            new AccountDirectory(fleet.Store).NewAccount(MageId, CommerceEdition.AdobeCommerce, Owner, "Luma Retail Group");
            var inventory = new InstanceInventory(fleet.Store);
            string originals = Path.Combine(folder, "originals");
            Directory.CreateDirectory(originals);
            string configPhp = EnvPhpFiles.ConfigPhp(20);
            var sampled = new HashSet<int>(Enumerable.Range(0, Math.Min(PhpSample, count)).Select(i => i * count / Math.Min(PhpSample, count)));
            var register = new List<double>();
            long bytes = 0;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                _measurer.ThrowIfCancelled();
                string name = "shop-" + (i + 1).ToString("D4", CultureInfo.InvariantCulture);
                string root = Path.Combine(folder, name);
                string etc = Path.Combine(root, "app", "etc");
                Directory.CreateDirectory(etc);
                string env = EnvPhpFiles.SmallEnvPhp(i + 1);
                bytes += Utf8.GetByteCount(env);
                File.WriteAllText(Path.Combine(etc, "env.php"), env, Utf8);
                File.WriteAllText(Path.Combine(etc, "config.php"), configPhp, Utf8);
                fleet.Originals.Add(name, env);
                if (sampled.Contains(i))
                {
                    string copy = Path.Combine(originals, name + ".php");
                    File.WriteAllText(copy, env, Utf8);
                    fleet.OriginalCopies.Add(name, copy);
                }
                var role = i % 10 == 0 ? InstanceRole.Production : i % 10 < 6 ? InstanceRole.Staging : i % 10 < 9 ? InstanceRole.Development : InstanceRole.Integration;
                long t = Stopwatch.GetTimestamp();
                fleet.Instances.Add(inventory.Register(MageId, Owner, name, root, role, "https://" + name + ".shop.example/"));
                register.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            double total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Check(inventory.Get(MageId).Count == count, "the inventory does not list every registered instance");
            if (result != null)
            {
                result.SmallEnvPhpBytes = bytes / count;
                result.Register = new Sample(Register, count, register, false);
                result.RegisterTotalMilliseconds = total;
                result.FleetRegistryBytes = new FileInfo(fleet.Store.DocumentPath).Length;
                _log.WriteLine($"registered {count:N0} instances in {total / 1000:F2} s (median {Report.Ms(result.Register.Median)} ms each); registry.json {Report.Bytes(result.FleetRegistryBytes)}");
            }
            return fleet;
        }

        /// <summary>
        /// What <c>Get-CommerceInstance | Set-ImsOrganization -OrganizationId X</c> does: one list, then per instance the
        /// cmdlet's own lookup by name, the plan, and the write.
        /// </summary>
        private (FleetPass Pass, List<(double Resolve, double Plan, double Apply)> Phases) RunPass(Fleet fleet, int number, string organization)
        {
            var inventory = new InstanceInventory(fleet.Store);
            var phases = new List<(double, double, double)>(fleet.Instances.Count);
            var perInstance = new List<double>(fleet.Instances.Count);
            long start = Stopwatch.GetTimestamp();
            var listed = inventory.Get(MageId);
            double list = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            foreach (var item in listed)
            {
                _measurer.ThrowIfCancelled();
                long t0 = Stopwatch.GetTimestamp();
                var target = ConfigTarget.ForInstance(inventory.GetOne(MageId, item.Name));
                long t1 = Stopwatch.GetTimestamp();
                var planner = new ConfigurationPlanner(fleet.Store);
            var writer = new ConfigurationWriter(fleet.Store);
                var planned = planner.PlanImsOrganization(target, organization);
                long t2 = Stopwatch.GetTimestamp();
                var written = writer.Apply(planned);
                long t3 = Stopwatch.GetTimestamp();
                Check(written.Changes.Count == 1 && written.Changes[0].Path == ConfigPaths.ImsOrganizationId && written.BackupPath != null,
                    $"Set-ImsOrganization on {item.Name} did not change exactly the IMS organisation");
                phases.Add((Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds, Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds));
                perInstance.Add(Stopwatch.GetElapsedTime(t0, t3).TotalMilliseconds);
            }
            double total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Check(listed.Count == fleet.Instances.Count, $"Get-CommerceInstance listed {listed.Count} instances, not {fleet.Instances.Count}");
            var pass = new FleetPass
            {
                Number = number,
                Organization = organization,
                ListMilliseconds = list,
                TotalMilliseconds = total,
                PerInstance = new Sample(PerInstance, fleet.Instances.Count, perInstance, false),
            };
            return (pass, phases);
        }

        /// <summary>Untimed, after a pass: every env.php read back with Core's reader, a sample with php; backups and temporary files.</summary>
        private void CheckFleet(Fleet fleet, int pass, string organization, EnvPhpResult result)
        {
            var planner = new ConfigurationPlanner(fleet.Store);
            var writer = new ConfigurationWriter(fleet.Store);
            int backupsExpected = Math.Min(pass, ConfigFileWriter.BackupsKept);
            foreach (var instance in fleet.Instances)
            {
                _measurer.ThrowIfCancelled();
                var target = ConfigTarget.ForInstance(instance);
                string text = File.ReadAllText(target.EnvPhp, Utf8);
                var config = ConfigurationReader.Read(target);
                Check(config.ImsOrganizationId == organization, $"{instance.Name}: Core reads the IMS organisation '{config.ImsOrganizationId}', not '{organization}'");
                Check(PhpConfigFile.Parse(text).Get(new[] { "crypt", "key" })?.Text == PhpConfigFile.Parse(fleet.Originals[instance.Name]).Get(new[] { "crypt", "key" })?.Text,
                    $"{instance.Name}: the crypt key changed");
                string etc = Path.GetDirectoryName(target.EnvPhp);
                int backups = Directory.GetFiles(etc, "env.php.cc-backup-*").Length;
                Check(backups == backupsExpected, $"{instance.Name}: {backups} backups after pass {pass}, not {backupsExpected}");
                Check(Directory.GetFiles(etc, "*.tmp").Length == 0, $"{instance.Name}: a temporary file was left in app/etc");
                if (pass == 1)
                {
                    // The first pass inserts the value: the file grows by the new entries and keeps every original line.
                    string[] before = Lines(fleet.Originals[instance.Name]);
                    Check(Lines(text).Where(l => before.Contains(l)).Distinct().Count() == before.Distinct().Count(), $"{instance.Name}: an original line was changed");
                }
                result.FilesCheckedByCore++;
            }

            if (_php != null)
            {
                var pairs = fleet.OriginalCopies.Select(o => (o.Value, ConfigTarget.ForInstance(fleet.Instances.First(i => i.Name == o.Key)).EnvPhp)).ToList();
                var differences = _php.Differences(pairs);
                string path = "system/default/" + ConfigPaths.ImsOrganizationId;
                for (int i = 0; i < differences.Count; i++)
                {
                    var d = differences[i];
                    Check(d.Count == 1 && d.TryGetValue(path, out JToken value) && (string)value == organization,
                        $"php finds other changes than the IMS organisation in {pairs[i].Item2}: {string.Join(", ", d.Keys)}");
                }
                result.FilesCheckedByPhp += differences.Count;
            }
        }

        /// <summary>An IMS organisation id: 24 upper-case hexadecimal characters and @AdobeOrg.</summary>
        private static string OrganizationId(int seed)
        {
            var random = new Random(seed);
            var text = new StringBuilder(33);
            for (int i = 0; i < 24; i++)
            {
                text.Append("0123456789ABCDEF"[random.Next(16)]);
            }
            return text.Append("@AdobeOrg").ToString();
        }

        private static string[] Lines(string text) => text.Split('\n');

        /// <summary>Lines that are comments: // and # lines, and the lines of /** ... */ blocks.</summary>
        private static int CommentLines(string text) =>
            Lines(text).Count(l =>
            {
                string t = l.TrimStart();
                return t.StartsWith("//", StringComparison.Ordinal) || t.StartsWith("#", StringComparison.Ordinal) || t.StartsWith("/*", StringComparison.Ordinal) || t.StartsWith("*", StringComparison.Ordinal);
            });

        private void ExpectExit(ProcessRun run, string what)
        {
            // A Ctrl+C reaches php too; report the cancellation, not php's death.
            _measurer.ThrowIfCancelled();
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"php {what} failed with exit code {run.ExitCode}: {(run.StandardError + run.StandardOutput).Trim()}");
            }
        }

        private static void Check(bool condition, string problem)
        {
            if (!condition)
            {
                throw new InvalidOperationException("The env.php editing misbehaved: " + problem + ".");
            }
        }
    }
}
