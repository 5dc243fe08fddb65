using System.Collections.Concurrent;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// The SSH connections of a running command: one <see cref="SshHost"/> per address, shared by every instance on that
    /// host, opened at first use and closed when the command that entered the scope leaves it (commands it runs nested
    /// share it), so a command reuses one connection per host and no ssh process outlives the command. Also a per-scope cache of files
    /// read ahead (<see cref="Prefetch"/>): a fleet command reads all its files of one host in one round trip, hosts
    /// concurrently, and the per-instance code then reads from memory. A write replaces the cached copy.
    /// </summary>
    public static class HostConnections
    {
        // The scope a command entered flows with its execution context (AsyncLocal): into the tasks and threads the
        // command starts (read-ahead, concurrent hosts), but not into other runspaces' threads. So commands running at
        // the same time in two runspaces never share connections or files read ahead, and a command that a closed
        // runspace never disposed cannot keep its connections and files for the next command of another runspace.
        private static readonly AsyncLocal<State?> Current = new AsyncLocal<State?>();

        // Code that runs outside any command (Core used as a library) shares one process-wide state, as before.
        private static readonly State Unscoped = new State();

        private static State Active => Current.Value ?? Unscoped;

        /// <summary>For tests and runbooks: the options new connections get; null reads the environment each time.</summary>
        public static SshOptions? Options { get; set; }

        /// <summary>Enters a command's scope; disposing it leaves, and the last one out closes every connection.</summary>
        public static IDisposable Enter()
        {
            var state = Current.Value;
            if (state == null || state.Closed)
            {
                Current.Value = state = new State();
            }
            Interlocked.Increment(ref state.Depth);
            return new Scope(state);
        }

        /// <summary>The host of <paramref name="address"/>; null gives this computer.</summary>
        public static IInstanceHost Get(HostAddress? address)
        {
            if (address == null)
            {
                return LocalHost.Instance;
            }
            var state = Active;
            lock (state.Hosts)
            {
                if (!state.Hosts.TryGetValue(address, out var host))
                {
                    host = new SshHost(address, Options ?? SshOptions.FromEnvironment());
                    state.Hosts.Add(address, host);
                }
                return host;
            }
        }

        /// <summary>The host that holds <paramref name="path"/> (an ssh:// path or a local one) and the path there.</summary>
        public static IInstanceHost For(string path, out string hostPath)
        {
            var address = RemotePath.Split(path, out hostPath);
            return Get(address);
        }

        /// <summary>How many connections the hosts of this process have opened (tests: one per host per command).</summary>
        public static int ConnectionsOpened
        {
            get
            {
                var state = Active;
                lock (state.Hosts)
                {
                    return state.Hosts.Values.Sum(h => h.ConnectionsOpened);
                }
            }
        }

        /// <summary>
        /// Reads the remote files among <paramref name="paths"/> ahead: one request per host, at most
        /// <paramref name="throttleLimit"/> hosts at once. <paramref name="progress"/> is told each host when it is done
        /// (with its error, or null). A host that fails is remembered for the scope: reading its files raises its error,
        /// so each instance on it fails alone while the others go on.
        /// </summary>
        public static void Prefetch(IEnumerable<string> paths, int throttleLimit, Action<HostAddress, int, ConnectorException?>? progress = null)
        {
            var byHost = paths.Where(RemotePath.IsRemote).Distinct(StringComparer.Ordinal)
                .Select(p => new { Uri = p, Address = RemotePath.Split(p, out string hostPath)!, HostPath = hostPath }) // remote paths only
                .Where(p => !Active.Cache.ContainsKey(p.Uri))
                .GroupBy(p => p.Address).ToList();
            if (byHost.Count == 0)
            {
                return;
            }
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, throttleLimit) };
            Parallel.ForEach(byHost, options, group =>
            {
                ConnectorException? failure = null;
                try
                {
                    var files = Get(group.Key).ReadFiles(group.Select(p => p.HostPath).ToList());
                    foreach (var pair in group.Zip(files, (p, f) => new { p.Uri, File = f }))
                    {
                        Active.Cache[pair.Uri] = pair.File;
                    }
                }
                catch (ConnectorException e)
                {
                    failure = e;
                    Active.Failed[group.Key] = e;
                }
                progress?.Invoke(group.Key, group.Count(), failure);
            });
        }

        /// <summary>A file read ahead in this scope, or null; throws the host's error if the host failed in this scope.</summary>
        internal static HostFile? Cached(string uri, HostAddress address)
        {
            if (Active.Failed.TryGetValue(address, out var failure))
            {
                throw new ConnectorException(failure.ErrorId, failure.Category, failure.Target, failure.Message, failure);
            }
            return Active.Cache.TryGetValue(uri, out var file) ? file : null;
        }

        internal static void Remember(string uri, HostFile file) => Active.Cache[uri] = file;

        /// <summary>A folder's backups of a file as the last write in this scope left them (by the file's ssh:// path).</summary>
        internal static ConcurrentDictionary<string, IReadOnlyList<string>> BackupLists => Active.BackupLists;

        /// <summary>The file read ahead in this scope, or null (never throws).</summary>
        internal static HostFile? Peek(string uri) => Active.Cache.TryGetValue(uri, out var file) ? file : null;

        internal static void Forget(string uri) => Active.Cache.TryRemove(uri, out _);

        /// <summary>One command's connections, files read ahead, failed hosts and backup lists.</summary>
        private sealed class State
        {
            public readonly Dictionary<HostAddress, SshHost> Hosts = new Dictionary<HostAddress, SshHost>();
            public readonly ConcurrentDictionary<string, HostFile> Cache = new ConcurrentDictionary<string, HostFile>(StringComparer.Ordinal);
            public readonly ConcurrentDictionary<HostAddress, ConnectorException> Failed = new ConcurrentDictionary<HostAddress, ConnectorException>();
            public readonly ConcurrentDictionary<string, IReadOnlyList<string>> BackupLists = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            public int Depth;
            public volatile bool Closed;

            public void Close()
            {
                Closed = true;
                List<SshHost> hosts;
                lock (Hosts)
                {
                    hosts = Hosts.Values.ToList();
                    Hosts.Clear();
                }
                Cache.Clear();
                BackupLists.Clear();
                Failed.Clear();
                foreach (var host in hosts)
                {
                    host.Dispose();
                }
            }
        }

        private sealed class Scope : IDisposable
        {
            private readonly State _state;
            private int _left;

            public Scope(State state)
            {
                _state = state;
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _left, 1) == 0 && Interlocked.Decrement(ref _state.Depth) == 0)
                {
                    _state.Close();
                    if (Current.Value == _state)
                    {
                        Current.Value = null;
                    }
                }
            }
        }
    }
}
