namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// The base of the services that keep their records in the registry (accounts, API keys, projects, instances, key
    /// rotations, adoption, registry sync): the store they read and change, and the clock that stamps their records
    /// (the one a test passes in, or else the system's UTC time).
    /// </summary>
    public abstract class RegistryService
    {
        private protected RegistryService(IRegistryStore store, Func<DateTimeOffset>? clock)
        {
            Store = store ?? throw new ArgumentNullException(nameof(store));
            Clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        private protected IRegistryStore Store { get; }

        private protected Func<DateTimeOffset> Clock { get; }

        /// <summary>A snapshot of one account's rows: a backend that keeps rows (PostgreSQL) reads no other account's.</summary>
        private protected RegistryDocument ReadAccount(string account) => Store.Read(RegistryScope.Account(account));

        /// <summary>
        /// Changes one account's rows under that account's lock. A rule that spans accounts (an id or a key pair registered
        /// by another account, a Magento root) is checked on the document where the file backend holds it, and by the
        /// schema's constraints in PostgreSQL, with the same error id.
        /// </summary>
        private protected T UpdateAccount<T>(string account, Func<RegistryDocument, T> change) => Store.Update(RegistryScope.Account(account), change);
    }
}
