using System.ComponentModel;
using System.Diagnostics;

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
            if (Hosts.RemotePath.IsRemote(root))
            {
                return Hosts.HostConnections.For(root, out string hostRoot).RunMagento(hostRoot, arguments, timeout);
            }
            var run = Execute(new MagentoInvocation(root, arguments) { Php = php, Timeout = timeout, Purpose = "env.php was written; " });
            string text = string.Join("\n", run.Lines).Trim();
            if (run.TimedOut)
            {
                throw new ConnectorException(ErrorIds.MagentoCommandFailed, ConnectorErrorCategory.OperationTimeout, run.Root,
                    $"'{run.Command}' in {run.Root} did not finish within {timeout.TotalSeconds:0} s and was stopped. env.php was written; run the command by hand.");
            }
            if (run.ExitCode != 0)
            {
                throw new ConnectorException(ErrorIds.MagentoCommandFailed, ConnectorErrorCategory.InvalidResult, run.Root,
                    $"'{run.Command}' in {run.Root} failed with exit code {run.ExitCode}: {Last(text)} env.php was written; fix the store and run the command again.");
            }
            return new MagentoCommandResult(run.Root, run.Command, run.ExitCode, text);
        }

        /// <summary>
        /// The one place where the module starts <c>php bin/magento</c>: runs <paramref name="invocation"/> in its Magento
        /// root, feeds it the invocation's standard input (then closes it), hands each line it prints (standard output and
        /// standard error, in the order they arrive) to <see cref="MagentoInvocation.OnLine"/>, and returns its exit code
        /// and lines. A non-zero exit code is the caller's to judge; a missing bin/magento or php is a module error. A run
        /// that exceeds the timeout, or is cancelled, is stopped (with its child processes).
        /// </summary>
        public static MagentoProcessResult Execute(MagentoInvocation invocation)
        {
            if (invocation == null)
            {
                throw new ArgumentNullException(nameof(invocation));
            }
            if (Hosts.RemotePath.IsRemote(invocation.Root))
            {
                // The instance's own server, through the connection of its host (one per host per command).
                var host = (Hosts.SshHost)Hosts.HostConnections.For(invocation.Root, out string hostRoot);
                return host.ExecuteMagento(hostRoot, invocation);
            }
            string fullRoot = Path.GetFullPath(invocation.Root);
            string command = invocation.CommandText;
            if (!File.Exists(Path.Combine(fullRoot, "bin", "magento")))
            {
                throw new ConnectorException(ErrorIds.MagentoCliNotFound, ConnectorErrorCategory.ObjectNotFound, fullRoot,
                    $"{fullRoot} has no bin/magento, so '{command}' cannot run there. {invocation.Purpose}Run the command where the store's code is, or check the Magento root.");
            }
            var start = new ProcessStartInfo(invocation.Php)
            {
                WorkingDirectory = fullRoot,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            // netstandard2.0 has no ArgumentList: each argument is quoted for the runtime's command-line parser.
            start.Arguments = string.Join(" ", new[] { Path.Combine("bin", "magento") }.Concat(invocation.Arguments).Select(Quote));
            foreach (var variable in invocation.Environment)
            {
                start.Environment[variable.Key] = variable.Value;
            }
            var lines = new List<string>();
            Process process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception e)
            {
                throw new ConnectorException(ErrorIds.PhpNotFound, ConnectorErrorCategory.ObjectNotFound, invocation.Php,
                    $"'{invocation.Php}' could not be started to run '{command}' in {fullRoot} ({e.Message}). Install php-cli or put php on PATH. {invocation.Purpose}");
            }
            using (process)
            {
                DataReceivedEventHandler received = (_, e) =>
                {
                    if (e.Data == null)
                    {
                        return;
                    }
                    lock (lines)
                    {
                        lines.Add(e.Data);
                        invocation.OnLine?.Invoke(e.Data);
                    }
                };
                process.OutputDataReceived += received;
                process.ErrorDataReceived += received;
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                invocation.SendInput(process);
                bool finished;
                using (invocation.Cancellation.Register(() => Stop(process)))
                {
                    finished = process.WaitForExit((int)Math.Min(int.MaxValue, invocation.Timeout.TotalMilliseconds));
                    if (!finished)
                    {
                        Stop(process);
                    }
                    process.WaitForExit();
                }
                bool cancelled = invocation.Cancellation.IsCancellationRequested;
                lock (lines)
                {
                    return new MagentoProcessResult(fullRoot, command, finished && !cancelled ? process.ExitCode : -1, lines.ToList(), !finished, cancelled);
                }
            }
        }

        private static void Stop(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
            }
            catch (Win32Exception)
            {
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
