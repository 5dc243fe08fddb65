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
        private readonly Func<DateTimeOffset> _clock;

        public PostgresRegistryStore(PostgresConnection connection, Func<DateTimeOffset>? clock = null)
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
                    var document = PostgresRowReader.Load(connection, transaction, scope);
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
                    var document = PostgresRowReader.Load(connection, transaction, scope);
                    var before = RegistrySnapshot.Take(document);
                    T result = change(document);
                    var changes = before.Diff(document);
                    if (changes.Count > 0)
                    {
                        CheckInScope(scope, changes);
                        PostgresRowWriter.Write(connection, transaction, changes);
                        PostgresRowWriter.WriteAudit(connection, transaction, AuditEntry.For(changes, _clock()));
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
                                OsUser = PostgresValues.Text(reader, 1),
                                Machine = PostgresValues.Text(reader, 2),
                                Member = PostgresValues.Text(reader, 3),
                                Command = reader.GetString(4),
                                MageId = PostgresValues.Text(reader, 5),
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
                    command.Parameters.AddWithValue("m", PostgresValues.Fold(scope.MageId));
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
    }
}
