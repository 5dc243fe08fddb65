namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// What the files of an account's registered instances name, for the guards that look across the fleet: which
    /// instances hold a data space, which hold an API key. env.php and config.php alone, ids only (no private key is
    /// read), each installation once, on first need. No database is opened: checking one instance must not connect to
    /// every store of the fleet (an unreachable one costs its connect timeout, and its warning is not that command's
    /// business); a value only a store's database holds is judged when that store itself is checked.
    /// </summary>
    internal sealed class FleetFiles
    {
        private readonly IReadOnlyList<CommerceInstance> _instances;
        private readonly Func<ConfigTarget, ConnectorValues?>? _alreadyRead;
        private readonly Dictionary<string, ConnectorValues?> _read = new Dictionary<string, ConnectorValues?>(InstanceInventory.PathComparer);
        private ILookup<string, CommerceInstance>? _byDataSpace;
        private ILookup<string, string>? _byApiKey;

        /// <param name="instances">The account's registered instances.</param>
        /// <param name="alreadyRead">Values read from the same files by the caller, if it has them (null: none).</param>
        internal FleetFiles(IReadOnlyList<CommerceInstance> instances, Func<ConfigTarget, ConnectorValues?>? alreadyRead) =>
            (_instances, _alreadyRead) = (instances, alreadyRead);

        /// <summary>The registered instances whose files name data space <paramref name="dataSpaceId"/>.</summary>
        internal IEnumerable<CommerceInstance> HoldingDataSpace(string dataSpaceId)
        {
            if (_byDataSpace == null)
            {
                var pairs = new List<(string DataSpaceId, CommerceInstance Instance)>();
                foreach (var instance in _instances)
                {
                    string? id = Read(instance)?.Literal(ConfigPaths.DataSpaceId);
                    if (id != null)
                    {
                        pairs.Add((id, instance));
                    }
                }
                _byDataSpace = pairs.ToLookup(p => p.DataSpaceId, p => p.Instance, StringComparer.OrdinalIgnoreCase);
            }
            return _byDataSpace[dataSpaceId];
        }

        /// <summary>The names of the registered instances whose files hold API key <paramref name="apiKeyId"/> (production or sandbox).</summary>
        internal IReadOnlyList<string> HoldingApiKey(string apiKeyId)
        {
            if (_byApiKey == null)
            {
                var pairs = new List<(string KeyId, string Instance)>();
                foreach (var instance in _instances)
                {
                    var values = Read(instance);
                    foreach (string path in new[] { ConfigPaths.ProductionApiKey, ConfigPaths.SandboxApiKey })
                    {
                        string? id = values?.Literal(path);
                        if (id != null)
                        {
                            pairs.Add((id, instance.Name));
                        }
                    }
                }
                _byApiKey = pairs.ToLookup(p => p.KeyId, p => p.Instance, StringComparer.OrdinalIgnoreCase);
            }
            return _byApiKey[apiKeyId ?? string.Empty].Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>An installation's file values; null when they cannot be read (its own checks say why when it is judged).</summary>
        private ConnectorValues? Read(CommerceInstance instance)
        {
            var target = ConfigTarget.ForInstance(instance);
            var known = _alreadyRead?.Invoke(target);
            if (known != null)
            {
                return known;
            }
            if (!_read.TryGetValue(target.Root, out var values))
            {
                try
                {
                    values = ConnectorValues.Read(target, _ => null, ConfigurationSources.FilesOnly);
                }
                catch (ConnectorException)
                {
                    values = null;
                }
                _read[target.Root] = values;
            }
            return values;
        }
    }
}
