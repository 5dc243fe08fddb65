using CommerceConnector.Core.DataExport;
using MySqlConnector;

namespace CommerceConnector.Core.Database
{
    /// <summary>
    /// A read-only session with a Magento database. It runs SELECT statements only, always with parameters; table names
    /// come from a fixed list (<see cref="KnownTables"/>) and the validated prefix, never from input. A failure becomes
    /// one error id per cause (unreachable, access denied, no such database, no such table) whose message says what to
    /// check and never holds the password.
    /// </summary>
    public sealed class MagentoDatabase : IDisposable
    {
        /// <summary>The connect timeout: a server that does not answer is reported after this, never waited on longer.</summary>
        public const int DefaultConnectTimeoutSeconds = 5;

        public const string CoreConfigData = "core_config_data";
        public const string Flag = "flag";
        public const string MviewState = "mview_state";
        public const string IndexerState = "indexer_state";

        private readonly MySqlConnection _connection;
        private readonly IDisposable? _tunnel;

        private MagentoDatabase(DatabaseSettings settings, MySqlConnection connection, IDisposable? tunnel) =>
            (Settings, _connection, _tunnel) = (settings, connection, tunnel);

        public DatabaseSettings Settings { get; }

        /// <summary>Every table the module may read (without prefix): Magento's own and each feed's table and changelog.</summary>
        public static ISet<string> KnownTables { get; } = new HashSet<string>(
            new[] { CoreConfigData, Flag, MviewState, IndexerState }.Concat(DataExportFeed.All.SelectMany(f => f.TableCandidates.Concat(f.ViewCandidates.Select(Changelog)))),
            StringComparer.Ordinal);

        /// <summary>The changelog table of an mview view.</summary>
        public static string Changelog(string viewId) => viewId + "_cl";

        /// <summary>
        /// Opens a connection; throws DatabaseUnreachable, DatabaseAccessDenied or DatabaseNotFound. A
        /// <paramref name="tunnel"/> (a port forwarded over SSH) is closed with the database, and its connections are
        /// not pooled (the port is gone afterwards).
        /// </summary>
        public static MagentoDatabase Open(DatabaseSettings settings, int connectTimeoutSeconds = DefaultConnectTimeoutSeconds, IDisposable? tunnel = null)
        {
            var builder = new MySqlConnectionStringBuilder
            {
                Server = settings.Socket ?? settings.Host,
                Database = settings.Name,
                UserID = settings.User,
                Password = settings.Password,
                ConnectionTimeout = (uint)Math.Max(1, connectTimeoutSeconds),
                DefaultCommandTimeout = 120,
                PersistSecurityInfo = false,
                CharacterSet = "utf8mb4",
                Pooling = tunnel == null,
            };
            if (settings.Socket != null)
            {
                builder.ConnectionProtocol = MySqlConnectionProtocol.UnixSocket;
            }
            else
            {
                builder.Port = settings.Port;
            }
            var connection = new MySqlConnection(builder.ConnectionString);
            try
            {
                connection.Open();
            }
            catch (Exception e) when (e is MySqlException || e is TimeoutException || e is System.Net.Sockets.SocketException || e is InvalidOperationException)
            {
                connection.Dispose();
                throw Translate(settings, e, null);
            }
            return new MagentoDatabase(settings, connection, tunnel);
        }

        /// <summary>The prefixed, quoted name of a known table; anything else is a programming error.</summary>
        public string Table(string name)
        {
            if (!KnownTables.Contains(name))
            {
                throw new ArgumentException($"'{name}' is not a table the module reads.", nameof(name));
            }
            return "`" + Settings.TablePrefix + name + "`";
        }

        /// <summary>Which of the known tables exist, by name without prefix (one query).</summary>
        public ISet<string> ExistingTables(IEnumerable<string> names)
        {
            var wanted = names.Where(KnownTables.Contains).Distinct().ToList();
            var found = new HashSet<string>(StringComparer.Ordinal);
            if (wanted.Count == 0)
            {
                return found;
            }
            var parameters = wanted.Select((n, i) => ("@t" + i, (object)(Settings.TablePrefix + n))).ToArray();
            string sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (" +
                string.Join(", ", parameters.Select(p => p.Item1)) + ")";
            foreach (var row in Select(sql, null, parameters))
            {
                string name = Convert.ToString(row[0]);
                found.Add(name.Substring(Settings.TablePrefix.Length));
            }
            return found;
        }

        /// <summary>The column names of a known table.</summary>
        public ISet<string> Columns(string table)
        {
            var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in Select("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = @t", table, ("@t", Settings.TablePrefix + table)))
            {
                columns.Add(Convert.ToString(row[0]));
            }
            return columns;
        }

        /// <summary>
        /// Runs one SELECT with parameters and returns its rows (DBNull as null). <paramref name="table"/> names the table
        /// the statement is about, for the DatabaseTableMissing message.
        /// </summary>
        public IReadOnlyList<object?[]> Select(string sql, string? table, params (string Name, object Value)[] parameters)
        {
            if (!sql.TrimStart().StartsWith("SELECT ", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("The module runs SELECT statements only.");
            }
            var rows = new List<object?[]>();
            try
            {
                using (var command = new MySqlCommand(sql, _connection))
                {
                    foreach (var (name, value) in parameters)
                    {
                        command.Parameters.AddWithValue(name, value);
                    }
                    using (var reader = command.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            var row = new object?[reader.FieldCount];
                            reader.GetValues(row!); // GetValues only writes into the array
                            for (int i = 0; i < row.Length; i++)
                            {
                                if (row[i] is DBNull)
                                {
                                    row[i] = null;
                                }
                            }
                            rows.Add(row);
                        }
                    }
                }
            }
            catch (MySqlException e)
            {
                throw Translate(Settings, e, table);
            }
            return rows;
        }

        public void Dispose()
        {
            _connection.Dispose();
            _tunnel?.Dispose();
        }

        internal static ConnectorException Translate(DatabaseSettings settings, Exception e, string? table)
        {
            // A socket or timeout failure, or a MySqlException without a server error code, is a server not reached.
            MySqlErrorCode code = e is MySqlException my ? my.ErrorCode : MySqlErrorCode.UnableToConnectToHost;
            if (code == 0 && table == null)
            {
                code = MySqlErrorCode.UnableToConnectToHost;
            }
            switch (code)
            {
                case MySqlErrorCode.AccessDenied:
                    return new ConnectorException(ErrorIds.DatabaseAccessDenied, ConnectorErrorCategory.AuthenticationError, settings.Server,
                        $"The database server {settings.Server} refused user '{settings.User}' for database '{settings.Name}': check the username and password under db/connection/default in env.php, or give -DatabaseCredential (a read-only user is enough).", e);
                case MySqlErrorCode.UnknownDatabase:
                case MySqlErrorCode.DatabaseAccessDenied:
                    // 1044: the login was right but the database is not one this user may use; MariaDB says so for a
                    // database that does not exist as well, so that users cannot probe for names.
                    return new ConnectorException(ErrorIds.DatabaseNotFound, ConnectorErrorCategory.ObjectNotFound, settings.Name,
                        $"The database server {settings.Server} has no database '{settings.Name}' that user '{settings.User}' may read: check db/connection/default/dbname in env.php (and that the user is granted SELECT on it).", e);
                case MySqlErrorCode.NoSuchTable:
                    string shown = table == null ? "a table the module reads" : $"table '{settings.TablePrefix}{table}'";
                    return new ConnectorException(ErrorIds.DatabaseTableMissing, ConnectorErrorCategory.NotEnabled, settings.TablePrefix + table,
                        $"Database '{settings.Name}' has no {shown}: the Magento module that creates it is not installed, or db/table_prefix in env.php ('{settings.TablePrefix}') is not this store's prefix.", e);
                case MySqlErrorCode.UnableToConnectToHost:
                case MySqlErrorCode.ConnectionCountError:
                    return new ConnectorException(ErrorIds.DatabaseUnreachable, ConnectorErrorCategory.ConnectionError, settings.Server,
                        $"Cannot reach the database server {settings.Server}: check that it runs, that db/connection/default/host in env.php names it, and that this computer may connect to it (or use -NoDatabase to judge the files alone).", e);
                default:
                    return new ConnectorException(ErrorIds.DatabaseQueryFailed, ConnectorErrorCategory.ReadError, settings.Server,
                        $"Reading database '{settings.Name}' on {settings.Server} failed ({code}): check that user '{settings.User}' may SELECT from Magento's tables.", e);
            }
        }
    }
}
