namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>
    /// The registry's tables in the schema <c>connector</c>, built by numbered migrations. Only Initialize-ConnectorRegistry
    /// applies them (under an advisory lock, each in its own transaction with its row in <c>connector.schema_version</c>);
    /// every other command only checks the version and refuses a database that is behind or ahead.
    /// </summary>
    public static class PostgresSchema
    {
        public const string SchemaName = "connector";

        /// <summary>The advisory lock key every writer takes (shared for one account, exclusive for the whole registry).</summary>
        internal const long WriterLockKey = 0x434F4E4E4543;

        /// <summary>The advisory lock key Initialize-ConnectorRegistry takes while it migrates.</summary>
        internal const long MigrationLockKey = 0x434F4E4E4544;

        /// <summary>The migrations, in order; the last one's number is the schema this build reads and writes.</summary>
        internal static readonly IReadOnlyList<(int Version, string Sql)> Migrations = new[]
        {
            (1, @"
CREATE TABLE connector.accounts (
    seq         bigserial NOT NULL,
    mage_id     text PRIMARY KEY CONSTRAINT accounts_mage_id_upper CHECK (mage_id <> '' AND mage_id = upper(mage_id)),
    name        text NOT NULL,
    edition     text NOT NULL,
    standing    text NOT NULL,
    owner       text,
    created_at  timestamptz NOT NULL
);
CREATE TABLE connector.members (
    seq         bigserial NOT NULL,
    mage_id      text NOT NULL REFERENCES connector.accounts (mage_id) ON DELETE CASCADE,
    user_address text NOT NULL CHECK (user_address <> ''),
    role         text NOT NULL,
    added_at     timestamptz NOT NULL,
    CONSTRAINT members_pkey PRIMARY KEY (mage_id, user_address)
);
CREATE UNIQUE INDEX members_user_unique ON connector.members (mage_id, lower(user_address));
CREATE TABLE connector.api_keys (
    seq         bigserial NOT NULL,
    id          text CONSTRAINT api_keys_pkey PRIMARY KEY CHECK (id <> ''),
    mage_id     text NOT NULL REFERENCES connector.accounts (mage_id) ON DELETE CASCADE,
    name        text,
    environment text NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text,
    key_size    integer NOT NULL,
    fingerprint text,
    public_key  text NOT NULL CHECK (public_key <> '' AND public_key NOT LIKE '%PRIVATE KEY%'),
    status      text NOT NULL,
    revoked_at  timestamptz,
    revoked_by  text,
    source      text NOT NULL
);
CREATE UNIQUE INDEX api_keys_id_unique ON connector.api_keys (lower(id));
CREATE INDEX api_keys_account ON connector.api_keys (mage_id);
CREATE TABLE connector.projects (
    seq         bigserial NOT NULL,
    project_id   text CONSTRAINT projects_pkey PRIMARY KEY CHECK (project_id <> ''),
    mage_id      text NOT NULL REFERENCES connector.accounts (mage_id) ON DELETE CASCADE,
    project_name text,
    created_at   timestamptz NOT NULL,
    created_by   text,
    source       text NOT NULL
);
CREATE UNIQUE INDEX projects_id_unique ON connector.projects (lower(project_id));
CREATE INDEX projects_account ON connector.projects (mage_id);
CREATE TABLE connector.data_spaces (
    seq         bigserial NOT NULL,
    data_space_id   text CONSTRAINT data_spaces_pkey PRIMARY KEY CHECK (data_space_id <> ''),
    project_id      text NOT NULL REFERENCES connector.projects (project_id) ON DELETE CASCADE ON UPDATE CASCADE,
    mage_id         text NOT NULL REFERENCES connector.accounts (mage_id) ON DELETE CASCADE,
    data_space_name text,
    type            text NOT NULL CHECK (type IN ('Production', 'Testing')),
    created_at      timestamptz NOT NULL,
    support_ticket  text,
    cleanups        jsonb NOT NULL DEFAULT '[]',
    exported_items  integer NOT NULL DEFAULT 0,
    source          text NOT NULL,
    cloud_id        text,
    CONSTRAINT data_spaces_id_type UNIQUE (data_space_id, type)
);
CREATE UNIQUE INDEX data_spaces_id_unique ON connector.data_spaces (lower(data_space_id));
CREATE UNIQUE INDEX data_spaces_one_production ON connector.data_spaces (project_id) WHERE type = 'Production';
CREATE INDEX data_spaces_account ON connector.data_spaces (mage_id);
CREATE TABLE connector.instances (
    seq         bigserial NOT NULL,
    mage_id                text NOT NULL REFERENCES connector.accounts (mage_id) ON DELETE CASCADE,
    name                   text NOT NULL CHECK (name <> ''),
    path                   text NOT NULL CONSTRAINT instances_path_unique UNIQUE,
    role                   text NOT NULL,
    base_url               text,
    registered_at          timestamptz NOT NULL,
    registered_by          text,
    assigned_data_space_id text,
    CONSTRAINT instances_pkey PRIMARY KEY (mage_id, name)
);
CREATE UNIQUE INDEX instances_name_unique ON connector.instances (mage_id, lower(name));
-- What the guards judge: which instance holds which registered data space. A testing data space has one holder.
CREATE TABLE connector.instance_assignments (
    mage_id         text NOT NULL,
    instance_name   text NOT NULL,
    data_space_id   text NOT NULL,
    data_space_type text NOT NULL,
    CONSTRAINT instance_assignments_pkey PRIMARY KEY (mage_id, instance_name),
    FOREIGN KEY (mage_id, instance_name) REFERENCES connector.instances (mage_id, name) ON DELETE CASCADE ON UPDATE CASCADE,
    FOREIGN KEY (data_space_id, data_space_type) REFERENCES connector.data_spaces (data_space_id, type) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX assignments_one_testing_holder ON connector.instance_assignments (data_space_id) WHERE data_space_type = 'Testing';
CREATE TABLE connector.key_rotations (
    seq         bigserial NOT NULL,
    id                  text CONSTRAINT key_rotations_pkey PRIMARY KEY,
    mage_id             text NOT NULL REFERENCES connector.accounts (mage_id) ON DELETE CASCADE,
    environment         text NOT NULL,
    old_api_key         text NOT NULL,
    new_api_key         text NOT NULL,
    new_key_fingerprint text,
    started_at          timestamptz NOT NULL,
    started_by          text,
    status              text NOT NULL,
    completed_at        timestamptz,
    old_key_revoked     boolean NOT NULL DEFAULT false,
    instances           jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX key_rotations_account ON connector.key_rotations (mage_id);
CREATE TABLE connector.audit_log (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL,
    os_user   text,
    machine   text,
    member    text,
    command   text NOT NULL,
    mage_id   text,
    changes   text[] NOT NULL,
    targets   text[] NOT NULL
);
CREATE INDEX audit_log_at ON connector.audit_log (at);
CREATE INDEX audit_log_targets ON connector.audit_log USING gin (targets);
"),
            // Keys are written under their account's lock alone: a key pair registered by another account is refused here.
            (2, @"
CREATE UNIQUE INDEX api_keys_fingerprint_unique ON connector.api_keys (lower(fingerprint));
"),
        };

        /// <summary>The schema version this build reads and writes.</summary>
        public static int CurrentVersion => Migrations.Max(m => m.Version);

        /// <summary>The version the database holds: 0 when it has no registry schema.</summary>
        internal static int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
        {
            return Number(connection, transaction, "SELECT CASE WHEN to_regclass('connector.schema_version') IS NULL THEN 0 ELSE 1 END") == 0
                ? 0
                : Number(connection, transaction, "SELECT coalesce(max(version), 0) FROM connector.schema_version");
        }

        /// <summary>Refuses a database whose schema is missing, older or newer than this build's.</summary>
        internal static void Check(PostgresConnection target, int version)
        {
            if (version == 0)
            {
                throw PostgresErrors.SchemaMissing(target, null);
            }
            if (version > CurrentVersion)
            {
                throw new ConnectorException(ErrorIds.RegistrySchemaTooNew, ConnectorErrorCategory.InvalidData, target.Server,
                    $"The registry {target.Description} was set up by a newer CommerceConnector (schema {version}; this version reads up to {CurrentVersion}). " +
                    "Update the CommerceConnector module; the database was left unchanged.");
            }
            if (version < CurrentVersion)
            {
                throw new ConnectorException(ErrorIds.RegistrySchemaOutdated, ConnectorErrorCategory.InvalidOperation, target.Server,
                    $"The registry {target.Description} has schema {version}; this version needs {CurrentVersion}. " +
                    $"Run Initialize-ConnectorRegistry -Registry '{target.Description}' (as the database owner) to migrate it; commands never change the schema on their own.");
            }
        }

        /// <summary>Creates or migrates the schema: idempotent, each migration in its own transaction, a newer schema refused.</summary>
        internal static RegistryInitialization Initialize(PostgresConnection target)
        {
            using (var connection = target.Open())
            {
                try
                {
                    Execute(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})");
                    try
                    {
                        int before = ReadVersion(connection);
                        if (before > CurrentVersion)
                        {
                            Check(target, before);
                        }
                        var applied = new List<int>();
                        foreach (var migration in Migrations.Where(m => m.Version > before).OrderBy(m => m.Version))
                        {
                            using (var transaction = connection.BeginTransaction())
                            {
                                Execute(connection, transaction,
                                    "CREATE SCHEMA IF NOT EXISTS connector; " +
                                    "CREATE TABLE IF NOT EXISTS connector.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)");
                                Execute(connection, transaction, migration.Sql);
                                using (var record = new NpgsqlCommand("INSERT INTO connector.schema_version (version) VALUES (@v)", connection, transaction))
                                {
                                    record.Parameters.AddWithValue("v", migration.Version);
                                    record.ExecuteNonQuery();
                                }
                                transaction.Commit();
                            }
                            applied.Add(migration.Version);
                        }
                        return new RegistryInitialization(target.Description, before, CurrentVersion, applied);
                    }
                    finally
                    {
                        Execute(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})");
                    }
                }
                catch (Exception e) when (PostgresErrors.IsDatabaseFailure(e))
                {
                    throw PostgresErrors.Translate(e, target);
                }
            }
        }

        private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
        {
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                command.ExecuteNonQuery();
            }
        }

        private static int Number(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
        {
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                return Convert.ToInt32(command.ExecuteScalar());
            }
        }
    }
}
