using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;
using Microsoft.IdentityModel.Tokens;

namespace CommerceConnector.RegistryServer
{
    /// <summary>
    /// The registry document as of its last change, with the active keys indexed. The file store is read again only
    /// when registry.json changed (its time or length), so a ping costs no JSON parsing. A file watcher marks the
    /// file changed as soon as the module writes it (a revoked key stops working at the next request); without
    /// one, the file's time is checked at least every second.
    /// </summary>
    public sealed class RegistryView : IDisposable
    {
        private static readonly long RecheckTicks = Stopwatch.Frequency;

        private readonly FileRegistryStore _store;
        private readonly object _reload = new object();
        private readonly FileSystemWatcher? _watcher;
        private volatile Snapshot? _current;
        private volatile bool _changed = true;
        private long _checkedAt;

        public RegistryView(FileRegistryStore store)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            try
            {
                _watcher = new FileSystemWatcher(store.Folder, FileRegistryStore.DocumentFileName)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                FileSystemEventHandler changed = (_, _) => _changed = true;
                _watcher.Changed += changed;
                _watcher.Created += changed;
                _watcher.Deleted += changed;
                _watcher.Renamed += (_, _) => _changed = true;
                _watcher.Error += (_, _) => _changed = true;
                _watcher.EnableRaisingEvents = true;
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is PlatformNotSupportedException || e is UnauthorizedAccessException)
            {
                // No watcher (inotify limits, a network folder): every request checks the file's time.
                _watcher = null;
            }
        }

        public void Dispose() => _watcher?.Dispose();

        public FileRegistryStore Store => _store;

        public RegistryDocument Document => Current().Document;

        /// <summary>The active key with this id, or null (unknown and revoked keys alike).</summary>
        public GatewayKey? ActiveKey(string? id)
        {
            return id != null && Current().Keys.TryGetValue(id, out var key) ? key : null;
        }

        /// <summary>Forgets the cached document (after the server wrote the store itself).</summary>
        public void Invalidate()
        {
            _changed = true;
            _current = null;
        }

        private Snapshot Current()
        {
            var snapshot = _current;
            long now = Stopwatch.GetTimestamp();
            if (snapshot != null && !_changed && _watcher != null && now - Volatile.Read(ref _checkedAt) < RecheckTicks)
            {
                return snapshot;
            }
            // Cleared before the file is looked at: a write after this point sets it again.
            _changed = false;
            Volatile.Write(ref _checkedAt, now);
            var stamp = Stamp();
            if (snapshot != null && snapshot.Stamp == stamp)
            {
                return snapshot;
            }
            lock (_reload)
            {
                snapshot = _current;
                if (snapshot != null && snapshot.Stamp == stamp)
                {
                    return snapshot;
                }
                var document = _store.Read();
                snapshot = new Snapshot(stamp, document, Index(document, snapshot));
                _current = snapshot;
                return snapshot;
            }
        }

        private (DateTime, long) Stamp()
        {
            var file = new FileInfo(_store.DocumentPath);
            return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1);
        }

        private static Dictionary<string, GatewayKey> Index(RegistryDocument document, Snapshot? previous)
        {
            var keys = new Dictionary<string, GatewayKey>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in document.ApiKeys.Where(k => k.Status == ApiKeyStatus.Active))
            {
                // Reuse a key already parsed (its signature provider is cached with it) while its public half is unchanged.
                if (previous != null && previous.Keys.TryGetValue(key.Id, out var known) && known.Key.PublicKey == key.PublicKey)
                {
                    keys[key.Id] = new GatewayKey(key, known.SecurityKey);
                    continue;
                }
                try
                {
                    var parameters = RsaKeyCodec.DecodeSubjectPublicKeyInfo(Convert.FromBase64String(key.PublicKey));
                    keys[key.Id] = new GatewayKey(key, new RsaSecurityKey(parameters));
                }
                catch (Exception e) when (e is KeyFormatException || e is FormatException || e is CryptographicException)
                {
                    // A damaged public key cannot validate anything: the key is treated as unknown.
                }
            }
            return keys;
        }

        private sealed class Snapshot
        {
            public Snapshot((DateTime, long) stamp, RegistryDocument document, Dictionary<string, GatewayKey> keys)
            {
                Stamp = stamp;
                Document = document;
                Keys = keys;
            }

            public (DateTime, long) Stamp { get; }

            public RegistryDocument Document { get; }

            public Dictionary<string, GatewayKey> Keys { get; }
        }
    }
}
