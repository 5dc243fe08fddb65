namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// One command's view of a registry: the first <see cref="Read()"/> reads and parses registry.json, and every later
    /// read of the same command gets that parse, until the command changes the registry. <see cref="Update{T}(Func{RegistryDocument, T})"/> goes to
    /// the store as always (under its lock, from a fresh read of the file) and drops the snapshot, so writes and the
    /// guards under the lock never judge from it. A command that checks the session, finds an instance by name and plans
    /// a change thus parses the registry once instead of once per step, and its steps agree on one document.
    /// </summary>
    public sealed class SnapshotRegistryStore : IScopedRegistryStore
    {
        private readonly IRegistryStore _inner;
        private RegistryDocument? _document;

        public SnapshotRegistryStore(IRegistryStore inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public string Location => _inner.Location;

        public RegistryDocument Read() => _document ?? (_document = _inner.Read());

        public T Update<T>(Func<RegistryDocument, T> change)
        {
            _document = null;
            return _inner.Update(change);
        }

        /// <summary>
        /// Every scope reads the snapshot: the session wraps only file registries, whose scoped read is the whole
        /// document anyway (a superset of the scope's rows).
        /// </summary>
        public RegistryDocument Read(RegistryScope scope) => Read();

        public T Update<T>(RegistryScope scope, Func<RegistryDocument, T> change)
        {
            _document = null;
            return _inner.Update(scope, change);
        }
    }
}
