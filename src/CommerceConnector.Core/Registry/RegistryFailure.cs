namespace CommerceConnector.Core.Registry
{
    /// <summary>What went wrong with a registry request, in terms of what it means for the merchant.</summary>
    public enum RegistryFailure
    {
        /// <summary>401/403: the gateway does not accept the API key or its signature.</summary>
        KeysNotAccepted,

        /// <summary>401/403 while the gateway's clock differs from ours by more than a token's tolerance.</summary>
        ClockSkew,

        /// <summary>404, or an empty answer: no such project or data space for these keys.</summary>
        NotFound,

        /// <summary>The gateway's host name does not resolve.</summary>
        DnsFailure,

        /// <summary>The TLS handshake failed (certificate, protocol).</summary>
        TlsFailure,

        /// <summary>Nothing listens at the gateway's address and port.</summary>
        ConnectionRefused,

        /// <summary>The connection was reset or closed before an answer came.</summary>
        ConnectionReset,

        /// <summary>No answer within the timeout.</summary>
        Timeout,

        /// <summary>429 after every retry.</summary>
        Throttled,

        /// <summary>5xx after every retry.</summary>
        ServerError,

        /// <summary>Another 4xx or a redirect: the request itself was refused.</summary>
        RequestRejected,

        /// <summary>A 2xx answer that is not the JSON the protocol defines.</summary>
        InvalidResponse,
    }
}
