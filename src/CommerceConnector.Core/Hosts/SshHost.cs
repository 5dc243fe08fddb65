using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Magento;
using CommerceConnector.Core.Storage;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// A server reached with the system's OpenSSH client, so that the user's <c>~/.ssh/config</c> (aliases, ProxyJump,
    /// ports, identities), the agent and <c>known_hosts</c> apply exactly as for <c>ssh</c> itself. One connection per
    /// host: a ControlMaster process owns it, with its socket in an owner-only temporary folder, and every operation is
    /// a session multiplexed over it. BatchMode (no prompts) and StrictHostKeyChecking=yes (an unknown or changed host key
    /// is an error, never accepted). On the server, everything is sh + php: the server half
    /// (<c>HostAgent.php</c>) travels on the command line base64-encoded with its request (paths, hashes; never
    /// secret material); new file content travels only on standard input, inside the encrypted connection.
    /// </summary>
    public sealed class SshHost : IInstanceHost
    {
        private static readonly Lazy<string> AgentCode = new Lazy<string>(LoadAgent);
        private static readonly Regex ServerHostKey = new Regex(@"Server host key: (\S+) (SHA256:[A-Za-z0-9+/=]+)", RegexOptions.CultureInvariant);
        private static readonly Regex SentHostKey = new Regex(@"fingerprint for the (\S+) key sent by the remote host is\s+(SHA256:[A-Za-z0-9+/=]+)", RegexOptions.CultureInvariant);

        private readonly object _gate = new object();
        private readonly SshOptions _options;
        private Process _master;
        private StringBuilder _masterErrors;
        private string _folder;
        private bool _disposed;

        /// <summary>For tests: runs on the writing thread when half of a new file's content has been sent.</summary>
        [ThreadStatic]
        internal static Action<SshHost> ContentHalfSent;

        public SshHost(HostAddress address, SshOptions options = null)
        {
            Address = address ?? throw new ArgumentNullException(nameof(address));
            _options = options ?? SshOptions.FromEnvironment();
        }

        public HostAddress Address { get; }

        public string DisplayName => Address.ToString();

        /// <summary>How many connections this host opened so far (1 unless one dropped).</summary>
        public int ConnectionsOpened { get; private set; }

        /// <summary>The process id of the local ssh process that holds the connection; 0 when there is none.</summary>
        public int MasterProcessId
        {
            get
            {
                lock (_gate)
                {
                    return _master != null && !_master.HasExited ? _master.Id : 0;
                }
            }
        }

        private string ControlPath => Path.Combine(_folder, "c");

        /// <summary>Opens the connection now (otherwise the first operation does); errors as for any operation.</summary>
        public void Connect() => EnsureConnected();

        public IReadOnlyList<HostFile> ReadFiles(IReadOnlyList<string> paths)
        {
            var answer = Agent(new JObject { ["op"] = "read", ["paths"] = new JArray(paths.ToArray()), ["removeLeftovers"] = true }, null);
            return ((JArray)answer["files"]).Select(ToHostFile).ToList();
        }

        public string Replace(string path, byte[] expected, byte[] content, DateTimeOffset now, int backupsKept)
        {
            var request = new JObject
            {
                ["op"] = "replace",
                ["path"] = path,
                ["expectedSha256"] = Sha256(expected),
                ["length"] = content.Length,
                ["sha256"] = Sha256(content),
                ["backupMarker"] = ConfigFileWriter.BackupMarker,
                ["backupStamp"] = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture),
                ["backupsKept"] = backupsKept,
            };
            var answer = Agent(request, content, path);
            LastBackups = answer["backups"]?.Select(b => (string)b).ToList();
            return (string)answer["backup"];
        }

        /// <summary>The backups beside the file the last <see cref="Replace"/> on this thread wrote, newest first, as the server listed them after pruning.</summary>
        [ThreadStatic]
        internal static IReadOnlyList<string> LastBackups;

        public IReadOnlyList<string> Backups(string path)
        {
            var answer = Agent(new JObject { ["op"] = "backups", ["path"] = path, ["backupMarker"] = ConfigFileWriter.BackupMarker }, null);
            return answer["backups"].Select(b => (string)b).ToList();
        }

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
            int exitCode = (int)answer["exitCode"];
            string output = Encoding.UTF8.GetString(Convert.FromBase64String((string)answer["output"])).Trim();
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
            string quotedRoot = ShellQuote(root);
            var remote = new StringBuilder();
            remote.Append("if [ ! -d ").Append(quotedRoot).Append(" ]; then echo 'cc-magento: NotFound' >&2; exit 254; fi; ");
            remote.Append("if [ ! -f ").Append(ShellQuote(root.TrimEnd('/') + "/bin/magento")).Append(" ]; then echo 'cc-magento: NoMagento' >&2; exit 254; fi; ");
            remote.Append("cd ").Append(quotedRoot).Append(" && exec env");
            foreach (var variable in invocation.Environment)
            {
                if (!Regex.IsMatch(variable.Key, "^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant))
                {
                    throw new ArgumentException($"Not a variable name: {variable.Key}", nameof(invocation));
                }
                remote.Append(' ').Append(ShellQuote(variable.Key + "=" + variable.Value));
            }
            remote.Append(" php bin/magento");
            foreach (string argument in invocation.Arguments)
            {
                remote.Append(' ').Append(ShellQuote(argument));
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
                    try
                    {
                        if (!string.IsNullOrEmpty(invocation.StandardInput))
                        {
                            process.StandardInput.Write(invocation.StandardInput);
                            process.StandardInput.Flush();
                        }
                        process.StandardInput.Close();
                    }
                    catch (IOException)
                    {
                        // The command ended before it read its input: its exit code and output say why.
                    }
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

        /// <summary>One word for a POSIX shell: single-quoted, each single quote written as '\''.</summary>
        internal static string ShellQuote(string word) => "'" + (word ?? string.Empty).Replace("'", "'\\''") + "'";

        public HostEndpoint Forward(string hostName, int port, string socketPath = null)
        {
            EnsureConnected();
            string destination = socketPath ?? ((hostName.Contains(':') ? "[" + hostName + "]" : hostName) + ":" + port.ToString(CultureInfo.InvariantCulture));
            string failure = null;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                int local = FreeLoopbackPort();
                string spec = "127.0.0.1:" + local.ToString(CultureInfo.InvariantCulture) + ":" + destination;
                var run = RunSsh(Control("forward", spec), null, TimeSpan.FromSeconds(30));
                if (run.ExitCode == 0)
                {
                    int seen = MasterErrorLength();
                    return new HostEndpoint("127.0.0.1", local, null, () => CancelForward(spec), () => ChannelFailure(seen));
                }
                failure = run.Errors.Trim();
            }
            throw new ConnectorException(ErrorIds.HostPortForwardFailed, ConnectorErrorCategory.ConnectionError, DisplayName,
                $"{DisplayName} refused to forward a local port to {destination} ({failure}). Its sshd must allow TCP forwarding (AllowTcpForwarding yes) for the store's database to be reached through it.");
        }

        private int MasterErrorLength()
        {
            var errors = _masterErrors;
            if (errors == null)
            {
                return 0;
            }
            lock (errors)
            {
                return errors.Length;
            }
        }

        // Why the server refused to open a forwarded connection ("administratively prohibited" when its sshd forbids
        // forwarding, "connect failed" when nothing listens there), from what the master printed after the forward was
        // made; null when it said nothing of the kind. The master prints it a moment after the local connection closes.
        private string ChannelFailure(int seen)
        {
            var errors = _masterErrors;
            if (errors == null)
            {
                return null;
            }
            var deadline = DateTime.UtcNow.AddMilliseconds(1500);
            while (true)
            {
                string text;
                lock (errors)
                {
                    text = errors.ToString(Math.Min(seen, errors.Length), errors.Length - Math.Min(seen, errors.Length));
                }
                string line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.IndexOf("open failed", StringComparison.Ordinal) >= 0);
                if (line != null || DateTime.UtcNow > deadline)
                {
                    return line;
                }
                Thread.Sleep(50);
            }
        }

        // Closes a forwarded port; nothing to do when the connection (and so every forward of it) is already gone.
        private void CancelForward(string spec)
        {
            lock (_gate)
            {
                if (_disposed || _master == null || _master.HasExited)
                {
                    return;
                }
                try
                {
                    RunSsh(Control("cancel", spec), null, TimeSpan.FromSeconds(10));
                }
                catch (ConnectorException)
                {
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                StopMaster();
            }
        }

        // ---- the server half ---------------------------------------------------------------------------------------

        private JObject Agent(JObject request, byte[] content, string about = null, TimeSpan? timeout = null)
        {
            string requestText = Convert.ToBase64String(Encoding.UTF8.GetBytes(request.ToString(Formatting.None)));
            string remote = "php -r 'eval(base64_decode($argv[1]));' " + AgentCode.Value + " " + requestText;
            string answerLine = null;
            var halfSent = ContentHalfSent; // the work below runs on another thread
            Action<Process> interact = process =>
            {
                if (content != null)
                {
                    string first = process.StandardOutput.ReadLine();
                    if (first != null && first.StartsWith("ready ", StringComparison.Ordinal))
                    {
                        var stdin = process.StandardInput.BaseStream;
                        int half = content.Length / 2;
                        try
                        {
                            stdin.Write(content, 0, half);
                            stdin.Flush();
                            halfSent?.Invoke(this);
                            stdin.Write(content, half, content.Length - half);
                            stdin.Flush();
                        }
                        catch (IOException)
                        {
                            // The connection went away; the exit code says so below.
                        }
                    }
                    else
                    {
                        answerLine = first;
                    }
                }
                try
                {
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                }
                string rest = process.StandardOutput.ReadToEnd();
                string last = rest.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
                answerLine = last ?? answerLine;
            };
            var run = Exec(remote, interact, timeout ?? TimeSpan.FromMinutes(5), about);
            JObject answer;
            try
            {
                answer = answerLine == null ? null : JObject.Parse(answerLine);
            }
            catch (JsonException)
            {
                answer = null;
            }
            if (answer == null && content != null)
            {
                // A write whose server half ended without answering (killed with its session, or the session ended
                // under it): the rename happens only after the whole content arrived and was checked, so env.php is
                // the old or the new file, as when the connection drops.
                throw Lost(about, $"php on the server ended without an answer, exit code {run.ExitCode}: {Tail(run.Errors)}");
            }
            if (answer == null)
            {
                throw new ConnectorException(ErrorIds.HostCommandFailed, ConnectorErrorCategory.InvalidResult, DisplayName,
                    $"php on {DisplayName} gave no answer (exit code {run.ExitCode}): {Tail(run.Errors)} Check that 'php -v' works for this SSH user there.");
            }
            string error = (string)answer["error"];
            if (error != null)
            {
                throw AgentError(error, (string)answer["path"] ?? about, (string)answer["message"]);
            }
            return answer;
        }

        private ConnectorException AgentError(string error, string path, string message)
        {
            switch (error)
            {
                case "NotFound":
                case "NotAFile":
                    return new ConnectorException(ErrorIds.HostPathNotFound, ConnectorErrorCategory.ObjectNotFound, Address.ToUri(path ?? "/"),
                        $"{message} (on {DisplayName}). Check the path on that server (ls -l '{path}'); is Magento installed there? Nothing was changed.");
                case "Dangling":
                    return new ConnectorException(ErrorIds.ConfigurationLinkDangling, ConnectorErrorCategory.ObjectNotFound, Address.ToUri(path ?? "/"),
                        $"{message} (on {DisplayName}) Create the shared file or fix the link (ls -l '{path}' there); nothing was changed.");
                case "Changed":
                    return new ConnectorException(ErrorIds.ConfigurationFileChanged, ConnectorErrorCategory.ResourceBusy, Address.ToUri(path ?? "/"),
                        $"'{path}' on {DisplayName} changed while CommerceConnector was preparing its edit (a deployment or bin/magento running?). Nothing was written; run the command again.");
                case "Unreadable":
                    return new ConnectorException(ErrorIds.ConfigurationFileNotFound, ConnectorErrorCategory.ReadError, Address.ToUri(path ?? "/"),
                        $"{message} (on {DisplayName}, as the SSH user). Connect as a user that can read it.");
                case "WriteFailed":
                    return new ConnectorException(ErrorIds.ConfigurationWriteFailed, ConnectorErrorCategory.WriteError, Address.ToUri(path ?? "/"),
                        $"'{path}' on {DisplayName} was not changed: {message}");
                case "Incomplete":
                    return Lost(path, message);
                case "NoMagento":
                    return new ConnectorException(ErrorIds.MagentoCliNotFound, ConnectorErrorCategory.ObjectNotFound, Address.ToUri(path ?? "/"), message);
                default:
                    return new ConnectorException(ErrorIds.HostCommandFailed, ConnectorErrorCategory.InvalidResult, DisplayName, $"php on {DisplayName} refused the request: {message}");
            }
        }

        private ConnectorException Lost(string path, string detail) =>
            new ConnectorException(ErrorIds.HostConnectionLost, ConnectorErrorCategory.ConnectionError, DisplayName,
                $"The connection to {DisplayName} dropped{(path == null ? "" : " while working on '" + path + "'")}{(string.IsNullOrWhiteSpace(detail) ? "" : " (" + detail.Trim() + ")")}. " +
                "A file being written there is either the old or the new one, never a mix; run the command again: it re-reads the file and removes the leftover temporary file.");

        private static HostFile ToHostFile(JToken entry)
        {
            var file = new HostFile { Path = (string)entry["path"], ErrorMessage = (string)entry["message"], FolderExists = (bool?)entry["folderExists"] ?? false };
            string error = (string)entry["error"];
            if (error != null)
            {
                file.Error = (HostFileError)Enum.Parse(typeof(HostFileError), error);
                return file;
            }
            file.Target = (string)entry["target"];
            file.IsLink = (bool)entry["link"];
            file.Mode = (int)entry["mode"];
            file.Uid = (long)entry["uid"];
            file.Gid = (long)entry["gid"];
            file.Owner = (string)entry["owner"];
            file.Group = (string)entry["group"];
            file.Size = (long)entry["size"];
            file.Sha256 = (string)entry["sha256"];
            file.Content = Convert.FromBase64String((string)entry["content"]);
            return file;
        }

        private static string LoadAgent()
        {
            using (var stream = typeof(SshHost).GetTypeInfo().Assembly.GetManifestResourceStream("CommerceConnector.Core.Hosts.HostAgent.php"))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            {
                string code = reader.ReadToEnd();
                int open = code.IndexOf("<?php", StringComparison.Ordinal);
                code = open >= 0 ? code.Substring(open + 5) : code;
                return Convert.ToBase64String(Encoding.UTF8.GetBytes(code));
            }
        }

        private static string Sha256(byte[] bytes)
        {
            using (var sha = SHA256.Create())
            {
                return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }

        // ---- the connection -------------------------------------------------------------------------------------------

        private sealed class SshRun
        {
            public int ExitCode;
            public string Errors;
        }

        private SshRun Exec(string remoteCommand, Action<Process> interact, TimeSpan timeout, string about)
        {
            EnsureConnected();
            var arguments = BaseArguments();
            arguments.AddRange(new[] { "-o", "ControlMaster=no", "-o", "ControlPath=" + ControlPath, "-T", "--", Address.HostName, remoteCommand });
            var run = RunSsh(arguments, interact, timeout);
            if (run.ExitCode == 255)
            {
                bool masterAlive;
                lock (_gate)
                {
                    masterAlive = _master != null && !_master.HasExited;
                }
                throw masterAlive ? Classify(run.Errors, connecting: false) ?? Lost(about, Tail(run.Errors)) : Lost(about, Tail(run.Errors));
            }
            if (run.ExitCode == 127)
            {
                throw new ConnectorException(ErrorIds.HostPhpMissing, ConnectorErrorCategory.ObjectNotFound, DisplayName,
                    $"{DisplayName} has no php for this SSH user ({Tail(run.Errors)}). Magento's servers need php-cli on PATH for the SSH user (check with: ssh {Address.HostName} php -v); nothing was changed.");
            }
            return run;
        }

        private List<string> Control(string command, string forward)
        {
            var arguments = BaseArguments();
            arguments.AddRange(new[] { "-o", "ControlPath=" + ControlPath, "-O", command, "-L", forward, "--", Address.HostName });
            return arguments;
        }

        private List<string> BaseArguments()
        {
            var arguments = new List<string>();
            if (_options.ConfigFile != null)
            {
                arguments.Add("-F");
                arguments.Add(_options.ConfigFile);
            }
            arguments.AddRange(new[]
            {
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=" + _options.ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                "-o", "ServerAliveInterval=15",
                "-o", "ServerAliveCountMax=3",
            });
            if (Address.UserName != null)
            {
                arguments.Add("-l");
                arguments.Add(Address.UserName);
            }
            if (Address.Port.HasValue)
            {
                arguments.Add("-p");
                arguments.Add(Address.Port.Value.ToString(CultureInfo.InvariantCulture));
            }
            return arguments;
        }

        private void EnsureConnected()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(SshHost));
                }
                if (_master != null && !_master.HasExited && File.Exists(ControlPath))
                {
                    return;
                }
                StopMaster();
                _folder = NewOwnerOnlyFolder();
                var arguments = BaseArguments();
                arguments.AddRange(new[] { "-o", "ControlMaster=yes", "-o", "ControlPath=" + ControlPath, "-o", "ControlPersist=no", "-n", "-N", "-T", "--", Address.HostName });
                _masterErrors = new StringBuilder();
                _master = StartSsh(arguments, redirectInput: true);
                _master.StandardInput.Close(); // -n: the master reads nothing, and never the caller's own standard input
                var errors = _masterErrors;
                _master.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data != null)
                    {
                        lock (errors)
                        {
                            if (errors.Length < 16384)
                            {
                                errors.AppendLine(e.Data);
                            }
                        }
                    }
                };
                _master.BeginErrorReadLine();
                ConnectionsOpened++;
                var deadline = DateTime.UtcNow.AddSeconds(_options.ConnectTimeoutSeconds * 2 + 30);
                while (!File.Exists(ControlPath))
                {
                    if (_master.WaitForExit(25))
                    {
                        _master.WaitForExit();
                        string text;
                        lock (errors)
                        {
                            text = errors.ToString();
                        }
                        StopMaster();
                        throw Classify(text, connecting: true) ?? new ConnectorException(ErrorIds.HostUnreachable, ConnectorErrorCategory.ConnectionError, DisplayName,
                            $"{DisplayName} cannot be reached over SSH: {Tail(text)} Check that 'ssh {Address.HostName}' works from this computer.");
                    }
                    if (DateTime.UtcNow > deadline)
                    {
                        StopMaster();
                        throw new ConnectorException(ErrorIds.HostUnreachable, ConnectorErrorCategory.OperationTimeout, DisplayName,
                            $"{DisplayName} did not complete an SSH connection in time. Check that 'ssh {Address.HostName}' works from this computer.");
                    }
                }
            }
        }

        private void StopMaster()
        {
            if (_master != null)
            {
                try
                {
                    if (!_master.HasExited)
                    {
                        var arguments = BaseArguments();
                        arguments.AddRange(new[] { "-o", "ControlPath=" + ControlPath, "-O", "exit", "--", Address.HostName });
                        try
                        {
                            RunSsh(arguments, null, TimeSpan.FromSeconds(5));
                        }
                        catch (ConnectorException)
                        {
                        }
                        if (!_master.WaitForExit(5000))
                        {
                            _master.Kill();
                            _master.WaitForExit(5000);
                        }
                    }
                }
                catch (InvalidOperationException)
                {
                }
                _master.Dispose();
                _master = null;
            }
            if (_folder != null)
            {
                try
                {
                    Directory.Delete(_folder, recursive: true);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                }
                _folder = null;
            }
        }

        // A Unix socket path must stay short (104 bytes on macOS), so the folder is under /tmp on Unix.
        private static string NewOwnerOnlyFolder()
        {
            string root = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? Path.GetTempPath() : "/tmp";
            string folder = Path.Combine(root, "cc-ssh-" + Guid.NewGuid().ToString("N").Substring(0, 16));
            Directory.CreateDirectory(folder);
            FilePermissions.RestrictFolder(folder);
            return folder;
        }

        private Process StartSsh(List<string> arguments, bool redirectInput)
        {
            var start = new ProcessStartInfo(_options.Executable)
            {
                Arguments = string.Join(" ", arguments.Select(QuoteArgument)),
                UseShellExecute = false,
                RedirectStandardInput = redirectInput,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                return Process.Start(start);
            }
            catch (Win32Exception e)
            {
                throw new ConnectorException(ErrorIds.SshClientNotFound, ConnectorErrorCategory.ObjectNotFound, _options.Executable,
                    $"The OpenSSH client '{_options.Executable}' could not be started ({e.Message}). Install it (openssh-client; on Windows the OpenSSH Client feature) or set {SshOptions.ExecutableVariable} to its path.", e);
            }
        }

        private SshRun RunSsh(List<string> arguments, Action<Process> interact, TimeSpan timeout)
        {
            using (var process = StartSsh(arguments, redirectInput: true))
            {
                var errors = new StringBuilder();
                process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data != null)
                    {
                        lock (errors)
                        {
                            if (errors.Length < 16384)
                            {
                                errors.AppendLine(e.Data);
                            }
                        }
                    }
                };
                process.BeginErrorReadLine();
                var work = Task.Run(() =>
                {
                    if (interact != null)
                    {
                        interact(process);
                    }
                    else
                    {
                        process.StandardInput.Close();
                        process.StandardOutput.ReadToEnd();
                    }
                });
                if (!work.Wait(timeout))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                    }
                    throw new ConnectorException(ErrorIds.HostCommandFailed, ConnectorErrorCategory.OperationTimeout, DisplayName,
                        $"A command on {DisplayName} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
                }
                if (work.IsFaulted)
                {
                    var inner = work.Exception.GetBaseException();
                    if (!(inner is IOException))
                    {
                        throw inner;
                    }
                }
                process.WaitForExit();
                lock (errors)
                {
                    return new SshRun { ExitCode = process.ExitCode, Errors = errors.ToString() };
                }
            }
        }

        // What ssh said, in the module's error ids; null when it is none of the connection failures.
        private ConnectorException Classify(string errors, bool connecting)
        {
            var changed = SentHostKey.Match(errors);
            if (errors.IndexOf("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal) >= 0 || changed.Success)
            {
                string fingerprint = changed.Success ? changed.Groups[1].Value + " " + changed.Groups[2].Value : "(not shown)";
                return new ConnectorException(ErrorIds.HostKeyChanged, ConnectorErrorCategory.SecurityError, DisplayName,
                    $"The host key of {DisplayName} has CHANGED: it now presents {fingerprint}, which is not the key in known_hosts. This may be a reinstalled server or someone intercepting the connection. " +
                    $"Confirm the new fingerprint with the server's administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server); only then remove the old key (ssh-keygen -R {Address.HostName}) and connect once with 'ssh {Address.HostName}' to accept the new one. Nothing was changed.");
            }
            if (errors.IndexOf("host key is known", StringComparison.Ordinal) >= 0 || errors.IndexOf("Host key verification failed", StringComparison.Ordinal) >= 0)
            {
                string fingerprint = ProbeHostKey() ?? "(ssh did not show it)";
                return new ConnectorException(ErrorIds.HostKeyUnknown, ConnectorErrorCategory.SecurityError, DisplayName,
                    $"The host key of {DisplayName} is not in known_hosts; it presents {fingerprint}. CommerceConnector never accepts an unknown key by itself. " +
                    $"Confirm the fingerprint with the server's administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server), then connect once with 'ssh {Address.HostName}' and answer yes (or add the key with ssh-keyscan to ~/.ssh/known_hosts). Nothing was changed.");
            }
            if (errors.IndexOf("Permission denied", StringComparison.Ordinal) >= 0 || errors.IndexOf("Too many authentication failures", StringComparison.Ordinal) >= 0)
            {
                return new ConnectorException(ErrorIds.HostAuthenticationFailed, ConnectorErrorCategory.AuthenticationError, DisplayName,
                    $"{DisplayName} refused the SSH login ({Tail(errors)}). Load your key into the agent (ssh-add) or name it with IdentityFile in ~/.ssh/config, check the user (-UserName or User in ~/.ssh/config) and that the key's public half is in that user's ~/.ssh/authorized_keys on the server. Password prompts are not used. Nothing was changed.");
            }
            string[] unreachable = { "Could not resolve hostname", "Connection refused", "Connection timed out", "No route to host", "Network is unreachable", "kex_exchange_identification", "Connection closed by", "Connection reset", "Operation timed out" };
            if (connecting && unreachable.Any(u => errors.IndexOf(u, StringComparison.Ordinal) >= 0))
            {
                return new ConnectorException(ErrorIds.HostUnreachable, ConnectorErrorCategory.ConnectionError, DisplayName,
                    $"{DisplayName} cannot be reached over SSH: {Tail(errors)} Check the host name, port and network (or ProxyJump in ~/.ssh/config), then try 'ssh {Address.HostName}'. Nothing was changed.");
            }
            return null;
        }

        // The key the server presents, for the message of an unknown key: ssh -v prints it before refusing it.
        private string ProbeHostKey()
        {
            var arguments = BaseArguments();
            arguments.InsertRange(0, new[] { "-v" });
            arguments.AddRange(new[] { "-o", "ControlMaster=no", "-o", "ControlPath=none", "-T", "--", Address.HostName, "true" });
            try
            {
                var run = RunSsh(arguments, null, TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds + 15));
                var match = ServerHostKey.Match(run.Errors);
                return match.Success ? match.Groups[1].Value + " " + match.Groups[2].Value : null;
            }
            catch (ConnectorException)
            {
                return null;
            }
        }

        private static int FreeLoopbackPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }

        private static string Tail(string text)
        {
            var lines = (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("debug", StringComparison.Ordinal)).ToList();
            string last = lines.Count == 0 ? "(no message)" : lines[lines.Count - 1];
            return last.EndsWith(".", StringComparison.Ordinal) ? last : last + ".";
        }

        /// <summary>
        /// Quotes one argument for the runtime's command-line parser (netstandard2.0 has no ArgumentList): the rules of
        /// CommandLineToArgvW, which .NET follows on every platform.
        /// </summary>
        internal static string QuoteArgument(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"', '\\' }) < 0)
            {
                return argument;
            }
            var quoted = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                if (c == '"')
                {
                    quoted.Append('\\', backslashes * 2 + 1);
                }
                else
                {
                    quoted.Append('\\', backslashes);
                }
                backslashes = 0;
                quoted.Append(c);
            }
            quoted.Append('\\', backslashes * 2);
            quoted.Append('"');
            return quoted.ToString();
        }
    }
}
