using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Registry
{
    /// <summary>What Test-ConnectorConnection found for one key pair of one instance.</summary>
    public sealed class ConnectionTestResult
    {
        public ConnectionTestResult(string? instance, string path, ApiKeyEnvironment environment, string? apiKey, string gateway,
            ConnectionStatus status, int? httpStatus, long? latencyMs, string message, string? errorId = null) =>
            (Instance, Path, Environment, ApiKey, Gateway, Status, HttpStatus, LatencyMs, Message, ErrorId) =
            (instance, path, environment, apiKey, gateway, status, httpStatus, latencyMs, message, errorId);

        /// <summary>The registered instance's name; null when tested by path.</summary>
        public string? Instance { get; }

        /// <summary>The Magento root.</summary>
        public string Path { get; }

        public ApiKeyEnvironment Environment { get; }

        public string? ApiKey { get; }

        /// <summary>The registry URL pinged (gateway plus registry path).</summary>
        public string Gateway { get; }

        public ConnectionStatus Status { get; }

        /// <summary>The HTTP status of the last answer; null when none came.</summary>
        public int? HttpStatus { get; }

        /// <summary>Milliseconds from signing the first request to the last answer (retries included).</summary>
        public long? LatencyMs { get; }

        /// <summary>The server's message, or what the failure means.</summary>
        public string Message { get; }

        /// <summary>The error id of the failure (KeysNotAccepted, ClockSkew, GatewayUnreachable, ...); null when accepted.</summary>
        public string? ErrorId { get; }

        public bool IsAccepted => Status == ConnectionStatus.Accepted;

        public override string ToString() => $"{Instance ?? Path} {Environment}: {Status}";
    }
}
