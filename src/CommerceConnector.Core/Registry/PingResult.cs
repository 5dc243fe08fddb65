namespace CommerceConnector.Core.Registry
{
    /// <summary>A successful <c>GET ping</c>: the status, how long it took, and what the server said.</summary>
    public sealed class PingResult
    {
        public PingResult(int statusCode, TimeSpan latency, string? serverMessage, double? clockSkewSeconds) =>
            (StatusCode, Latency, ServerMessage, ClockSkewSeconds) = (statusCode, latency, serverMessage, clockSkewSeconds);

        public int StatusCode { get; }

        public TimeSpan Latency { get; }

        public string? ServerMessage { get; }

        /// <summary>The server's Date minus this machine's clock, in seconds, when the server sent a Date.</summary>
        public double? ClockSkewSeconds { get; }
    }
}
