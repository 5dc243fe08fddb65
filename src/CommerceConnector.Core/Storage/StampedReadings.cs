using System.Collections.Concurrent;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// What was read from a file (and, optionally, a second file beside it), kept with the <see cref="FileStamp"/>s the
    /// files had before they were read, so that the next look at unchanged files costs a stat each instead of a read
    /// and a parse: the data space guard's reading of each env.php, the fleet guards' ids from each env.php and
    /// config.php. A value is kept only when the first file's stamp is settled and the second file is missing or
    /// settled too; a file that cannot be stamped (missing, no access, on another server: <see cref="FileStamp.Of"/>)
    /// is read every time. Readings are kept for the process, shared by its runspaces.
    /// </summary>
    internal sealed class StampedReadings<T>
    {
        private readonly ConcurrentDictionary<string, Held> _held = new ConcurrentDictionary<string, Held>(StringComparer.Ordinal);

        /// <summary>
        /// The value <paramref name="read"/> gives for <paramref name="path"/> (passed to it) (and <paramref name="second"/>, when
        /// given): the one read before when neither file changed since, else a new reading. What <paramref name="read"/>
        /// throws reaches the caller, and nothing is kept.
        /// </summary>
        public T Read(string path, string? second, Func<string, T> read)
        {
            var stamp = FileStamp.Of(path);
            var secondStamp = second == null ? null : FileStamp.Of(second);
            if (stamp != null && _held.TryGetValue(path, out var known) && known.Stamp.Equals(stamp.Value) && Nullable.Equals(known.Second, secondStamp))
            {
                return known.Value;
            }
            T value = read(path);
            if (stamp != null && stamp.Value.Settled && (secondStamp == null || secondStamp.Value.Settled))
            {
                _held[path] = new Held(stamp.Value, secondStamp, value);
            }
            else
            {
                _held.TryRemove(path, out _);
            }
            return value;
        }

        private sealed class Held
        {
            public Held(FileStamp stamp, FileStamp? second, T value) =>
                (Stamp, Second, Value) = (stamp, second, value);

            public FileStamp Stamp { get; }

            public FileStamp? Second { get; }

            public T Value { get; }
        }
    }
}
