using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
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

    /// <summary>Finding and running the command line programs the suites compare with (openssl, php).</summary>
    internal static class ExternalProgram
    {
        /// <summary>The full path of the first <paramref name="name"/> on PATH (name.exe on Windows), or null.</summary>
        public static string FindOnPath(string name)
        {
            string file = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? name + ".exe" : name;
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                if (folder.Length == 0)
                {
                    continue;
                }
                string candidate = Path.Combine(folder, file);
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
            return null;
        }

        /// <summary>
        /// Runs <paramref name="path"/> with <paramref name="arguments"/> (no shell, no standard input) and times it from
        /// just before the start until it has exited and both pipes are drained; the caller checks the exit code.
        /// </summary>
        public static ProcessRun Run(string path, string label, IEnumerable<string> arguments)
        {
            var info = new ProcessStartInfo(path)
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
                throw new InvalidOperationException($"{label} could not be started ({path}): {e.Message}", e);
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
    }
}
