using System;
using System.Collections.Generic;
using System.Linq;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Npgsql;
using NpgsqlTypes;

namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>
    /// The registry in PostgreSQL. A command declares its scope (one account, or the whole registry); the store loads only
    /// those rows into a <see cref="RegistryDocument"/>, lets Core's rules run on it, and writes back only the rows the change
    /// added, changed or removed, with the audit entry, in one transaction. Writers of one account are serialized by
    /// <c>SELECT ... FOR UPDATE</c> on its account row (under a shared advisory lock that a whole-registry writer takes
    /// exclusively), so two administrators can never both pass a guard; what spans accounts (one Magento root, one
    /// holder per testing data space, one production data space per project) is held by the schema's constraints, and a
    /// refusal there comes back as the same typed error Core gives.
    /// </summary>
    public sealed class PostgresRegistryStore : IScopedRegistryStore, IAuditedRegistryStore
    {
        private static readonly JsonSerializerSettings JsonSettings = new JsonSerializerSettings
        {
            Converters = { new StringEnumConverter() },
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            DateParseHandling = DateParseHandling.DateTimeOffset,
            NullValueHandling = NullValueHandling.Ignore,
        };

        private readonly Func<DateTimeOffset> _clock;

        public PostgresRegistryStore(PostgresConnection connection, Func<DateTimeOffset> clock = null)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public PostgresConnection Connection { get; }

        public string Location => Connection.Description;

        /// <summary>Checks that the server answers and holds this build's schema (no change is made).</summary>
        public void CheckSchema()
        {
            Run(connection =>
            {
                PostgresSchema.Check(Connection, PostgresSchema.ReadVersion(connection));
                return 0;
            });
        }

        public RegistryDocument Read() => Read(RegistryScope.All);

        public RegistryDocument Read(RegistryScope scope)
        {
            scope = scope ?? RegistryScope.All;
            return Run(connection =>
            {
                using (var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead))
                {
                    var document = Load(connection, transaction, scope);
                    transaction.Commit();
                    return document;
                }
            });
        }

        public T Update<T>(Func<RegistryDocument, T> change) => Update(RegistryScope.All, change);

        public T Update<T>(RegistryScope scope, Func<RegistryDocument, T> change)
        {
            if (change == null)
            {
                throw new ArgumentNullException(nameof(change));
            }
            scope = scope ?? RegistryScope.All;
            return Run(connection =>
            {
                using (var transaction = connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted))
                {
                    Lock(connection, transaction, scope);
                    var document = Load(connection, transaction, scope);
                    var before = RegistrySnapshot.Take(document);
                    T result = change(document);
                    var changes = before.Diff(document);
                    if (changes.Count > 0)
                    {
                        CheckInScope(scope, changes);
                        Write(connection, transaction, changes);
                        WriteAudit(connection, transaction, AuditEntry.For(changes, _clock()));
                    }
                    transaction.Commit();
                    return result;
                }
            });
        }

        public IReadOnlyList<AuditEntry> ReadAudit(AuditQuery query)
        {
            query = query ?? new AuditQuery();
            return Run(connection =>
            {
                var sql = "SELECT at, os_user, machine, member, command, mage_id, changes, targets FROM connector.audit_log WHERE true";
                using (var command = new NpgsqlCommand { Connection = connection })
                {
                    if (query.Since.HasValue)
                    {
                        sql += " AND at >= @since";
                        command.Parameters.AddWithValue("since", query.Since.Value.ToUniversalTime());
                    }
                    if (!string.IsNullOrEmpty(query.User))
                    {
                        sql += " AND (lower(member) = lower(@user) OR lower(os_user) = lower(@user))";
                        command.Parameters.AddWithValue("user", query.User);
                    }
                    if (!string.IsNullOrEmpty(query.Target))
                    {
                        sql += " AND EXISTS (SELECT 1 FROM unnest(targets) t WHERE lower(t) = lower(@target) OR lower(regexp_replace(t, '^.*/', '')) = lower(@target))";
                        command.Parameters.AddWithValue("target", query.Target);
                    }
                    command.CommandText = sql + " ORDER BY id";
                    var entries = new List<AuditEntry>();
                    using (var reader = command.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            entries.Add(new AuditEntry
                            {
                                Time = reader.GetFieldValue<DateTimeOffset>(0),
                                OsUser = Text(reader, 1),
                                Machine = Text(reader, 2),
                                Member = Text(reader, 3),
                                Command = Text(reader, 4),
                                MageId = Text(reader, 5),
                                Changes = reader.GetFieldValue<string[]>(6),
                                Targets = reader.GetFieldValue<string[]>(7),
                            });
                        }
                    }
                    return (IReadOnlyList<AuditEntry>)entries;
                }
            });
        }

        /// <summary>Runs <paramref name="work"/> on a pooled connection; database failures become typed errors.</summary>
        private TResult Run<TResult>(Func<NpgsqlConnection, TResult> work)
        {
            using (var connection = Connection.Open())
            {
                try
                {
                    return work(connection);
                }
                catch (Exception e) when (PostgresErrors.IsDatabaseFailure(e))
                {
                    throw PostgresErrors.Translate(e, Connection);
                }
            }
        }

        private static void Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryScope scope)
        {
            string sql = scope.IsAll
                ? $"SELECT pg_advisory_xact_lock({PostgresSchema.WriterLockKey})"
                : $"SELECT pg_advisory_xact_lock_shared({PostgresSchema.WriterLockKey}); SELECT 1 FROM connector.accounts WHERE mage_id = @m FOR UPDATE";
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                if (!scope.IsAll)
                {
                    command.Parameters.AddWithValue("m", Fold(scope.MageId));
                }
                command.ExecuteNonQuery();
            }
        }

        private static void CheckInScope(RegistryScope scope, IReadOnlyList<RegistryRowChange> changes)
        {
            if (scope.IsAll)
            {
                return;
            }
            var outside = changes.FirstOrDefault(c => !string.Equals(c.MageId, scope.MageId, StringComparison.OrdinalIgnoreCase));
            if (outside != null)
            {
                // A rule that writes outside the scope it declared would escape the lock: a defect, never a user error.
                throw new InvalidOperationException($"A change scoped to {scope} touched {outside}; declare RegistryScope.All for it.");
            }
        }

        // ---- loading ------------------------------------------------------------------------------------------

        private const string AccountColumns = "mage_id, name, edition, standing, owner, created_at";
        private const string MemberColumns = "mage_id, user_address, role, added_at";
        private const string KeyColumns = "id, mage_id, name, environment, created_at, created_by, key_size, fingerprint, public_key, status, revoked_at, revoked_by, source";
        private const string ProjectColumns = "project_id, mage_id, project_name, created_at, created_by, source";
        private const string SpaceColumns = "data_space_id, project_id, mage_id, data_space_name, type, created_at, support_ticket, cleanups::text, exported_items, source, cloud_id";
        private const string InstanceColumns = "mage_id, name, path, role, base_url, registered_at, registered_by, assigned_data_space_id";
        private const string RotationColumns = "id, mage_id, environment, old_api_key, new_api_key, new_key_fingerprint, started_at, started_by, status, completed_at, old_key_revoked, instances::text";

        private static RegistryDocument Load(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryScope scope)
        {
            string where = scope.IsAll ? string.Empty : " WHERE mage_id = @m";
            string sql = string.Join(";\n", new[]
            {
                $"SELECT {AccountColumns} FROM connector.accounts{where} ORDER BY seq",
                $"SELECT {MemberColumns} FROM connector.members{where} ORDER BY seq",
                $"SELECT {KeyColumns} FROM connector.api_keys{where} ORDER BY seq",
                $"SELECT {ProjectColumns} FROM connector.projects{where} ORDER BY seq",
                $"SELECT {SpaceColumns} FROM connector.data_spaces{where} ORDER BY seq",
                $"SELECT {InstanceColumns} FROM connector.instances{where} ORDER BY seq",
                $"SELECT {RotationColumns} FROM connector.key_rotations{where} ORDER BY seq",
            });
            var document = RegistryDocument.CreateEmpty();
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                if (!scope.IsAll)
                {
                    command.Parameters.AddWithValue("m", Fold(scope.MageId));
                }
                using (var reader = command.ExecuteReader())
                {
                    var accounts = new Dictionary<string, CommerceAccount>(StringComparer.OrdinalIgnoreCase);
                    while (reader.Read())
                    {
                        var account = new CommerceAccount
                        {
                            MageId = reader.GetString(0),
                            Name = reader.GetString(1),
                            Edition = Parse<CommerceEdition>(reader.GetString(2)),
                            Standing = Parse<AccountStanding>(reader.GetString(3)),
                            Owner = Text(reader, 4),
                            CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
                        };
                        accounts[account.MageId] = account;
                        document.Accounts.Add(account);
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        if (accounts.TryGetValue(reader.GetString(0), out CommerceAccount account))
                        {
                            account.Members.Add(new AccountMember
                            {
                                MageId = account.MageId,
                                User = reader.GetString(1),
                                Role = Parse<MemberRole>(reader.GetString(2)),
                                AddedAt = reader.GetFieldValue<DateTimeOffset>(3),
                            });
                        }
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        document.ApiKeys.Add(new ApiKey
                        {
                            Id = reader.GetString(0),
                            MageId = reader.GetString(1),
                            Name = Text(reader, 2),
                            Environment = Parse<ApiKeyEnvironment>(reader.GetString(3)),
                            CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                            CreatedBy = Text(reader, 5),
                            KeySize = reader.GetInt32(6),
                            Fingerprint = Text(reader, 7),
                            PublicKey = reader.GetString(8),
                            Status = Parse<ApiKeyStatus>(reader.GetString(9)),
                            RevokedAt = Time(reader, 10),
                            RevokedBy = Text(reader, 11),
                            Source = Parse<RecordSource>(reader.GetString(12)),
                        });
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        document.Projects.Add(new SaaSProject
                        {
                            ProjectId = reader.GetString(0),
                            MageId = reader.GetString(1),
                            ProjectName = Text(reader, 2),
                            CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                            CreatedBy = Text(reader, 4),
                            Source = Parse<RecordSource>(reader.GetString(5)),
                        });
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        document.DataSpaces.Add(new DataSpace
                        {
                            DataSpaceId = reader.GetString(0),
                            ProjectId = reader.GetString(1),
                            MageId = reader.GetString(2),
                            DataSpaceName = Text(reader, 3),
                            Type = Parse<DataSpaceType>(reader.GetString(4)),
                            CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
                            SupportTicket = Text(reader, 6),
                            Cleanups = JsonConvert.DeserializeObject<List<CleanupRequest>>(reader.GetString(7), JsonSettings) ?? new List<CleanupRequest>(),
                            ExportedItems = reader.GetInt32(8),
                            Source = Parse<RecordSource>(reader.GetString(9)),
                            CloudId = Text(reader, 10),
                        });
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        document.Instances.Add(new CommerceInstance
                        {
                            MageId = reader.GetString(0),
                            Name = reader.GetString(1),
                            Path = reader.GetString(2),
                            Role = Parse<InstanceRole>(reader.GetString(3)),
                            BaseUrl = Text(reader, 4),
                            RegisteredAt = reader.GetFieldValue<DateTimeOffset>(5),
                            RegisteredBy = Text(reader, 6),
                            AssignedDataSpaceId = Text(reader, 7),
                        });
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        document.KeyRotations.Add(new KeyRotation
                        {
                            Id = reader.GetString(0),
                            MageId = reader.GetString(1),
                            Environment = Parse<ApiKeyEnvironment>(reader.GetString(2)),
                            OldApiKey = reader.GetString(3),
                            NewApiKey = reader.GetString(4),
                            NewKeyFingerprint = Text(reader, 5),
                            StartedAt = reader.GetFieldValue<DateTimeOffset>(6),
                            StartedBy = Text(reader, 7),
                            Status = Parse<KeyRotationStatus>(reader.GetString(8)),
                            CompletedAt = Time(reader, 9),
                            OldKeyRevoked = reader.GetBoolean(10),
                            Instances = JsonConvert.DeserializeObject<List<RotatedInstance>>(reader.GetString(11), JsonSettings) ?? new List<RotatedInstance>(),
                        });
                    }
                }
            }
            return document;
        }

        // ---- writing back -------------------------------------------------------------------------------------

        private static readonly RegistryRowKind[] ParentsFirst =
        {
            RegistryRowKind.Account, RegistryRowKind.Member, RegistryRowKind.ApiKey, RegistryRowKind.Project,
            RegistryRowKind.DataSpace, RegistryRowKind.Instance, RegistryRowKind.KeyRotation,
        };

        private static void Write(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RegistryRowChange> changes)
        {
            foreach (var kind in Enumerable.Reverse(ParentsFirst))
            {
                foreach (var change in changes.Where(c => c.Kind == kind && c.Action == RegistryRowAction.Removed))
                {
                    Delete(connection, transaction, change);
                }
            }
            var instances = changes.Where(c => c.Kind == RegistryRowKind.Instance && c.Action != RegistryRowAction.Removed).Select(c => (CommerceInstance)c.Row).ToList();
            foreach (var instance in instances)
            {
                // Assignments are rewritten after every instance row is, so one change may move a testing data space.
                Execute(connection, transaction, "DELETE FROM connector.instance_assignments WHERE mage_id = @m AND lower(instance_name) = lower(@n)",
                    ("m", Fold(instance.MageId)), ("n", instance.Name));
            }
            foreach (var kind in ParentsFirst)
            {
                foreach (var change in changes.Where(c => c.Kind == kind && c.Action != RegistryRowAction.Removed))
                {
                    Store(connection, transaction, change);
                }
            }
            foreach (var instance in instances.Where(i => !string.IsNullOrEmpty(i.AssignedDataSpaceId)))
            {
                Execute(connection, transaction,
                    "INSERT INTO connector.instance_assignments (mage_id, instance_name, data_space_id, data_space_type) " +
                    "SELECT @m, @n, d.data_space_id, d.type FROM connector.data_spaces d WHERE lower(d.data_space_id) = lower(@d)",
                    ("m", Fold(instance.MageId)), ("n", instance.Name), ("d", instance.AssignedDataSpaceId));
            }
        }

        private static void Delete(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryRowChange change)
        {
            // By the identity the row had when it was read: the change may have renamed the object since.
            var key = change.KeyParts;
            switch (change.Kind)
            {
                case RegistryRowKind.Account:
                    Execute(connection, transaction, "DELETE FROM connector.accounts WHERE mage_id = @m", ("m", Fold(key[0])));
                    break;
                case RegistryRowKind.Member:
                    Execute(connection, transaction, "DELETE FROM connector.members WHERE mage_id = @m AND lower(user_address) = lower(@u)", ("m", Fold(key[0])), ("u", key[1]));
                    break;
                case RegistryRowKind.ApiKey:
                    Execute(connection, transaction, "DELETE FROM connector.api_keys WHERE lower(id) = lower(@id)", ("id", key[0]));
                    break;
                case RegistryRowKind.Project:
                    Execute(connection, transaction, "DELETE FROM connector.projects WHERE lower(project_id) = lower(@id)", ("id", key[0]));
                    break;
                case RegistryRowKind.DataSpace:
                    Execute(connection, transaction, "DELETE FROM connector.data_spaces WHERE lower(data_space_id) = lower(@id)", ("id", key[0]));
                    break;
                case RegistryRowKind.Instance:
                    Execute(connection, transaction, "DELETE FROM connector.instances WHERE mage_id = @m AND lower(name) = lower(@n)", ("m", Fold(key[0])), ("n", key[1]));
                    break;
                case RegistryRowKind.KeyRotation:
                    Execute(connection, transaction, "DELETE FROM connector.key_rotations WHERE lower(id) = lower(@id)", ("id", key[0]));
                    break;
            }
        }

        private static void Store(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryRowChange change)
        {
            bool added = change.Action == RegistryRowAction.Added;
            switch (change.Row)
            {
                case CommerceAccount a:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.accounts (mage_id, name, edition, standing, owner, created_at) VALUES (@m, @name, @edition, @standing, @owner, @at)"
                        : "UPDATE connector.accounts SET name = @name, edition = @edition, standing = @standing, owner = @owner, created_at = @at WHERE mage_id = @m",
                        ("m", Fold(a.MageId)), ("name", a.Name ?? a.MageId), ("edition", a.Edition.ToString()), ("standing", a.Standing.ToString()), ("owner", a.Owner), ("at", Utc(a.CreatedAt)));
                    break;
                case AccountMember m:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.members (mage_id, user_address, role, added_at) VALUES (@m, @u, @role, @at)"
                        : "UPDATE connector.members SET user_address = @u, role = @role, added_at = @at WHERE mage_id = @m AND lower(user_address) = lower(@u)",
                        ("m", Fold(change.MageId)), ("u", m.User), ("role", m.Role.ToString()), ("at", Utc(m.AddedAt)));
                    break;
                case ApiKey k:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.api_keys (id, mage_id, name, environment, created_at, created_by, key_size, fingerprint, public_key, status, revoked_at, revoked_by, source) " +
                          "VALUES (@id, @m, @name, @env, @at, @by, @size, @fp, @pk, @status, @revokedAt, @revokedBy, @source)"
                        : "UPDATE connector.api_keys SET id = @id, mage_id = @m, name = @name, environment = @env, created_at = @at, created_by = @by, key_size = @size, fingerprint = @fp, " +
                          "public_key = @pk, status = @status, revoked_at = @revokedAt, revoked_by = @revokedBy, source = @source WHERE lower(id) = lower(@id)",
                        ("id", k.Id), ("m", Fold(k.MageId)), ("name", k.Name), ("env", k.Environment.ToString()), ("at", Utc(k.CreatedAt)), ("by", k.CreatedBy),
                        ("size", k.KeySize), ("fp", k.Fingerprint), ("pk", k.PublicKey), ("status", k.Status.ToString()), ("revokedAt", Utc(k.RevokedAt)),
                        ("revokedBy", k.RevokedBy), ("source", k.Source.ToString()));
                    break;
                case SaaSProject p:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.projects (project_id, mage_id, project_name, created_at, created_by, source) VALUES (@id, @m, @name, @at, @by, @source)"
                        : "UPDATE connector.projects SET project_id = @id, mage_id = @m, project_name = @name, created_at = @at, created_by = @by, source = @source WHERE lower(project_id) = lower(@id)",
                        ("id", p.ProjectId), ("m", Fold(p.MageId)), ("name", p.ProjectName), ("at", Utc(p.CreatedAt)), ("by", p.CreatedBy), ("source", p.Source.ToString()));
                    break;
                case DataSpace d:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.data_spaces (data_space_id, project_id, mage_id, data_space_name, type, created_at, support_ticket, cleanups, exported_items, source, cloud_id) " +
                          "VALUES (@id, (SELECT project_id FROM connector.projects WHERE lower(project_id) = lower(@project)), @m, @name, @type, @at, @ticket, @cleanups, @items, @source, @cloud)"
                        : "UPDATE connector.data_spaces SET data_space_id = @id, project_id = (SELECT project_id FROM connector.projects WHERE lower(project_id) = lower(@project)), mage_id = @m, " +
                          "data_space_name = @name, type = @type, created_at = @at, support_ticket = @ticket, cleanups = @cleanups, exported_items = @items, source = @source, cloud_id = @cloud " +
                          "WHERE lower(data_space_id) = lower(@id)",
                        ("id", d.DataSpaceId), ("project", d.ProjectId), ("m", Fold(d.MageId)), ("name", d.DataSpaceName), ("type", d.Type.ToString()), ("at", Utc(d.CreatedAt)),
                        ("ticket", d.SupportTicket), ("cleanups", Jsonb(d.Cleanups ?? new List<CleanupRequest>())), ("items", d.ExportedItems), ("source", d.Source.ToString()), ("cloud", d.CloudId));
                    break;
                case CommerceInstance i:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.instances (mage_id, name, path, role, base_url, registered_at, registered_by, assigned_data_space_id) VALUES (@m, @n, @path, @role, @url, @at, @by, @ds)"
                        : "UPDATE connector.instances SET name = @n, path = @path, role = @role, base_url = @url, registered_at = @at, registered_by = @by, assigned_data_space_id = @ds " +
                          "WHERE mage_id = @m AND lower(name) = lower(@n)",
                        ("m", Fold(i.MageId)), ("n", i.Name), ("path", i.Path), ("role", i.Role.ToString()), ("url", i.BaseUrl), ("at", Utc(i.RegisteredAt)), ("by", i.RegisteredBy),
                        ("ds", i.AssignedDataSpaceId));
                    break;
                case KeyRotation r:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.key_rotations (id, mage_id, environment, old_api_key, new_api_key, new_key_fingerprint, started_at, started_by, status, completed_at, old_key_revoked, instances) " +
                          "VALUES (@id, @m, @env, @old, @new, @fp, @at, @by, @status, @done, @revoked, @instances)"
                        : "UPDATE connector.key_rotations SET id = @id, mage_id = @m, environment = @env, old_api_key = @old, new_api_key = @new, new_key_fingerprint = @fp, started_at = @at, " +
                          "started_by = @by, status = @status, completed_at = @done, old_key_revoked = @revoked, instances = @instances WHERE lower(id) = lower(@id)",
                        ("id", r.Id), ("m", Fold(r.MageId)), ("env", r.Environment.ToString()), ("old", r.OldApiKey), ("new", r.NewApiKey), ("fp", r.NewKeyFingerprint),
                        ("at", Utc(r.StartedAt)), ("by", r.StartedBy), ("status", r.Status.ToString()), ("done", Utc(r.CompletedAt)), ("revoked", r.OldKeyRevoked),
                        ("instances", Jsonb(r.Instances ?? new List<RotatedInstance>())));
                    break;
            }
        }

        private static void WriteAudit(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry)
        {
            Execute(connection, transaction,
                "INSERT INTO connector.audit_log (at, os_user, machine, member, command, mage_id, changes, targets) VALUES (@at, @os, @machine, @member, @command, @m, @changes, @targets)",
                ("at", Utc(entry.Time)), ("os", entry.OsUser), ("machine", entry.Machine), ("member", entry.Member), ("command", entry.Command),
                ("m", entry.MageId), ("changes", entry.Changes.ToArray()), ("targets", entry.Targets.ToArray()));
        }

        private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
        {
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                foreach (var (name, value) in parameters)
                {
                    if (value is JsonbValue json)
                    {
                        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json.Text });
                    }
                    else if (value is string[] array)
                    {
                        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = array });
                    }
                    else if (value == null)
                    {
                        command.Parameters.Add(new NpgsqlParameter(name, DBNull.Value));
                    }
                    else
                    {
                        command.Parameters.AddWithValue(name, value);
                    }
                }
                command.ExecuteNonQuery();
            }
        }

        private sealed class JsonbValue
        {
            public JsonbValue(string text)
            {
                Text = text;
            }

            public string Text { get; }
        }

        private static JsonbValue Jsonb(object value) => new JsonbValue(JsonConvert.SerializeObject(value, JsonSettings));

        private static object Utc(DateTimeOffset value) => value.ToUniversalTime();

        private static object Utc(DateTimeOffset? value) => value.HasValue ? (object)value.Value.ToUniversalTime() : null;

        private static string Fold(string mageId) => (mageId ?? string.Empty).Trim().ToUpperInvariant();

        private static string Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(ordinal);

        private static TEnum Parse<TEnum>(string value) where TEnum : struct =>
            Enum.TryParse(value, ignoreCase: false, out TEnum parsed) ? parsed
                : throw new ConnectorException(ErrorIds.RegistryCorrupt, ConnectorErrorCategory.InvalidData, value,
                    $"The registry database holds '{value}', which is not a {typeof(TEnum).Name} this version knows. Update the CommerceConnector module.");
    }
}
