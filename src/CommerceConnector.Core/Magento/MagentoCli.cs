using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using CommerceConnector.Core.Errors;

namespace CommerceConnector.Core.Magento
{
    /// <summary>
    /// The store's own command line, <c>php bin/magento</c>, run in its Magento root. Magento serves its configuration
    /// from a cache: after a change to env.php the store keeps the old values until <c>cache:clean config</c> runs.
    /// </summary>
    public static class MagentoCli
    {
        /// <summary>The command that makes Magento read a changed env.php, as it is typed in the root.</summary>
        public const string CleanConfigCacheCommand = "php bin/magento cache:clean config";

        /// <summary>How long a cache clean may take before it is given up (Magento with a cold autoloader can be slow).</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

        /// <summary>The warning a command gives after it changed env.php without cleaning the cache.</summary>
        public static string StaleCacheWarning(string root) =>
            $"Magento keeps serving the previous connector values until its configuration cache is cleaned: run '{CleanConfigCacheCommand}' in {root}, or add -CleanCache.";

        /// <summary>Runs <c>php bin/magento cache:clean config</c> in <paramref name="root"/>.</summary>
        public static MagentoCommandResult CleanConfigCache(string root, string php = "php", TimeSpan? timeout = null) =>
            Run(root, php, new[] { "cache:clean", "config" }, timeout ?? DefaultTimeout);

        /// <summary>
        /// Runs <c>php bin/magento &lt;arguments&gt;</c> in <paramref name="root"/> with no standard input, and fails with
        /// a module error when bin/magento or php is missing, the run times out, or it exits with a code other than 0.
        /// </summary>
        public static MagentoCommandResult Run(string root, string php, string[] arguments, TimeSpan timeout)
        {
            string fullRoot = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));
            string command = "php bin/magento " + string.Join(" ", arguments);
            if (!File.Exists(Path.Combine(fullRoot, "bin", "magento")))
            {
                throw new ConnectorException(ErrorIds.MagentoCliNotFound, ConnectorErrorCategory.ObjectNotFound, fullRoot,
                    $"{fullRoot} has no bin/magento, so '{command}' cannot run there. env.php was written; run the command where the store's code is, or check the Magento root.");
            }
            var start = new ProcessStartInfo(php)
            {
                WorkingDirectory = fullRoot,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            // netstandard2.0 has no ArgumentList: each argument is quoted for the runtime's command-line parser.
            start.Arguments = string.Join(" ", new[] { Path.Combine("bin", "magento") }.Concat(arguments).Select(Quote));
            var output = new StringBuilder();
            var errors = new StringBuilder();
            Process process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception e)
            {
                throw new ConnectorException(ErrorIds.PhpNotFound, ConnectorErrorCategory.ObjectNotFound, php,
                    $"'{php}' could not be started to run '{command}' in {fullRoot} ({e.Message}). Install php-cli or put php on PATH. env.php was written.", e);
            }
            using (process)
            {
                process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
                process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (errors) { errors.AppendLine(e.Data); } } };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                process.StandardInput.Close();
                if (!process.WaitForExit((int)timeout.TotalMilliseconds))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }
                    throw new ConnectorException(ErrorIds.MagentoCommandFailed, ConnectorErrorCategory.OperationTimeout, fullRoot,
                        $"'{command}' in {fullRoot} did not finish within {timeout.TotalSeconds:0} s and was stopped. env.php was written; run the command by hand.");
                }
                process.WaitForExit();
                string text = (output.ToString() + errors.ToString()).Trim();
                if (process.ExitCode != 0)
                {
                    throw new ConnectorException(ErrorIds.MagentoCommandFailed, ConnectorErrorCategory.InvalidResult, fullRoot,
                        $"'{command}' in {fullRoot} failed with exit code {process.ExitCode}: {Last(text)} env.php was written; fix the store and run the command again.");
                }
                return new MagentoCommandResult(fullRoot, command, process.ExitCode, text);
            }
        }

        // The arguments are the module's own (command names, options, feed names, ids it validated): never a quote.
        private static string Quote(string argument)
        {
            if (argument.IndexOf('"') >= 0)
            {
                throw new ArgumentException($"An argument for bin/magento holds a double quote: {argument}", nameof(argument));
            }
            return argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t' }) < 0 ? argument : "\"" + argument + "\"";
        }

        private static string Last(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return "(no output).";
            }
            string[] lines = text.Split('\n');
            string last = lines[lines.Length - 1].Trim();
            return last.EndsWith(".") ? last : last + ".";
        }
    }
}
