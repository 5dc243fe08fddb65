namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// A registry store that can read and change part of the registry (<see cref="RegistryScope"/>) in one transaction:
    /// the document handed to a change holds only the rows in scope, and the store writes back only the rows the change
    /// added, changed or removed. Conflicting writers of one scope are serialized; the whole-registry scope excludes all.
    /// </summary>
    public interface IScopedRegistryStore : IRegistryStore
    {
        /// <summary>A consistent snapshot of the rows in <paramref name="scope"/>.</summary>
        RegistryDocument Read(RegistryScope scope);

        /// <summary>Runs <paramref name="change"/> on the rows in <paramref name="scope"/>, locked; stores what it changed atomically.</summary>
        T Update<T>(RegistryScope scope, Func<RegistryDocument, T> change);
    }

    /// <summary>Scoped reads and changes on any store: a store that cannot scope reads or changes its whole document.</summary>
    public static class ScopedRegistryStoreExtensions
    {
        public static RegistryDocument Read(this IRegistryStore store, RegistryScope scope)
        {
            switch (store)
            {
                case IScopedRegistryStore scoped:
                    return scoped.Read(scope ?? RegistryScope.All);
                case PreviewRegistryStore preview:
                    return preview.Inner.Read(scope);
                default:
                    return store.Read();
            }
        }

        public static T Update<T>(this IRegistryStore store, RegistryScope scope, Func<RegistryDocument, T> change)
        {
            if (change == null)
            {
                throw new ArgumentNullException(nameof(change));
            }
            switch (store)
            {
                case IScopedRegistryStore scoped:
                    return scoped.Update(scope ?? RegistryScope.All, change);
                case PreviewRegistryStore preview:
                    // A preview runs the change on a snapshot of the same rows and writes nothing.
                    return change(preview.Inner.Read(scope));
                default:
                    return store.Update(change);
            }
        }
    }
}
