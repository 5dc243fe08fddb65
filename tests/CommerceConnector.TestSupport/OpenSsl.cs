using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CommerceConnector.TestSupport
{
    /// <summary>The real openssl program: the reference every key format and signature is checked against.</summary>
    public static class OpenSsl
    {
        /// <summary>The first openssl on PATH, or null.</summary>
        public static string Program { get; } = ExternalProgram.FindOnPath("openssl");

        public static string Run(params string[] args) => Encoding.ASCII.GetString(RunBytes(args));

        public static byte[] RunBytes(params string[] args) => Timed(args).Output;

        /// <summary>Runs openssl, timed, and throws unless it exits with 0.</summary>
        public static ProcessRun Timed(params string[] args) =>
            ExternalProgram.RunChecked(Program ?? throw new InvalidOperationException("openssl is not on PATH."), args);

        /// <summary>
        /// The sign/s and verify/s figures of the "rsa &lt;bits&gt; bits" row of <c>openssl speed</c>, found by the header's
        /// column names (OpenSSL 3.0 prints four columns, 3.2 and later more).
        /// </summary>
        public static (double SignPerSecond, double VerifyPerSecond) ParseSpeed(string output, int bits)
        {
            string[] lines = output.Replace("\r", string.Empty).Split('\n');
            int row = Array.FindIndex(lines, l => Words(l).Take(3).SequenceEqual(new[] { "rsa", bits.ToString(CultureInfo.InvariantCulture), "bits" }));
            int header = row < 0 ? -1 : Array.FindLastIndex(lines, row, l => Words(l).Contains("sign/s") && Words(l).Contains("verify/s"));
            if (header < 0)
            {
                throw new FormatException($"the openssl speed output has no 'rsa {bits} bits' row under a header with sign/s and verify/s");
            }
            var names = Words(lines[header]).ToList();
            string[] values = Words(lines[row]).Skip(3).ToArray();
            if (values.Length != names.Count)
            {
                throw new FormatException($"the openssl speed row '{lines[row].Trim()}' has {values.Length} values for {names.Count} columns");
            }
            double Value(string name) => double.Parse(values[names.IndexOf(name)], NumberStyles.Float, CultureInfo.InvariantCulture);
            return (Value("sign/s"), Value("verify/s"));
        }

        private static string[] Words(string line) => line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
