using System.Diagnostics;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Rotation
{
    /// <summary>
    /// One run of a key rotation: writes the new pair into the instances still to do, one at a time, records where each
    /// stands, and finishes by revoking the old key when none holds it. The record is saved every
    /// <see cref="CheckpointEvery"/> instances (and at least once a second) rather than after each one: a run killed
    /// between two saves lost nothing, because the next run reads each env.php and finds the instances already written.
    /// </summary>
    public sealed class KeyRotationRun
    {
        public const int CheckpointEvery = 50;
        private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

        private readonly IRegistryStore _store;
        private readonly Func<DateTimeOffset> _clock;
        private readonly RegistryDocument _document;
        private readonly string _account;
        private readonly string _user;
        private readonly string _privateKeyText;
        private readonly ConfigurationPlanner _planner;
        private readonly ConfigurationWriter _writer;
        private readonly List<RotatedInstance> _writtenNow = new List<RotatedInstance>();
        private readonly Stopwatch _sinceCheckpoint = Stopwatch.StartNew();
        private readonly object _gate = new object();
        private int _unsaved;

        internal KeyRotationRun(IRegistryStore store, Func<DateTimeOffset> clock, RegistryDocument document, string account, string user, KeyRotation rotation,
            string privateKeyText, bool started)
        {
            _store = store;
            _clock = clock;
            _document = document;
            _account = account;
            _user = user;
            _privateKeyText = privateKeyText;
            Rotation = rotation;
            Started = started;
            // Planning reads the registry once per instance: a snapshot keeps that from re-reading the file a thousand times.
            // Key-only plans never write the registry, so the snapshot is only ever read.
            var snapshot = new SnapshotStore(store, document);
            _planner = new ConfigurationPlanner(snapshot, clock);
            _writer = new ConfigurationWriter(snapshot, clock);
            Work = rotation.Instances.Where(i => i.State == RotationState.Pending || i.State == RotationState.Failed).ToList();
        }

        /// <summary>The rotation as this run sees it; its instances' states change as the run goes.</summary>
        public KeyRotation Rotation { get; }

        /// <summary>True when this run started the rotation (and made the new key); false when it continues an open one.</summary>
        public bool Started { get; }

        /// <summary>The instances this run works on: pending, and failed in an earlier run.</summary>
        public IReadOnlyList<RotatedInstance> Work { get; }

        /// <summary>
        /// Brings one instance to the new key: already there (recorded as updated), holding neither key (skipped), or
        /// planned and, if <paramref name="confirm"/> agrees, written through the configuration planner and writer. A failure is recorded on
        /// the instance and thrown. Returns the write's result, or null when nothing was written.
        /// </summary>
        public ConfigurationResult? Update(RotatedInstance entry, Func<ConfigurationPlan, bool> confirm)
        {
            var plan = Prepare(entry);
            if (plan == null || (plan.Changes.Count > 0 && !confirm(plan)))
            {
                return null;
            }
            return Apply(entry, plan);
        }

        /// <summary>
        /// The first half of <see cref="Update"/>, for callers that confirm every instance first and write later (hosts
        /// in parallel): reads the instance and settles it when nothing is to be written (already on the new key,
        /// holding neither key, no longer registered; null is returned), or returns the plan of its write. A failure is
        /// recorded on the instance and thrown. Safe to call from several threads for different instances.
        /// </summary>
        public ConfigurationPlan? Prepare(RotatedInstance entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }
            var instance = _document.Instances.FirstOrDefault(i => Same(i.MageId, _account) && InstanceInventory.SamePath(i.Path, entry.Path));
            if (instance == null)
            {
                Settle(entry, RotationState.Skipped, "The instance is no longer registered.");
                return null;
            }
            var target = ConfigTarget.ForInstance(instance);
            try
            {
                var values = ConnectorValues.Read(target, KeyRotator.NoFingerprint);
                string? heldKey = values.Literal(KeyRotator.ApiKeyPath(Rotation.Environment));
                if (Same(heldKey, Rotation.NewApiKey) && values.Literal(KeyRotator.PrivateKeyPath(Rotation.Environment)) == _privateKeyText)
                {
                    Settle(entry, RotationState.Updated, null);
                    return null;
                }
                if (!Same(heldKey, Rotation.OldApiKey) && !Same(heldKey, Rotation.NewApiKey))
                {
                    Settle(entry, RotationState.Skipped, $"env.php holds {(heldKey == null ? "no " + Rotation.Environment + " API key" : "API key " + heldKey)}, not {Rotation.OldApiKey}: left as it is.");
                    return null;
                }
                var pair = new KeyPairInput(Rotation.NewApiKey, _privateKeyText);
                return Rotation.Environment == ApiKeyEnvironment.Production
                    ? _planner.PlanKeys(_account, target, null, pair, null)
                    : _planner.PlanKeys(_account, target, null, null, pair);
            }
            catch (ConnectorException e)
            {
                Settle(entry, RotationState.Failed, e.Message);
                throw;
            }
        }

        /// <summary>
        /// The second half of <see cref="Update"/>: writes the confirmed <paramref name="plan"/> of <paramref name="entry"/>
        /// (the writer refuses it if env.php changed since it was read) and records the instance as updated, or as failed
        /// (and throws). Safe to call from several threads for instances of different files; the record is saved under a
        /// lock, so a checkpoint never sees an instance half-settled.
        /// </summary>
        public ConfigurationResult Apply(RotatedInstance entry, ConfigurationPlan plan)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }
            if (plan == null)
            {
                throw new ArgumentNullException(nameof(plan));
            }
            try
            {
                var result = _writer.Apply(plan);
                lock (_gate)
                {
                    Settle(entry, RotationState.Updated, null);
                    _writtenNow.Add(entry);
                }
                return result;
            }
            catch (ConnectorException e)
            {
                Settle(entry, RotationState.Failed, e.Message);
                throw;
            }
        }

        /// <summary>
        /// Saves the record; when no instance is pending or failed, revokes the old key (unless <paramref name="keepOldKey"/>,
        /// or <paramref name="confirmRevoke"/> declines) and completes the rotation. Then checks every instance this run
        /// wrote as Test-ConnectorConfiguration does. A registered instance that still holds the old key (configured
        /// meanwhile) joins the rotation as pending and the revocation's ApiKeyInUse is thrown.
        /// </summary>
        public KeyRotation Finish(bool keepOldKey, Func<string, bool> confirmRevoke)
        {
            try
            {
                if (Rotation.Instances.Any(i => i.State == RotationState.Pending || i.State == RotationState.Failed))
                {
                    return Rotation;
                }
                if (!keepOldKey)
                {
                    var old = _store.Read(RegistryScope.Account(_account)).ApiKeys.FirstOrDefault(k => Same(k.Id, Rotation.OldApiKey));
                    if (old != null && old.Status == ApiKeyStatus.Active)
                    {
                        if (!confirmRevoke($"{Rotation.Environment} API key '{old.Name}' ({old.Id})"))
                        {
                            return Rotation;
                        }
                        Revoke();
                    }
                    Rotation.OldKeyRevoked = true;
                }
                Rotation.Status = KeyRotationStatus.Completed;
                Rotation.CompletedAt = _clock();
                return Rotation;
            }
            finally
            {
                Checkpoint(force: true);
                CheckWritten();
            }
        }

        private void Revoke()
        {
            IReadOnlyList<string>? holders = null;
            var portal = new ApiKeyPortal(_store, _clock, id => holders = new KeyHolders(_store, _account).InstancesConfiguredWith(id));
            try
            {
                portal.Revoke(_account, _user, Rotation.OldApiKey, force: false);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.ApiKeyInUse && holders != null)
            {
                var document = _store.Read(RegistryScope.Account(_account));
                foreach (string name in holders)
                {
                    var instance = document.Instances.FirstOrDefault(i => Same(i.MageId, _account) && Same(i.Name, name));
                    var entry = instance == null ? null : Rotation.Instances.FirstOrDefault(i => InstanceInventory.SamePath(i.Path, instance.Path));
                    if (entry != null)
                    {
                        entry.State = RotationState.Pending;
                        entry.Reason = null;
                    }
                    else if (instance != null)
                    {
                        Rotation.Instances.Add(new RotatedInstance { Name = instance.Name, Path = instance.Path, State = RotationState.Pending });
                    }
                }
                throw new ConnectorException(e.ErrorId, e.Category, e.Target,
                    $"{e.Message.Split(new[] { ';' }, 2)[0]}: it was kept active and the rotation stays open. Continue it: {KeyRotationRules.ResumeCommand(Rotation)}", e);
            }
        }

        /// <summary>Test-ConnectorConfiguration's checks on the instances this run wrote, from one audit of the registry as it is now.</summary>
        private void CheckWritten()
        {
            if (_writtenNow.Count == 0 || _store is PreviewRegistryStore)
            {
                return;
            }
            var audit = new FleetAudit(_store, _account);
            foreach (var entry in _writtenNow)
            {
                var instance = audit.Instances.FirstOrDefault(i => InstanceInventory.SamePath(i.Path, entry.Path));
                if (instance != null)
                {
                    entry.Checks = audit.Test(ConfigTarget.ForInstance(instance));
                }
            }
        }

        private void Settle(RotatedInstance entry, RotationState state, string? reason)
        {
            lock (_gate)
            {
                entry.State = state;
                entry.Reason = reason;
                entry.ChangedAt = _clock();
                _unsaved++;
                Checkpoint(force: false);
            }
        }

        /// <summary>Writes the record into the registry: every <see cref="CheckpointEvery"/> changes, once a second, or when forced.</summary>
        private void Checkpoint(bool force)
        {
            lock (_gate)
            {
                CheckpointLocked(force);
            }
        }

        private void CheckpointLocked(bool force)
        {
            if (!force && _unsaved < CheckpointEvery && _sinceCheckpoint.Elapsed < CheckpointInterval)
            {
                return;
            }
            _store.Update(RegistryScope.Account(_account), document =>
            {
                int index = document.KeyRotations.FindIndex(r => r.Id == Rotation.Id);
                if (index < 0)
                {
                    document.KeyRotations.Add(Rotation);
                }
                else
                {
                    document.KeyRotations[index] = Rotation;
                }
                return 0;
            });
            _unsaved = 0;
            _sinceCheckpoint.Restart();
        }

        /// <summary>The registry as the run read it, for planning; writes go to the real store.</summary>
        private sealed class SnapshotStore : IRegistryStore
        {
            private readonly IRegistryStore _inner;
            private readonly RegistryDocument _document;

            public SnapshotStore(IRegistryStore inner, RegistryDocument document) =>
                (_inner, _document) = (inner, document);

            public string Location => _inner.Location;

            public RegistryDocument Read() => _document;

            public T Update<T>(Func<RegistryDocument, T> change) => _inner.Update(change);
        }
    }
}
