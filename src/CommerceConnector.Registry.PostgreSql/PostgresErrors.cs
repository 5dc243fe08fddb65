using System.IO;
using System.Net.Sockets;

namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>
    /// Turns what Npgsql and the server report into the module's typed errors: a refusal the schema's constraints made
    /// becomes the refusal Core makes for the same rule (DataSpaceInUse, InstanceExists, ...), a connection failure
    /// names host and port (never the password). No raw PostgresException reaches a user.
    /// </summary>
    internal static class PostgresErrors
    {
        internal static bool IsDatabaseFailure(Exception e) =>
            e is NpgsqlException || e is SocketException || e is IOException || e is TimeoutException
            || (e is InvalidOperationException && e.Source == "Npgsql");

        internal static ConnectorException Translate(Exception e, PostgresConnection connection)
        {
            if (e is PostgresException pg)
            {
                return FromServer(pg, connection);
            }
            for (Exception? inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is PostgresException innerPg)
                {
                    return FromServer(innerPg, connection);
                }
                if (inner is SocketException socket)
                {
                    if (socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.TryAgain || socket.SocketErrorCode == SocketError.NoData)
                    {
                        return new ConnectorException(ErrorIds.RegistryHostUnknown, ConnectorErrorCategory.ConnectionError, connection.Server,
                            $"The registry host '{connection.Host}' is not known to DNS. Check the host name in the registry connection ({connection.Description}).", e);
                    }
                    return Unavailable(connection, socket.SocketErrorCode.ToString(), e);
                }
            }
            if (e.Message.IndexOf("No password has been provided", StringComparison.OrdinalIgnoreCase) >= 0
                || (e is InvalidOperationException && e.Message.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return new ConnectorException(ErrorIds.RegistryAuthenticationFailed, ConnectorErrorCategory.AuthenticationError, connection.Server,
                    $"No password for {connection.Username} on the registry {connection.Description}. Give it with -Credential, a libpq passfile (~/.pgpass or PGPASSFILE) or PGPASSWORD.", e);
            }
            if (e is TimeoutException || e.InnerException is TimeoutException || (e is NpgsqlException n && n.IsTransient) || e is IOException || e.InnerException is IOException)
            {
                return Unavailable(connection, "no answer", e);
            }
            return Unavailable(connection, e.GetType().Name, e);
        }

        private static ConnectorException FromServer(PostgresException e, PostgresConnection connection)
        {
            switch (e.SqlState)
            {
                case PostgresErrorCodes.InvalidPassword:
                case PostgresErrorCodes.InvalidAuthorizationSpecification:
                    return new ConnectorException(ErrorIds.RegistryAuthenticationFailed, ConnectorErrorCategory.AuthenticationError, connection.Server,
                        $"The registry server {connection.Server} refused the login of '{connection.Username}' to database '{connection.Database}' (wrong password or no access). " +
                        "Check the user and password (-Credential, passfile or PGPASSWORD); the password was not shown or kept.", e);
                case PostgresErrorCodes.InvalidCatalogName:
                    return new ConnectorException(ErrorIds.RegistryDatabaseNotFound, ConnectorErrorCategory.ObjectNotFound, connection.Server,
                        $"The registry server {connection.Server} has no database '{connection.Database}'. Create it (createdb {connection.Database}) and run Initialize-ConnectorRegistry.", e);
                case PostgresErrorCodes.UndefinedTable:
                case PostgresErrorCodes.InvalidSchemaName:
                    return SchemaMissing(connection, e);
                case PostgresErrorCodes.InsufficientPrivilege:
                    return new ConnectorException(ErrorIds.RegistryPermissionDenied, ConnectorErrorCategory.PermissionDenied, connection.Server,
                        $"'{connection.Username}' may not use the registry tables in {connection.Description}. Ask the database owner to grant the connector role to it (see the README, 'Share the registry with your team').", e);
                case PostgresErrorCodes.SerializationFailure:
                case PostgresErrorCodes.DeadlockDetected:
                case PostgresErrorCodes.LockNotAvailable:
                    return new ConnectorException(ErrorIds.RegistryConflict, ConnectorErrorCategory.ResourceBusy, connection.Server,
                        "Another administrator changed the same registry rows at the same moment; nothing was written. Run the command again.", e);
                case PostgresErrorCodes.UniqueViolation:
                case PostgresErrorCodes.ExclusionViolation:
                case PostgresErrorCodes.ForeignKeyViolation:
                case PostgresErrorCodes.CheckViolation:
                    return Constraint(e);
            }
            if (e.SqlState.StartsWith("08", StringComparison.Ordinal) || e.SqlState.StartsWith("57P", StringComparison.Ordinal) || e.SqlState == PostgresErrorCodes.TooManyConnections)
            {
                return Unavailable(connection, e.SqlState, e);
            }
            return new ConnectorException(ErrorIds.RegistryWriteFailed, ConnectorErrorCategory.WriteError, connection.Server,
                $"The registry {connection.Description} refused the command ({e.SqlState}: {e.MessageText}). Nothing was written.", e);
        }

        internal static ConnectorException SchemaMissing(PostgresConnection connection, Exception? inner) =>
            new ConnectorException(ErrorIds.RegistrySchemaMissing, ConnectorErrorCategory.InvalidOperation, connection.Server,
                $"The database '{connection.Database}' on {connection.Server} holds no CommerceConnector registry. Run Initialize-ConnectorRegistry -Registry '{connection.Description}' once (as the database owner), then connect.", inner);

        internal static ConnectorException Unavailable(PostgresConnection connection, string why, Exception inner) =>
            new ConnectorException(ErrorIds.RegistryUnavailable, ConnectorErrorCategory.ConnectionError, connection.Server,
                $"The registry server {connection.Host} port {connection.Port} cannot be reached ({why}). Nothing was written. " +
                "Check that PostgreSQL runs there and accepts connections, then run the command again.", inner);

        /// <summary>
        /// The rule each named constraint encodes, as the refusal Core makes for it. Several constraints can hold one rule
        /// (a primary key and its case-insensitive unique index).
        /// </summary>
        private static readonly Dictionary<string, (string Id, ConnectorErrorCategory Category, string Message)> ConstraintRules = Rules(
            (new[] { "accounts_pkey" }, ErrorIds.AccountExists, ConnectorErrorCategory.ResourceExists,
                "An account with this MageID already exists in the registry (another administrator added it just now). Get-CommerceAccount shows it."),
            (new[] { "members_pkey", "members_user_unique" }, ErrorIds.MemberExists, ConnectorErrorCategory.ResourceExists,
                "This user is already a member of the account."),
            (new[] { "instances_pkey", "instances_name_unique" }, ErrorIds.InstanceExists, ConnectorErrorCategory.ResourceExists,
                "An instance of this name is already registered for the account. Choose another name."),
            (new[] { "instances_path_unique" }, ErrorIds.InstancePathRegistered, ConnectorErrorCategory.ResourceExists,
                "This Magento root is already registered as an instance (of this or another account). One installation is one instance."),
            (new[] { "assignments_one_testing_holder" }, ErrorIds.DataSpaceInUse, ConnectorErrorCategory.ResourceBusy,
                "This testing data space is assigned to another instance; one testing data space must not serve two environments. Release it there first."),
            (new[] { "data_spaces_one_production" }, ErrorIds.SecondProductionDataSpace, ConnectorErrorCategory.InvalidOperation,
                "The project already has its production data space; a project has exactly one."),
            (new[] { "data_spaces_pkey", "data_spaces_id_unique" }, ErrorIds.DataSpaceIdExists, ConnectorErrorCategory.ResourceExists,
                "A data space with this id is already registered."),
            (new[] { "projects_pkey", "projects_id_unique" }, ErrorIds.ProjectIdExists, ConnectorErrorCategory.ResourceExists,
                "A SaaS project with this id is already registered."),
            (new[] { "api_keys_pkey", "api_keys_id_unique" }, ErrorIds.ApiKeyOfAnotherAccount, ConnectorErrorCategory.ResourceExists,
                "This API key id is already registered (for this or another account)."),
            (new[] { "api_keys_fingerprint_unique" }, ErrorIds.PrivateKeyOfAnotherApiKey, ConnectorErrorCategory.ResourceExists,
                "This key pair is already registered with another API key (of this or another account). A key pair has one API key: check which API key was downloaded with this private key."),
            (new[] { "key_rotations_pkey" }, ErrorIds.RegistryConflict, ConnectorErrorCategory.ResourceBusy,
                "This key rotation was recorded by another administrator just now. Run the command again."));

        /// <summary>A constraint refusal, as the rule it encodes.</summary>
        private static ConnectorException Constraint(PostgresException e)
        {
            string constraint = e.ConstraintName ?? string.Empty;
            if (ConstraintRules.TryGetValue(constraint, out var rule))
            {
                return Refused(rule.Id, rule.Category, rule.Message, e);
            }
            return Refused(ErrorIds.RegistryConflict, ConnectorErrorCategory.ResourceBusy,
                $"The registry refused the change ({e.SqlState} on {(constraint.Length > 0 ? constraint : e.TableName)}): another administrator changed related rows. Nothing was written; run the command again.", e);
        }

        private static Dictionary<string, (string Id, ConnectorErrorCategory Category, string Message)> Rules(
            params (string[] Constraints, string Id, ConnectorErrorCategory Category, string Message)[] rules)
        {
            var byConstraint = new Dictionary<string, (string, ConnectorErrorCategory, string)>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                foreach (string constraint in rule.Constraints)
                {
                    byConstraint.Add(constraint, (rule.Id, rule.Category, rule.Message));
                }
            }
            return byConstraint;
        }

        private static ConnectorException Refused(string id, ConnectorErrorCategory category, string message, PostgresException e) =>
            new ConnectorException(id, category, e.ConstraintName, message + " Nothing was written.", e);
    }
}
