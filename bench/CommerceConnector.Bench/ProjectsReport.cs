using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CommerceConnector.Bench
{
    /// <summary>Renders the projects suite as markdown.</summary>
    internal static class ProjectsReport
    {
        public static string Render(ProjectsResult result, MachineInfo machine, string configuration, DateTimeOffset startedAt, TimeSpan duration)
        {
            ProjectsPlan plan = result.Plan;
            var text = new StringBuilder();
            text.AppendLine($"SaaS projects and data spaces benchmark, {startedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, " +
                            $"{plan.Name} run ({configuration} build), {duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s in all.");
            text.AppendLine();
            text.AppendLine($"- Machine: {machine.LogicalProcessors} logical processors, {machine.CpuModel}");
            text.AppendLine($"- Runtime: {machine.Runtime} on {machine.OperatingSystem}");
            text.AppendLine($"- Registry folder's file system: {machine.FileSystem}");
            text.AppendLine($"- Registry: one Adobe Commerce account with {Count(result.Projects)} SaaS projects and {Count(result.DataSpaces)} data spaces " +
                            $"(Production, Testing 1, Testing 2 each) and one active API key; registry.json {Report.Bytes(result.DocumentBytes)}, " +
                            $"seeded by one Update in {Report.Ms(result.SeedMilliseconds)} ms.");
            text.AppendLine($"- Warm-up: {plan.JitRounds} untimed round(s) of {ProjectsBench.JitCallsPerRound} calls per operation first (JIT), then {plan.WarmUp} untimed run(s) before each row's timed repeats. " +
                            "Lookups pick a random seeded project or data space per run.");
            text.AppendLine("- Checked: before and after timing the full lists equal what was seeded, in name order, each project with exactly its three data spaces; " +
                            "every timed call's result is checked (count, first and last id, the id or name looked up, the project name on data spaces); " +
                            "unknown names and ids are refused with ProjectNotFound / DataSpaceNotFound, and an account without an active key with NoActiveApiKey.");
            text.AppendLine("- Each row: median and p95 (nearest rank) of the timed repeats, in milliseconds. Every call reads and parses the whole registry.json.");
            text.AppendLine();

            text.AppendLine("| Operation (Core call, cmdlet) | Projects | Repeats | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (Sample sample in result.Operations)
            {
                AppendRow(text, sample);
            }
            text.AppendLine();

            text.AppendLine("Baselines on the same registry.json bytes (no account or key checks, no filtering): the file system's share, Newtonsoft.Json's share, " +
                            "and the list's own work after the parse (sort, attach data spaces, set project names) done with one grouping pass.");
            text.AppendLine();
            text.AppendLine("| Baseline | Projects | Repeats | Median (ms) | p95 (ms) |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (Sample sample in result.Baselines)
            {
                AppendRow(text, sample);
            }

            Sample list = result.Operations.FirstOrDefault(s => s.Operation == ProjectsBench.ListProjects);
            Sample parse = result.Baselines.FirstOrDefault(s => s.Operation == ProjectsBench.ParseOnly);
            Sample grouped = result.Baselines.FirstOrDefault(s => s.Operation == ProjectsBench.GroupedOnce);
            if (list != null && parse != null && grouped != null)
            {
                text.AppendLine();
                text.AppendLine($"List all projects beyond the parse (difference of the medians): {Report.Ms(list.Median - parse.Median)} ms; " +
                                $"the same work with one grouping pass: {Report.Ms(grouped.Median)} ms.");
            }

            if (result.Operations.Concat(result.Baselines).Any(s => s.StoppedByBudget))
            {
                text.AppendLine();
                text.AppendLine("\\* fewer repeats than planned: the row's time budget ran out.");
            }
            return text.ToString();
        }

        private static void AppendRow(StringBuilder text, Sample sample)
        {
            string repeats = sample.Repeats.ToString(CultureInfo.InvariantCulture) + (sample.StoppedByBudget ? "\\*" : string.Empty);
            text.AppendLine($"| {sample.Operation} | {Count(sample.Records)} | {repeats} | {Report.Ms(sample.Median)} | {Report.Ms(sample.P95)} |");
        }

        private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
