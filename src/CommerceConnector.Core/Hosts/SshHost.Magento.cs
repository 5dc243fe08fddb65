using System.Diagnostics;
using System.Text.RegularExpressions;
using CommerceConnector.Core.Magento;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>Running <c>php bin/magento</c> on the host: through the server half, or as a plain sh session that streams its lines.</summary>
    public sealed partial class SshHost
    {
        public MagentoCommandResult RunMagento(string root, string[] arguments, TimeSpan timeout)
        {
            string command = "php bin/magento " + string.Join(" ", arguments);
            JObject answer;
            try
            {
                answer = Agent(new JObject { ["op"] = "magento", ["root"] = root, ["arguments"] = new JArray(arguments) }, null, root, timeout);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.MagentoCliNotFound)
            {
                throw new ConnectorException(ErrorIds.MagentoCliNotFound, ConnectorErrorCategory.ObjectNotFound, root,
                    $"{root} on {DisplayName} has no bin/magento, so '{command}' cannot run there. env.php was written; check the Magento root.", e);
            }
            // A magento answer always carries the exit code and the output.
            int exitCode = (int)answer["exitCode"]!;
            string output = Encoding.UTF8.GetString(Convert.FromBase64String((string)answer["output"]!)).Trim();
            if (exitCode != 0)
            {
                string last = output.Length == 0 ? "(no output)." : output.Split('\n').Last().Trim();
                throw new ConnectorException(ErrorIds.MagentoCommandFailed, ConnectorErrorCategory.InvalidResult, root,
                    $"'{command}' in {root} on {DisplayName} failed with exit code {exitCode}: {last} env.php was written; fix the store and run the command again.");
            }
            return new MagentoCommandResult(Address.ToUri(root), command, exitCode, output);
        }

        /// <summary>
        /// Runs <c>php bin/magento &lt;arguments&gt;</c> in <paramref name="root"/> on this host as
        /// <see cref="MagentoCli.Execute"/> does locally: a session over the host's connection whose command is plain sh
        /// (every argument and variable single-quoted for that shell; no secret travels in it), fed the invocation's
        /// standard input (then closed), each line it prints (standard output and standard error, merged on the server)
        /// handed to <see cref="MagentoInvocation.OnLine"/> as it arrives, and its exit code. The invocation's PHP is this
        /// computer's: on the server, php is the SSH user's from PATH. A missing root or bin/magento is the error of a
        /// local one; a run that exceeds the timeout, or is cancelled, is stopped (its session closed).
        /// </summary>
        public MagentoProcessResult ExecuteMagento(string root, MagentoInvocation invocation)
        {
            string uri = Address.ToUri(root);
            string command = invocation.CommandText;
            string quotedRoot = ShellWords.ShellQuote(root);
            var remote = new StringBuilder();
            remote.Append("if [ ! -d ").Append(quotedRoot).Append(" ]; then echo 'cc-magento: NotFound' >&2; exit 254; fi; ");
            remote.Append("if [ ! -f ").Append(ShellWords.ShellQuote(root.TrimEnd('/') + "/bin/magento")).Append(" ]; then echo 'cc-magento: NoMagento' >&2; exit 254; fi; ");
            remote.Append("cd ").Append(quotedRoot).Append(" && exec env");
            foreach (var variable in invocation.Environment)
            {
                if (!Regex.IsMatch(variable.Key, "^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant))
                {
                    throw new ArgumentException($"Not a variable name: {variable.Key}", nameof(invocation));
                }
                remote.Append(' ').Append(ShellWords.ShellQuote(variable.Key + "=" + variable.Value));
            }
            remote.Append(" php bin/magento");
            foreach (string argument in invocation.Arguments)
            {
                remote.Append(' ').Append(ShellWords.ShellQuote(argument));
            }
            remote.Append(" 2>&1");

            var lines = new List<string>();
            bool cancelled = false;
            Action<Process> interact = process =>
            {
                using (invocation.Cancellation.Register(() =>
                {
                    cancelled = true;
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }))
                {
                    invocation.SendInput(process);
                    string line;
                    while ((line = process.StandardOutput.ReadLine()) != null)
                    {
                        lock (lines)
                        {
                            lines.Add(line);
                            invocation.OnLine?.Invoke(line);
                        }
                    }
                }
            };
            SshRun run;
            try
            {
                run = Exec(remote.ToString(), interact, invocation.Timeout, root);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.HostCommandFailed && e.Category == ConnectorErrorCategory.OperationTimeout)
            {
                lock (lines)
                {
                    return new MagentoProcessResult(uri, command, -1, lines.ToList(), timedOut: true, cancelled: false);
                }
            }
            catch (ConnectorException e) when (cancelled || invocation.Cancellation.IsCancellationRequested)
            {
                _ = e;
                lock (lines)
                {
                    return new MagentoProcessResult(uri, command, -1, lines.ToList(), timedOut: false, cancelled: true);
                }
            }
            if (cancelled || invocation.Cancellation.IsCancellationRequested)
            {
                lock (lines)
                {
                    return new MagentoProcessResult(uri, command, -1, lines.ToList(), timedOut: false, cancelled: true);
                }
            }
            if (run.ExitCode == 254 && run.Errors.IndexOf("cc-magento: NotFound", StringComparison.Ordinal) >= 0)
            {
                throw new ConnectorException(ErrorIds.HostPathNotFound, ConnectorErrorCategory.ObjectNotFound, uri,
                    $"'{root}' does not exist on {DisplayName}, so '{command}' cannot run there. {invocation.Purpose}Check the path on that server (ls -ld '{root}'); is Magento installed there?");
            }
            if (run.ExitCode == 254 && run.Errors.IndexOf("cc-magento: NoMagento", StringComparison.Ordinal) >= 0)
            {
                throw new ConnectorException(ErrorIds.MagentoCliNotFound, ConnectorErrorCategory.ObjectNotFound, uri,
                    $"{root} on {DisplayName} has no bin/magento, so '{command}' cannot run there. {invocation.Purpose}Run the command where the store's code is, or check the Magento root.");
            }
            lock (lines)
            {
                return new MagentoProcessResult(uri, command, run.ExitCode, lines.ToList(), timedOut: false, cancelled: false);
            }
        }
    }
}
