using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// The timed repeats of the projects and env.php suites: untimed warm-up runs, a full garbage collection, then up
    /// to a planned number of timed runs that also stop once a time budget is used (never below
    /// <see cref="Plan.MinimumRepeats"/>), the same rules as the registry suite's rows.
    /// </summary>
    internal sealed class Measurer
    {
        private readonly Func<bool> _cancelled;
        private readonly TextWriter _log;

        public Measurer(int warmUp, TimeSpan budget, Func<bool> cancelled, TextWriter log)
        {
            WarmUp = warmUp;
            Budget = budget;
            _cancelled = cancelled;
            _log = log;
        }

        /// <summary>Untimed runs before each row's timed ones.</summary>
        public int WarmUp { get; }

        /// <summary>A row's timed runs stop once they took this long (after <see cref="Plan.MinimumRepeats"/>).</summary>
        public TimeSpan Budget { get; }

        /// <summary>When false, rows are measured without progress lines (the JIT warm-up rounds).</summary>
        public bool Verbose { get; set; } = true;

        /// <summary>Runs <paramref name="timedRun"/> untimed for the warm-up, then up to <paramref name="repeats"/> times; each run returns its own timed span.</summary>
        public Sample Measure(string operation, int records, int repeats, Func<TimeSpan> timedRun)
        {
            for (int i = 0; i < WarmUp; i++)
            {
                ThrowIfCancelled();
                timedRun();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var timings = new List<double>(repeats);
            bool stoppedByBudget = false;
            long started = Stopwatch.GetTimestamp();
            for (int i = 0; i < repeats; i++)
            {
                ThrowIfCancelled();
                timings.Add(timedRun().TotalMilliseconds);
                if (timings.Count >= Plan.MinimumRepeats && timings.Count < repeats && Stopwatch.GetElapsedTime(started) >= Budget)
                {
                    stoppedByBudget = true;
                    break;
                }
            }

            var sample = new Sample(operation, records, timings, stoppedByBudget);
            if (Verbose)
            {
                Log(sample);
            }
            return sample;
        }

        public void Log(Sample sample) =>
            _log.WriteLine(string.Format(CultureInfo.InvariantCulture, "[{0}] {1}: {2} repeats{3}, median {4} ms, p95 {5} ms",
                sample.Records, sample.Operation, sample.Repeats, sample.StoppedByBudget ? " (time budget)" : string.Empty,
                Report.Ms(sample.Median), Report.Ms(sample.P95)));

        public void ThrowIfCancelled()
        {
            if (_cancelled())
            {
                throw new OperationCanceledException("The benchmark was cancelled.");
            }
        }
    }
}
