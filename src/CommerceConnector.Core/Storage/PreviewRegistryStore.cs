namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// A store that runs a change exactly as the real one would, on a fresh copy of the document, and writes nothing.
    /// Commands call the same Core operation through it before they ask -WhatIf/-Confirm, so a refusal is reported as
    /// the real run would report it and a "What if" line is printed only for what would really happen.
    /// </summary>
    public sealed class PreviewRegistryStore : IRegistryStore
    {
        private readonly IRegistryStore _inner;

        public PreviewRegistryStore(IRegistryStore inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public string Location => _inner.Location;

        /// <summary>The store the preview reads (scoped reads go to it directly).</summary>
        internal IRegistryStore Inner => _inner;

        public RegistryDocument Read() => _inner.Read();

        /// <summary>Runs <paramref name="change"/> on a snapshot that nothing else holds; the snapshot is then dropped.</summary>
        public T Update<T>(Func<RegistryDocument, T> change)
        {
            if (change == null)
            {
                throw new ArgumentNullException(nameof(change));
            }
            return change(_inner.Read());
        }
    }
}
