using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace CommerceConnector.Bench
{
    /// <summary>One finished process: its exit code, its output and the wall time from start to exit.</summary>
    internal sealed class ProcessRun
    {
        public ProcessRun(int exitCode, string standardOutput, string standardError, TimeSpan elapsed)
        {
            ExitCode = exitCode;
            StandardOutput = standardOutput;
            StandardError = standardError;
            Elapsed = elapsed;
        }

        public int ExitCode { get; }

        public string StandardOutput { get; }

        public string StandardError { get; }

        /// <summary>From just before <see cref="Process.Start(ProcessStartInfo)"/> until the process has exited and both pipes are drained.</summary>
        public TimeSpan Elapsed { get; }
    }

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
            string name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "openssl.exe" : "openssl";
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
            {
                if (folder.Length == 0)
                {
                    continue;
                }
                string candidate = System.IO.Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return new OpenSsl(System.IO.Path.GetFullPath(candidate));
                }
            }
            return null;
        }

        /// <summary>Runs openssl with <paramref name="arguments"/> (no shell) and times it; the caller checks the exit code.</summary>
        public ProcessRun Run(params string[] arguments)
        {
            var info = new ProcessStartInfo(Path)
            {
                UseShellExecute = false,
                RedirectStandardInput = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            long start = Stopwatch.GetTimestamp();
            Process process;
            try
            {
                process = Process.Start(info);
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException($"openssl could not be started ({Path}): {e.Message}", e);
            }
            using (process)
            {
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                Task<string> error = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                string standardOutput = output.GetAwaiter().GetResult();
                string standardError = error.GetAwaiter().GetResult();
                TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
                return new ProcessRun(process.ExitCode, standardOutput, standardError, elapsed);
            }
        }

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
