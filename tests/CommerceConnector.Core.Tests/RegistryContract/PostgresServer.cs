using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Npgsql;

namespace CommerceConnector.Core.Tests.RegistryContract
{
    /// <summary>
    /// A throwaway PostgreSQL 15 cluster (Debian's postgresql package): initdb into a temporary folder, pg_ctl on a free
    /// loopback port with password (scram) authentication, stopped and removed on Dispose. initdb refuses root, so as
    /// root both run as the postgres system user, on a folder it owns. No mock of the database.
    /// </summary>
    public sealed class PostgresServer : IDisposable
    {
        public const string SuperPassword = "pg-test-superuser-secret";
        public const string Bin = "/usr/lib/postgresql/15/bin";

        private readonly bool _durable;
        private int _databases;

        public PostgresServer()
            : this(durable: false)
        {
        }

        /// <param name="durable">
        /// Whether commits wait for the disk (fsync on, as a real server runs): the benchmark's choice. Tests run with
        /// fsync off, which changes nothing they check and spares the shared disk.
        /// </param>
        internal PostgresServer(bool durable)
        {
            _durable = durable;
            Folder = Path.Combine(Path.GetTempPath(), "cc-xunit-pg-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(Folder);
            Data = Path.Combine(Folder, "data");
            string passwordFile = Path.Combine(Folder, "pw");
            File.WriteAllText(passwordFile, SuperPassword + "\n");
            if (IsRoot)
            {
                Run("chown", $"-R postgres:postgres {Folder}");
            }
            AsServerUser($"{Bin}/initdb", $"-D {Data} -U postgres -A scram-sha-256 --pwfile={passwordFile} -E UTF8 --no-sync");
            File.Delete(passwordFile);
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            Start();
        }

        public string Folder { get; }

        public string Data { get; }

        public int Port { get; }

        public static bool IsRoot => Environment.UserName == "root";

        public string SuperConnectionString(string database = "postgres") =>
            $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Password={SuperPassword};Timeout=5;Pooling=false";

        /// <summary>A fresh empty database owned by the superuser; its connection string (with the password).</summary>
        public string NewDatabase()
        {
            string name = "registry_" + Interlocked.Increment(ref _databases) + "_" + Guid.NewGuid().ToString("N").Substring(0, 6);
            Execute($"CREATE DATABASE {name}");
            return SuperConnectionString(name).Replace(";Pooling=false", string.Empty);
        }

        public void Execute(string sql, string database = "postgres")
        {
            using (var connection = new NpgsqlConnection(SuperConnectionString(database)))
            {
                connection.Open();
                using (var command = new NpgsqlCommand(sql, connection))
                {
                    command.ExecuteNonQuery();
                }
            }
        }

        public object Scalar(string sql, string database)
        {
            using (var connection = new NpgsqlConnection(SuperConnectionString(database)))
            {
                connection.Open();
                using (var command = new NpgsqlCommand(sql, connection))
                {
                    return command.ExecuteScalar();
                }
            }
        }

        public void Start() =>
            AsServerUser($"{Bin}/pg_ctl", $"-D {Data} -l {Path.Combine(Folder, "server.log")} -w -t 60 " +
                $"-o \"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1{(_durable ? string.Empty : " -c fsync=off")} -c max_connections=200\" start");

        public void Stop() => AsServerUser($"{Bin}/pg_ctl", $"-D {Data} -m fast -w -t 60 stop", throwOnError: false);

        public void Dispose()
        {
            AsServerUser($"{Bin}/pg_ctl", $"-D {Data} -m immediate -w -t 60 stop", throwOnError: false);
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static void AsServerUser(string program, string arguments, bool throwOnError = true)
        {
            if (IsRoot)
            {
                Run("runuser", $"-u postgres -- {program} {arguments}", throwOnError);
            }
            else
            {
                Run(program, arguments, throwOnError);
            }
        }

        private static int Run(string program, string arguments, bool throwOnError = true)
        {
            using (var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            }))
            {
                var output = process.StandardOutput.ReadToEndAsync();
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (throwOnError && process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error} {output.Result}");
                }
                return process.ExitCode;
            }
        }
    }
}
