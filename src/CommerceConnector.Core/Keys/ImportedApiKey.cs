namespace CommerceConnector.Core.Keys
{
    /// <summary>A key pair brought in from elsewhere: its registry entry, and whether it was already there.</summary>
    public sealed class ImportedApiKey
    {
        internal ImportedApiKey(ApiKey key, bool alreadyRegistered, IReadOnlyList<string> fixes) =>
            (Key, AlreadyRegistered, Fixes) = (key, alreadyRegistered, fixes);

        public ApiKey Key { get; }

        /// <summary>True when the same API key with the same pair was registered before: nothing was written.</summary>
        public bool AlreadyRegistered { get; }

        /// <summary>What had to be repaired in the private key text (as Repair-ConnectorPrivateKey names it).</summary>
        public IReadOnlyList<string> Fixes { get; }
    }
}
