using System.Net;

namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>The PostgreSQL backend as Core sees it (<see cref="RegistryBackends.PostgreSql"/>).</summary>
    public sealed class PostgresBackend : IRegistryBackend
    {
        public static PostgresBackend Instance { get; } = new PostgresBackend();

        /// <summary>Makes this backend the one Core uses for connection strings and postgresql:// URIs.</summary>
        public static void Register()
        {
            if (RegistryBackends.PostgreSql == null)
            {
                RegistryBackends.PostgreSql = Instance;
            }
        }

        public bool Accepts(string registry) => PostgresConnection.Accepts(registry);

        public string Describe(string registry) => PostgresConnection.Parse(registry).Description;

        public IScopedRegistryStore Open(string registry, NetworkCredential? credential)
        {
            var store = new PostgresRegistryStore(PostgresConnection.Parse(registry, credential));
            store.CheckSchema();
            return store;
        }

        public RegistryInitialization Initialize(string registry, NetworkCredential? credential) =>
            PostgresSchema.Initialize(PostgresConnection.Parse(registry, credential));
    }
}
