using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using Newtonsoft.Json;

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

        /// <summary>The seven result sets, in the order <see cref="Load"/> reads them.</summary>
        private static readonly (string Table, string Columns)[] ResultSets =
        {
            ("accounts", AccountColumns), ("members", MemberColumns), ("api_keys", KeyColumns), ("projects", ProjectColumns),
            ("data_spaces", SpaceColumns), ("instances", InstanceColumns), ("key_rotations", RotationColumns),
        };

        internal static RegistryDocument Load(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryScope scope)
        {
            string where = scope.IsAll ? string.Empty : " WHERE mage_id = @m";
            string sql = string.Join(";\n", ResultSets.Select(set => $"SELECT {set.Columns} FROM connector.{set.Table}{where} ORDER BY seq"));
            var document = RegistryDocument.CreateEmpty();
            using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                if (!scope.IsAll)
                {
                    command.Parameters.AddWithValue("m", PostgresValues.Fold(scope.MageId));
                }
                using (var reader = command.ExecuteReader())
                {
                    var row = new Row(reader);
                    document.Accounts.AddRange(row.ReadAll(Account));
                    var accounts = new Dictionary<string, CommerceAccount>(StringComparer.OrdinalIgnoreCase);
                    foreach (var account in document.Accounts)
                    {
                        accounts[account.MageId] = account;
                    }
                    foreach (var (mageId, member) in row.ReadAll(Member))
                    {
                        if (accounts.TryGetValue(mageId, out CommerceAccount account))
                        {
                            member.MageId = account.MageId;
                            account.Members.Add(member);
                        }
                    }
                    document.ApiKeys.AddRange(row.ReadAll(Key));
                    document.Projects.AddRange(row.ReadAll(Project));
                    document.DataSpaces.AddRange(row.ReadAll(Space));
                    document.Instances.AddRange(row.ReadAll(Instance));
                    document.KeyRotations.AddRange(row.ReadAll(Rotation));
                }
            }
            return document;
        }

        // One reader a result set, its columns in the order the matching *Columns constant names them.

        private static CommerceAccount Account(Row row) => new CommerceAccount
        {
            MageId = row.Text(),
            Name = row.Text(),
            Edition = row.Enum<CommerceEdition>(),
            Standing = row.Enum<AccountStanding>(),
            Owner = row.FilledText(),
            CreatedAt = row.Time(),
        };

        /// <summary>The member with the Mage ID its row names (the member takes its account's spelling of it).</summary>
        private static (string MageId, AccountMember Member) Member(Row row) => (row.Text(), new AccountMember
        {
            User = row.Text(),
            Role = row.Enum<MemberRole>(),
            AddedAt = row.Time(),
        });

        private static ApiKey Key(Row row) => new ApiKey
        {
            Id = row.Text(),
            MageId = row.Text(),
            Name = row.FilledText(),
            Environment = row.Enum<ApiKeyEnvironment>(),
            CreatedAt = row.Time(),
            CreatedBy = row.FilledText(),
            KeySize = row.Integer(),
            Fingerprint = row.FilledText(),
            PublicKey = row.Text(),
            Status = row.Enum<ApiKeyStatus>(),
            RevokedAt = row.OptionalTime(),
            RevokedBy = row.OptionalText(),
            Source = row.Enum<RecordSource>(),
        };

        private static SaaSProject Project(Row row) => new SaaSProject
        {
            ProjectId = row.Text(),
            MageId = row.Text(),
            ProjectName = row.FilledText(),
            CreatedAt = row.Time(),
            CreatedBy = row.FilledText(),
            Source = row.Enum<RecordSource>(),
        };

        private static DataSpace Space(Row row) => new DataSpace
        {
            DataSpaceId = row.Text(),
            ProjectId = row.Text(),
            MageId = row.Text(),
            DataSpaceName = row.FilledText(),
            Type = row.Enum<DataSpaceType>(),
            CreatedAt = row.Time(),
            SupportTicket = row.OptionalText(),
            Cleanups = row.JsonList<CleanupRequest>(),
            ExportedItems = row.Integer(),
            Source = row.Enum<RecordSource>(),
            CloudId = row.OptionalText(),
        };

        private static CommerceInstance Instance(Row row) => new CommerceInstance
        {
            MageId = row.Text(),
            Name = row.Text(),
            Path = row.Text(),
            Role = row.Enum<InstanceRole>(),
            BaseUrl = row.OptionalText(),
            RegisteredAt = row.Time(),
            RegisteredBy = row.FilledText(),
            AssignedDataSpaceId = row.OptionalText(),
        };

        private static KeyRotation Rotation(Row row) => new KeyRotation
        {
            Id = row.Text(),
            MageId = row.Text(),
            Environment = row.Enum<ApiKeyEnvironment>(),
            OldApiKey = row.Text(),
            NewApiKey = row.Text(),
            NewKeyFingerprint = row.FilledText(),
            StartedAt = row.Time(),
            StartedBy = row.FilledText(),
            Status = row.Enum<KeyRotationStatus>(),
            CompletedAt = row.OptionalTime(),
            OldKeyRevoked = row.Boolean(),
            Instances = row.JsonList<RotatedInstance>(),
        };

        /// <summary>
        /// The current row of a result set, read column after column in the SELECT's order (C# evaluates an object
        /// initializer's assignments in the order written), so no reader repeats the ordinals its column list implies.
        /// </summary>
        private sealed class Row
        {
            private readonly NpgsqlDataReader _reader;
            private int _column;

            internal Row(NpgsqlDataReader reader)
            {
                _reader = reader;
            }

            /// <summary>Every row of the current result set, then moves on to the next set.</summary>
            internal List<T> ReadAll<T>(Func<Row, T> read)
            {
                var rows = new List<T>();
                while (_reader.Read())
                {
                    _column = 0;
                    rows.Add(read(this));
                }
                _reader.NextResult();
                return rows;
            }

            internal string Text() => _reader.GetString(_column++);

            internal string? OptionalText() => PostgresValues.Text(_reader, _column++);

            /// <summary>
            /// A text column the module always fills but the schema lets be null (a record copied in from an older registry
            /// file may lack it): read as the file backend reads a missing field, null, though Core declares it non-null.
            /// </summary>
            internal string FilledText() => PostgresValues.Text(_reader, _column++)!;

            internal DateTimeOffset Time() => _reader.GetFieldValue<DateTimeOffset>(_column++);

            internal DateTimeOffset? OptionalTime() => PostgresValues.Time(_reader, _column++);

            internal int Integer() => _reader.GetInt32(_column++);

            internal bool Boolean() => _reader.GetBoolean(_column++);

            internal TEnum Enum<TEnum>() where TEnum : struct => PostgresValues.Parse<TEnum>(Text());

            /// <summary>A jsonb array (selected as text); an empty list for JSON null.</summary>
            internal List<T> JsonList<T>() => JsonConvert.DeserializeObject<List<T>>(Text(), PostgresValues.JsonSettings) ?? new List<T>();
        }
    }
}
