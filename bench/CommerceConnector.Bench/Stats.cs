using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceConnector.Bench
{
    /// <summary>The timed repeats of one operation at one registry size.</summary>
    internal sealed class Sample
    {
        public Sample(string operation, int records, IReadOnlyList<double> milliseconds, bool stoppedByBudget)
        {
            if (milliseconds == null || milliseconds.Count == 0)
            {
                throw new ArgumentException("A sample needs at least one timing.", nameof(milliseconds));
            }
            Operation = operation;
            Records = records;
            Milliseconds = milliseconds;
            StoppedByBudget = stoppedByBudget;
            double[] sorted = milliseconds.OrderBy(x => x).ToArray();
            Median = Stats.Median(sorted);
            P95 = Stats.NearestRank(sorted, 0.95);
        }

        public string Operation { get; }

        /// <summary>Accounts in the registry when the operation's timed runs began.</summary>
        public int Records { get; }

        public IReadOnlyList<double> Milliseconds { get; }

        public int Repeats => Milliseconds.Count;

        /// <summary>True when the time budget ended the repeats before the planned count.</summary>
        public bool StoppedByBudget { get; }

        public double Median { get; }

        public double P95 { get; }
    }

    internal static class Stats
    {
        /// <summary>The middle value of ascending <paramref name="sorted"/> (mean of the two middle ones for an even count).</summary>
        public static double Median(IReadOnlyList<double> sorted)
        {
            int n = sorted.Count;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }

        /// <summary>
        /// The nearest-rank percentile of ascending <paramref name="sorted"/>: the smallest value with at least
        /// <paramref name="fraction"/> of the values at or below it (with 20 values, p95 is the 19th).
        /// </summary>
        public static double NearestRank(IReadOnlyList<double> sorted, double fraction)
        {
            // The small tolerance keeps binary rounding of fraction * count from moving the rank up by one.
            int rank = (int)Math.Ceiling(fraction * sorted.Count - 1e-9);
            return sorted[Math.Max(1, Math.Min(sorted.Count, rank)) - 1];
        }
    }
}
