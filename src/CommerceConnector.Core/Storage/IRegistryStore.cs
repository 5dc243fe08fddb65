namespace CommerceConnector.Core.Storage
{
    /// <summary>Where the embedded registry keeps its document.</summary>
    public interface IRegistryStore
    {
        /// <summary>A human-readable location (a folder path for the file store).</summary>
        string Location { get; }

        /// <summary>A consistent snapshot of the document; an empty document when nothing was stored yet.</summary>
        RegistryDocument Read();

        /// <summary>
        /// Reads the document under an exclusive lock, lets <paramref name="change"/> modify it and stores the result
        /// atomically. When <paramref name="change"/> throws, nothing is written.
        /// </summary>
        T Update<T>(Func<RegistryDocument, T> change);
    }
}
