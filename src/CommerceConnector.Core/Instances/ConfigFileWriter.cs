using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Storage;

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
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        public static string Read(string path)
        {
            try
            {
                return File.ReadAllText(path, Utf8);
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

        /// <summary>Writes <paramref name="newText"/> over <paramref name="path"/>, whose content must still be <paramref name="expectedText"/>. Returns the backup's path.</summary>
        public static string Replace(string path, string expectedText, string newText, DateTimeOffset now)
        {
            string folder = Path.GetDirectoryName(path);
            string name = Path.GetFileName(path);
            string backup = Path.Combine(folder, name + BackupMarker + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture));
            string temp = null;
            try
            {
                var ownership = FilePermissions.GetOwnership(path);
                if (Read(path) != expectedText)
                {
                    throw Changed(path);
                }
                File.Copy(path, backup, overwrite: true);
                FilePermissions.Apply(backup, ownership);
                temp = AtomicFile.WriteTemporary(path, Utf8.GetBytes(newText), t => FilePermissions.Apply(t, ownership));
                if (Read(path) != expectedText)
                {
                    throw Changed(path);
                }
                File.Replace(temp, path, null);
                FilePermissions.FlushFolder(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                AtomicFile.TryDelete(temp);
                throw new ConnectorException(ErrorIds.ConfigurationWriteFailed, ConnectorErrorCategory.WriteError, path,
                    $"'{path}' was not changed: {e.Message}", e);
            }
            catch
            {
                AtomicFile.TryDelete(temp);
                throw;
            }
            PruneBackups(folder, name);
            return backup;
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
