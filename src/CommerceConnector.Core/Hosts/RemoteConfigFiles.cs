using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// <see cref="ConfigFileWriter"/>'s operations for an ssh:// path: the same answers and error ids, through the host's
    /// connection. Paths handed back (targets, backups) are ssh:// paths again, so callers combine and show them as they
    /// do local ones.
    /// </summary>
    internal static class RemoteConfigFiles
    {
        // Every path here is an ssh:// one (callers check RemotePath.IsRemote first), so it always has an address.
        private static HostAddress Remote(string path, out string hostPath) => RemotePath.Split(path, out hostPath)!;

        // The file as this command knows it: read ahead, written by it, or read now (and then kept for the command, so
        // that asking whether config.php exists and then reading it is one round trip).
        private static HostFile Fetch(string path)
        {
            var address = Remote(path, out string hostPath);
            var file = HostConnections.Cached(path, address);
            if (file == null)
            {
                file = HostConnections.Get(address).ReadFiles(new[] { hostPath })[0];
                HostConnections.Remember(path, file);
            }
            return file;
        }

        public static HostFile ReadFile(string path)
        {
            var address = Remote(path, out string hostPath);
            var file = Fetch(path);
            switch (file.Error)
            {
                case null:
                    return file;
                case HostFileError.Dangling:
                    throw new ConnectorException(ErrorIds.ConfigurationLinkDangling, ConnectorErrorCategory.ObjectNotFound, path,
                        $"'{path}' is a symbolic link to a file that does not exist (a shared env.php not yet created, or a release linked to the wrong shared folder). Create the shared file or fix the link (ls -l '{hostPath}' on {address}); nothing was changed.");
                case HostFileError.Unreadable:
                    throw new ConnectorException(ErrorIds.ConfigurationFileNotFound, ConnectorErrorCategory.ReadError, path,
                        $"{file.ErrorMessage} (on {address}, as the SSH user). Connect as a user that can read it.");
                default:
                    throw new ConnectorException(ErrorIds.HostPathNotFound, ConnectorErrorCategory.ObjectNotFound, path,
                        $"'{hostPath}' does not exist on {address}. Is this the Magento root, and is Magento installed there? Check with: ssh {address.HostName} ls -l '{hostPath}'");
            }
        }

        public static string Read(string path) => ReadFile(path).Text!; // ReadFile returns only files that were read

        public static bool Exists(string path)
        {
            return Fetch(path).Error == null;
        }

        public static string ResolveTarget(string path)
        {
            var address = Remote(path, out _);
            return address.ToUri(ReadFile(path).Target!); // a file that was read has its target
        }

        public static string? Replace(string path, string expectedText, string newText, DateTimeOffset now)
        {
            var address = Remote(path, out string hostPath);
            var before = HostConnections.Peek(path);
            byte[] content = LosslessText.Encode(newText);
            byte[] expected = LosslessText.Encode(expectedText);
            string? backup;
            try
            {
                SshHost.LastBackups = null;
                backup = HostConnections.Get(address).Replace(hostPath, expected, content, now, ConfigFileWriter.BackupsKept);
            }
            catch
            {
                HostConnections.Forget(path);
                HostConnections.BackupLists.TryRemove(path, out _);
                throw;
            }
            if (SshHost.LastBackups != null)
            {
                HostConnections.BackupLists[path] = SshHost.LastBackups;
            }
            // The file is now exactly what was sent (the server checked its SHA-256 before the rename), with the same
            // target, mode, owner and group: later reads in this command (the rotation's check, who holds a key) need no
            // second round trip. A change by someone else after this is still caught: every write compares first.
            if (before != null && before.Error == null)
            {
                HostConnections.Remember(path, new HostFile
                {
                    Path = before.Path, Target = before.Target, IsLink = before.IsLink, Mode = before.Mode, Uid = before.Uid, Gid = before.Gid,
                    Owner = before.Owner, Group = before.Group, Size = content.Length, Sha256 = Sha256Hex(content), Content = content,
                });
                if (backup != null)
                {
                    // The backup holds what was read, owner-only (0600), with the file's owner and group.
                    HostConnections.Remember(address.ToUri(backup), new HostFile
                    {
                        Path = backup, Target = backup, Mode = 0x180, Uid = before.Uid, Gid = before.Gid, Owner = before.Owner, Group = before.Group,
                        Size = expected.Length, Sha256 = Sha256Hex(expected), Content = expected,
                    });
                }
            }
            else
            {
                HostConnections.Forget(path);
            }
            return backup == null ? null : address.ToUri(backup);
        }

        public static IReadOnlyList<string> Backups(string path)
        {
            var address = Remote(path, out string hostPath);
            var listed = HostConnections.BackupLists.TryGetValue(path, out var known) ? known : HostConnections.Get(address).Backups(hostPath);
            return listed.Select(address.ToUri).ToList();
        }

        /// <summary>Whether group or others can read the file (it holds private keys).</summary>
        public static bool? ReadableByOthers(string path)
        {
            try
            {
                return (ReadFile(path).Mode & 0x24) != 0;
            }
            catch (ConnectorException)
            {
                return null;
            }
        }

        public static long Length(string path) => ReadFile(path).Size;

        private static string Sha256Hex(byte[] bytes)
        {
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }
}
