namespace CommerceConnector.Core.Magento
{
    /// <summary>What one run of <c>php bin/magento</c> did: its exit code and every line it printed.</summary>
    public sealed class MagentoProcessResult
    {
        internal MagentoProcessResult(string root, string command, int exitCode, IReadOnlyList<string> lines, bool timedOut, bool cancelled) =>
            (Root, Command, ExitCode, Lines, TimedOut, Cancelled) = (root, command, exitCode, lines, timedOut, cancelled);

        public string Root { get; }

        public string Command { get; }

        /// <summary>The exit code; -1 when the run was stopped (timeout or cancellation).</summary>
        public int ExitCode { get; }

        public IReadOnlyList<string> Lines { get; }

        public bool TimedOut { get; }

        public bool Cancelled { get; }
    }
}
