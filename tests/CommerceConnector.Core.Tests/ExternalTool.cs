using System.Diagnostics;

namespace CommerceConnector.Core.Tests
{
    /// <summary>Runs a program of the machine (stat, php, sh) with these exact arguments, as the real tool judges.</summary>
    internal static class ExternalTool
    {
        /// <summary>The exit code, standard output and standard error of <paramref name="program"/>.</summary>
        public static (int ExitCode, string Output, string Error) Run(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using Process process = Process.Start(start);
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
    }
}
