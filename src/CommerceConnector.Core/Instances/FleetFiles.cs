using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// What the files of an account's registered instances name, for the guards that look across the fleet: which
    /// instances hold a data space, which hold an API key. env.php and config.php alone, ids only (no private key is
    /// read), each installation once, on first need. No database is opened: checking one instance must not connect to
    /// every store of the fleet (an unreachable one costs its connect timeout, and its warning is not that command's
    /// business); a value only a store's database holds is judged when that store itself is checked. The ids of a local
    /// installation's files are kept for the process while neither file changes (<see cref="StampedReadings{T}"/>): one
    /// Test-ConnectorConfiguration -Instance after another then stats the fleet's files instead of parsing them all.
    /// </summary>
    internal sealed class FleetFiles
    {
        private readonly IReadOnlyList<CommerceInstance> _instances;
        private readonly Func<ConfigTarget, ConnectorValues?>? _alreadyRead;
        private readonly Dictionary<string, FleetIds?> _read = new Dictionary<string, FleetIds?>(InstanceInventory.PathComparer);
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
                    string? id = Read(instance)?.DataSpaceId;
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
                    var ids = Read(instance);
                    foreach (string? id in new[] { ids?.ProductionApiKey, ids?.SandboxApiKey })
                    {
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

        /// <summary>An installation's file ids; null when they cannot be read (its own checks say why when it is judged).</summary>
        private FleetIds? Read(CommerceInstance instance)
        {
            var target = ConfigTarget.ForInstance(instance);
            var known = _alreadyRead?.Invoke(target);
            if (known != null)
            {
                return FleetIds.Of(known);
            }
            if (!_read.TryGetValue(target.Root, out var ids))
            {
                try
                {
                    // A failed read throws through the kept readings, so that it is never kept: the next call reads again.
                    ids = Kept.Read(target.EnvPhp, target.ConfigPhp, _ => ReadIds(target));
                }
                catch (ConnectorException)
                {
                    ids = null;
                }
                _read[target.Root] = ids;
            }
            return ids;
        }

        private static FleetIds ReadIds(ConfigTarget target)
        {
            ReadsOnThisThread++;
            return FleetIds.Of(ConnectorValues.Read(target, _ => null, ConfigurationSources.FilesOnly));
        }

        /// <summary>The ids of installations' files, per env.php path, with the stamps of env.php and config.php.</summary>
        private static readonly StampedReadings<FleetIds> Kept = new StampedReadings<FleetIds>();

        /// <summary>How many installations' files this thread read and parsed for the fleet guards (tests tell a kept reading by it).</summary>
        [ThreadStatic]
        internal static int ReadsOnThisThread;

        /// <summary>The literal ids an installation's files give Magento (env.php over config.php): what the fleet guards compare.</summary>
        private sealed class FleetIds
        {
            private FleetIds(string? dataSpaceId, string? productionApiKey, string? sandboxApiKey) =>
                (DataSpaceId, ProductionApiKey, SandboxApiKey) = (dataSpaceId, productionApiKey, sandboxApiKey);

            public string? DataSpaceId { get; }

            public string? ProductionApiKey { get; }

            public string? SandboxApiKey { get; }

            public static FleetIds Of(ConnectorValues values) =>
                new FleetIds(values.Literal(ConfigPaths.DataSpaceId), values.Literal(ConfigPaths.ProductionApiKey), values.Literal(ConfigPaths.SandboxApiKey));
        }
    }
}
