namespace CommerceConnector.Core.Keys
{
    /// <summary>The verdict of Test-ConnectorApiKey: every check, and whether the pair can be used.</summary>
    public sealed class ApiKeyTestResult
    {
        public ApiKeyTestResult(string apiKey, string? fingerprint, IReadOnlyList<KeyCheck> checks) =>
            (ApiKey, Fingerprint, Checks) = (apiKey, fingerprint, checks);

        public string ApiKey { get; }

        /// <summary>The fingerprint of the private key's public half, when the key could be read.</summary>
        public string? Fingerprint { get; }

        public IReadOnlyList<KeyCheck> Checks { get; }

        /// <summary>True when no check failed and none was skipped for lack of a readable key.</summary>
        public bool IsValid => Checks.All(c => c.Verdict == CheckVerdict.Passed);

        public IEnumerable<KeyCheck> Failures => Checks.Where(c => c.Verdict == CheckVerdict.Failed);
    }
}
