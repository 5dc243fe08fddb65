using System;
using System.Globalization;
using System.Text;
using CommerceConnector.Core.Instances;

namespace CommerceConnector.Bench
{
    /// <summary>Renders the envphp suite as markdown.</summary>
    internal static class EnvPhpReport
    {
        private const string NotAvailable = "n/a";

        public static string Render(EnvPhpResult result, MachineInfo machine, string configuration, DateTimeOffset startedAt, TimeSpan duration)
        {
            EnvPhpPlan plan = result.Plan;
            bool compared = result.PhpPath != null;
            var text = new StringBuilder();
            text.AppendLine($"env.php edit benchmark, {startedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, " +
                            $"{plan.Name} run ({configuration} build), {duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s in all.");
            text.AppendLine();
            text.AppendLine($"- Machine: {machine.LogicalProcessors} logical processors, {machine.CpuModel}");
            text.AppendLine($"- Runtime: {machine.Runtime} on {machine.OperatingSystem}");
            text.AppendLine($"- Temporary folder's file system: {machine.FileSystem}");
            text.AppendLine(compared
                ? $"- php program: `{result.PhpPath}`, {result.PhpVersion}"
                : "- php program: none found (PATH or --php), so Core is measured alone, there are no ratios, and php checks nothing.");
            text.AppendLine();

            text.AppendLine("### One Set-DataSpace edit of a large env.php");
            text.AppendLine();
            text.AppendLine($"- env.php: {result.EnvPhpBytes:N0} bytes, {result.EnvPhpLines:N0} lines ({result.EnvPhpCommentLines} comment lines), a Magento-default env.php with Redis sessions and caches " +
                            $"and values locked under system: default scope with both connector key pairs and services_id, {4} websites, {result.StoreViews} store views. " +
                            $"config.php (read by PlanDataSpace): {result.ConfigPhpBytes:N0} bytes, {EnvPhpFiles.ConfigPhpModules} modules.");
            text.AppendLine("- The edit: the five services_id values (project id and name, data space id, name and type) from a testing data space's to a production data space's.");
            text.AppendLine($"- Core rows: {plan.JitRounds} untimed JIT round(s) first, then {plan.WarmUp} untimed run(s) before each row; median and p95 (nearest rank) in milliseconds. " +
                            (compared ? $"php rows: {plan.ProcessRounds} timed rounds after {plan.ProcessWarmUp} untimed one(s); each round runs the edit script, then `php -r ''`. " : string.Empty) +
                            $"Set-DataSpace: a registered production instance; the timed runs alternate between two production data spaces (registry.json {Report.Bytes(result.EditRegistryBytes)}), " +
                            $"so each changes {result.ConfiguratorChanges} values (the type stays), and each writes env.php and the registry.");
            text.AppendLine();
            text.AppendLine("| Operation | Repeats | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|");
            AppendRow(text, result.CoreEdit);
            AppendRow(text, result.CoreParse);
            AppendRow(text, result.CoreFileToFile);
            if (compared)
            {
                AppendRow(text, result.PhpProcess);
                AppendRow(text, result.PhpInScript);
                AppendRow(text, result.PhpStartUp);
                text.AppendLine($"| php edit.php minus start-up (difference of the two medians) | | {Report.Ms(PhpWithoutStartUp(result))} | |");
            }
            AppendRow(text, result.ConfiguratorTotal);
            AppendRow(text, result.ConfiguratorPlan);
            AppendRow(text, result.ConfiguratorApply);
            AppendRow(text, result.ReplaceOnly);
            text.AppendLine();

            text.AppendLine("| Ratio (time; below 1: Core faster) | Medians (ms) | Ratio |");
            text.AppendLine("|---|---:|---:|");
            if (compared)
            {
                AppendRatio(text, "Core edit in memory / in-PHP time", result.CoreEdit.Median, result.PhpInScript.Median);
                AppendRatio(text, "Core file to file / in-PHP time (the same work)", result.CoreFileToFile.Median, result.PhpInScript.Median);
                AppendRatio(text, "Core file to file / php process wall time", result.CoreFileToFile.Median, result.PhpProcess.Median);
                AppendRatio(text, "Core file to file / (php process - php start-up)", result.CoreFileToFile.Median, PhpWithoutStartUp(result));
                AppendRatio(text, "Set-DataSpace (ConnectorConfigurator) / php process wall time", result.ConfiguratorTotal.Median, result.PhpProcess.Median);
            }
            AppendRatio(text, "Core edit in memory / one Parse (parses per edit, roughly)", result.CoreEdit.Median, result.CoreParse.Median);
            text.AppendLine();

            text.AppendLine("| File | Bytes | Lines | Comment lines |");
            text.AppendLine("|---|---:|---:|---:|");
            text.AppendLine($"| the original env.php | {result.EnvPhpBytes:N0} | {result.EnvPhpLines:N0} | {result.EnvPhpCommentLines} |");
            text.AppendLine($"| Core's edit (= the env.php Set-DataSpace leaves): 5 lines differ | {result.CoreOutputBytes:N0} | {result.EnvPhpLines:N0} | {result.EnvPhpCommentLines} |");
            if (compared)
            {
                text.AppendLine($"| php's edit (var_export) | {result.PhpOutputBytes:N0} | {result.PhpOutputLines:N0} | {result.PhpOutputCommentLines} |");
            }
            text.AppendLine();

            text.AppendLine($"### Set-ImsOrganization on {result.Instances:N0} registered instances");
            text.AppendLine();
            text.AppendLine($"- {result.Instances:N0} Magento roots with a small env.php each (about {result.SmallEnvPhpBytes:N0} bytes, as setup:install writes it, no system section) and a config.php, " +
                            $"registered with InstanceInventory.Register one by one (registry.json then {Report.Bytes(result.FleetRegistryBytes)}).");
            text.AppendLine("- A pass is what `Get-CommerceInstance | Set-ImsOrganization -OrganizationId X` does: InstanceInventory.Get once, then per instance the cmdlet's lookup by name " +
                            "(InstanceInventory.GetOne), PlanImsOrganization and Apply. Each pass sets another organisation id, so every instance is written in every pass; " +
                            $"pass 1 inserts the value (and the system/default/... arrays), later passes replace it. {plan.Passes} timed pass(es) after two untimed passes over " +
                            $"a separate {EnvPhpBench.WarmUpInstances}-instance fleet.");
            text.AppendLine();
            text.AppendLine("| Registration | Instances | Total (s) | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            text.AppendLine($"| {result.Register.Operation} | {result.Instances:N0} | {Seconds(result.RegisterTotalMilliseconds)} | {Report.Ms(result.Register.Median)} | {Report.Ms(result.Register.P95)} |");
            text.AppendLine();
            text.AppendLine("| Pass | Instances | Get-CommerceInstance (ms) | Whole pass (s) | Per instance, median (ms) | Per instance, p95 (ms) |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|");
            foreach (FleetPass pass in result.Passes)
            {
                text.AppendLine($"| {pass.Number} | {pass.PerInstance.Repeats:N0} | {Report.Ms(pass.ListMilliseconds)} | {Seconds(pass.TotalMilliseconds)} | {Report.Ms(pass.PerInstance.Median)} | {Report.Ms(pass.PerInstance.P95)} |");
            }
            text.AppendLine();
            text.AppendLine("| Per instance, all passes | Runs | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|");
            AppendRow(text, result.PerInstance);
            AppendRow(text, result.Resolve);
            AppendRow(text, result.PlanIms);
            AppendRow(text, result.ApplyIms);
            text.AppendLine();

            text.AppendLine("Checked (untimed; any failure stops the run with exit code 1):");
            text.AppendLine();
            foreach (string check in result.Checks)
            {
                text.AppendLine("- " + check);
            }
            text.AppendLine("- Core's edit keeps every line of the original but the five changed values' own lines, comments included.");
            text.AppendLine($"- After each pass, all {result.Instances:N0} env.php files read back with Core's reader hold the pass's organisation id and their own crypt key, " +
                            $"each app/etc holds min(pass, {ConfigFileWriter.BackupsKept}) backups and no temporary file" +
                            (compared ? $"; php includes {EnvPhpBench.PhpSample} of them (spread over the fleet) and finds exactly one change against the original, the organisation id." : "."));
            text.AppendLine($"- Files read back: {result.FilesCheckedByCore:N0} with Core's reader, {result.FilesCheckedByPhp:N0} with php (the fleet's).");
            return text.ToString();
        }

        private static double PhpWithoutStartUp(EnvPhpResult result) => result.PhpProcess.Median - result.PhpStartUp.Median;

        private static void AppendRow(StringBuilder text, Sample sample)
        {
            string repeats = sample.Repeats.ToString("N0", CultureInfo.InvariantCulture) + (sample.StoppedByBudget ? "\\*" : string.Empty);
            text.AppendLine($"| {sample.Operation} | {repeats} | {Report.Ms(sample.Median)} | {Report.Ms(sample.P95)} |");
        }

        private static void AppendRatio(StringBuilder text, string label, double numerator, double denominator)
        {
            string ratio = denominator > 0 ? (numerator / denominator).ToString("F2", CultureInfo.InvariantCulture) : NotAvailable;
            string medians = Report.Ms(numerator) + " / " + (denominator > 0 ? Report.Ms(denominator) : NotAvailable);
            text.AppendLine($"| {label} | {medians} | {ratio} |");
        }

        private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("F2", CultureInfo.InvariantCulture);
    }
}
