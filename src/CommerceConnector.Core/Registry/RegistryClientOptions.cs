namespace CommerceConnector.Core.Registry
{
    /// <summary>Timeouts, retries and hooks of a <see cref="RegistryClient"/>. The defaults suit an administrator's console.</summary>
    public sealed class RegistryClientOptions
    {
        /// <summary>How long one attempt may take.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>How long a call may take with all its retries.</summary>
        public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

        /// <summary>Retries after the first attempt (429, 502, 503, 504; resets and timeouts of idempotent requests).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The first retry's median delay; later ones grow exponentially, with jitter.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The longest wait between attempts, also when the server's Retry-After asks for more.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(8);

        /// <summary>A refusal (401/403) is reported as clock skew when the server's Date differs from ours by more than this.</summary>
        public TimeSpan ClockSkewTolerance { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The User-Agent header.</summary>
        public string UserAgent { get; set; } = "Magento Services Connector (CommerceConnector/" + typeof(RegistryClientOptions).Assembly.GetName().Version.ToString(3) + ")";

        /// <summary>This machine's clock (tests move it).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Receives one line per attempt and retry (method, URL, status, time): never a header, key or token.</summary>
        public Action<string>? Log { get; set; }
    }
}
