using System.Net;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Database;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Rotation;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Session
{
    /// <summary>
    /// The session context later commands use by default, like an Az context: set by Connect-CommerceAccount,
    /// or, for pipelines, by the environment variables <c>COMMERCE_CONNECTOR_MAGEID</c> and <c>COMMERCE_CONNECTOR_USER</c>.
    /// One per process (all runspaces share it, as <c>ForEach-Object -Parallel</c> expects).
    /// </summary>
    public sealed class ConnectorSession
    {
        public const string MageIdVariable = "COMMERCE_CONNECTOR_MAGEID";
        public const string UserVariable = "COMMERCE_CONNECTOR_USER";

        private readonly Func<string, string?> _environment;
        private readonly Func<string, IRegistryStore> _openStore;
        [ThreadStatic]
        private static CommandScope? _command;

        private readonly bool _preview;
        private volatile ConnectedState? _connected;
        private volatile ServerRegistry? _fromEnvironment;

        public ConnectorSession(Func<string, string?> environment, Func<string, IRegistryStore>? openStore = null)
        {
            _environment = environment ?? throw new ArgumentNullException(nameof(environment));
            _openStore = openStore ?? (path => new AuditedFileRegistryStore(new FileRegistryStore(path)));
        }

        private ConnectorSession(Func<string, string?> environment, Func<string, IRegistryStore> openStore, bool preview)
            : this(environment, openStore)
        {
            _preview = preview;
        }

        /// <summary>
        /// The same session (context, registry) over stores that run every change and write nothing: a command runs
        /// its operation here first, so -WhatIf and -Confirm report the refusal the real run would meet.
        /// </summary>
        public ConnectorSession Preview()
        {
            var openStore = _openStore;
            return new ConnectorSession(_environment, path => new PreviewRegistryStore(openStore(path)), preview: true) { _connected = _connected, _fromEnvironment = _fromEnvironment };
        }

        /// <summary>The process-wide session the cmdlets use.</summary>
        public static ConnectorSession Default { get; } = new ConnectorSession(Environment.GetEnvironmentVariable);

        /// <summary>Whether Connect-CommerceAccount set a context in this session.</summary>
        public bool IsConnected => _connected != null;

        /// <summary>The registry folder commands use now: the connected one, else the environment's or the default.</summary>
        public string RegistryPath => _connected?.RegistryPath ?? EnvironmentServer()?.Description ?? RegistryLocation.Resolve(null, _environment);

        /// <summary>
        /// Until the result is disposed, this thread's reads of a registry through this session share one parse of it
        /// (<see cref="SnapshotRegistryStore"/>); a change drops it. A cmdlet opens one per record it processes, so that
        /// the session check, the instance lookup and the plan of one command read registry.json once. Nested calls
        /// keep the outer scope.
        /// </summary>
        public IDisposable BeginCommand() => _command != null ? (IDisposable)new CommandScope(null) : (_command = new CommandScope(this));

        /// <summary>Whether commands use a server registry (PostgreSQL) rather than a folder.</summary>
        public bool UsesServerRegistry => (_connected != null ? _connected.Server : EnvironmentServer()) != null;

        /// <summary>The member commands act as, for the audit trail (no registry read): the connected or the environment's user.</summary>
        public string? CurrentUser
        {
            get
            {
                var connected = _connected;
                if (connected != null)
                {
                    return connected.User;
                }
                string? user = _environment(UserVariable);
                return Strings.IsNullOrWhiteSpace(user) ? null : user.Trim();
            }
        }

        public IRegistryStore OpenStore()
        {
            var connected = _connected;
            var server = connected != null ? connected.Server : EnvironmentServer();
            if (server != null)
            {
                IRegistryStore store = server.Store;
                return _preview ? new PreviewRegistryStore(store) : store;
            }
            return StoreAt(connected?.RegistryPath ?? RegistryLocation.Resolve(null, _environment));
        }

        /// <summary>The server registry COMMERCE_CONNECTOR_REGISTRY names (opened once per process), or null.</summary>
        private ServerRegistry? EnvironmentServer()
        {
            string? registry = _environment(RegistryBackends.RegistryVariable);
            if (Strings.IsNullOrWhiteSpace(registry))
            {
                return null;
            }
            var cached = _fromEnvironment;
            if (cached != null && cached.Registry == registry)
            {
                return cached;
            }
            var opened = ServerRegistry.Open(registry, null);
            _fromEnvironment = opened;
            return opened;
        }

        public IAccountDirectory OpenAccounts() => new AccountDirectory(OpenStore());

        public IApiKeyPortal OpenApiKeys()
        {
            var store = OpenStore();
            return new ApiKeyPortal(store, null, id => new KeyHolders(store, RequireContext().MageId).InstancesConfiguredWith(id));
        }

        public InstanceInventory OpenInstances() => new InstanceInventory(OpenStore());

        /// <summary>Plans configuration changes (checked, edited in memory, nothing written).</summary>
        public ConfigurationPlanner OpenPlanner() => new ConfigurationPlanner(OpenStore());

        /// <summary>Writes configuration plans.</summary>
        public ConfigurationWriter OpenWriter() => new ConfigurationWriter(OpenStore());

        public IProjectRegistry OpenProjects() => new ProjectRegistry(OpenStore());

        public KeyRotator OpenKeyRotator() => new KeyRotator(OpenStore());

        public InstanceAdoption OpenAdoption() => new InstanceAdoption(OpenStore());

        /// <summary>The environment variable that sets the default of database access (On or Off) for instances without their own setting.</summary>
        public const string DatabaseAccessVariable = "COMMERCE_CONNECTOR_DATABASE_ACCESS";

        /// <summary>
        /// Where one command reads connector values from: the files, and core_config_data unless <paramref name="noDatabase"/>
        /// (-NoDatabase). Instances decide by their DatabaseAccess; without one, COMMERCE_CONNECTOR_DATABASE_ACCESS=Off
        /// makes the files alone the default. <paramref name="login"/> is another (read-only) user (-DatabaseCredential),
        /// null for env.php's own.
        /// </summary>
        public ConfigurationSources OpenSources(bool noDatabase, DatabaseLogin? login = null)
        {
            if (noDatabase)
            {
                return ConfigurationSources.FilesOnly;
            }
            bool off = string.Equals(_environment(DatabaseAccessVariable)?.Trim(), "Off", StringComparison.OrdinalIgnoreCase);
            return new ConfigurationSources(new CoreConfigDataReader(login), off ? DatabaseAccess.Off : DatabaseAccess.On);
        }

        /// <summary>A fleet audit of <paramref name="mageId"/>: the registry as it is now, each env.php read once.</summary>
        public FleetAudit OpenAudit(string mageId, ConfigurationSources? sources = null) => new FleetAudit(OpenStore(), mageId, sources);

        /// <summary>Checks that the account exists and the user is a member, then makes it the session's context.</summary>
        public ConnectorContext Connect(string mageId, string? user, string? registryPath) => Connect(mageId, user, registryPath, null, null);

        /// <summary>
        /// As <see cref="Connect(string, string, string)"/>, against <paramref name="registry"/> (a postgresql:// URI or a
        /// connection string) when given; else against COMMERCE_CONNECTOR_REGISTRY when set and no folder is given; else
        /// against the folder. The password comes from <paramref name="credential"/>, a libpq passfile or PGPASSWORD; it is
        /// kept in this process only, never written anywhere.
        /// </summary>
        public ConnectorContext Connect(string mageId, string? user, string? registryPath, string? registry, NetworkCredential? credential)
        {
            string id = Validate.MageId(mageId);
            if (registry == null && registryPath == null)
            {
                string? fromEnvironment = _environment(RegistryBackends.RegistryVariable);
                registry = Strings.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
            }
            if (registry != null)
            {
                var server = ServerRegistry.Open(registry, credential);
                var onServer = Build(server.Description, server.Store, id, user, ContextSource.Connected);
                _connected = new ConnectedState(onServer.MageId, onServer.User, server.Description, server);
                return onServer;
            }
            string path = RegistryLocation.Resolve(registryPath, _environment);
            var context = Build(path, id, user, ContextSource.Connected);
            _connected = new ConnectedState(context.MageId, context.User, path, null);
            return context;
        }

        /// <summary>Forgets the connected context; returns whether there was one.</summary>
        public bool Disconnect()
        {
            bool was = _connected != null;
            _connected = null;
            return was;
        }

        /// <summary>
        /// The current context, re-read from the registry so that a removed member or deleted account stops acting at once.
        /// Throws <c>NotConnected</c> when neither Connect-CommerceAccount nor the environment named an account.
        /// </summary>
        public ConnectorContext RequireContext()
        {
            var connected = _connected;
            if (connected != null)
            {
                return connected.Server != null
                    ? Build(connected.RegistryPath, connected.Server.Store, connected.MageId, connected.User, ContextSource.Connected)
                    : Build(connected.RegistryPath, connected.MageId, connected.User, ContextSource.Connected);
            }
            string? mageId = _environment(MageIdVariable);
            if (Strings.IsNullOrWhiteSpace(mageId))
            {
                throw new ConnectorException(ErrorIds.NotConnected, ConnectorErrorCategory.InvalidOperation, null,
                    $"No Commerce account is connected. Run Connect-CommerceAccount -MageId <MageID>, or set {MageIdVariable} (and {UserVariable}) for unattended runs.");
            }
            string? user = _environment(UserVariable);
            var environmentServer = EnvironmentServer();
            if (environmentServer != null)
            {
                return Build(environmentServer.Description, environmentServer.Store, Validate.MageId(mageId), Strings.IsNullOrWhiteSpace(user) ? null : user, ContextSource.Environment);
            }
            return Build(RegistryLocation.Resolve(null, _environment), Validate.MageId(mageId), Strings.IsNullOrWhiteSpace(user) ? null : user, ContextSource.Environment);
        }

        private ConnectorContext Build(string registryPath, string mageId, string? user, ContextSource source) =>
            Build(registryPath, StoreAt(registryPath), mageId, user, source);

        private ConnectorContext Build(string registryPath, IRegistryStore store, string mageId, string? user, ContextSource source)
        {
            var account = new AccountDirectory(store).GetAccount(mageId);
            AccountMember member;
            if (user == null)
            {
                // The owner acts by default; a hand-edited registry without one falls back to the first licence owner.
                member = account.FindMember(account.Owner ?? string.Empty) ?? account.Members.FirstOrDefault(m => m.Role == MemberRole.LicenseOwner)
                    ?? throw new ConnectorException(ErrorIds.MemberNotFound, ConnectorErrorCategory.PermissionDenied, account.MageId,
                        $"{account.MageId} has no licence owner to act as. Give the user with -User or {UserVariable}.");
            }
            else
            {
                string address = Validate.Email(user);
                member = account.FindMember(address) ?? throw new ConnectorException(ErrorIds.MemberNotFound, ConnectorErrorCategory.PermissionDenied, address,
                    $"{address} is not a member of {account.MageId}. A licence owner adds members with Add-CommerceAccountMember.");
            }
            return new ConnectorContext(account.MageId, account.Name, account.Edition, member.User, member.Role, registryPath, source);
        }

        private IRegistryStore StoreAt(string path)
        {
            var command = _command;
            if (command == null || command.Session != this)
            {
                return _openStore(path);
            }
            if (!command.Stores.TryGetValue(path, out var store))
            {
                command.Stores[path] = store = new SnapshotRegistryStore(_openStore(path));
            }
            return store;
        }

        /// <summary>One command's snapshots, per registry path; only for the session that began it (a preview session opens its own stores).</summary>
        private sealed class CommandScope : IDisposable
        {
            public CommandScope(ConnectorSession? session)
            {
                Session = session;
            }

            public ConnectorSession? Session { get; }

            public Dictionary<string, SnapshotRegistryStore> Stores { get; } = new Dictionary<string, SnapshotRegistryStore>(StringComparer.Ordinal);

            public void Dispose()
            {
                if (Session != null && _command == this)
                {
                    _command = null;
                }
            }
        }

        private sealed class ConnectedState
        {
            public ConnectedState(string mageId, string user, string registryPath, ServerRegistry? server) =>
                (MageId, User, RegistryPath, Server) = (mageId, user, registryPath, server);

            /// <summary>The server registry connected to, or null for a folder.</summary>
            public ServerRegistry? Server { get; }

            public string MageId { get; }

            public string User { get; }

            public string RegistryPath { get; }
        }

        /// <summary>A server registry opened once: its store (pooled connections) and its description without a password.</summary>
        private sealed class ServerRegistry
        {
            private ServerRegistry(string registry, string description, IScopedRegistryStore store) =>
                (Registry, Description, Store) = (registry, description, store);

            public string Registry { get; }

            public string Description { get; }

            public IScopedRegistryStore Store { get; }

            public static ServerRegistry Open(string registry, NetworkCredential? credential)
            {
                var backend = RegistryBackends.For(registry);
                return new ServerRegistry(registry, backend.Describe(registry), backend.Open(registry, credential));
            }
        }
    }
}
