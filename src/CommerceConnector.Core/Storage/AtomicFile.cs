using System;
using System.IO;

namespace CommerceConnector.Core.Storage
{
    /// <summary>The pieces of an atomic file replacement that the writers of this library share.</summary>
    internal static class AtomicFile
    {
        /// <summary>
        /// Writes <paramref name="bytes"/> to a new temporary file beside <paramref name="target"/> and flushes it to disk.
        /// <paramref name="prepare"/> runs on the empty file first (permissions, owner), so content never exists with the
        /// wrong ones. Returns the temporary file's path; on failure it is removed and the exception goes on.
        /// </summary>
        public static string WriteTemporary(string target, byte[] bytes, Action<string> prepare)
        {
            string temp = Path.Combine(Path.GetDirectoryName(target), "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    prepare?.Invoke(temp);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                return temp;
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>Deletes a file if it can; a null path or a file that cannot be deleted is left alone.</summary>
        public static void TryDelete(string path)
        {
            if (path == null)
            {
                return;
            }
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
