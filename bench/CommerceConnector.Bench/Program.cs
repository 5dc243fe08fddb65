using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// BenchmarkDotNet's command line (<c>--filter</c>, <c>--list</c>, ...) with this project's defaults: BenchmarkDotNet's
    /// ShortRun job run in this process (the baselines and ratios of one table come from one run), median and p95
    /// columns, GitHub markdown. <c>--update-docs</c> copies each class's table into docs/performance.md between
    /// <c>&lt;!-- bench:Class --&gt;</c> markers, with the ratios computed from the same run.
    /// </summary>
    public static class Program
    {
        public static Summary[] Summaries { get; private set; } = Array.Empty<Summary>();

        /// <summary>The repository's root folder (the one with CommerceConnector.slnx), found upwards from the program's.</summary>
        public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

        public static int Main(string[] args)
        {
            bool updateDocs = args.Contains("--update-docs");
            IConfig config = DefaultConfig.Instance
                .AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)).AsDefault())
                .AddColumn(StatisticColumn.Median, StatisticColumn.P95, new CpuColumn())
                .WithArtifactsPath(Path.Combine(Root, "bench", "results"))
                .WithOptions(ConfigOptions.DisableLogFile);
            Summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run(args.Where(a => a != "--update-docs").ToArray(), config).ToArray();
            foreach (Summary summary in updateDocs ? Summaries : Array.Empty<Summary>())
            {
                Type type = summary.BenchmarksCases.First().Descriptor.Type;
                Docs.Replace(type.Name, Docs.Table(summary));
                try
                {
                    (Activator.CreateInstance(type) as IRatios)?.WriteRatios(summary);
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine($"{type.Name}: no ratios ({e.Message}); run the classes they compare in the same run.");
                }
            }
            return Summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }

        private static string FindRoot(string folder) =>
            File.Exists(Path.Combine(folder, "CommerceConnector.slnx")) ? folder : FindRoot(Path.GetDirectoryName(folder.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("Run the bench from the repository."));
    }

    /// <summary>A benchmark class whose table is followed by ratios computed from the same run.</summary>
    public interface IRatios
    {
        void WriteRatios(Summary summary);
    }

    /// <summary>Writes tables into docs/performance.md between <c>&lt;!-- bench:Name --&gt;</c> and <c>&lt;!-- /bench:Name --&gt;</c>.</summary>
    internal static class Docs
    {
        public static void Replace(string name, string table)
        {
            string path = Path.Combine(Program.Root, "docs", "performance.md");
            var block = new Regex($@"(<!-- bench:{name} -->\n).*?(<!-- /bench:{name} -->)", RegexOptions.Singleline);
            File.WriteAllText(path, block.Replace(File.ReadAllText(path), m => m.Groups[1].Value + table.TrimEnd('\n') + "\n" + m.Groups[2].Value, 1));
        }

        /// <summary>BenchmarkDotNet's own GitHub markdown of one class's summary (environment, job, table), bold removed.</summary>
        public static string Table(Summary summary)
        {
            var logger = new BenchmarkDotNet.Loggers.AccumulationLogger();
            MarkdownExporter.GitHub.ExportToLog(summary, logger);
            return logger.GetLog().Replace("\r", string.Empty).Replace("**", string.Empty).Replace("```", "\n```").Trim('\n') + "\n";
        }

        /// <summary>A markdown table of (label, value) rows under a heading row.</summary>
        public static string Rows(string head, IEnumerable<(string Label, string Value)> rows) =>
            $"| {head} | |\n|---|---:|\n" + string.Concat(rows.Select(r => $"| {r.Label} | {r.Value} |\n"));

        /// <summary>The median in milliseconds of the benchmark whose method is <paramref name="method"/> (with the given parameter value, if any).</summary>
        public static double Median(Summary summary, string method, object parameter = null) =>
            Program.Summaries.Append(summary).SelectMany(s => s.Reports).First(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method &&
                (parameter == null || r.BenchmarkCase.Parameters.Items.Any(p => Equals(p.Value, parameter)))).ResultStatistics.Median / 1e6;
    }

    /// <summary>
    /// The process's CPU time (all threads: the benchmark's, the GC's, the JIT's) per call, read with
    /// clock_gettime(CLOCK_PROCESS_CPUTIME_ID) around every call of the benchmarks that use it.
    /// </summary>
    public static class Cpu
    {
        private static readonly ConcurrentDictionary<string, List<double>> Samples = new ConcurrentDictionary<string, List<double>>();

        public static T Measure<T>(string key, Func<T> call)
        {
            double start = Now();
            T result = call();
            Samples.GetOrAdd(key, _ => new List<double>()).Add(Now() - start);
            return result;
        }

        /// <summary>The median of the last <paramref name="count"/> samples: the calls of BenchmarkDotNet's measured iterations.</summary>
        public static double? Median(string key, int count) => Samples.TryGetValue(key, out var all) && count > 0
            ? all.Skip(Math.Max(0, all.Count - count)).OrderBy(x => x).ElementAt(Math.Min(count, all.Count) / 2)
            : null;

        public static double Now()
        {
            clock_gettime(2, out Timespec t);
            return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int clock_gettime(int clock, out Timespec time);

        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }

    /// <summary>"CPU ms/call": the median process CPU time of the measured calls (blank for rows not timed with <see cref="Cpu"/>).</summary>
    internal sealed class CpuColumn : IColumn
    {
        public string Id => "CpuPerCall";
        public string ColumnName => "CPU ms/call (median)";
        public string Legend => "Median process CPU time (all threads, clock_gettime) of the calls made in the measured iterations";
        public bool AlwaysShow => false;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;

        public static string Key(BenchmarkCase c) => c.Descriptor.WorkloadMethod.Name + "/" + string.Join(",", c.Parameters.Items.Select(p => p.Value));

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            int calls = (int)(summary[benchmarkCase]?.AllMeasurements.Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual).Sum(m => m.Operations) ?? 0);
            double? median = Cpu.Median(Key(benchmarkCase), calls);
            return median.HasValue ? median.Value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase) == "-";

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => !IsDefault(summary, c));
    }
}
