namespace CommerceConnector.Core.Hosts
{
    /// <summary>How one run of the ssh client ended: its exit code and what it printed on standard error.</summary>
    internal sealed class SshRun
    {
        public int ExitCode;
        public string Errors = null!; // set with the exit code when the run ends
    }
}
