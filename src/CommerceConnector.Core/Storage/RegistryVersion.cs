namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// What a read of the file registry saw: the stored records (the same object for the same bytes, see
    /// <see cref="KnownRegistryFile"/>) and the number of changes begun on the registry before it (the count
    /// <see cref="FileRegistryStore"/> keeps in its lock file). Two reads with the same version saw the same rows, and no
    /// change began between them, not even one killed before it wrote the registry.
    /// </summary>
    internal sealed class RegistryVersion
    {
        private readonly object _records;
        private readonly long _changesBegun;

        internal RegistryVersion(object records, long changesBegun) =>
            (_records, _changesBegun) = (records, changesBegun);

        internal bool Same(RegistryVersion? other) =>
            other != null && ReferenceEquals(_records, other._records) && _changesBegun == other._changesBegun;
    }
}
