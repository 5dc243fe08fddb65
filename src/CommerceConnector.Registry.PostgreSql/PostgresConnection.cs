using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>
    /// A registry connection: a <c>postgresql://</c> URI (libpq's form) or an Npgsql connection string, with the password
    /// taken from a credential, the URI/connection string itself, <c>PGPASSWORD</c> or a libpq passfile (Npgsql reads
    /// <c>PGPASSFILE</c> and <c>~/.pgpass</c>). The password lives only in the connection pool of this process.
    /// </summary>
    public sealed class PostgresConnection
    {
        /// <summary>Seconds to wait for a connection when the registry names none: a stopped server fails fast.</summary>
        public const int DefaultConnectTimeout = 5;

        private static readonly ConcurrentDictionary<string, NpgsqlDataSource> Pools = new ConcurrentDictionary<string, NpgsqlDataSource>(StringComparer.Ordinal);

        private PostgresConnection(NpgsqlConnectionStringBuilder builder, string host, string database, string username) =>
            (Builder, Host, Port, Database, Username) = (builder, host, builder.Port, database, username);

        internal NpgsqlConnectionStringBuilder Builder { get; }

        public string Host { get; }

        public int Port { get; }

        public string Database { get; }

        public string Username { get; }

        /// <summary>host:port, as error messages name the server.</summary>
        public string Server => $"{Host}:{Port}";

        /// <summary>The connection without its password: postgresql://user@host:port/database.</summary>
        public string Description => $"postgresql://{(string.IsNullOrEmpty(Username) ? string.Empty : Uri.EscapeDataString(Username) + "@")}{HostForUri}:{Port}/{Uri.EscapeDataString(Database)}";

        private string HostForUri => Host.Contains(":") && !Host.StartsWith("[", StringComparison.Ordinal) ? "[" + Host + "]" : Host;

        public override string ToString() => Description;

        public static bool Accepts(string registry)
        {
            if (string.IsNullOrWhiteSpace(registry))
            {
                return false;
            }
            string text = registry.Trim();
            if (IsUri(text))
            {
                return true;
            }
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(text);
                return !string.IsNullOrEmpty(builder.Host);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        public static PostgresConnection Parse(string registry, NetworkCredential? credential = null, Func<string, string?>? environment = null)
        {
            Func<string, string?> variable = environment ?? Environment.GetEnvironmentVariable;
            if (string.IsNullOrWhiteSpace(registry))
            {
                throw Invalid("The registry connection is empty.");
            }
            string text = registry.Trim();
            var builder = IsUri(text) ? FromUri(text) : FromConnectionString(text);
            string host = builder.Host ?? string.Empty;
            if (host.Length == 0)
            {
                throw Invalid("The registry connection names no host. Give one such as postgresql://connector@db.example.com:5432/commerce_registry.");
            }
            string database = builder.Database ?? string.Empty;
            if (database.Length == 0)
            {
                throw Invalid($"The registry connection to {host} names no database. Add it: postgresql://user@{host}:{builder.Port}/commerce_registry.");
            }
            if (credential != null)
            {
                if (!string.IsNullOrEmpty(credential.UserName))
                {
                    builder.Username = credential.UserName;
                }
                if (credential.SecurePassword != null && credential.SecurePassword.Length > 0)
                {
                    builder.Password = credential.Password;
                }
            }
            string username = builder.Username ?? string.Empty;
            if (username.Length == 0)
            {
                string user = variable("PGUSER") ?? string.Empty;
                username = user.Length == 0 ? Environment.UserName : user;
                builder.Username = username;
            }
            if (string.IsNullOrEmpty(builder.Password))
            {
                string? password = variable("PGPASSWORD");
                if (!string.IsNullOrEmpty(password))
                {
                    builder.Password = password;
                }
            }
            if (string.IsNullOrEmpty(builder.Password))
            {
                string? password = PassfilePassword(builder, variable);
                if (password != null)
                {
                    builder.Password = password;
                }
            }
            if (!text.Contains("imeout"))
            {
                builder.Timeout = DefaultConnectTimeout;
            }
            if (string.IsNullOrEmpty(builder.ApplicationName))
            {
                builder.ApplicationName = "CommerceConnector";
            }
            return new PostgresConnection(builder, host, database, username);
        }

        /// <summary>The pooled data source of this connection (one per distinct connection string in the process).</summary>
        internal NpgsqlDataSource DataSource => Pools.GetOrAdd(Builder.ConnectionString, cs => NpgsqlDataSource.Create(cs));

        /// <summary>Opens a connection; every failure becomes a typed ConnectorException naming host and port, never the password.</summary>
        internal NpgsqlConnection Open()
        {
            try
            {
                return DataSource.OpenConnection();
            }
            catch (Exception e) when (PostgresErrors.IsDatabaseFailure(e))
            {
                throw PostgresErrors.Translate(e, this);
            }
        }

        /// <summary>
        /// The password a libpq passfile gives for this host, port, database and user: the file the connection names
        /// (passfile=), else PGPASSFILE, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows). Lines are
        /// host:port:database:user:password, '*' matches anything, '\:' and '\\' escape; the first match wins.
        /// </summary>
        internal static string? PassfilePassword(NpgsqlConnectionStringBuilder builder, Func<string, string?> environment)
        {
            string? path = builder.Passfile;
            if (string.IsNullOrEmpty(path))
            {
                path = environment("PGPASSFILE");
            }
            if (string.IsNullOrEmpty(path))
            {
                path = Environment.OSVersion.Platform == PlatformID.Win32NT
                    ? System.IO.Path.Combine(environment("APPDATA") ?? string.Empty, "postgresql", "pgpass.conf")
                    : System.IO.Path.Combine(environment("HOME") ?? string.Empty, ".pgpass");
            }
            string[] lines;
            try
            {
                if (!System.IO.File.Exists(path))
                {
                    return null;
                }
                lines = System.IO.File.ReadAllLines(path);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return null;
            }
            string?[] wanted = { builder.Host, builder.Port.ToString(CultureInfo.InvariantCulture), builder.Database, builder.Username };
            foreach (string line in lines)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                var fields = new System.Collections.Generic.List<string>();
                var field = new System.Text.StringBuilder();
                for (int i = 0; i < line.Length; i++)
                {
                    char c = line[i];
                    if (c == '\\' && i + 1 < line.Length)
                    {
                        field.Append(line[++i]);
                    }
                    else if (c == ':' && fields.Count < 4)
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                fields.Add(field.ToString().TrimEnd('\r'));
                if (fields.Count == 5 && Enumerable.Range(0, 4).All(k => fields[k] == "*" || string.Equals(fields[k], wanted[k], StringComparison.Ordinal)))
                {
                    return fields[4];
                }
            }
            return null;
        }

        private static bool IsUri(string text) =>
            text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

        private static NpgsqlConnectionStringBuilder FromConnectionString(string text)
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(text);
            }
            catch (ArgumentException)
            {
                // The exception text can quote the string, password and all: name only the keywords.
                string keys = string.Join(", ", text.Split(';').Select(p => p.Split('=')[0].Trim()).Where(k => k.Length > 0));
                throw Invalid($"The registry connection string is not valid (keywords: {keys}). Use Host=...;Port=5432;Database=...;Username=..., or a postgresql:// URI.");
            }
        }

        private static NpgsqlConnectionStringBuilder FromUri(string text)
        {
            Uri uri;
            int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            // System.Uri knows no postgresql scheme defaults; parse the rest as an authority-based URI.
            if (!Uri.TryCreate("pg" + text.Substring(schemeEnd), UriKind.Absolute, out uri) || string.IsNullOrEmpty(uri.Host))
            {
                throw Invalid("The registry URI is not valid. Use postgresql://user@host:5432/database.");
            }
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = uri.Host.Trim('[', ']'),
                Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
                Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            };
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                string[] parts = uri.UserInfo.Split(new[] { ':' }, 2);
                builder.Username = Uri.UnescapeDataString(parts[0]);
                if (parts.Length == 2)
                {
                    builder.Password = Uri.UnescapeDataString(parts[1]);
                }
            }
            string query = uri.Query.TrimStart('?');
            foreach (string pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = pair.Split(new[] { '=' }, 2);
                string key = Uri.UnescapeDataString(kv[0]).ToLowerInvariant();
                string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
                try
                {
                    Apply(builder, key, value);
                }
                catch (Exception e) when (e is ArgumentException || e is FormatException || e is OverflowException)
                {
                    throw Invalid($"The registry URI parameter '{key}' has a value this module cannot use.");
                }
            }
            return builder;
        }

        private static void Apply(NpgsqlConnectionStringBuilder builder, string key, string value)
        {
            {
                switch (key)
                {
                    case "sslmode":
                        builder.SslMode = (SslMode)Enum.Parse(typeof(SslMode), value.Replace("-", string.Empty), ignoreCase: true);
                        break;
                    case "connect_timeout":
                        builder.Timeout = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "application_name":
                        builder.ApplicationName = value;
                        break;
                    case "passfile":
                        builder.Passfile = value;
                        break;
                    case "user":
                        builder.Username = value;
                        break;
                    case "dbname":
                        builder.Database = value;
                        break;
                    default:
                        throw new ArgumentException($"The registry URI parameter '{key}' is not supported; use sslmode, connect_timeout, application_name, passfile, user or dbname.");
                }
            }
        }

        private static ConnectorException Invalid(string message) =>
            new ConnectorException(ErrorIds.RegistryConnectionInvalid, ConnectorErrorCategory.InvalidArgument, null, message);
    }
}
