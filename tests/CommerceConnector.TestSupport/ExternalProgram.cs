using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace CommerceConnector.TestSupport
{
    /// <summary>One finished process: exit code, output (bytes and text), errors and wall time from start to exit.</summary>
    public sealed record ProcessRun(int ExitCode, byte[] Output, string Errors, TimeSpan Elapsed)
    {
        public string Text => Encoding.UTF8.GetString(Output);
    }

    /// <summary>Finding and running the command line programs the tests and benchmarks compare with (openssl, php).</summary>
    public static class ExternalProgram
    {
        /// <summary>The full path of the first <paramref name="name"/> on PATH (name.exe on Windows), or null.</summary>
        public static string FindOnPath(string name)
        {
            string file = OperatingSystem.IsWindows() ? name + ".exe" : name;
            return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Where(folder => folder.Length > 0).Select(folder => Path.Combine(folder, file)).FirstOrDefault(File.Exists);
        }

        /// <summary>Runs <paramref name="program"/> (no shell, no standard input), timed until it exited and both pipes are drained.</summary>
        public static ProcessRun Run(string program, IEnumerable<string> arguments)
        {
            var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, CreateNoWindow = true };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
            long start = Stopwatch.GetTimestamp();
            using Process process = Process.Start(info);
            using var output = new MemoryStream();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            return new ProcessRun(process.ExitCode, output.ToArray(), errors.GetAwaiter().GetResult(), Stopwatch.GetElapsedTime(start));
        }

        /// <summary>Runs the program and throws with its messages unless it exits with 0.</summary>
        public static ProcessRun RunChecked(string program, IEnumerable<string> arguments)
        {
            string[] list = arguments.ToArray();
            ProcessRun run = Run(program, list);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(" ", list)} failed with exit code {run.ExitCode}: {(run.Errors + run.Text).Trim()}");
            }
            return run;
        }
    }
}
