using CommerceConnector.Core.Storage.Records;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Storage
{
    /// <summary>The points of a write between which tests inject failures.</summary>
    internal enum WriteStep
    {
        LockAcquired,
        TempCreated,
        TempWritten,
        TempFlushed,
        TempClosed,
        Replaced,
    }

    /// <summary>
    /// The embedded registry: one JSON document in an owner-only folder. A change takes an exclusive lock file,
    /// reads the current document, writes the new one to a temporary file in the same folder, flushes it to disk
    /// and renames it over the old one, so a crash leaves either the old or the new document, never a torn one.
    /// Readers need no lock: they only ever see whole files.
    /// </summary>
    public sealed class FileRegistryStore : IRegistryStore
    {
        public const string DocumentFileName = "registry.json";
        public const string LockFileName = "registry.lock";
        private const string TempSuffix = ".tmp";

        public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

        internal static readonly JsonSerializerSettings SerializerSettings = new JsonSerializerSettings
        {
            Converters = { new StringEnumConverter() },
            DateParseHandling = DateParseHandling.DateTimeOffset,
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            NullValueHandling = NullValueHandling.Ignore,
            Formatting = Formatting.Indented,
        };

        private static readonly JsonSerializer Serializer = JsonSerializer.Create(SerializerSettings);
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>The registry file this process read or wrote last, for <see cref="Read"/> to reuse while its bytes are unchanged.</summary>
        private static KnownRegistryFile? _lastFile;

        /// <summary>How many times this thread parsed registry JSON (tests tell a reused read from a parse by it).</summary>
        [ThreadStatic]
        internal static int ParsesOnThisThread;

        private readonly int _schemaVersion;
        private readonly IReadOnlyList<RegistryMigration> _migrations;

        public FileRegistryStore(string folder, TimeSpan? lockTimeout = null)
            : this(folder, lockTimeout, RegistryDocument.CurrentSchemaVersion, RegistryMigrations.All)
        {
        }

        internal FileRegistryStore(string folder, TimeSpan? lockTimeout, int schemaVersion, IReadOnlyList<RegistryMigration> migrations)
        {
            if (string.IsNullOrWhiteSpace(folder))
            {
                throw new ArgumentException("A registry folder is required.", nameof(folder));
            }
            Folder = Path.GetFullPath(folder);
            DocumentPath = Path.Combine(Folder, DocumentFileName);
            LockPath = Path.Combine(Folder, LockFileName);
            LockTimeout = lockTimeout ?? DefaultLockTimeout;
            _schemaVersion = schemaVersion;
            _migrations = migrations;
        }

        public string Folder { get; }

        public string DocumentPath { get; }

        public string LockPath { get; }

        public TimeSpan LockTimeout { get; }

        public string Location => Folder;

        /// <summary>Called after each step of a write; tests throw from it to simulate a crash at that instant.</summary>
        internal Action<WriteStep>? FaultInjector { get; set; }

        public RegistryDocument Read()
        {
            // The count first: a change begun after it makes the version differ, whatever the records read next.
            long? changesBegun = RegistryLock.PeekChangesBegun(LockPath);
            var known = ReadKnown();
            var document = ToDocument(known?.File);
            document.Version = Version(known, changesBegun);
            return document;
        }

        private static RegistryVersion? Version(KnownRegistryFile? known, long? changesBegun) =>
            known == null || changesBegun == null ? null : new RegistryVersion(known, changesBegun.Value);

        /// <summary>registry.json's records (null when there is none yet), parsed only when its bytes are not the ones known.</summary>
        private KnownRegistryFile? ReadKnown()
        {
            try
            {
                using (var stream = new FileStream(DocumentPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    var last = Volatile.Read(ref _lastFile);
                    if (last != null && last.Matches(DocumentPath, _schemaVersion, _migrations, stream))
                    {
                        return last;
                    }
                    stream.Position = 0;
                    byte[] bytes = ReadAll(stream);
                    var known = KnownRegistryFile.Read(DocumentPath, _schemaVersion, _migrations, bytes, Parse(bytes));
                    Volatile.Write(ref _lastFile, known);
                    return known;
                }
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return null;
            }
        }

        /// <summary>A new document from <paramref name="file"/>'s records, judged by the document's validation.</summary>
        private RegistryDocument ToDocument(RegistryFile? file)
        {
            if (file == null)
            {
                return RegistryDocument.CreateEmpty();
            }
            var document = file.ToDocument();
            string? problem = document.Validate();
            if (problem != null)
            {
                throw Corrupt(problem, null);
            }
            return document;
        }

        private static byte[] ReadAll(Stream stream)
        {
            var bytes = new byte[stream.Length];
            int read = 0, n;
            while (read < bytes.Length && (n = stream.Read(bytes, read, bytes.Length - read)) > 0)
            {
                read += n;
            }
            if (read != bytes.Length)
            {
                Array.Resize(ref bytes, read);
            }
            return bytes;
        }

        public T Update<T>(Func<RegistryDocument, T> change) => Change(change, tell: false, out _);

        /// <summary>
        /// As <see cref="Update{T}(Func{RegistryDocument, T})"/>, and tells which rows the change added, changed or removed:
        /// the records read are the snapshot before, the records written the one after, so telling costs no copies.
        /// </summary>
        internal T Update<T>(Func<RegistryDocument, T> change, out IReadOnlyList<RegistryRowChange> changes) => Change(change, tell: true, out changes);

        private T Change<T>(Func<RegistryDocument, T> change, bool tell, out IReadOnlyList<RegistryRowChange> changes)
        {
            if (change == null)
            {
                throw new ArgumentNullException(nameof(change));
            }
            EnsureFolder();
            using (var held = RegistryLock.Acquire(LockPath, Folder, LockTimeout))
            {
                Step(WriteStep.LockAcquired);
                RemoveStaleTempFiles();
                KnownRegistryFile? known = ReadKnown();
                RegistryFile? before = known?.File;
                RegistryDocument document = ToDocument(before);
                document.Version = Version(known, held.ChangesBefore);
                T result = change(document);
                document.SchemaVersion = _schemaVersion;
                var after = document.ToFile();
                changes = tell ? RegistrySnapshot.Take(before ?? new RegistryFile()).Diff(after, document) : Array.Empty<RegistryRowChange>();
                Write(after, known);
                return result;
            }
        }

        private void EnsureFolder()
        {
            try
            {
                FilePermissions.EnsureOwnerOnlyFolder(Folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConnectorException(ErrorIds.RegistryPathInvalid, ConnectorErrorCategory.WriteError, Folder,
                    $"Cannot create the registry folder '{Folder}': {e.Message} Choose a writable folder with COMMERCE_CONNECTOR_HOME or Connect-CommerceAccount -RegistryPath.", e);
            }
        }

        private RegistryFile Parse(byte[] bytes)
        {
            ParsesOnThisThread++;
            try
            {
                // The common case, parsed straight from the bytes without an intermediate string.
                using (var reader = new JsonTextReader(new StreamReader(new MemoryStream(bytes, writable: false), Utf8)))
                {
                    var file = Serializer.Deserialize<RegistryFile>(reader);
                    // Trailing content is left to the careful path, which names the problem.
                    if (file != null && !reader.Read() && file.SchemaVersion == _schemaVersion)
                    {
                        return file;
                    }
                }
            }
            catch (JsonException)
            {
                // Fall through to the careful path, which tells a newer schema from a broken file.
            }
            return ParseAndMigrate(Utf8.GetString(bytes));
        }

        private RegistryFile ParseAndMigrate(string text)
        {
            JObject root;
            try
            {
                root = JObject.Parse(text);
            }
            catch (JsonException e)
            {
                throw Corrupt("it is not valid JSON (" + e.Message + ")", e);
            }

            JToken? versionToken = root["schemaVersion"];
            if (versionToken == null || versionToken.Type != JTokenType.Integer)
            {
                throw Corrupt("it has no integer 'schemaVersion'", null);
            }
            int version = versionToken.Value<int>();
            if (version > _schemaVersion)
            {
                throw new ConnectorException(ErrorIds.RegistrySchemaTooNew, ConnectorErrorCategory.InvalidData, DocumentPath,
                    $"The registry '{DocumentPath}' was written by a newer CommerceConnector (schema {version}; this version reads up to {_schemaVersion}). " +
                    "Update the CommerceConnector module; the file was left unchanged.");
            }
            if (version < 1)
            {
                throw Corrupt($"its schemaVersion {version} is not a released schema", null);
            }
            for (int current = version; current < _schemaVersion; current++)
            {
                var step = _migrations.FirstOrDefault(m => m.From == current)
                    ?? throw Corrupt($"no migration leads from schema {version} to {_schemaVersion}", null);
                step.Apply(root);
                root["schemaVersion"] = current + 1;
            }

            try
            {
                return root.ToObject<RegistryFile>(Serializer) ?? throw Corrupt("it is empty", null);
            }
            catch (JsonException e)
            {
                throw Corrupt("its content does not fit the registry schema (" + e.Message + ")", e);
            }
        }

        private ConnectorException Corrupt(string why, Exception? inner) =>
            new ConnectorException(ErrorIds.RegistryCorrupt, ConnectorErrorCategory.InvalidData, DocumentPath,
                $"The registry '{DocumentPath}' cannot be read: {why}. It was left unchanged. " +
                "Restore it from a backup or move it aside to start an empty registry.", inner);

        /// <summary>Replaces registry.json with <paramref name="file"/>; the records of <paramref name="previous"/> that did not change keep their text.</summary>
        private void Write(RegistryFile file, KnownRegistryFile? previous)
        {
            RegistryFileText? text = null;
            KnownRegistryFile.Recorder? recorder = null;
            string tempPath = Path.Combine(Folder, DocumentFileName + "." + Guid.NewGuid().ToString("N") + TempSuffix);
            try
            {
                using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    FilePermissions.RestrictFileInOwnerOnlyFolder(tempPath);
                    Step(WriteStep.TempCreated);
                    recorder = new KnownRegistryFile.Recorder(stream);
                    using (var writer = new StreamWriter(recorder, Utf8, 16 * 1024))
                    {
                        text = RegistryFileText.Write(writer, Serializer, file, previous?.File, previous?.Text);
                        writer.Flush();
                        Step(WriteStep.TempWritten);
                        stream.Flush(flushToDisk: true);
                        Step(WriteStep.TempFlushed);
                    }
                }
                Step(WriteStep.TempClosed);

                if (File.Exists(DocumentPath))
                {
                    // Replacing keeps the document's owner-only ACL on Windows; on Unix the temporary file is 0600 already.
                    File.Replace(tempPath, DocumentPath, null);
                }
                else
                {
                    // The first document makes this folder the registry: restrict both, even in a folder the user made.
                    File.Move(tempPath, DocumentPath);
                    FilePermissions.RestrictFile(DocumentPath);
                    FilePermissions.RestrictFolder(Folder);
                }
                FilePermissions.FlushFolder(Folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                AtomicFile.TryDelete(tempPath);
                throw new ConnectorException(ErrorIds.RegistryWriteFailed, ConnectorErrorCategory.WriteError, DocumentPath,
                    $"The registry '{DocumentPath}' could not be written: {e.Message} The previous state was kept.", e);
            }
            catch
            {
                AtomicFile.TryDelete(tempPath);
                throw;
            }
            Step(WriteStep.Replaced);
            // What was just written is what the next read would parse: the records it was serialized from.
            Volatile.Write(ref _lastFile, KnownRegistryFile.Written(DocumentPath, _schemaVersion, _migrations, recorder!, file, text!));
        }

        private void RemoveStaleTempFiles()
        {
            // Under the lock no other writer is mid-write, so any temporary file is a leftover of a crash.
            foreach (string stale in Directory.GetFiles(Folder, DocumentFileName + ".*" + TempSuffix))
            {
                AtomicFile.TryDelete(stale);
            }
        }

        private void Step(WriteStep step) => FaultInjector?.Invoke(step);
    }
}
