using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// A throwaway MariaDB server for one test class (xunit IClassFixture): mariadb-install-db into a temporary data
    /// folder, mariadbd on its own socket and a free loopback port (--user given: CI runs as root), stopped and removed
    /// on Dispose. Tests run SQL as root through the mariadb client.
    /// </summary>
    public sealed class MariaDbServer : IDisposable
    {
        private readonly Process _process;

        public MariaDbServer()
        {
            Folder = Path.Combine(Path.GetTempPath(), "cc-xunit-mariadb-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            string data = Path.Combine(Folder, "data");
            Directory.CreateDirectory(data);
            Socket = Path.Combine(Folder, "mariadb.sock");
            string user = Environment.UserName;
            Run("mariadb-install-db", $"--no-defaults --user={user} --datadir={data} --auth-root-authentication-method=normal --skip-test-db");
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            string server = File.Exists("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : "mariadbd";
            _process = Process.Start(new ProcessStartInfo(server,
                $"--no-defaults --user={user} --datadir={data} --socket={Socket} --port={Port} --bind-address=127.0.0.1 " +
                $"--log-error={Path.Combine(Folder, "error.log")} --pid-file={Path.Combine(Folder, "mariadb.pid")} --skip-name-resolve --skip-log-bin --innodb-buffer-pool-size=64M")
            { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Run("mariadb-admin", $"--no-defaults --socket={Socket} -uroot ping", throwOnError: false) != 0)
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("mariadbd did not start: " + (File.Exists(Path.Combine(Folder, "error.log")) ? File.ReadAllText(Path.Combine(Folder, "error.log")) : "no log"));
                }
                Thread.Sleep(200);
            }
        }

        public string Folder { get; }

        public string Socket { get; }

        public int Port { get; }

        /// <summary>Runs SQL as root (a script file through the mariadb client).</summary>
        public void Sql(string sql)
        {
            string file = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".sql");
            File.WriteAllText(file, sql);
            Run("mariadb", $"--no-defaults --socket={Socket} -uroot --batch -e \"source {file}\"");
            File.Delete(file);
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    Run("mariadb-admin", $"--no-defaults --socket={Socket} -uroot shutdown", throwOnError: false);
                    if (!_process.WaitForExit(20000))
                    {
                        _process.Kill();
                    }
                }
            }
            finally
            {
                _process.Dispose();
                try
                {
                    Directory.Delete(Folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private static int Run(string file, string arguments, bool throwOnError = true)
        {
            using (var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true }))
            {
                string error = process.StandardError.ReadToEnd();
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (throwOnError && process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{file} {arguments} failed: {error}");
                }
                return process.ExitCode;
            }
        }
    }
}
