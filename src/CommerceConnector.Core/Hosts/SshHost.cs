using System.Diagnostics;
using CommerceConnector.Core.Instances;
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
    /// The file <c>SshHost.Connection.cs</c> holds the ControlMaster connection, <c>SshHost.Magento.cs</c> running
    /// bin/magento, <c>SshHost.Forwarding.cs</c> port forwarding; <see cref="SshClient"/> starts the ssh client,
    /// <see cref="SshErrors"/> turns what it says into error ids, <see cref="HostAgentProtocol"/> is the server half's side.
    /// </summary>
    public sealed partial class SshHost : IInstanceHost
    {
        private readonly object _gate = new object();
        private readonly SshOptions _options;
        private readonly SshClient _client;
        private Process? _master;
        private StringBuilder? _masterErrors;
        private string? _folder;
        private bool _disposed;

        /// <summary>For tests: runs on the writing thread when half of a new file's content has been sent.</summary>
        [ThreadStatic]
        internal static Action<SshHost>? ContentHalfSent;

        public SshHost(HostAddress address, SshOptions? options = null)
        {
            Address = address ?? throw new ArgumentNullException(nameof(address));
            _options = options ?? SshOptions.FromEnvironment();
            _client = new SshClient(Address, _options);
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
            return ((JArray)answer["files"]!).Select(HostAgentProtocol.ToHostFile).ToList(); // every read answer lists its files
        }

        public string Replace(string path, byte[] expected, byte[] content, DateTimeOffset now, int backupsKept)
        {
            var request = new JObject
            {
                ["op"] = "replace",
                ["path"] = path,
                ["expectedSha256"] = HostAgentProtocol.Sha256(expected),
                ["length"] = content.Length,
                ["sha256"] = HostAgentProtocol.Sha256(content),
                ["backupMarker"] = ConfigFileWriter.BackupMarker,
                ["backupStamp"] = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture),
                ["backupsKept"] = backupsKept,
            };
            var answer = Agent(request, content, path);
            LastBackups = answer["backups"]?.Select(b => (string)b!).ToList();
            return (string)answer["backup"]!; // a replace answer always names its backup
        }

        /// <summary>The backups beside the file the last <see cref="Replace"/> on this thread wrote, newest first, as the server listed them after pruning.</summary>
        [ThreadStatic]
        internal static IReadOnlyList<string>? LastBackups;

        public IReadOnlyList<string> Backups(string path)
        {
            var answer = Agent(new JObject { ["op"] = "backups", ["path"] = path, ["backupMarker"] = ConfigFileWriter.BackupMarker }, null);
            return answer["backups"]!.Select(b => (string)b!).ToList(); // a backups answer always lists them, as strings
        }

        /// <summary>
        /// Quotes one argument for the runtime's command-line parser; see <see cref="ShellWords.QuoteArgument"/>.
        /// </summary>
        internal static string QuoteArgument(string argument) => ShellWords.QuoteArgument(argument);

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                StopMaster();
            }
        }

        // ---- the server half ---------------------------------------------------------------------------------------

        private JObject Agent(JObject request, byte[]? content, string? about = null, TimeSpan? timeout = null)
        {
            string requestText = Convert.ToBase64String(Encoding.UTF8.GetBytes(request.ToString(Formatting.None)));
            string remote = "php -r 'eval(base64_decode($argv[1]));' " + HostAgentProtocol.Code + " " + requestText;
            string? answerLine = null;
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
            JObject? answer;
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
                throw SshErrors.Lost(Address, about, $"php on the server ended without an answer, exit code {run.ExitCode}: {SshErrors.Tail(run.Errors)}");
            }
            if (answer == null)
            {
                throw new ConnectorException(ErrorIds.HostCommandFailed, ConnectorErrorCategory.InvalidResult, DisplayName,
                    $"php on {DisplayName} gave no answer (exit code {run.ExitCode}): {SshErrors.Tail(run.Errors)} Check that 'php -v' works for this SSH user there.");
            }
            string? error = (string?)answer["error"];
            if (error != null)
            {
                throw SshErrors.AgentError(Address, error, (string?)answer["path"] ?? about, (string?)answer["message"]);
            }
            return answer;
        }
    }
}
