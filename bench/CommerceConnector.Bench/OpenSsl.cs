using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace CommerceConnector.Bench
{
    /// <summary>The <c>openssl</c> command line program the keys suite compares with.</summary>
    internal sealed class OpenSsl
    {
        private OpenSsl(string path)
        {
            Path = path;
        }

        /// <summary>The full path of the program.</summary>
        public string Path { get; }

        /// <summary>
        /// The program given with --openssl, or else the first <c>openssl</c> on PATH; null when there is none (the
        /// keys suite then measures Core alone and says so).
        /// </summary>
        public static OpenSsl Find(string given)
        {
            if (given != null)
            {
                string full = System.IO.Path.GetFullPath(given);
                if (!File.Exists(full))
                {
                    throw new ArgumentException($"--openssl: the program '{full}' does not exist.");
                }
                return new OpenSsl(full);
            }
            string found = ExternalProgram.FindOnPath("openssl");
            return found == null ? null : new OpenSsl(found);
        }

        /// <summary>Runs openssl with <paramref name="arguments"/> (no shell) and times it; the caller checks the exit code.</summary>
        public ProcessRun Run(params string[] arguments) => ExternalProgram.Run(Path, "openssl", arguments);

        /// <summary>
        /// Reads the sign/s and verify/s figures of the RSA row from <c>openssl speed rsa&lt;bits&gt;</c>'s standard
        /// output. OpenSSL 3 prints a table whose header names the columns and whose row starts "rsa 2048 bits":
        /// <code>
        ///                   sign    verify    sign/s verify/s
        /// rsa 2048 bits 0.000223s 0.000013s   4482.0  75422.0
        /// </code>
        /// (OpenSSL 3.2 and later add encrypt and decrypt columns; the columns are found by their header names, and the
        /// row by its words, whatever the spacing.)
        /// </summary>
        public static (double SignPerSecond, double VerifyPerSecond) ParseSpeed(string output, int bits)
        {
            string[] lines = (output ?? string.Empty).Replace("\r", string.Empty).Split('\n');
            string bitsText = bits.ToString(CultureInfo.InvariantCulture);
            for (int i = 0; i < lines.Length; i++)
            {
                string[] row = Words(lines[i]);
                if (row.Length < 3 || row[0] != "rsa" || row[1] != bitsText || row[2] != "bits")
                {
                    continue;
                }
                List<string> header = null;
                for (int h = i - 1; h >= 0 && header == null; h--)
                {
                    var names = new List<string>(Words(lines[h]));
                    if (names.Contains("sign/s") && names.Contains("verify/s"))
                    {
                        header = names;
                    }
                }
                if (header == null)
                {
                    break;
                }
                string[] values = row.Skip(3).ToArray();
                if (values.Length != header.Count)
                {
                    throw new FormatException($"the openssl speed row '{lines[i].Trim()}' has {values.Length} values for {header.Count} columns");
                }
                return (Number(values[header.IndexOf("sign/s")], lines[i]), Number(values[header.IndexOf("verify/s")], lines[i]));
            }
            throw new FormatException($"the openssl speed output has no 'rsa {bits} bits' row under a header with sign/s and verify/s");
        }

        private static string[] Words(string line) => line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);

        private static double Number(string text, string line)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0) || double.IsInfinity(value))
            {
                throw new FormatException($"'{text}' in the openssl speed row '{line.Trim()}' is not a positive number");
            }
            return value;
        }
    }
}
