using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// Writes secret files (private keys, exported configuration): owner-only from the first byte, whole or not at all,
    /// never over a file unless asked.
    /// </summary>
    public static class PrivateKeyFile
    {
        /// <summary>
        /// Writes <paramref name="pem"/> to <paramref name="path"/> and returns an action that removes it again (for a
        /// caller whose next step fails). Without <paramref name="force"/> an existing file is never replaced.
        /// </summary>
        public static Action Write(string path, string pem, bool force)
        {
            string full;
            try
            {
                full = Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyPathInvalid, ConnectorErrorCategory.InvalidArgument, path, $"'{path}' is not a usable file path for the private key.", e);
            }
            string folder = Path.GetDirectoryName(full);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw new ConnectorException(ErrorIds.PrivateKeyPathInvalid, ConnectorErrorCategory.ObjectNotFound, path,
                    $"The folder of '{full}' does not exist. Create it first, or choose another -OutFile.");
            }
            if (Directory.Exists(full))
            {
                throw new ConnectorException(ErrorIds.PrivateKeyPathInvalid, ConnectorErrorCategory.InvalidArgument, path,
                    $"'{full}' is a folder. Give a file path for the private key, such as {Path.Combine(full, "commerce-production.pem")}.");
            }
            if (File.Exists(full) && !force)
            {
                throw Exists(full, path);
            }

            try
            {
                using (var temp = AtomicFile.WriteTemporary(full, new UTF8Encoding(false).GetBytes(pem), null))
                {
                    try
                    {
                        temp.Commit(t =>
                        {
                            if (force && File.Exists(full))
                            {
                                File.Replace(t, full, null);
                            }
                            else
                            {
                                // Move refuses an existing target, so a file that appeared meanwhile is not overwritten either.
                                File.Move(t, full);
                            }
                        });
                    }
                    catch (IOException e) when (!force && File.Exists(full))
                    {
                        throw Exists(full, path, e);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyPathInvalid, ConnectorErrorCategory.WriteError, path,
                    $"'{full}' could not be written: {e.Message}", e);
            }
            return () => AtomicFile.TryDelete(full);
        }

        /// <summary>Reads a key file's text; a missing, unreadable or implausibly large file is a typed error.</summary>
        public static string ReadText(string path)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    throw new ConnectorException(ErrorIds.PrivateKeyPathInvalid, ConnectorErrorCategory.ObjectNotFound, path,
                        $"The private key file '{path}' does not exist.");
                }
                if (info.Length > 1024 * 1024)
                {
                    throw new ConnectorException(ErrorIds.PrivateKeyNotPem, ConnectorErrorCategory.InvalidData, path,
                        $"'{path}' is {info.Length} bytes long; a PEM private key is a few kilobytes. Give the key file itself.");
                }
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyPathInvalid, ConnectorErrorCategory.ReadError, path,
                    $"The private key file '{path}' cannot be read: {e.Message}", e);
            }
        }

        private static ConnectorException Exists(string full, string path, Exception? inner = null) =>
            new ConnectorException(ErrorIds.PrivateKeyFileExists, ConnectorErrorCategory.ResourceExists, path,
                $"'{full}' already exists and was left as it is. Choose another -OutFile, or add -Force to replace it.", inner);
    }
}
