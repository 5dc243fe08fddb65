namespace CommerceConnector.Core.Magento
{
    /// <summary>What one run of <c>php bin/magento</c> answered.</summary>
    public sealed class MagentoCommandResult
    {
        public MagentoCommandResult(string root, string command, int exitCode, string output) =>
            (Root, Command, ExitCode, Output) = (root, command, exitCode, output);

        /// <summary>The Magento root the command ran in.</summary>
        public string Root { get; }

        /// <summary>The command as a person would type it in that root.</summary>
        public string Command { get; }

        public int ExitCode { get; }

        /// <summary>What the command printed (standard output, then standard error), trimmed.</summary>
        public string Output { get; }

        public override string ToString() => $"{Command} (exit code {ExitCode})";
    }
}
