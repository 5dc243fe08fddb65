using System;
using System.Collections.Generic;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using Newtonsoft.Json;
using Npgsql;

namespace CommerceConnector.Registry.PostgreSql
{
    /// <summary>
    /// Loads the rows of one scope (one account, or the whole registry) into a <see cref="RegistryDocument"/> with one
    /// batched query of seven result sets, in the caller's transaction.
    /// </summary>
    internal static class PostgresRowReader
    {
        private const string AccountColumns = "mage_id, name, edition, standing, owner, created_at";
        private const string MemberColumns = "mage_id, user_address, role, added_at";
        private const string KeyColumns = "id, mage_id, name, environment, created_at, created_by, key_size, fingerprint, public_key, status, revoked_at, revoked_by, source";
        private const string ProjectColumns = "project_id, mage_id, project_name, created_at, created_by, source";
        private const string SpaceColumns = "data_space_id, project_id, mage_id, data_space_name, type, created_at, support_ticket, cleanups::text, exported_items, source, cloud_id";
        private const string InstanceColumns = "mage_id, name, path, role, base_url, registered_at, registered_by, assigned_data_space_id";
        private const string RotationColumns = "id, mage_id, environment, old_api_key, new_api_key, new_key_fingerprint, started_at, started_by, status, completed_at, old_key_revoked, instances::text";

        internal static RegistryDocument Load(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryScope scope)
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
                    command.Parameters.AddWithValue("m", PostgresValues.Fold(scope.MageId));
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
                            Edition = PostgresValues.Parse<CommerceEdition>(reader.GetString(2)),
                            Standing = PostgresValues.Parse<AccountStanding>(reader.GetString(3)),
                            Owner = PostgresValues.Text(reader, 4),
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
                                Role = PostgresValues.Parse<MemberRole>(reader.GetString(2)),
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
                            Name = PostgresValues.Text(reader, 2),
                            Environment = PostgresValues.Parse<ApiKeyEnvironment>(reader.GetString(3)),
                            CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                            CreatedBy = PostgresValues.Text(reader, 5),
                            KeySize = reader.GetInt32(6),
                            Fingerprint = PostgresValues.Text(reader, 7),
                            PublicKey = reader.GetString(8),
                            Status = PostgresValues.Parse<ApiKeyStatus>(reader.GetString(9)),
                            RevokedAt = PostgresValues.Time(reader, 10),
                            RevokedBy = PostgresValues.Text(reader, 11),
                            Source = PostgresValues.Parse<RecordSource>(reader.GetString(12)),
                        });
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        document.Projects.Add(new SaaSProject
                        {
                            ProjectId = reader.GetString(0),
                            MageId = reader.GetString(1),
                            ProjectName = PostgresValues.Text(reader, 2),
                            CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                            CreatedBy = PostgresValues.Text(reader, 4),
                            Source = PostgresValues.Parse<RecordSource>(reader.GetString(5)),
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
                            DataSpaceName = PostgresValues.Text(reader, 3),
                            Type = PostgresValues.Parse<DataSpaceType>(reader.GetString(4)),
                            CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
                            SupportTicket = PostgresValues.Text(reader, 6),
                            Cleanups = JsonConvert.DeserializeObject<List<CleanupRequest>>(reader.GetString(7), PostgresValues.JsonSettings) ?? new List<CleanupRequest>(),
                            ExportedItems = reader.GetInt32(8),
                            Source = PostgresValues.Parse<RecordSource>(reader.GetString(9)),
                            CloudId = PostgresValues.Text(reader, 10),
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
                            Role = PostgresValues.Parse<InstanceRole>(reader.GetString(3)),
                            BaseUrl = PostgresValues.Text(reader, 4),
                            RegisteredAt = reader.GetFieldValue<DateTimeOffset>(5),
                            RegisteredBy = PostgresValues.Text(reader, 6),
                            AssignedDataSpaceId = PostgresValues.Text(reader, 7),
                        });
                    }
                    reader.NextResult();
                    while (reader.Read())
                    {
                        document.KeyRotations.Add(new KeyRotation
                        {
                            Id = reader.GetString(0),
                            MageId = reader.GetString(1),
                            Environment = PostgresValues.Parse<ApiKeyEnvironment>(reader.GetString(2)),
                            OldApiKey = reader.GetString(3),
                            NewApiKey = reader.GetString(4),
                            NewKeyFingerprint = PostgresValues.Text(reader, 5),
                            StartedAt = reader.GetFieldValue<DateTimeOffset>(6),
                            StartedBy = PostgresValues.Text(reader, 7),
                            Status = PostgresValues.Parse<KeyRotationStatus>(reader.GetString(8)),
                            CompletedAt = PostgresValues.Time(reader, 9),
                            OldKeyRevoked = reader.GetBoolean(10),
                            Instances = JsonConvert.DeserializeObject<List<RotatedInstance>>(reader.GetString(11), PostgresValues.JsonSettings) ?? new List<RotatedInstance>(),
                        });
                    }
                }
            }
            return document;
        }
    }
}
