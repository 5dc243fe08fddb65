using CommerceConnector.Core.Hosts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Database
{
    /// <summary>
    /// How to reach an instance's database: env.php's db/connection/default, optionally with another user (a read-only
    /// one: -DatabaseCredential) and another connect timeout.
    /// </summary>
    public sealed class DatabaseLogin
    {
        public DatabaseLogin(string? user = null, string? password = null, int connectTimeoutSeconds = MagentoDatabase.DefaultConnectTimeoutSeconds) =>
            (User, Password, ConnectTimeoutSeconds) =
            (user, password, connectTimeoutSeconds);

        /// <summary>The user to log in as instead of env.php's; null keeps env.php's user and password.</summary>
        public string? User { get; }

        internal string? Password { get; }

        public int ConnectTimeoutSeconds { get; }

        /// <summary>The settings env.php gives, with this login's user when one is set.</summary>
        public DatabaseSettings Settings(PhpConfigFile env)
        {
            var settings = DatabaseSettings.FromEnvPhp(env);
            return User == null ? settings : settings.WithCredential(User, Password ?? string.Empty);
        }

        /// <summary>
        /// Reads the target's env.php and opens its database. For an instance on another server the database is reached
        /// as Magento reaches it from there: a loopback port here forwarded through that server's SSH connection to the
        /// host and port (or Unix socket) env.php names, so a database that answers only inside the store's network
        /// works. The forward closes with the returned database.
        /// </summary>
        public MagentoDatabase Open(ConfigTarget target) =>
            Open(PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp));

        /// <summary>
        /// Opens the database an already parsed env.php names; for an env.php read from another server (an ssh:// path),
        /// through a port forwarded over that server's SSH connection, as <see cref="Open(ConfigTarget)"/> says.
        /// </summary>
        public MagentoDatabase Open(PhpConfigFile env)
        {
            if (env == null || !RemotePath.IsRemote(env.Path))
            {
                // env is not nullable; a null one fails in Settings as it always did.
                return MagentoDatabase.Open(Settings(env!), ConnectTimeoutSeconds);
            }
            var settings = Settings(env);
            var host = HostConnections.For(env.Path, out _);
            var endpoint = settings.Socket != null ? host.Forward(null, 0, settings.Socket) : host.Forward(settings.Host, (int)settings.Port);
            try
            {
                return MagentoDatabase.Open(settings.Through(endpoint.HostName, endpoint.Port, host.DisplayName), ConnectTimeoutSeconds, endpoint);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.DatabaseUnreachable)
            {
                // The forward itself is made here; the server decides only when a connection goes through it.
                string? refused = endpoint.ChannelFailure();
                endpoint.Dispose();
                if (refused != null && refused.IndexOf("prohibited", StringComparison.Ordinal) >= 0)
                {
                    throw new ConnectorException(ErrorIds.HostPortForwardFailed, ConnectorErrorCategory.ConnectionError, host.DisplayName,
                        $"{host.DisplayName} refused to forward a connection to the store's database {settings.Server} ({refused}). Its sshd must allow TCP forwarding for this SSH user (AllowTcpForwarding yes, and PermitOpen if set must name the database) for the database to be read through it.", e);
                }
                if (refused != null)
                {
                    throw new ConnectorException(ErrorIds.DatabaseUnreachable, ConnectorErrorCategory.ConnectionError, settings.Server,
                        $"{host.DisplayName} cannot reach the database server {settings.Server} ({refused}): check that it runs and that db/connection/default/host in env.php names it as that server sees it (or use -NoDatabase to judge the files alone).", e);
                }
                throw;
            }
            catch
            {
                endpoint.Dispose();
                throw;
            }
        }
    }
}
