using System.Diagnostics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Tests.Php
{
    /// <summary>The real php binary, the judge of every PHP file CommerceConnector writes.</summary>
    public sealed class PhpJudge : IDisposable
    {
        private const string DiffScript = @"<?php
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

        private const string ReadScript = @"<?php
$v = include $argv[1];
foreach (array_slice($argv, 2) as $k) { $v = $v[$k]; }
echo is_string($v) ? $v : json_encode($v);
";

        private readonly TempFolder _folder = new TempFolder();
        private int _counter;

        public PhpJudge()
        {
            File.WriteAllText(_folder.Combine("diff.php"), DiffScript);
            File.WriteAllText(_folder.Combine("read.php"), ReadScript);
        }

        public void Dispose() => _folder.Dispose();

        public string Save(string text)
        {
            string path = _folder.Combine($"env{System.Threading.Interlocked.Increment(ref _counter)}.php");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return path;
        }

        /// <summary>php -l: the file is valid PHP.</summary>
        public void AssertValidPhp(string text)
        {
            var (code, output) = Run("-l", Save(text));
            Assert.True(code == 0, "php -l rejected the file:\n" + output + "\n---\n" + text);
        }

        /// <summary>The flattened key paths (a/b/c) whose values differ between two files, as PHP itself sees them.</summary>
        public IReadOnlyList<string> ChangedPaths(string before, string after)
        {
            var (code, output) = Run(_folder.Combine("diff.php"), Save(before), Save(after));
            Assert.True(code == 0, "php could not include the files:\n" + output);
            return JArray.Parse(output).Select(t => (string)t).ToList();
        }

        /// <summary>The value PHP reads at a key path, as raw text.</summary>
        public string Read(string text, params string[] keys)
        {
            var (code, output) = Run(new[] { _folder.Combine("read.php"), Save(text) }.Concat(keys).ToArray());
            Assert.True(code == 0, "php could not read the value:\n" + output);
            return output;
        }

        /// <summary>The exact bytes PHP reads at a key path of the file at <paramref name="path"/>.</summary>
        public byte[] ReadBytes(string path, params string[] keys)
        {
            string output = _folder.Combine($"value{System.Threading.Interlocked.Increment(ref _counter)}.bin");
            var (code, messages) = Run(new[] { "-r", "$v = include $argv[1]; foreach (array_slice($argv, 3) as $k) { $v = $v[$k]; } file_put_contents($argv[2], $v);", path, output }.Concat(keys).ToArray());
            Assert.True(code == 0, "php could not read the value:\n" + messages);
            return File.ReadAllBytes(output);
        }

        private static (int, string) Run(params string[] args)
        {
            var start = new ProcessStartInfo("php") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add("display_errors=stderr");
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start);
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
    }
}
