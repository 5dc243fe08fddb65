namespace CommerceConnector.Core.Hosts
{
    /// <summary>Where to connect from here to reach a service of a host; dispose it to close a forwarded port.</summary>
    public sealed class HostEndpoint : IDisposable
    {
        private readonly Action? _close;
        private readonly Func<string?>? _failure;

        public HostEndpoint(string? hostName, int port, string? socketPath, Action? close, Func<string?>? failure = null) =>
            (HostName, Port, SocketPath, _close, _failure) = (hostName, port, socketPath, close, failure);

        /// <summary>
        /// For a forwarded port whose connection was just closed on this side: why the server refused to open it (the
        /// SSH client's words), or null when it did not refuse (or this is no forward).
        /// </summary>
        public string? ChannelFailure() => _failure?.Invoke();

        /// <summary>The host name or address to connect to; null for a local Unix socket.</summary>
        public string? HostName { get; }

        public int Port { get; }

        /// <summary>A Unix socket to use instead of HostName and Port (only for a local endpoint).</summary>
        public string? SocketPath { get; }

        public void Dispose() => _close?.Invoke();
    }
}
