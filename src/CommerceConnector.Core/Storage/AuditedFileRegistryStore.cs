using Newtonsoft.Json;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// The file backend as the session uses it: <see cref="FileRegistryStore"/> with its guarantees unchanged (every change
    /// under the exclusive lock, the document replaced atomically), the scoped calls answered from the whole document,
    /// and an audit trail in a second owner-only file, <c>audit.jsonl</c>, beside <c>registry.json</c>: one JSON line per
    /// change, appended after the document was replaced.
    /// </summary>
    public sealed class AuditedFileRegistryStore : IScopedRegistryStore, IAuditedRegistryStore
    {
        public const string AuditFileName = "audit.jsonl";

        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private static readonly JsonSerializerSettings AuditSettings = new JsonSerializerSettings
        {
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            DateParseHandling = DateParseHandling.DateTimeOffset,
            NullValueHandling = NullValueHandling.Ignore,
            Formatting = Formatting.None,
        };

        private readonly Func<DateTimeOffset> _clock;

        public AuditedFileRegistryStore(FileRegistryStore inner, Func<DateTimeOffset>? clock = null)
        {
            Inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            AuditPath = Path.Combine(inner.Folder, AuditFileName);
        }

        public FileRegistryStore Inner { get; }

        public string AuditPath { get; }

        public string Location => Inner.Location;

        public RegistryDocument Read() => Inner.Read();

        public RegistryDocument Read(RegistryScope scope) => Inner.Read();

        public T Update<T>(Func<RegistryDocument, T> change) => Update(RegistryScope.All, change);

        public T Update<T>(RegistryScope scope, Func<RegistryDocument, T> change)
        {
            if (change == null)
            {
                throw new ArgumentNullException(nameof(change));
            }
            T result = Inner.Update(change, out var changes);
            if (changes.Count > 0)
            {
                Append(AuditEntry.For(changes, _clock()));
            }
            return result;
        }

        public IReadOnlyList<AuditEntry> ReadAudit(AuditQuery query)
        {
            string[] lines;
            try
            {
                using (var stream = new FileStream(AuditPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = new StreamReader(stream, Utf8))
                {
                    lines = reader.ReadToEnd().Split('\n');
                }
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return Array.Empty<AuditEntry>();
            }
            var entries = new List<AuditEntry>();
            foreach (string line in lines.Where(l => l.Trim().Length > 0))
            {
                AuditEntry? entry;
                try
                {
                    entry = JsonConvert.DeserializeObject<AuditEntry>(line, AuditSettings);
                }
                catch (JsonException)
                {
                    // A line torn by a crash mid-append is skipped; every whole line before and after it still counts.
                    continue;
                }
                if (entry != null && entry.Matches(query))
                {
                    entries.Add(entry);
                }
            }
            return entries;
        }

        private void Append(AuditEntry entry)
        {
            byte[] line = Utf8.GetBytes(JsonConvert.SerializeObject(entry, AuditSettings) + "\n");
            var deadline = DateTime.UtcNow + Inner.LockTimeout;
            while (true)
            {
                try
                {
                    bool created = !File.Exists(AuditPath);
                    using (var stream = new FileStream(AuditPath, FileMode.Append, FileAccess.Write, FileShare.Read))
                    {
                        if (created)
                        {
                            FilePermissions.RestrictFile(AuditPath);
                        }
                        stream.Write(line, 0, line.Length);
                        stream.Flush(flushToDisk: true);
                    }
                    return;
                }
                catch (IOException e) when (!(e is FileNotFoundException) && !(e is DirectoryNotFoundException))
                {
                    if (DateTime.UtcNow >= deadline)
                    {
                        throw new ConnectorException(ErrorIds.RegistryWriteFailed, ConnectorErrorCategory.WriteError, AuditPath,
                            $"The change was stored in the registry, but its audit entry could not be appended to '{AuditPath}': {e.Message}", e);
                    }
                    Thread.Sleep(5);
                }
            }
        }
    }
}
