using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

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
        internal RegistryRowChange(RegistryRowKind kind, string key, string id, RegistryRowAction action, object row, string mageId, string[] keyParts)
        {
            KeyParts = keyParts;
            Kind = kind;
            Key = key;
            Id = id;
            Action = action;
            Row = row;
            MageId = mageId;
        }

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
    /// Every row of a document as it was at one instant (its JSON form), so that what a change did to the document can
    /// be told row by row: the PostgreSQL backend writes back only those rows, and both backends audit them.
    /// </summary>
    public sealed class RegistrySnapshot
    {
        private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            // Microseconds: what PostgreSQL keeps of a time, so a row read back from it compares equal to the one written.
            Converters = { new StringEnumConverter(), new IsoDateTimeConverter { DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffffK", DateTimeStyles = System.Globalization.DateTimeStyles.AdjustToUniversal } },
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            NullValueHandling = NullValueHandling.Ignore,
            Formatting = Formatting.None,
        });

        private readonly Dictionary<(RegistryRowKind, string), Entry> _rows;

        private RegistrySnapshot(Dictionary<(RegistryRowKind, string), Entry> rows)
        {
            _rows = rows;
        }

        public int Count => _rows.Count;

        public static RegistrySnapshot Take(RegistryDocument document)
        {
            var rows = new Dictionary<(RegistryRowKind, string), Entry>();
            foreach (var row in Rows(document))
            {
                // A document that holds one key twice is reported by its own validation; the later row wins here.
                rows[(row.Kind, row.Key)] = row;
            }
            return new RegistrySnapshot(rows);
        }

        /// <summary>The rows <paramref name="after"/> adds, changes or removes compared with this snapshot, in a stable order.</summary>
        public IReadOnlyList<RegistryRowChange> Diff(RegistryDocument after)
        {
            var changes = new List<RegistryRowChange>();
            var seen = new HashSet<(RegistryRowKind, string)>();
            foreach (var row in Rows(after))
            {
                if (!seen.Add((row.Kind, row.Key)))
                {
                    continue;
                }
                if (!_rows.TryGetValue((row.Kind, row.Key), out Entry before))
                {
                    changes.Add(new RegistryRowChange(row.Kind, row.Key, row.Id, RegistryRowAction.Added, row.Row, row.MageId, row.KeyParts));
                }
                else if (!string.Equals(before.Json, row.Json, StringComparison.Ordinal))
                {
                    changes.Add(new RegistryRowChange(row.Kind, row.Key, row.Id, RegistryRowAction.Changed, row.Row, row.MageId, row.KeyParts));
                }
            }
            foreach (var pair in _rows.Where(p => !seen.Contains(p.Key)))
            {
                var row = pair.Value;
                changes.Add(new RegistryRowChange(row.Kind, row.Key, row.Id, RegistryRowAction.Removed, row.Row, row.MageId, row.KeyParts));
            }
            // In document order within a kind, so a backend that keeps insertion order keeps the document's.
            return changes.OrderBy(c => c.Kind).ToList();
        }

        private static IEnumerable<Entry> Rows(RegistryDocument document)
        {
            foreach (var account in document.Accounts ?? new List<CommerceAccount>())
            {
                var json = JObject.FromObject(account, Serializer);
                json.Remove("members");
                yield return new Entry(RegistryRowKind.Account, Fold(account.MageId), account.MageId, json.ToString(Formatting.None), account, account.MageId);
                foreach (var member in account.Members ?? new List<AccountMember>())
                {
                    yield return new Entry(RegistryRowKind.Member, Fold(account.MageId) + "/" + Fold(member.User), account.MageId + "/" + member.User,
                        Json(member), member, account.MageId);
                }
            }
            foreach (var key in document.ApiKeys ?? new List<ApiKey>())
            {
                yield return new Entry(RegistryRowKind.ApiKey, Fold(key.Id), key.Id, Json(key), key, key.MageId);
            }
            foreach (var project in document.Projects ?? new List<SaaSProject>())
            {
                yield return new Entry(RegistryRowKind.Project, Fold(project.ProjectId), project.ProjectId, Json(project), project, project.MageId);
            }
            foreach (var space in document.DataSpaces ?? new List<DataSpace>())
            {
                yield return new Entry(RegistryRowKind.DataSpace, Fold(space.DataSpaceId), space.DataSpaceId, Json(space), space, space.MageId);
            }
            foreach (var instance in document.Instances ?? new List<CommerceInstance>())
            {
                yield return new Entry(RegistryRowKind.Instance, Fold(instance.MageId) + "/" + Fold(instance.Name), instance.MageId + "/" + instance.Name,
                    Json(instance), instance, instance.MageId);
            }
            foreach (var rotation in document.KeyRotations ?? new List<KeyRotation>())
            {
                yield return new Entry(RegistryRowKind.KeyRotation, Fold(rotation.Id), rotation.Id, Json(rotation), rotation, rotation.MageId);
            }
        }

        // One buffer per thread: a snapshot serializes every row of the document twice per change (before and after), so
        // rows go straight to text, without an intermediate JObject and without a new writer's buffer each time.
        [ThreadStatic]
        private static StringBuilder? _buffer;

        private static string Json(object row)
        {
            var buffer = _buffer ?? (_buffer = new StringBuilder(1024));
            buffer.Clear();
            using (var writer = new JsonTextWriter(new StringWriter(buffer, CultureInfo.InvariantCulture)))
            {
                Serializer.Serialize(writer, row);
            }
            return buffer.ToString();
        }

        private static string Fold(string value) => (value ?? string.Empty).Trim().ToUpperInvariant();

        private sealed class Entry
        {
            public Entry(RegistryRowKind kind, string key, string id, string json, object row, string mageId)
            {
                KeyParts = id.Split(new[] { '/' }, 2);
                Kind = kind;
                Key = key;
                Id = id;
                Json = json;
                Row = row;
                MageId = mageId;
            }

            public RegistryRowKind Kind { get; }

            public string Key { get; }

            public string Id { get; }

            public string Json { get; }

            public object Row { get; }

            public string MageId { get; }

            public string[] KeyParts { get; }
        }
    }
}
