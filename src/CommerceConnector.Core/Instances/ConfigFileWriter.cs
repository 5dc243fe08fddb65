using CommerceConnector.Core.Hosts;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Replaces a Magento configuration file safely: an owner-only timestamped backup next to it (the newest ones kept),
    /// the new text written to a temporary file with the original's mode and owner, flushed, and renamed over the
    /// original only if nobody changed the original meanwhile. A symbolic link is written through: the file it points
    /// to is replaced, in its own folder with its backups beside it, and the link stays.
    /// </summary>
    public static class ConfigFileWriter
    {
        public const int BackupsKept = 10;
        internal const string BackupMarker = ".cc-backup-";
        private const string BackupTimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

        /// <summary>The file's text, decoded losslessly (<see cref="LosslessText"/>): writing it back gives the same bytes.</summary>
        public static string Read(string path) => RemotePath.IsRemote(path) ? RemoteConfigFiles.Read(path) : LosslessText.Decode(ReadBytes(path));

        /// <summary>Whether <paramref name="path"/> is a file (through a link), on this computer or, for an ssh:// path, on its server.</summary>
        public static bool Exists(string path) => RemotePath.IsRemote(path) ? RemoteConfigFiles.Exists(path) : File.Exists(path);

        /// <summary>The size of the file in bytes (on its server for an ssh:// path).</summary>
        public static long Length(string path) => RemotePath.IsRemote(path) ? RemoteConfigFiles.Length(path) : new FileInfo(path).Length;

        /// <summary>
        /// The file that <paramref name="path"/> stands for: itself, or the target of the symbolic link it is. A link
        /// whose target is missing is an error that names both.
        /// </summary>
        public static string ResolveTarget(string path)
        {
            if (RemotePath.IsRemote(path))
            {
                return RemoteConfigFiles.ResolveTarget(path);
            }
            string? target = FileLinks.ResolveTarget(path);
            if (target == null)
            {
                throw new ConnectorException(ErrorIds.ConfigurationLinkDangling, ConnectorErrorCategory.ObjectNotFound, path,
                    $"'{path}' is a symbolic link to a file that does not exist (a shared env.php not yet created, or a release linked to the wrong shared folder). Create the shared file or fix the link (ls -l '{path}'); nothing was changed.");
            }
            return target;
        }

        private static byte[] ReadBytes(string path)
        {
            try
            {
                return File.ReadAllBytes(ResolveTarget(path));
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new ConnectorException(ErrorIds.ConfigurationFileNotFound, ConnectorErrorCategory.ObjectNotFound, path,
                    $"'{path}' does not exist. Is this the Magento root, and is Magento installed there?", e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConnectorException(ErrorIds.ConfigurationFileNotFound, ConnectorErrorCategory.ReadError, path,
                    $"'{path}' cannot be read: {e.Message}", e);
            }
        }

        /// <summary>
        /// Writes <paramref name="newText"/> over <paramref name="path"/> (through a symbolic link to its target), whose
        /// content must still be <paramref name="expectedText"/>. Both are encoded losslessly, so every byte the edit did
        /// not touch is written back as it was. Returns the backup's path.
        /// </summary>
        public static string? Replace(string path, string expectedText, string newText, DateTimeOffset now)
        {
            if (RemotePath.IsRemote(path))
            {
                return RemoteConfigFiles.Replace(path, expectedText, newText, now);
            }
            string target = ResolveTarget(path);
            string folder = Path.GetDirectoryName(target);
            string name = Path.GetFileName(target);
            string backup = Path.Combine(folder, name + BackupMarker + now.UtcDateTime.ToString(BackupTimeFormat, CultureInfo.InvariantCulture));
            byte[] expected = LosslessText.Encode(expectedText);
            try
            {
                var ownership = FilePermissions.GetOwnership(target);
                if (!Unchanged(target, expected))
                {
                    throw Changed(path);
                }
                // The backup holds the same private keys: owner-only whatever env.php's own mode, but the same owner.
                var ownerOnly = ownership == null ? null : new UnixOwnership(FilePermissions.OwnerOnlyFile, ownership.Uid, ownership.Gid);
                using (var copy = AtomicFile.WriteTemporary(backup, expected, t => FilePermissions.Apply(t, ownerOnly)))
                {
                    copy.Commit(t => RenameOver(t, backup));
                }
                // Owner-only while it is written; the original's mode and owner only just before the rename.
                using (var temp = AtomicFile.WriteTemporary(target, LosslessText.Encode(newText), t => FilePermissions.Apply(t, ownership)))
                {
                    if (!Unchanged(target, expected))
                    {
                        throw Changed(path);
                    }
                    temp.Commit(t => File.Replace(t, target, null));
                }
                FilePermissions.FlushFolder(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConnectorException(ErrorIds.ConfigurationWriteFailed, ConnectorErrorCategory.WriteError, path,
                    $"'{path}' was not changed: {e.Message}", e);
            }
            PruneBackups(folder, name);
            return backup;
        }

        /// <summary>The backups of <paramref name="path"/> (beside the file a symbolic link points to), newest first.</summary>
        public static IReadOnlyList<string> Backups(string path)
        {
            if (RemotePath.IsRemote(path))
            {
                return RemoteConfigFiles.Backups(path);
            }
            string target = ResolveTarget(path);
            string folder = Path.GetDirectoryName(target);
            if (!Directory.Exists(folder))
            {
                return Array.Empty<string>();
            }
            return Directory.GetFiles(folder, Path.GetFileName(target) + BackupMarker + "*")
                .Where(f => BackupTime(f) != null)
                .OrderByDescending(f => f, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>When a backup was taken, read from its name; null for a name this module does not give.</summary>
        public static DateTimeOffset? BackupTime(string backupPath)
        {
            string name = Path.GetFileName(backupPath);
            int marker = name.LastIndexOf(BackupMarker, StringComparison.Ordinal);
            if (marker < 0)
            {
                return null;
            }
            string stamp = name.Substring(marker + BackupMarker.Length);
            return DateTime.TryParseExact(stamp, BackupTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                ? new DateTimeOffset(time, TimeSpan.Zero)
                : (DateTimeOffset?)null;
        }

        /// <summary>
        /// Whether group or others can read <paramref name="path"/>: null where the module cannot tell (Windows, whose
        /// ACLs netstandard2.0 cannot read, or a file it cannot stat).
        /// </summary>
        public static bool? ReadableByOthers(string path)
        {
            if (RemotePath.IsRemote(path))
            {
                return RemoteConfigFiles.ReadableByOthers(path);
            }
            try
            {
                var ownership = FilePermissions.GetOwnership(path);
                return ownership == null ? (bool?)null : (ownership.Mode & 0x24) != 0; // 044
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>
        /// One warning for <paramref name="path"/> and its backups when group or others can read any of them (they
        /// hold the connector's private keys); null when all are owner-only or the module cannot tell.
        /// </summary>
        public static string? ExposureWarning(string path)
        {
            string? target = RemotePath.IsRemote(path) ? ResolveTarget(path) : FileLinks.ResolveTarget(path);
            if (target == null || !Exists(target))
            {
                return null;
            }
            var exposed = new[] { target }.Concat(Backups(path)).Where(f => ReadableByOthers(f) == true).ToList();
            if (exposed.Count == 0)
            {
                return null;
            }
            string files = string.Join(" ", exposed.Select(f => "'" + f + "'"));
            if (RemotePath.IsRemote(path))
            {
                files = string.Join(" ", exposed.Select(f => "'" + RemotePath.OnHost(f) + "'"));
                target = RemotePath.OnHost(target);
            }
            return $"{exposed.Count} file(s) holding the connector's private keys can be read by other users of {(RemotePath.IsRemote(path) ? RemotePath.Split(path, out _)!.ToString() : "this server")}: {files}. " +
                $"Run as their owner: chmod 600 {files}. If the web server runs as another user, give that user alone read access (setfacl -m u:<web user>:r '{target}') instead of group or world read.";
        }

        private static void RenameOver(string temporary, string destination)
        {
            if (File.Exists(destination))
            {
                File.Replace(temporary, destination, null);
            }
            else
            {
                File.Move(temporary, destination);
            }
        }

        private static bool Unchanged(string path, byte[] expected)
        {
            byte[] current = ReadBytes(path);
            return current.Length == expected.Length && current.AsSpan().SequenceEqual(expected);
        }

        private static void PruneBackups(string folder, string name)
        {
            foreach (string old in Directory.GetFiles(folder, name + BackupMarker + "*").OrderByDescending(f => f, StringComparer.Ordinal).Skip(BackupsKept))
            {
                AtomicFile.TryDelete(old);
            }
        }

        private static ConnectorException Changed(string path) =>
            new ConnectorException(ErrorIds.ConfigurationFileChanged, ConnectorErrorCategory.ResourceBusy, path,
                $"'{path}' changed while CommerceConnector was preparing its edit (a deployment or bin/magento running?). Nothing was written; run the command again.");
    }
}
