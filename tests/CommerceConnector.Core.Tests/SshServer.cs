using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommerceConnector.Core.Hosts;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// A throwaway OpenSSH server for one test class (xunit IClassFixture): Debian's /usr/sbin/sshd on a free loopback
    /// port with its own host key and sshd_config in a temporary folder, for a local user made for the test (useradd,
    /// removed on Dispose) who logs in with a key made for the test. The client side is an ssh config file of its own
    /// (passed with -F), so the real ~/.ssh is never read or touched: alias <see cref="Alias"/> is the server with a
    /// known host key; the other aliases are the failure cases.
    /// </summary>
    public sealed class SshServer : IDisposable
    {
        public const string Alias = "cc-remote";
        public const string UnknownKeyAlias = "cc-unknown-key";
        public const string ChangedKeyAlias = "cc-changed-key";
        public const string WrongIdentityAlias = "cc-wrong-identity";
        public const string ClosedPortAlias = "cc-closed-port";
        public const string NoPhpAlias = "cc-no-php";

        private readonly Process _sshd;

        public SshServer()
        {
            Folder = Path.Combine("/tmp", "cc-sshd-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Folder);
            Run("chmod", "755", Folder);
            UserName = "ccsh" + Guid.NewGuid().ToString("N").Substring(0, 8);
            Home = Path.Combine(Folder, "home");
            Run("useradd", "-M", "-d", Home, "-s", "/bin/sh", UserName);
            Run("usermod", "-p", "*", UserName); // no password, but not locked: sshd without PAM refuses locked accounts
            Directory.CreateDirectory(Home);
            Run("chown", UserName + ":" + UserName, Home);
            Uid = int.Parse(Run("id", "-u", UserName).Trim());
            Gid = int.Parse(Run("id", "-g", UserName).Trim());
            Www = Path.Combine(Folder, "www");
            Directory.CreateDirectory(Www);
            Run("chown", UserName + ":" + UserName, Www);

            HostKey = Path.Combine(Folder, "host_ed25519");
            Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cc-test-host", "-f", HostKey);
            string otherHostKey = Path.Combine(Folder, "other_host_ed25519");
            Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cc-test-other", "-f", otherHostKey);
            Identity = Path.Combine(Folder, "id_ed25519");
            Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cc-test-user", "-f", Identity);
            string wrongIdentity = Path.Combine(Folder, "wrong_ed25519");
            Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cc-test-wrong", "-f", wrongIdentity);
            File.Copy(Identity + ".pub", Path.Combine(Folder, "authorized_keys"));

            Port = FreePort();
            int closedPort = FreePort();
            int noPhpPort = FreePort();
            Directory.CreateDirectory("/run/sshd");
            string sshdConfig = Path.Combine(Folder, "sshd_config");
            File.WriteAllText(sshdConfig, string.Join("\n",
                $"ListenAddress 127.0.0.1:{Port}",
                $"ListenAddress 127.0.0.1:{noPhpPort}",
                $"HostKey {HostKey}",
                $"PidFile {Path.Combine(Folder, "sshd.pid")}",
                $"AuthorizedKeysFile {Path.Combine(Folder, "authorized_keys")}",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                $"AllowUsers {UserName}",
                "AllowTcpForwarding yes",
                                "MaxSessions 50",
                "MaxStartups 50",
                "LogLevel VERBOSE",
                // The second port is a server whose sessions find no php (PATH set by the admin wins over sshd's default).
                $"Match LocalPort {noPhpPort}",
                "  SetEnv PATH=/nonexistent",
                "") );
            _sshd = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", $"-D -e -f {sshdConfig}")
            { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
            _sshd.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (Log) { Log.Add(e.Data); } } };
            _sshd.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Listening(Port))
            {
                if (_sshd.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("sshd did not start: " + string.Join("\n", Log));
                }
                Thread.Sleep(50);
            }

            string hostLine = $"[127.0.0.1]:{Port} " + File.ReadAllText(HostKey + ".pub").Trim();
            KnownHosts = Path.Combine(Folder, "known_hosts");
            File.WriteAllText(KnownHosts, hostLine + "\n" + $"[127.0.0.1]:{noPhpPort} " + File.ReadAllText(HostKey + ".pub").Trim() + "\n");
            File.WriteAllText(Path.Combine(Folder, "known_hosts_empty"), "");
            File.WriteAllText(Path.Combine(Folder, "known_hosts_other"), $"[127.0.0.1]:{Port} " + File.ReadAllText(otherHostKey + ".pub").Trim() + "\n");
            ConfigFile = Path.Combine(Folder, "ssh_config");
            File.WriteAllText(ConfigFile, string.Join("\n",
                Host(Alias, Port, Identity, KnownHosts),
                Host(UnknownKeyAlias, Port, Identity, Path.Combine(Folder, "known_hosts_empty")),
                Host(ChangedKeyAlias, Port, Identity, Path.Combine(Folder, "known_hosts_other")),
                Host(WrongIdentityAlias, Port, wrongIdentity, KnownHosts),
                Host(ClosedPortAlias, closedPort, Identity, KnownHosts),
                Host(NoPhpAlias, noPhpPort, Identity, KnownHosts)));
            HostKeyFingerprint = Run("ssh-keygen", "-l", "-E", "sha256", "-f", HostKey + ".pub").Split(' ')[1];
            OtherHostKeyFingerprint = Run("ssh-keygen", "-l", "-E", "sha256", "-f", otherHostKey + ".pub").Split(' ')[1];
        }

        public string Folder { get; }

        public string UserName { get; }

        public int Uid { get; }

        public int Gid { get; }

        public string Home { get; }

        /// <summary>A folder owned by the test user, where the tests put Magento roots.</summary>
        public string Www { get; }

        public int Port { get; }

        public string HostKey { get; }

        public string HostKeyFingerprint { get; }

        public string OtherHostKeyFingerprint { get; }

        public string Identity { get; }

        public string KnownHosts { get; }

        /// <summary>The client config the tests pass with -F.</summary>
        public string ConfigFile { get; }

        public List<string> Log { get; } = new List<string>();

        public SshOptions Options => new SshOptions { ConfigFile = ConfigFile, ConnectTimeoutSeconds = 10 };

        public SshHost Connect(string alias = Alias) => new SshHost(new HostAddress(alias), Options);

        /// <summary>Runs a shell command on the server as the test user, over its own ssh connection (not the host layer's).</summary>
        public string OnServer(string command, string input = null)
        {
            var start = new ProcessStartInfo("ssh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string a in new[] { "-F", ConfigFile, "-o", "BatchMode=yes", "-T", Alias, command })
            {
                start.ArgumentList.Add(a);
            }
            using (var p = Process.Start(start))
            {
                if (input != null)
                {
                    p.StandardInput.Write(input);
                }
                p.StandardInput.Close();
                var error = p.StandardError.ReadToEndAsync();
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0)
                {
                    throw new InvalidOperationException($"ssh {command} failed ({p.ExitCode}): {error.Result}");
                }
                return output;
            }
        }

        /// <summary>Creates a file as the test user with the given mode (octal text).</summary>
        public void PutFile(string path, string content, string mode = "640")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllText(path, content);
            Run("chown", "-R", UserName + ":" + UserName, Www);
            Run("chmod", mode, path);
        }

        /// <summary>The process ids of the test user's processes whose command name is <paramref name="name"/>.</summary>
        public IReadOnlyList<int> UserProcesses(string name)
        {
            var found = new List<int>();
            foreach (string dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid))
                {
                    continue;
                }
                try
                {
                    var status = File.ReadAllLines(Path.Combine(dir, "status"));
                    string comm = status.First(l => l.StartsWith("Name:")).Substring(5).Trim();
                    int uid = int.Parse(status.First(l => l.StartsWith("Uid:")).Substring(4).Trim().Split('\t')[0]);
                    if (uid == Uid && comm == name)
                    {
                        found.Add(pid);
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                }
            }
            return found;
        }

        /// <summary>The command lines of every process of the test user.</summary>
        public IReadOnlyList<string> UserCommandLines()
        {
            var lines = new List<string>();
            foreach (string dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out _))
                {
                    continue;
                }
                try
                {
                    var status = File.ReadAllLines(Path.Combine(dir, "status"));
                    int uid = int.Parse(status.First(l => l.StartsWith("Uid:")).Substring(4).Trim().Split('\t')[0]);
                    if (uid == Uid)
                    {
                        lines.Add(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException)
                {
                }
            }
            return lines;
        }

        /// <summary>Kills the given processes of the test user (SIGKILL) and waits until they are gone.</summary>
        public void Kill(IEnumerable<int> pids)
        {
            foreach (int pid in pids)
            {
                try
                {
                    using (var p = Process.GetProcessById(pid))
                    {
                        p.Kill();
                    }
                }
                catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
                {
                }
            }
        }

        public void Dispose()
        {
            try
            {
                if (!_sshd.HasExited)
                {
                    _sshd.Kill(entireProcessTree: true);
                    _sshd.WaitForExit(10000);
                }
                Kill(UserProcesses("sshd").Concat(UserProcesses("php")).Concat(UserProcesses("sh")));
            }
            finally
            {
                _sshd.Dispose();
                Run("userdel", UserName);
                try
                {
                    Directory.Delete(Folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private string Host(string alias, int port, string identity, string knownHosts) => string.Join("\n",
            $"Host {alias}",
            "  HostName 127.0.0.1",
            $"  Port {port}",
            $"  User {UserName}",
            $"  IdentityFile {identity}",
            "  IdentitiesOnly yes",
            "  IdentityAgent none",
            $"  UserKnownHostsFile {knownHosts}",
            "  GlobalKnownHostsFile /dev/null",
            "");

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static bool Listening(int port)
        {
            try
            {
                using (var client = new TcpClient())
                {
                    client.Connect(IPAddress.Loopback, port);
                    return true;
                }
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public static string Run(string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }
            using (var p = Process.Start(start))
            {
                var error = p.StandardError.ReadToEndAsync();
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{file} {string.Join(" ", arguments)} failed ({p.ExitCode}): {error.Result}");
                }
                return output;
            }
        }
    }
}
