using System.Diagnostics;
using System.Globalization;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// registry.lock: held open without sharing by the one process changing the registry, and holding, as decimal text,
    /// how many changes have begun on the registry. A change counts itself as soon as it holds the lock, before it does
    /// anything, so a reader that took the count before reading (<see cref="PeekChangesBegun"/>) and finds the same count
    /// later under the lock knows that no change began in between, not even one killed after it replaced a Magento
    /// instance's env.php and before it wrote the registry (which the registry's own bytes cannot show).
    /// </summary>
    /// <remarks>
    /// A lock file written before the count existed is empty and reads as 0; versions that do not count leave the text
    /// as it is. Nothing is flushed to disk: the count only ever compares two moments of one running system.
    /// </remarks>
    internal sealed class RegistryLock : IDisposable
    {
        private const int MaxDigits = 18;

        private readonly FileStream _file;

        private RegistryLock(FileStream file, long? changesBefore) =>
            (_file, ChangesBefore) = (file, changesBefore);

        /// <summary>How many changes had begun before this one; null when the lock file held something else than a count.</summary>
        public long? ChangesBefore { get; }

        /// <summary>Waits up to <paramref name="timeout"/> for the lock of the registry in <paramref name="folder"/>, then counts this change.</summary>
        public static RegistryLock Acquire(string path, string folder, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            int attempt = 0;
            var random = new Random(Guid.NewGuid().GetHashCode());
            while (true)
            {
                FileStream handle;
                bool created;
                try
                {
                    created = !File.Exists(path);
                    handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                }
                catch (IOException e) when (!(e is FileNotFoundException) && !(e is DirectoryNotFoundException))
                {
                    if (watch.Elapsed >= timeout)
                    {
                        throw new ConnectorException(ErrorIds.RegistryLocked, ConnectorErrorCategory.ResourceBusy, path,
                            $"The registry '{folder}' stayed locked by another writer for {timeout.TotalSeconds:0.#} s. " +
                            "Wait for the other CommerceConnector command (another runbook, job or process) to finish and run the command again.", e);
                    }
                    attempt++;
                    Thread.Sleep(random.Next(1, Math.Min(50, 2 + attempt * 2)));
                    continue;
                }
                try
                {
                    if (created)
                    {
                        FilePermissions.RestrictFile(path);
                    }
                    long? before = ReadCount(handle);
                    byte[] text = Encoding.ASCII.GetBytes(((before ?? 0) + 1).ToString(CultureInfo.InvariantCulture));
                    handle.Position = 0;
                    handle.Write(text, 0, text.Length);
                    if (handle.Length != text.Length)
                    {
                        handle.SetLength(text.Length);
                    }
                    // Counted before the change runs: the caller's first write comes after this.
                    handle.Flush();
                    return new RegistryLock(handle, before);
                }
                catch (Exception e)
                {
                    handle.Dispose();
                    if (!(e is IOException) && !(e is UnauthorizedAccessException))
                    {
                        throw;
                    }
                    throw new ConnectorException(ErrorIds.RegistryWriteFailed, ConnectorErrorCategory.WriteError, path,
                        $"The registry's lock file '{path}' could not be written: {e.Message} Nothing was changed; free space or fix the folder's permissions, then run the command again.", e);
                }
            }
        }

        /// <summary>How many changes have begun on the registry; null while a change holds the lock, or when it cannot be told.</summary>
        public static long? PeekChangesBegun(string path)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None))
                {
                    return ReadCount(stream);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The count the file holds: 0 for an empty file, null for anything but up to 18 decimal digits (no overflow).</summary>
        private static long? ReadCount(FileStream file)
        {
            var buffer = new byte[MaxDigits + 1];
            int length = 0, read;
            file.Position = 0;
            while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }
            if (length > MaxDigits)
            {
                return null;
            }
            long count = 0;
            for (int i = 0; i < length; i++)
            {
                if (buffer[i] < '0' || buffer[i] > '9')
                {
                    return null;
                }
                count = count * 10 + (buffer[i] - '0');
            }
            return count;
        }

        public void Dispose() => _file.Dispose();
    }
}
