using CommerceConnector.Core.Magento;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// The server an instance lives on, as the configuration code needs it: read files with their identity, replace a
    /// file atomically with a backup beside it, list the backups, run <c>php bin/magento</c>, and reach the store's
    /// database from here. <see cref="LocalHost"/> is this machine; <see cref="SshHost"/> is a server over OpenSSH. Both
    /// give the same guarantees and raise the same error ids for the same failures; a remote host adds the connection's
    /// own (<c>HostKeyUnknown</c>, <c>HostAuthenticationFailed</c>, <c>HostUnreachable</c>, <c>HostConnectionLost</c>, ...).
    /// Safe to use from several threads at once.
    /// </summary>
    public interface IInstanceHost : IDisposable
    {
        /// <summary>The server's address; null for this machine.</summary>
        HostAddress? Address { get; }

        /// <summary>How messages name the host: <c>this computer</c> or <c>user@host:port</c>.</summary>
        string DisplayName { get; }

        /// <summary>
        /// Reads each path (a symbolic link is followed to its target) with its identity. A file that is missing, a
        /// dangling link or a file that cannot be read is an entry with <see cref="HostFile.Error"/> set, not an
        /// exception: callers decide. Leftover temporary files of an interrupted write beside each file are removed.
        /// </summary>
        IReadOnlyList<HostFile> ReadFiles(IReadOnlyList<string> paths);

        /// <summary>
        /// Replaces <paramref name="path"/> (through a symbolic link, its target) with <paramref name="content"/> if it
        /// still holds exactly <paramref name="expected"/> (<c>ConfigurationFileChanged</c> otherwise), keeping its mode,
        /// owner and group, after an owner-only backup beside it named for <paramref name="now"/> (the newest
        /// <paramref name="backupsKept"/> are kept). Returns the backup's path on that host.
        /// </summary>
        string Replace(string path, byte[] expected, byte[] content, DateTimeOffset now, int backupsKept);

        /// <summary>The backups of <paramref name="path"/> on that host, newest first.</summary>
        IReadOnlyList<string> Backups(string path);

        /// <summary>Runs <c>php bin/magento &lt;arguments&gt;</c> in <paramref name="root"/> on that host.</summary>
        MagentoCommandResult RunMagento(string root, string[] arguments, TimeSpan timeout);

        /// <summary>
        /// A loopback TCP port on this machine that reaches <paramref name="hostName"/>:<paramref name="port"/> as that
        /// server sees it (or a Unix socket there when <paramref name="socketPath"/> is given). This machine's host returns
        /// the endpoint itself.
        /// </summary>
        HostEndpoint Forward(string? hostName, int port, string? socketPath = null);
    }
}
