using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Bench
{
    /// <summary>
    /// The php command line program (php-cli) the envphp suite compares with, and which judges the files the suite
    /// writes: PHP itself includes them and says what they hold.
    /// </summary>
    internal sealed class PhpCli
    {
        private readonly string _diffScript;
        private readonly string _sameScript;
        private readonly Func<bool> _cancelled;

        private PhpCli(string path, string scriptFolder, Func<bool> cancelled)
        {
            Path = path;
            _cancelled = cancelled;
            _diffScript = System.IO.Path.Combine(scriptFolder, "diff.php");
            _sameScript = System.IO.Path.Combine(scriptFolder, "same.php");
        }

        /// <summary>The full path of the program.</summary>
        public string Path { get; }

        /// <summary>
        /// The program given with --php, or else the first <c>php</c> on PATH; null when there is none (the envphp suite
        /// then measures Core alone and says so).
        /// </summary>
        public static string Find(string given)
        {
            if (given != null)
            {
                string full = System.IO.Path.GetFullPath(given);
                if (!File.Exists(full))
                {
                    throw new ArgumentException($"--php: the program '{full}' does not exist.");
                }
                return full;
            }
            return ExternalProgram.FindOnPath("php");
        }

        /// <summary>The program at <paramref name="path"/>, with its checking scripts written into <paramref name="scriptFolder"/>.</summary>
        public static PhpCli Create(string path, string scriptFolder, Func<bool> cancelled)
        {
            var php = new PhpCli(path, scriptFolder, cancelled);
            File.WriteAllText(php._diffScript, EnvPhpFiles.DiffScript);
            File.WriteAllText(php._sameScript, EnvPhpFiles.SameScript);
            return php;
        }

        /// <summary>Runs php with <paramref name="arguments"/> (errors go to standard error) and times it; the caller checks the exit code.</summary>
        public ProcessRun Run(params string[] arguments) =>
            ExternalProgram.Run(Path, "php", new[] { "-d", "display_errors=stderr" }.Concat(arguments));

        /// <summary>What <c>php --version</c> prints first.</summary>
        public string Version()
        {
            ProcessRun run = Run("--version");
            Expect(run, "--version");
            return run.StandardOutput.Split('\n')[0].Trim();
        }

        /// <summary>php -l: the file is valid PHP.</summary>
        public void Lint(string file)
        {
            ProcessRun run = Run("-l", file);
            Expect(run, "-l " + file);
        }

        /// <summary>
        /// For each (before, after) pair, as PHP includes them: the flattened key paths (a/b/c) whose values differ,
        /// with the value after (null when removed). One php process for all pairs.
        /// </summary>
        public IReadOnlyList<IReadOnlyDictionary<string, JToken>> Differences(IReadOnlyList<(string Before, string After)> pairs)
        {
            var arguments = new List<string> { _diffScript };
            foreach (var (before, after) in pairs)
            {
                arguments.Add(before);
                arguments.Add(after);
            }
            ProcessRun run = Run(arguments.ToArray());
            Expect(run, "diff.php");
            var all = JArray.Parse(run.StandardOutput);
            if (all.Count != pairs.Count)
            {
                throw new InvalidOperationException($"php diff.php answered for {all.Count} pairs, not {pairs.Count}.");
            }
            return all.Select(item => (IReadOnlyDictionary<string, JToken>)((JObject)item).Properties().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)).ToList();
        }

        /// <summary>True when PHP's include gives identical arrays for both files (===).</summary>
        public bool Same(string first, string second)
        {
            ProcessRun run = Run(_sameScript, first, second);
            Expect(run, "same.php");
            return run.StandardOutput.Trim() == "same";
        }

        private void Expect(ProcessRun run, string what)
        {
            // A Ctrl+C reaches php too; report the cancellation, not php's death.
            if (_cancelled())
            {
                throw new OperationCanceledException("The benchmark was cancelled.");
            }
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"php {what} failed with exit code {run.ExitCode}: {(run.StandardError + run.StandardOutput).Trim()}");
            }
        }
    }
}
