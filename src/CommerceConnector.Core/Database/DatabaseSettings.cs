using System.Text.RegularExpressions;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Database
{
    /// <summary>
    /// Where an instance's database is and how to log in, from env.php <c>db/connection/default</c> (host as a name,
    /// name:port, a Unix socket path or localhost:/path.sock; dbname; username; password) and <c>db/table_prefix</c>.
    /// The password is kept for the connection only: it is in no property, no ToString and no message.
    /// </summary>
    public sealed class DatabaseSettings
    {
        private static readonly Regex PrefixPattern = new Regex("^[A-Za-z0-9_]{0,32}$", RegexOptions.CultureInvariant);

        private DatabaseSettings(string? host, uint port, string? socket, string name, string user, string password, string tablePrefix, string? shownAs = null) =>
            (_shownAs, Host, Port, Socket, Name, User, Password, TablePrefix) =
            (shownAs, host, port, socket, name, user, password, tablePrefix);

        /// <summary>The server's host name or address; null when a Unix socket is used.</summary>
        public string? Host { get; }

        public uint Port { get; }

        /// <summary>The Unix socket path, or null.</summary>
        public string? Socket { get; }

        /// <summary>The database (schema) name.</summary>
        public string Name { get; }

        public string User { get; }

        internal string Password { get; }

        /// <summary>The table prefix of env.php <c>db/table_prefix</c>, validated: letters, digits and underscores only.</summary>
        public string TablePrefix { get; }

        /// <summary>The server as messages name it: host:port or the socket path.</summary>
        public string Server => _shownAs ?? Socket ?? $"{Host}:{Port}";

        private readonly string? _shownAs;

        /// <summary>
        /// The same database reached at <paramref name="host"/>:<paramref name="port"/> on this computer (a port
        /// forwarded through an SSH connection to <paramref name="via"/>); messages name it as env.php does, with the
        /// server it is reached through.
        /// </summary>
        public DatabaseSettings Through(string? host, int port, string via) =>
            new DatabaseSettings(host, (uint)port, null, Name, User, Password, TablePrefix, $"{Server} (as {via} sees it, through its SSH connection)");

        /// <summary>The same server and database with another user (e.g. a read-only one given by -DatabaseCredential).</summary>
        public DatabaseSettings WithCredential(string user, string password) =>
            new DatabaseSettings(Host, Port, Socket, Name, user, password, TablePrefix, _shownAs);

        /// <summary>Reads the settings from a parsed env.php; throws DatabaseSettingsMissing or InvalidTablePrefix.</summary>
        public static DatabaseSettings FromEnvPhp(PhpConfigFile env)
        {
            string? host = Text(env, "db", "connection", "default", "host");
            string? name = Text(env, "db", "connection", "default", "dbname");
            if (Strings.IsNullOrEmpty(host) || Strings.IsNullOrEmpty(name))
            {
                throw new ConnectorException(ErrorIds.DatabaseSettingsMissing, ConnectorErrorCategory.InvalidData, env.Path,
                    $"{env.Path} has no literal db/connection/default host and dbname: check the file, or run the command with -NoDatabase to judge the files alone.");
            }
            string user = Text(env, "db", "connection", "default", "username") ?? string.Empty;
            string password = Text(env, "db", "connection", "default", "password") ?? string.Empty;
            string prefix = Text(env, "db", "table_prefix") ?? string.Empty;
            if (!PrefixPattern.IsMatch(prefix))
            {
                throw new ConnectorException(ErrorIds.InvalidTablePrefix, ConnectorErrorCategory.InvalidData, env.Path,
                    $"The table prefix in {env.Path} (db/table_prefix) may hold only letters, digits and underscores (at most 32): check the file.");
            }
            var (serverHost, port, socket) = ParseHost(host);
            return new DatabaseSettings(serverHost, port, socket, name, user, password, prefix);
        }

        /// <summary>Magento's host forms: name, name:port, /path.sock, localhost:/path.sock.</summary>
        internal static (string? Host, uint Port, string? Socket) ParseHost(string host)
        {
            host = host.Trim();
            if (host.StartsWith("/", StringComparison.Ordinal))
            {
                return (null, 3306, host);
            }
            int colon = host.LastIndexOf(':');
            if (colon > 0 && host.IndexOf(':') == colon)
            {
                string rest = host.Substring(colon + 1);
                if (rest.StartsWith("/", StringComparison.Ordinal))
                {
                    return (null, 3306, rest);
                }
                if (uint.TryParse(rest, out uint port) && port > 0 && port < 65536)
                {
                    return (host.Substring(0, colon), port, null);
                }
            }
            return (host, 3306, null);
        }

        private static string? Text(PhpConfigFile env, params string[] keys)
        {
            var value = env.Get(keys);
            return value == null || value.Kind == PhpValueKind.Array || value.Kind == PhpValueKind.Expression || value.Kind == PhpValueKind.Null ? null : value.Text;
        }

        public override string ToString() => $"{User}@{Server}/{Name}";
    }
}
