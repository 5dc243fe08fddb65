using System.Text.RegularExpressions;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// The pieces of an atomic file replacement that the writers of this library share. A temporary file is named
    /// <c>.&lt;target name&gt;.&lt;32 hex digits&gt;.tmp</c> beside its target, is owner-only before its first byte, and is
    /// held open (and so locked) until it has been renamed. A writer killed midway leaves it behind; the next write in
    /// that folder removes every such file that no live writer holds.
    /// </summary>
    internal static class AtomicFile
    {
        private static readonly Regex TemporaryName = new Regex(@"^\..+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>For tests: runs on the writing thread once the temporary file holds its bytes, before it gets its final mode.</summary>
        [ThreadStatic]
        internal static Action<string>? TemporaryWritten;

        /// <summary>
        /// Removes leftovers of killed writers, then writes <paramref name="bytes"/> to a new owner-only temporary file
        /// beside <paramref name="target"/> and flushes it to disk. <paramref name="finish"/> runs last (the final mode and
        /// owner, just before the rename). On failure the file is removed and the exception goes on.
        /// </summary>
        public static TemporaryFile WriteTemporary(string target, byte[] bytes, Action<string>? finish)
        {
            string folder = Path.GetDirectoryName(target);
            RemoveLeftovers(folder);
            string path = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            FileStream? stream = null;
            try
            {
                // FileShare.None is also an exclusive flock on Unix: RemoveLeftovers of another writer skips a held file.
                stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                FilePermissions.RestrictFile(path);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
                TemporaryWritten?.Invoke(path);
                finish?.Invoke(path);
                return new TemporaryFile(path, stream);
            }
            catch
            {
                stream?.Dispose();
                TryDelete(path);
                throw;
            }
        }

        /// <summary>Deletes the temporary files of this library in <paramref name="folder"/> that no live writer holds.</summary>
        public static void RemoveLeftovers(string folder)
        {
            string[] candidates;
            try
            {
                candidates = Directory.GetFiles(folder, ".*.tmp");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return;
            }
            foreach (string candidate in candidates)
            {
                if (!TemporaryName.IsMatch(Path.GetFileName(candidate)))
                {
                    continue;
                }
                try
                {
                    // A live writer holds its file exclusively; opening fails then and the file stays.
                    using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue;
                }
                TryDelete(candidate);
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
