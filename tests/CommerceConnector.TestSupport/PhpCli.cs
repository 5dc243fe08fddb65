using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.TestSupport
{
    /// <summary>
    /// The real php program (php-cli), the judge of every PHP file CommerceConnector writes: PHP itself includes the
    /// files and says what they hold. Its scripts and saved files live in a temporary folder of its own.
    /// </summary>
    public sealed class PhpJudge : IDisposable
    {
        private const string ChangedScript = @"<?php
function flat($a, $p, &$out) {
    foreach ($a as $k => $v) {
        $path = $p === '' ? (string)$k : $p . '/' . $k;
        if (is_array($v) && $v !== []) { flat($v, $path, $out); } else { $out[$path] = $v; }
    }
}
$before = include $argv[1];
$after = include $argv[2];
$b = []; flat($before, '', $b);
$a = []; flat($after, '', $a);
$changed = [];
foreach ($b as $k => $v) { if (!array_key_exists($k, $a) || $a[$k] !== $v) { $changed[] = $k; } }
foreach ($a as $k => $v) { if (!array_key_exists($k, $b)) { $changed[] = $k; } }
$changed = array_values(array_unique($changed));
sort($changed);
echo json_encode($changed);
";

        // For each pair of files (before, after): the flattened paths whose values differ, with the value after (null: removed).
        private const string DiffScript = @"<?php
function leaves($a, $prefix, &$out) {
    foreach ($a as $k => $v) {
        $p = $prefix === '' ? (string)$k : $prefix . '/' . $k;
        if (is_array($v) && count($v) > 0) { leaves($v, $p, $out); } else { $out[$p] = $v; }
    }
}
$all = [];
for ($i = 1; $i + 1 < $argc; $i += 2) {
    $before = []; leaves(include $argv[$i], '', $before);
    $after = []; leaves(include $argv[$i + 1], '', $after);
    $diff = [];
    foreach ($after as $k => $v) { if (!array_key_exists($k, $before) || $before[$k] !== $v) { $diff[$k] = $v; } }
    foreach ($before as $k => $v) { if (!array_key_exists($k, $after)) { $diff[$k] = null; } }
    ksort($diff, SORT_STRING);
    $all[] = (object)$diff;
}
echo json_encode($all);
";

        private const string ReadScript = @"<?php
$v = include $argv[1];
foreach (array_slice($argv, 2) as $k) { $v = $v[$k]; }
echo is_string($v) ? $v : json_encode($v);
";

        private readonly TempFolder _folder = new TempFolder("cc-php-");
        private int _counter;

        public PhpJudge()
        {
            File.WriteAllText(_folder.Combine("changed.php"), ChangedScript);
            File.WriteAllText(_folder.Combine("diff.php"), DiffScript);
            File.WriteAllText(_folder.Combine("read.php"), ReadScript);
            File.WriteAllText(_folder.Combine("same.php"), "<?php\n$a = include $argv[1];\n$b = include $argv[2];\necho $a === $b ? 'same' : 'different';\n");
        }

        /// <summary>The first php on PATH, or null.</summary>
        public static string Program { get; } = ExternalProgram.FindOnPath("php");

        public void Dispose() => _folder.Dispose();

        /// <summary>Writes <paramref name="text"/> to a new file of the judge's folder and returns its path.</summary>
        public string Save(string text)
        {
            string path = _folder.Combine($"env{Interlocked.Increment(ref _counter)}.php");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return path;
        }

        /// <summary>php -l: the file is valid PHP.</summary>
        public void AssertValidPhp(string text) => Check(Run("-l", Save(text)), "php -l rejected the file", "\n---\n" + text);

        /// <summary>php -l on a file.</summary>
        public void Lint(string path) => Check(Run("-l", path), "php -l rejected " + path);

        /// <summary>The flattened key paths (a/b/c) whose values differ between two files, as PHP itself sees them.</summary>
        public IReadOnlyList<string> ChangedPaths(string before, string after)
        {
            ProcessRun run = Check(Run(_folder.Combine("changed.php"), Save(before), Save(after)), "php could not include the files");
            return JArray.Parse(run.Text).Select(t => (string)t).ToList();
        }

        /// <summary>For each (before, after) pair of files: the paths whose values differ, with the value after. One php process.</summary>
        public IReadOnlyList<IReadOnlyDictionary<string, JToken>> Differences(IReadOnlyList<(string Before, string After)> pairs)
        {
            ProcessRun run = Check(Run(new[] { _folder.Combine("diff.php") }.Concat(pairs.SelectMany(p => new[] { p.Before, p.After })).ToArray()), "php diff.php failed");
            return JArray.Parse(run.Text).Select(item => (IReadOnlyDictionary<string, JToken>)((JObject)item).Properties().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)).ToList();
        }

        /// <summary>True when PHP's include gives identical arrays for both files (===).</summary>
        public bool Same(string first, string second) => Check(Run(_folder.Combine("same.php"), first, second), "php same.php failed").Text.Trim() == "same";

        /// <summary>The value PHP reads at a key path, as raw text.</summary>
        public string Read(string text, params string[] keys) =>
            Check(Run(new[] { _folder.Combine("read.php"), Save(text) }.Concat(keys).ToArray()), "php could not read the value").Text;

        /// <summary>The exact bytes PHP reads at a key path of the file at <paramref name="path"/>.</summary>
        public byte[] ReadBytes(string path, params string[] keys)
        {
            string output = _folder.Combine($"value{Interlocked.Increment(ref _counter)}.bin");
            Check(Run(new[] { "-r", "$v = include $argv[1]; foreach (array_slice($argv, 3) as $k) { $v = $v[$k]; } file_put_contents($argv[2], $v);", path, output }.Concat(keys).ToArray()),
                "php could not read the value");
            return File.ReadAllBytes(output);
        }

        /// <summary>Runs php (errors to standard error), timed; the caller checks the exit code.</summary>
        public static ProcessRun Run(params string[] args) =>
            ExternalProgram.Run(Program ?? throw new InvalidOperationException("php is not on PATH (apt-get install php-cli)."), new[] { "-d", "display_errors=stderr" }.Concat(args));

        private static ProcessRun Check(ProcessRun run, string what, string more = "") =>
            run.ExitCode == 0 ? run : throw new InvalidOperationException($"{what}:\n{run.Text}{run.Errors}{more}");
    }
}
