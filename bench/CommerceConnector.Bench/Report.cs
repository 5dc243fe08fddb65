using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CommerceConnector.Bench
{
    /// <summary>Renders a run as markdown.</summary>
    internal static class Report
    {
        /// <summary>Milliseconds with three significant-ish digits: 0.042, 4.21, 42.1, 421.</summary>
        public static string Ms(double value)
        {
            string format = value < 10 ? "F3" : value < 100 ? "F2" : "F1";
            return value.ToString(format, CultureInfo.InvariantCulture);
        }

        public static string Bytes(long bytes)
        {
            if (bytes < 10 * 1024)
            {
                return bytes.ToString(CultureInfo.InvariantCulture) + " B";
            }
            if (bytes < 10L * 1024 * 1024)
            {
                return (bytes / 1024.0).ToString("F0", CultureInfo.InvariantCulture) + " KiB";
            }
            return (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
        }

        public static string Render(BenchResult result, MachineInfo machine, Plan plan, string configuration, DateTimeOffset startedAt, TimeSpan duration)
        {
            var text = new StringBuilder();
            text.AppendLine($"Registry benchmark, {startedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, " +
                            $"{plan.Name} run ({configuration} build), {duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s in all.");
            text.AppendLine();
            text.AppendLine($"- Machine: {machine.LogicalProcessors} logical processors, {machine.CpuModel}");
            text.AppendLine($"- Runtime: {machine.Runtime} on {machine.OperatingSystem}");
            text.AppendLine($"- Registry folder's file system: {machine.FileSystem}");
            text.AppendLine($"- Warm-up: {plan.JitRounds} untimed rounds of every operation on a {RegistryBench.JitWarmUpRecords:N0}-record registry first (JIT), " +
                            $"then {plan.WarmUp} untimed run(s) before each row's timed repeats.");
            text.AppendLine("- Each row: median and p95 (nearest rank) of the timed repeats, in milliseconds. Seeded accounts have 2 members each. " +
                            "After each \"add one\" run an untimed update removes the new account again, so every run adds to a registry of exactly Records accounts.");
            text.AppendLine();

            text.AppendLine("| Operation | Records | Repeats | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (Sample sample in Order(result.Store))
            {
                AppendRow(text, sample);
            }
            text.AppendLine();

            text.AppendLine("Baselines: parts of the store's work done alone on the same registry.json bytes (no lock, no checks): the file system's share and Newtonsoft.Json's share.");
            text.AppendLine();
            text.AppendLine("| Baseline | Records | Repeats | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (Sample sample in Order(result.Baselines))
            {
                AppendRow(text, sample);
            }
            text.AppendLine();

            text.AppendLine("| Records | registry.json | Seeding (one Update, single run, ms) |");
            text.AppendLine("|---:|---:|---:|");
            foreach (SeedInfo seed in result.Seeds)
            {
                text.AppendLine($"| {Count(seed.Records)} | {Bytes(seed.DocumentBytes)} | {Ms(seed.SeedMilliseconds)} |");
            }

            if (result.Store.Concat(result.Baselines).Any(s => s.StoppedByBudget))
            {
                text.AppendLine();
                text.AppendLine("\\* fewer repeats than planned: the row's time budget ran out.");
            }
            return text.ToString();
        }

        private static IEnumerable<Sample> Order(IEnumerable<Sample> samples) =>
            samples.GroupBy(s => s.Operation).SelectMany(g => g.OrderBy(s => s.Records));

        private static void AppendRow(StringBuilder text, Sample sample)
        {
            string repeats = sample.Repeats.ToString(CultureInfo.InvariantCulture) + (sample.StoppedByBudget ? "\\*" : string.Empty);
            text.AppendLine($"| {sample.Operation} | {Count(sample.Records)} | {repeats} | {Ms(sample.Median)} | {Ms(sample.P95)} |");
        }

        private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
