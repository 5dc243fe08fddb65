namespace CommerceConnector.Core.Registry
{
    /// <summary>
    /// A failed registry request: a stable error id and a message that says what it means for the merchant, plus the
    /// facts a caller can act on. Never holds a private key, token or signature (only the public API key's id as target).
    /// </summary>
    [Serializable]
    public sealed class RegistryException : ConnectorException
    {
        public RegistryException(RegistryFailure failure, string errorId, ConnectorErrorCategory category, string? requestUri, int? statusCode, string? serverMessage, string message, Exception? inner = null)
            : base(errorId, category, requestUri, message, inner)
        {
            Failure = failure;
            RequestUri = requestUri;
            StatusCode = statusCode;
            ServerMessage = serverMessage;
        }

        public RegistryFailure Failure { get; }

        /// <summary>The request's URL (no query, no credentials).</summary>
        public string? RequestUri { get; }

        /// <summary>The HTTP status of the last answer; null when none came.</summary>
        public int? StatusCode { get; }

        /// <summary>The server's own words (its <c>message</c> field), when it gave any.</summary>
        public string? ServerMessage { get; }

        /// <summary>For <see cref="RegistryFailure.ClockSkew"/>: the gateway's clock minus ours, in seconds.</summary>
        public double? ClockSkewSeconds { get; internal set; }
    }
}
