using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using NpgsqlTypes;

namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>
    /// Writes back only the rows a change added, changed or removed (children removed before parents, parents stored
    /// before children, instance assignments rewritten last), and the audit entry, in the caller's transaction.
    /// </summary>
    internal static class PostgresRowWriter
    {
        private static readonly RegistryRowKind[] ParentsFirst =
        {
            RegistryRowKind.Account, RegistryRowKind.Member, RegistryRowKind.ApiKey, RegistryRowKind.Project,
            RegistryRowKind.DataSpace, RegistryRowKind.Instance, RegistryRowKind.KeyRotation,
        };

        internal static void Write(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RegistryRowChange> changes)
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
                    ("m", PostgresValues.Fold(instance.MageId)), ("n", instance.Name));
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
                    ("m", PostgresValues.Fold(instance.MageId)), ("n", instance.Name), ("d", instance.AssignedDataSpaceId));
            }
        }

        private static void Delete(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryRowChange change)
        {
            // By the identity the row had when it was read: the change may have renamed the object since.
            var key = change.KeyParts;
            switch (change.Kind)
            {
                case RegistryRowKind.Account:
                    Execute(connection, transaction, "DELETE FROM connector.accounts WHERE mage_id = @m", ("m", PostgresValues.Fold(key[0])));
                    break;
                case RegistryRowKind.Member:
                    Execute(connection, transaction, "DELETE FROM connector.members WHERE mage_id = @m AND lower(user_address) = lower(@u)", ("m", PostgresValues.Fold(key[0])), ("u", key[1]));
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
                    Execute(connection, transaction, "DELETE FROM connector.instances WHERE mage_id = @m AND lower(name) = lower(@n)", ("m", PostgresValues.Fold(key[0])), ("n", key[1]));
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
                        ("m", PostgresValues.Fold(a.MageId)), ("name", a.Name ?? a.MageId), ("edition", a.Edition.ToString()), ("standing", a.Standing.ToString()), ("owner", a.Owner), ("at", PostgresValues.Utc(a.CreatedAt)));
                    break;
                case AccountMember m:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.members (mage_id, user_address, role, added_at) VALUES (@m, @u, @role, @at)"
                        : "UPDATE connector.members SET user_address = @u, role = @role, added_at = @at WHERE mage_id = @m AND lower(user_address) = lower(@u)",
                        ("m", PostgresValues.Fold(change.MageId)), ("u", m.User), ("role", m.Role.ToString()), ("at", PostgresValues.Utc(m.AddedAt)));
                    break;
                case ApiKey k:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.api_keys (id, mage_id, name, environment, created_at, created_by, key_size, fingerprint, public_key, status, revoked_at, revoked_by, source) " +
                          "VALUES (@id, @m, @name, @env, @at, @by, @size, @fp, @pk, @status, @revokedAt, @revokedBy, @source)"
                        : "UPDATE connector.api_keys SET id = @id, mage_id = @m, name = @name, environment = @env, created_at = @at, created_by = @by, key_size = @size, fingerprint = @fp, " +
                          "public_key = @pk, status = @status, revoked_at = @revokedAt, revoked_by = @revokedBy, source = @source WHERE lower(id) = lower(@id)",
                        ("id", k.Id), ("m", PostgresValues.Fold(k.MageId)), ("name", k.Name), ("env", k.Environment.ToString()), ("at", PostgresValues.Utc(k.CreatedAt)), ("by", k.CreatedBy),
                        ("size", k.KeySize), ("fp", k.Fingerprint), ("pk", k.PublicKey), ("status", k.Status.ToString()), ("revokedAt", PostgresValues.Utc(k.RevokedAt)),
                        ("revokedBy", k.RevokedBy), ("source", k.Source.ToString()));
                    break;
                case SaaSProject p:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.projects (project_id, mage_id, project_name, created_at, created_by, source) VALUES (@id, @m, @name, @at, @by, @source)"
                        : "UPDATE connector.projects SET project_id = @id, mage_id = @m, project_name = @name, created_at = @at, created_by = @by, source = @source WHERE lower(project_id) = lower(@id)",
                        ("id", p.ProjectId), ("m", PostgresValues.Fold(p.MageId)), ("name", p.ProjectName), ("at", PostgresValues.Utc(p.CreatedAt)), ("by", p.CreatedBy), ("source", p.Source.ToString()));
                    break;
                case DataSpace d:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.data_spaces (data_space_id, project_id, mage_id, data_space_name, type, created_at, support_ticket, cleanups, exported_items, source, cloud_id) " +
                          "VALUES (@id, (SELECT project_id FROM connector.projects WHERE lower(project_id) = lower(@project)), @m, @name, @type, @at, @ticket, @cleanups, @items, @source, @cloud)"
                        : "UPDATE connector.data_spaces SET data_space_id = @id, project_id = (SELECT project_id FROM connector.projects WHERE lower(project_id) = lower(@project)), mage_id = @m, " +
                          "data_space_name = @name, type = @type, created_at = @at, support_ticket = @ticket, cleanups = @cleanups, exported_items = @items, source = @source, cloud_id = @cloud " +
                          "WHERE lower(data_space_id) = lower(@id)",
                        ("id", d.DataSpaceId), ("project", d.ProjectId), ("m", PostgresValues.Fold(d.MageId)), ("name", d.DataSpaceName), ("type", d.Type.ToString()), ("at", PostgresValues.Utc(d.CreatedAt)),
                        ("ticket", d.SupportTicket), ("cleanups", PostgresValues.Jsonb(d.Cleanups ?? new List<CleanupRequest>())), ("items", d.ExportedItems), ("source", d.Source.ToString()), ("cloud", d.CloudId));
                    break;
                case CommerceInstance i:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.instances (mage_id, name, path, role, base_url, registered_at, registered_by, assigned_data_space_id) VALUES (@m, @n, @path, @role, @url, @at, @by, @ds)"
                        : "UPDATE connector.instances SET name = @n, path = @path, role = @role, base_url = @url, registered_at = @at, registered_by = @by, assigned_data_space_id = @ds " +
                          "WHERE mage_id = @m AND lower(name) = lower(@n)",
                        ("m", PostgresValues.Fold(i.MageId)), ("n", i.Name), ("path", i.Path), ("role", i.Role.ToString()), ("url", i.BaseUrl), ("at", PostgresValues.Utc(i.RegisteredAt)), ("by", i.RegisteredBy),
                        ("ds", i.AssignedDataSpaceId));
                    break;
                case KeyRotation r:
                    Execute(connection, transaction, added
                        ? "INSERT INTO connector.key_rotations (id, mage_id, environment, old_api_key, new_api_key, new_key_fingerprint, started_at, started_by, status, completed_at, old_key_revoked, instances) " +
                          "VALUES (@id, @m, @env, @old, @new, @fp, @at, @by, @status, @done, @revoked, @instances)"
                        : "UPDATE connector.key_rotations SET id = @id, mage_id = @m, environment = @env, old_api_key = @old, new_api_key = @new, new_key_fingerprint = @fp, started_at = @at, " +
                          "started_by = @by, status = @status, completed_at = @done, old_key_revoked = @revoked, instances = @instances WHERE lower(id) = lower(@id)",
                        ("id", r.Id), ("m", PostgresValues.Fold(r.MageId)), ("env", r.Environment.ToString()), ("old", r.OldApiKey), ("new", r.NewApiKey), ("fp", r.NewKeyFingerprint),
                        ("at", PostgresValues.Utc(r.StartedAt)), ("by", r.StartedBy), ("status", r.Status.ToString()), ("done", PostgresValues.Utc(r.CompletedAt)), ("revoked", r.OldKeyRevoked),
                        ("instances", PostgresValues.Jsonb(r.Instances ?? new List<RotatedInstance>())));
                    break;
            }
        }

        internal static void WriteAudit(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry entry)
        {
            Execute(connection, transaction,
                "INSERT INTO connector.audit_log (at, os_user, machine, member, command, mage_id, changes, targets) VALUES (@at, @os, @machine, @member, @command, @m, @changes, @targets)",
                ("at", PostgresValues.Utc(entry.Time)), ("os", entry.OsUser), ("machine", entry.Machine), ("member", entry.Member), ("command", entry.Command),
                ("m", entry.MageId), ("changes", entry.Changes.ToArray()), ("targets", entry.Targets.ToArray()));
        }

        private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
        {
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                foreach (var (name, value) in parameters)
                {
                    if (value is PostgresValues.JsonbValue json)
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
    }
}
