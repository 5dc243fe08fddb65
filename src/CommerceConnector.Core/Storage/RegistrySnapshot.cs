using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage.Records;

namespace CommerceConnector.Core.Storage
{
    /// <summary>The kinds of rows the registry holds (a table each in PostgreSQL).</summary>
    public enum RegistryRowKind
    {
        Account,
        Member,
        ApiKey,
        Project,
        DataSpace,
        Instance,
        KeyRotation,
    }

    public enum RegistryRowAction
    {
        Added,
        Changed,
        Removed,
    }

    /// <summary>One row a change added, changed or removed: what the backends write back and the audit trail records.</summary>
    public sealed class RegistryRowChange
    {
        internal RegistryRowChange(RegistryRowKind kind, string key, string id, RegistryRowAction action, object row, string mageId, string[] keyParts) =>
            (KeyParts, Kind, Key, Id, Action, Row, MageId) =
            (keyParts, kind, key, id, action, row, mageId);

        public RegistryRowKind Kind { get; }

        /// <summary>The row's identity, case-folded (two rows of one kind never share it).</summary>
        public string Key { get; }

        /// <summary>The row's id as shown to users (a member is "MAGEID/user", an instance "MAGEID/name").</summary>
        public string Id { get; }

        public RegistryRowAction Action { get; }

        /// <summary>The identity as it was when the snapshot was taken (a change may since have renamed the row object).</summary>
        public IReadOnlyList<string> KeyParts { get; }

        /// <summary>The row after the change; the row before it when removed (an <see cref="AccountMember"/>, <see cref="CommerceInstance"/>, ...).</summary>
        public object Row { get; }

        /// <summary>The account the row belongs to.</summary>
        public string MageId { get; }

        public override string ToString() => $"{Action} {Kind} {Id}";
    }

    /// <summary>
    /// Every row of a document as it was at one instant (its storage record), so that what a change did to the document
    /// can be told row by row: the PostgreSQL backend writes back only those rows, and both backends audit them. Rows
    /// are compared by <see cref="RecordComparer"/> over the stored properties only, so what a command adds to the objects
    /// it outputs never counts as a change.
    /// </summary>
    public sealed class RegistrySnapshot
    {
        /// <summary>Each row by its identity (kept small: a row is its own key, so no entry lands on the large-object heap).</summary>
        private readonly Dictionary<Row, Row> _byKey = new Dictionary<Row, Row>(Row.SameKey);

        /// <summary>How many rows were taken (each has its <see cref="Row.Index"/> below this).</summary>
        private readonly int _taken;

        private RegistrySnapshot(RegistryFile file)
        {
            foreach (var row in Rows(file, null))
            {
                row.Index = _taken++;
                // A document that holds one key twice is reported by its own validation; the later row wins here.
                _byKey[row] = row;
            }
        }

        public int Count => _byKey.Count;

        public static RegistrySnapshot Take(RegistryDocument document) => new RegistrySnapshot(document.ToFile());

        /// <summary>The rows of a document read from these records (the file store keeps them, so taking them copies nothing).</summary>
        internal static RegistrySnapshot Take(RegistryFile records) => new RegistrySnapshot(records);

        /// <summary>The rows <paramref name="after"/> adds, changes or removes compared with this snapshot, in a stable order.</summary>
        public IReadOnlyList<RegistryRowChange> Diff(RegistryDocument after) => Diff(after.ToFile(), after);

        /// <summary>As <see cref="Diff(RegistryDocument)"/>, given the records <paramref name="after"/> maps to (<see cref="RecordMapping.ToFile"/>).</summary>
        internal IReadOnlyList<RegistryRowChange> Diff(RegistryFile records, RegistryDocument after)
        {
            var changes = new List<RegistryRowChange>();
            // Which rows of the snapshot the document still holds, and which keys it added (a key seen twice counts once).
            var kept = new bool[_taken];
            var added = new HashSet<Row>(Row.SameKey);
            foreach (var row in Rows(records, after))
            {
                if (!_byKey.TryGetValue(row, out Row before))
                {
                    if (added.Add(row))
                    {
                        changes.Add(row.Change(RegistryRowAction.Added));
                    }
                }
                else if (!kept[before.Index])
                {
                    kept[before.Index] = true;
                    if (!RecordComparer.Equal(before.Record, row.Record))
                    {
                        changes.Add(row.Change(RegistryRowAction.Changed));
                    }
                }
            }
            foreach (var before in _byKey.Values.Where(r => !kept[r.Index]))
            {
                changes.Add(before.Change(RegistryRowAction.Removed));
            }
            // In document order within a kind, so a backend that keeps insertion order keeps the document's.
            return changes.OrderBy(c => c.Kind).ToList();
        }

        /// <summary>The rows of <paramref name="file"/>, each with its object in <paramref name="document"/> (the same lists, in the same order) when given.</summary>
        private static IEnumerable<Row> Rows(RegistryFile file, RegistryDocument? document)
        {
            for (int i = 0; i < Length(file.Accounts); i++)
            {
                var account = file.Accounts[i];
                if (account == null)
                {
                    continue;
                }
                var domain = document?.Accounts[i];
                // The members are rows of their own: the account's row compares without them.
                var row = RecordCopier.Copy<AccountRecord, AccountRecord>(account);
                row.Members = null!;
                yield return new Row(RegistryRowKind.Account, account.MageId, null, row, domain, account.MageId);
                for (int j = 0; j < Length(account.Members); j++)
                {
                    var member = account.Members[j];
                    if (member != null)
                    {
                        yield return new Row(RegistryRowKind.Member, account.MageId, member.User, member, domain?.Members[j], account.MageId);
                    }
                }
            }
            foreach (var (key, j) in Indexed(file.ApiKeys))
            {
                yield return new Row(RegistryRowKind.ApiKey, key.Id, null, key, document?.ApiKeys[j], key.MageId);
            }
            foreach (var (project, j) in Indexed(file.Projects))
            {
                yield return new Row(RegistryRowKind.Project, project.ProjectId, null, project, document?.Projects[j], project.MageId);
            }
            foreach (var (space, j) in Indexed(file.DataSpaces))
            {
                yield return new Row(RegistryRowKind.DataSpace, space.DataSpaceId, null, space, document?.DataSpaces[j], space.MageId);
            }
            foreach (var (instance, j) in Indexed(file.Instances))
            {
                yield return new Row(RegistryRowKind.Instance, instance.MageId, instance.Name, instance, document?.Instances[j], instance.MageId);
            }
            foreach (var (rotation, j) in Indexed(file.KeyRotations))
            {
                yield return new Row(RegistryRowKind.KeyRotation, rotation.Id, null, rotation, document?.KeyRotations[j], rotation.MageId);
            }
        }

        private static int Length<T>(List<T>? list) => list?.Count ?? 0;

        private static IEnumerable<(T Item, int Index)> Indexed<T>(List<T>? list)
            where T : class
        {
            for (int i = 0; i < Length(list); i++)
            {
                if (list![i] != null)
                {
                    yield return (list[i], i);
                }
            }
        }

        private static string Fold(string? value) => (value ?? string.Empty).Trim().ToUpperInvariant();

        /// <summary>
        /// One row: its kind and identity in one or two parts (an account's MageID and a member's user or an instance's
        /// name), compared as their trimmed, case-folded text would compare, without making that text for every row.
        /// </summary>
        private sealed class Row
        {
            public static readonly IEqualityComparer<Row> SameKey = new KeyComparer();

            private readonly object? _domain;

            public Row(RegistryRowKind kind, string? first, string? second, object record, object? domain, string mageId) =>
                (Kind, First, Second, Record, _domain, MageId) = (kind, first ?? string.Empty, second, record, domain, mageId);

            public RegistryRowKind Kind { get; }

            public string First { get; }

            public string? Second { get; }

            /// <summary>The stored properties (never changed: a change works on the document's objects, not on records).</summary>
            public object Record { get; }

            public string MageId { get; }

            /// <summary>Its place in the snapshot.</summary>
            public int Index { get; set; }

            public RegistryRowChange Change(RegistryRowAction action)
            {
                string id = Second == null ? First : First + "/" + Second;
                string key = Second == null ? Fold(First) : Fold(First) + "/" + Fold(Second);
                return new RegistryRowChange(Kind, key, id, action, _domain ?? Domain(), MageId, id.Split(new[] { '/' }, 2));
            }

            /// <summary>The row as the domain object it was (a removed row's object is gone from the document).</summary>
            private object Domain()
            {
                switch (Record)
                {
                    case AccountRecord account:
                        var copy = RecordCopier.Copy<AccountRecord, CommerceAccount>(account);
                        copy.Members = new List<AccountMember>();
                        return copy;
                    case MemberRecord member:
                        var made = RecordCopier.Copy<MemberRecord, AccountMember>(member);
                        made.MageId = MageId;
                        return made;
                    case ApiKeyRecord key:
                        return RecordCopier.Copy<ApiKeyRecord, ApiKey>(key);
                    case ProjectRecord project:
                        return RecordCopier.Copy<ProjectRecord, SaaSProject>(project);
                    case DataSpaceRecord space:
                        return RecordCopier.Copy<DataSpaceRecord, DataSpace>(space);
                    case InstanceRecord instance:
                        return RecordCopier.Copy<InstanceRecord, CommerceInstance>(instance);
                    default:
                        return RecordCopier.Copy<KeyRotationRecord, KeyRotation>((KeyRotationRecord)Record);
                }
            }

            private sealed class KeyComparer : IEqualityComparer<Row>
            {
                public bool Equals(Row? x, Row? y) =>
                    x != null && y != null && x.Kind == y.Kind && Same(x.First, y.First) && (x.Second == null ? y.Second == null : y.Second != null && Same(x.Second, y.Second));

                public int GetHashCode(Row row) =>
                    ((int)row.Kind * 31 + StringComparer.OrdinalIgnoreCase.GetHashCode(row.First.Trim())) * 31
                    + (row.Second == null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(row.Second.Trim()));

                private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
