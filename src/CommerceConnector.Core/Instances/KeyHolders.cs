using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Instances
{
    /// <summary>Which registered instances of an account hold an API key, read from their env.php files (the question revoking a key asks).</summary>
    public sealed class KeyHolders : IKeyHolders
    {
        private readonly IRegistryStore _store;
        private readonly string _mageId;

        public KeyHolders(IRegistryStore store, string mageId)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _mageId = mageId;
        }

        /// <summary>Names of the account's registered instances whose env.php is configured with API key <paramref name="apiKeyId"/>.</summary>
        public IReadOnlyList<string> InstancesConfiguredWith(string apiKeyId)
        {
            var names = new List<string>();
            foreach (var instance in _store.Read(RegistryScope.Account(_mageId)).Instances.Where(i => RegistryLookup.Same(i.MageId, _mageId)))
            {
                try
                {
                    var file = PhpConfigFile.Parse(ConfigFileWriter.Read(instance.EnvPhpPath), instance.EnvPhpPath);
                    if (new[] { ConfigPaths.ProductionApiKey, ConfigPaths.SandboxApiKey }.Any(p => string.Equals(file.Get(ConfigPaths.EnvPhpKeys(p))?.Text, apiKeyId, StringComparison.OrdinalIgnoreCase)))
                    {
                        names.Add(instance.Name);
                    }
                }
                catch (ConnectorException)
                {
                    // An instance whose env.php cannot be read cannot be said to use the key.
                }
            }
            return names;
        }
    }
}
