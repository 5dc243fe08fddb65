using System.Net;
using System.Net.Sockets;
using System.Text;
using CommerceConnector.Core.Hosts;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The SSH host layer against a real OpenSSH server (<see cref="SshServer"/>): files read and written on the "remote"
    /// side as the test user, checked there with php; connections cut by killing the session's sshd process.
    /// </summary>
    public sealed class SshHostTests : IClassFixture<SshServer>
    {
        private const string EnvPhp = "<?php\nreturn [\n    'db' => ['connection' => ['default' => ['host' => 'localhost']]],\n    'commerce_data_export' => ['api_key' => 'OLD'],\n];\n";
        private readonly SshServer _server;

        public SshHostTests(SshServer server)
        {
            _server = server;
        }

        private string NewRoot()
        {
            string root = Path.Combine(_server.Www, "store-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            _server.PutFile(Path.Combine(root, "app", "etc", "env.php"), EnvPhp, "640");
            return root;
        }

        // php on the server, as the SSH user, says what env.php returns at one path.
        private string PhpValue(string envPhp, string expression) =>
            _server.OnServer($"php -r '$c = include \"{envPhp}\"; echo {expression};'");

        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        [Fact]
        public void ReadFiles_gives_content_and_identity_through_a_link()
        {
            string root = NewRoot();
            string shared = Path.Combine(root, "shared-env.php");
            _server.PutFile(shared, EnvPhp.Replace("OLD", "SHARED"), "600");
            _server.OnServer($"ln -s {shared} {root}/app/etc/linked.php");
            using (var host = _server.Connect())
            {
                var files = host.ReadFiles(new[] { root + "/app/etc/env.php", root + "/app/etc/linked.php", root + "/app/etc/missing.php", root + "/nofolder/env.php" });
                var env = files[0];
                Assert.Null(env.Error);
                Assert.Equal(root + "/app/etc/env.php", env.Target);
                Assert.False(env.IsLink);
                Assert.Equal("0640", env.ModeText);
                Assert.Equal(_server.Uid, env.Uid);
                Assert.Equal(_server.Gid, env.Gid);
                Assert.Equal(_server.UserName, env.Owner);
                Assert.Equal(Encoding.UTF8.GetByteCount(EnvPhp), env.Size);
                Assert.Equal(EnvPhp, env.Text);
                Assert.Equal(_server.OnServer($"sha256sum {root}/app/etc/env.php").Split(' ')[0], env.Sha256);

                var linked = files[1];
                Assert.True(linked.IsLink);
                Assert.Equal(shared, linked.Target);
                Assert.Equal("0600", linked.ModeText);
                Assert.Contains("'SHARED'", linked.Text);

                Assert.Equal(HostFileError.NotFound, files[2].Error);
                Assert.True(files[2].FolderExists);
                Assert.Equal(HostFileError.NotFound, files[3].Error);
                Assert.False(files[3].FolderExists);
                Assert.Equal(1, host.ConnectionsOpened);
            }
        }

        [Fact]
        public void Replace_writes_atomically_keeps_mode_and_owner_and_backs_up_owner_only()
        {
            string root = NewRoot();
            string path = root + "/app/etc/env.php";
            using (var host = _server.Connect())
            {
                var before = host.ReadFiles(new[] { path })[0];
                string newText = EnvPhp.Replace("'OLD'", "'NEW-KEY'");
                string backup = host.Replace(path, before.Content, Bytes(newText), new DateTimeOffset(2026, 12, 7, 6, 0, 0, 123, TimeSpan.Zero), 10);

                Assert.Equal(root + "/app/etc/env.php.cc-backup-20261207T060000123Z", backup);
                Assert.Equal("NEW-KEY", PhpValue(path, "$c[\"commerce_data_export\"][\"api_key\"]"));
                Assert.Equal("OLD", PhpValue(backup, "$c[\"commerce_data_export\"][\"api_key\"]"));
                Assert.Equal($"640 {_server.UserName} {_server.UserName}", _server.OnServer($"stat -c '%a %U %G' {path}").Trim());
                Assert.Equal($"600 {_server.UserName} {_server.UserName}", _server.OnServer($"stat -c '%a %U %G' {backup}").Trim());
                Assert.Equal(new[] { backup }, host.Backups(path));
                Assert.Equal("", _server.OnServer($"ls -A {root}/app/etc | grep '\\.tmp$' || true").Trim());
                Assert.Equal(1, host.ConnectionsOpened);
            }
        }

        [Fact]
        public void Replace_writes_through_a_symlinked_env_php_to_its_target_and_keeps_the_link()
        {
            string root = NewRoot();
            string shared = Path.Combine(_server.Www, "shared-" + Guid.NewGuid().ToString("N").Substring(0, 6), "env.php");
            _server.PutFile(shared, EnvPhp, "660");
            _server.OnServer($"rm {root}/app/etc/env.php && ln -s {shared} {root}/app/etc/env.php");
            using (var host = _server.Connect())
            {
                var before = host.ReadFiles(new[] { root + "/app/etc/env.php" })[0];
                string backup = host.Replace(root + "/app/etc/env.php", before.Content, Bytes(EnvPhp.Replace("OLD", "LINKED")), DateTimeOffset.UtcNow, 10);
                Assert.StartsWith(shared + ".cc-backup-", backup);
                Assert.Equal(shared, _server.OnServer($"readlink {root}/app/etc/env.php").Trim());
                Assert.Equal("LINKED", PhpValue(root + "/app/etc/env.php", "$c[\"commerce_data_export\"][\"api_key\"]"));
                Assert.Equal("660", _server.OnServer($"stat -c '%a' {shared}").Trim());
            }
        }

        [Fact]
        public void Replace_refuses_a_concurrent_change_and_leaves_it()
        {
            string root = NewRoot();
            string path = root + "/app/etc/env.php";
            using (var host = _server.Connect())
            {
                var before = host.ReadFiles(new[] { path })[0];
                _server.OnServer($"sed -i s/OLD/DEPLOYED/ {path}");
                var e = Assert.Throws<ConnectorException>(() => host.Replace(path, before.Content, Bytes(EnvPhp.Replace("OLD", "MINE")), DateTimeOffset.UtcNow, 10));
                Assert.Equal(ErrorIds.ConfigurationFileChanged, e.ErrorId);
                Assert.Equal("DEPLOYED", PhpValue(path, "$c[\"commerce_data_export\"][\"api_key\"]"));
                Assert.Empty(host.Backups(path));
            }
        }

        [Fact]
        public void A_connection_cut_mid_write_leaves_the_old_file_and_the_next_command_reconnects()
        {
            string root = NewRoot();
            string path = root + "/app/etc/env.php";
            string secret = "-----BEGIN PRIVATE KEY-----SECRET" + Guid.NewGuid().ToString("N");
            string newText = EnvPhp.Replace("'OLD'", "'NEW', 'private_key' => \"" + secret + new string('x', 200000) + "\"");
            using (var host = _server.Connect())
            {
                var before = host.ReadFiles(new[] { path })[0];
                string[] commandLines = null;
                SshHost.ContentHalfSent = _ =>
                {
                    commandLines = _server.UserCommandLines().ToArray();
                    _server.Kill(_server.UserProcesses("sshd"));
                };
                try
                {
                    var e = Assert.Throws<ConnectorException>(() => host.Replace(path, before.Content, Bytes(newText), DateTimeOffset.UtcNow, 10));
                    Assert.Equal(ErrorIds.HostConnectionLost, e.ErrorId);
                    Assert.DoesNotContain(secret, e.Message);
                }
                finally
                {
                    SshHost.ContentHalfSent = null;
                }
                // php was running and its command line never held the content.
                Assert.Contains(commandLines, l => l.StartsWith("php -r"));
                Assert.DoesNotContain(commandLines, l => l.Contains("SECRET"));

                // The next command opens a new connection; the file is the old one, whole.
                var after = host.ReadFiles(new[] { path })[0];
                Assert.Equal(EnvPhp, after.Text);
                Assert.Equal(2, host.ConnectionsOpened);
                Assert.Equal("OLD", PhpValue(path, "$c[\"commerce_data_export\"][\"api_key\"]"));
                WaitFor(() => _server.OnServer($"ls -A {root}/app/etc | grep '\\.tmp$' || true").Trim() == "");
            }
        }

        [Fact]
        public void A_writer_killed_with_its_connection_leaves_a_temporary_file_that_the_next_command_removes()
        {
            string root = NewRoot();
            string path = root + "/app/etc/env.php";
            using (var host = _server.Connect())
            {
                var before = host.ReadFiles(new[] { path })[0];
                string leftover = null;
                SshHost.ContentHalfSent = _ =>
                {
                    leftover = Directory.GetFiles(root + "/app/etc", ".env.php.*.tmp").Single();
                    Assert.Equal("600", SshServer.Run("stat", "-c", "%a", leftover).Trim()); // owner-only before any content
                    _server.Kill(_server.UserProcesses("php"));
                    _server.Kill(_server.UserProcesses("sshd"));
                };
                try
                {
                    var e = Assert.Throws<ConnectorException>(() => host.Replace(path, before.Content, Bytes(EnvPhp.Replace("OLD", "NEW") + new string(' ', 100000)), DateTimeOffset.UtcNow, 10));
                    Assert.Equal(ErrorIds.HostConnectionLost, e.ErrorId);
                }
                finally
                {
                    SshHost.ContentHalfSent = null;
                }
                Assert.True(File.Exists(leftover));
                Assert.Equal(EnvPhp, File.ReadAllText(path));

                host.ReadFiles(new[] { path });
                Assert.False(File.Exists(leftover));
            }
        }

        [Fact]
        public void An_unknown_host_key_is_refused_with_its_fingerprint()
        {
            using (var host = _server.Connect(SshServer.UnknownKeyAlias))
            {
                var e = Assert.Throws<ConnectorException>(() => host.ReadFiles(new[] { "/etc/hostname" }));
                Assert.Equal(ErrorIds.HostKeyUnknown, e.ErrorId);
                Assert.Contains("ssh-ed25519 " + _server.HostKeyFingerprint, e.Message);
                Assert.Contains("known_hosts", e.Message);
            }
        }

        [Fact]
        public void A_changed_host_key_is_refused_with_the_new_fingerprint()
        {
            using (var host = _server.Connect(SshServer.ChangedKeyAlias))
            {
                var e = Assert.Throws<ConnectorException>(() => host.ReadFiles(new[] { "/etc/hostname" }));
                Assert.Equal(ErrorIds.HostKeyChanged, e.ErrorId);
                Assert.Contains(_server.HostKeyFingerprint, e.Message);
                Assert.DoesNotContain(_server.OtherHostKeyFingerprint, e.Message);
            }
        }

        [Fact]
        public void A_refused_login_is_an_authentication_failure()
        {
            using (var host = _server.Connect(SshServer.WrongIdentityAlias))
            {
                var e = Assert.Throws<ConnectorException>(() => host.ReadFiles(new[] { "/etc/hostname" }));
                Assert.Equal(ErrorIds.HostAuthenticationFailed, e.ErrorId);
                Assert.Equal(ConnectorErrorCategory.AuthenticationError, e.Category);
            }
        }

        [Fact]
        public void A_closed_port_is_an_unreachable_host()
        {
            using (var host = _server.Connect(SshServer.ClosedPortAlias))
            {
                var e = Assert.Throws<ConnectorException>(() => host.ReadFiles(new[] { "/etc/hostname" }));
                Assert.Equal(ErrorIds.HostUnreachable, e.ErrorId);
                Assert.Contains("Connection refused", e.Message);
            }
        }

        [Fact]
        public void A_server_without_php_says_so()
        {
            using (var host = _server.Connect(SshServer.NoPhpAlias))
            {
                var e = Assert.Throws<ConnectorException>(() => host.ReadFiles(new[] { "/etc/hostname" }));
                Assert.Equal(ErrorIds.HostPhpMissing, e.ErrorId);
            }
        }

        [Fact]
        public void A_missing_path_is_its_own_error()
        {
            using (var host = _server.Connect())
            {
                string missing = _server.Www + "/nowhere/app/etc/env.php";
                var e = Assert.Throws<ConnectorException>(() => host.Replace(missing, Bytes("a"), Bytes("b"), DateTimeOffset.UtcNow, 10));
                Assert.Equal(ErrorIds.HostPathNotFound, e.ErrorId);
                Assert.Equal($"ssh://{SshServer.Alias}{missing}", e.Target);
                Assert.Equal(ErrorIds.HostPathNotFound, Assert.Throws<ConnectorException>(() => host.Backups(missing)).ErrorId);
            }
        }

        [Fact]
        public void Many_operations_share_one_connection_from_several_threads()
        {
            string root = NewRoot();
            using (var host = _server.Connect())
            {
                var results = new string[12];
                var threads = Enumerable.Range(0, results.Length).Select(i => new Thread(() => results[i] = host.ReadFiles(new[] { root + "/app/etc/env.php" })[0].Sha256)).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
                Assert.Single(results.Distinct());
                Assert.NotNull(results[0]);
                Assert.Equal(1, host.ConnectionsOpened);
            }
        }

        [Fact]
        public void Runs_bin_magento_on_the_server()
        {
            string root = NewRoot();
            _server.PutFile(Path.Combine(root, "bin", "magento"), "<?php\necho 'ran as ', get_current_user(), ': ', implode(' ', array_slice($argv, 1)), \"\\n\";\nexit(in_array('fail', $argv) ? 3 : 0);\n", "755");
            using (var host = _server.Connect())
            {
                var result = host.RunMagento(root, new[] { "cache:clean", "config" }, TimeSpan.FromMinutes(1));
                Assert.Equal($"ran as {_server.UserName}: cache:clean config", result.Output);
                Assert.Equal("php bin/magento cache:clean config", result.Command);
                Assert.Equal(ErrorIds.MagentoCommandFailed, Assert.Throws<ConnectorException>(() => host.RunMagento(root, new[] { "fail" }, TimeSpan.FromMinutes(1))).ErrorId);
                Assert.Equal(ErrorIds.MagentoCliNotFound, Assert.Throws<ConnectorException>(() => host.RunMagento(_server.Www, new[] { "cache:clean" }, TimeSpan.FromMinutes(1))).ErrorId);
            }
        }

        [Fact]
        public void Forwards_a_local_port_to_a_service_the_server_reaches()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var echo = new Thread(() =>
            {
                using (var client = listener.AcceptTcpClient())
                using (var stream = client.GetStream())
                {
                    var buffer = new byte[5];
                    int read = 0;
                    while (read < 5)
                    {
                        read += stream.Read(buffer, read, 5 - read);
                    }
                    stream.Write(buffer, 0, 5);
                }
            });
            echo.Start();
            using (var host = _server.Connect())
            using (var endpoint = host.Forward("127.0.0.1", port))
            {
                Assert.Equal("127.0.0.1", endpoint.HostName);
                Assert.NotEqual(port, endpoint.Port);
                using (var client = new TcpClient("127.0.0.1", endpoint.Port))
                using (var stream = client.GetStream())
                {
                    stream.Write(Encoding.ASCII.GetBytes("hello"), 0, 5);
                    var buffer = new byte[5];
                    int read = 0;
                    while (read < 5)
                    {
                        read += stream.Read(buffer, read, 5 - read);
                    }
                    Assert.Equal("hello", Encoding.ASCII.GetString(buffer));
                }
                Assert.Equal(1, host.ConnectionsOpened);
            }
            echo.Join();
            listener.Stop();
        }

        private static void WaitFor(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
                Thread.Sleep(100);
            }
        }
    }

    public sealed class HostAddressTests
    {
        [Theory]
        [InlineData("ssh://deploy@web1.example.com:2222/var/www/luma", "deploy", "web1.example.com", 2222, "/var/www/luma")]
        [InlineData("ssh://web1/var/www/luma", null, "web1", null, "/var/www/luma")]
        [InlineData("SSH://deploy@[2001:db8::1]:22/srv/my%20store", "deploy", "2001:db8::1", 22, "/srv/my store")]
        public void Parses_the_ssh_uri_form(string text, string user, string hostName, int? port, string path)
        {
            var address = HostAddress.ParseUri(text, out string parsedPath);
            Assert.Equal(user, address.UserName);
            Assert.Equal(hostName, address.HostName);
            Assert.Equal(port, address.Port);
            Assert.Equal(path, parsedPath);
        }

        [Theory]
        [InlineData("ssh://web1")]
        [InlineData("ssh://web1/")]
        [InlineData("ssh://-oProxyCommand=x/var/www")]
        [InlineData("ssh://web1:http/var/www")]
        [InlineData("ssh://web1:70000/var/www")]
        [InlineData("ssh://-x@web1/var/www")]
        public void Refuses_what_is_not_an_address(string text)
        {
            Assert.Equal(ErrorIds.HostAddressInvalid, Assert.Throws<ConnectorException>(() => HostAddress.ParseUri(text, out _)).ErrorId);
        }

        [Fact]
        public void Names_itself_as_typed()
        {
            Assert.Equal("deploy@web1:2222", new HostAddress("web1", "deploy", 2222).ToString());
            Assert.Equal("ssh://deploy@web1:2222/var/www", new HostAddress("web1", "deploy", 2222).ToUri("/var/www"));
            Assert.Equal(new HostAddress("WEB1", "deploy"), new HostAddress("web1", "deploy"));
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("with space")]
        [InlineData("with\"quote")]
        [InlineData("back\\slash\\")]
        [InlineData("back\\\"both")]
        [InlineData("")]
        [InlineData("php -r 'eval(base64_decode($argv[1]));' QUJD")]
        public void Quotes_arguments_for_the_runtime_parser(string argument)
        {
            var start = new System.Diagnostics.ProcessStartInfo("printf", "%s\\0 " + SshHost.QuoteArgument(argument)) { UseShellExecute = false, RedirectStandardOutput = true };
            using (var p = System.Diagnostics.Process.Start(start))
            {
                string output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                Assert.Equal(argument + "\0", output);
            }
        }
    }
}
