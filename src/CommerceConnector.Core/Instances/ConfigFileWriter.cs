using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Replaces a Magento configuration file safely: a timestamped backup next to it (the newest ones kept), the new
    /// text written to a temporary file with the original's mode and owner, flushed, and renamed over the original
    /// only if nobody changed the original meanwhile.
    /// </summary>
    public static class ConfigFileWriter
    {
        public const int BackupsKept = 10;
        private const string BackupMarker = ".cc-backup-";

        /// <summary>The file's text, decoded losslessly (<see cref="LosslessText"/>): writing it back gives the same bytes.</summary>
        public static string Read(string path) => LosslessText.Decode(ReadBytes(path));

        private static byte[] ReadBytes(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
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
        /// Writes <paramref name="newText"/> over <paramref name="path"/>, whose content must still be
        /// <paramref name="expectedText"/>. Both are encoded losslessly, so every byte the edit did not touch is written
        /// back as it was. Returns the backup's path.
        /// </summary>
        public static string Replace(string path, string expectedText, string newText, DateTimeOffset now)
        {
            string folder = Path.GetDirectoryName(path);
            string name = Path.GetFileName(path);
            string backup = Path.Combine(folder, name + BackupMarker + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture));
            byte[] expected = LosslessText.Encode(expectedText);
            try
            {
                var ownership = FilePermissions.GetOwnership(path);
                if (!Unchanged(path, expected))
                {
                    throw Changed(path);
                }
                File.Copy(path, backup, overwrite: true);
                FilePermissions.Apply(backup, ownership);
                // Owner-only while it is written; the original's mode and owner only just before the rename.
                using (var temp = AtomicFile.WriteTemporary(path, LosslessText.Encode(newText), t => FilePermissions.Apply(t, ownership)))
                {
                    if (!Unchanged(path, expected))
                    {
                        throw Changed(path);
                    }
                    temp.Commit(t => File.Replace(t, path, null));
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
