using System;

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
    }
}
