using System.Net;

namespace CommerceConnector.Core.Storage
{
    /// <summary>What Initialize-ConnectorRegistry did to a database.</summary>
    public sealed class RegistryInitialization
    {
        public RegistryInitialization(string registry, int previousVersion, int version, IReadOnlyList<int> applied) =>
            (Registry, PreviousVersion, Version, Applied) = (registry, previousVersion, version, applied);

        /// <summary>The registry, without its password.</summary>
        public string Registry { get; }

        /// <summary>The schema version before (0: no schema).</summary>
        public int PreviousVersion { get; }

        public int Version { get; }

        /// <summary>The migrations applied now (empty when the schema was current).</summary>
        public IReadOnlyList<int> Applied { get; }
    }

    /// <summary>A server-backed registry (PostgreSQL): opens stores for a connection and manages its schema.</summary>
    public interface IRegistryBackend
    {
        /// <summary>Whether <paramref name="registry"/> is a connection this backend takes (a URI or a connection string).</summary>
        bool Accepts(string registry);

        /// <summary>The connection as shown to users and stored in the session: host, port, database and user, never a password.</summary>
        string Describe(string registry);

        /// <summary>A store over the connection; checks that the server is reachable and holds the current schema.</summary>
        IScopedRegistryStore Open(string registry, NetworkCredential? credential);

        /// <summary>Creates or migrates the schema; idempotent; refuses a newer schema.</summary>
        RegistryInitialization Initialize(string registry, NetworkCredential? credential);
    }

    /// <summary>The server-backed registries this build knows. The cmdlet assembly registers PostgreSQL when it loads.</summary>
    public static class RegistryBackends
    {
        public const string RegistryVariable = "COMMERCE_CONNECTOR_REGISTRY";

        private static volatile IRegistryBackend? s_postgreSql;

        public static IRegistryBackend? PostgreSql
        {
            get => s_postgreSql;
            set => s_postgreSql = value;
        }

        /// <summary>Whether <paramref name="registry"/> names a server registry rather than a folder.</summary>
        public static bool IsConnection(string registry)
        {
            if (string.IsNullOrWhiteSpace(registry))
            {
                return false;
            }
            string text = registry.Trim();
            return text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
                || (text.IndexOf('=') > 0 && text.IndexOf("host", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        /// <summary>The backend for <paramref name="registry"/>; <c>RegistryConnectionInvalid</c> when none takes it.</summary>
        public static IRegistryBackend For(string registry)
        {
            var backend = s_postgreSql;
            if (backend == null)
            {
                throw new ConnectorException(ErrorIds.RegistryConnectionInvalid, ConnectorErrorCategory.InvalidOperation, null,
                    "This build of CommerceConnector has no PostgreSQL registry backend loaded. Import the CommerceConnector module (which carries it) and run the command again.");
            }
            if (!backend.Accepts(registry))
            {
                throw new ConnectorException(ErrorIds.RegistryConnectionInvalid, ConnectorErrorCategory.InvalidArgument, null,
                    "The registry is neither a postgresql:// URI nor a connection string (Host=...;Database=...;Username=...). " +
                    "Give one such as postgresql://connector@db.example.com:5432/commerce_registry.");
            }
            return backend;
        }
    }
}
