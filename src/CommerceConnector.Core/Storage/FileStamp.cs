namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// A file's identity and times, for caches that skip reading a file that has not changed: which file a path leads to
    /// (symbolic links followed), its length, its last write time and, on Linux, the time its inode last changed.
    /// <para>
    /// Every writer moves the last write time forward, so a changed file gets another stamp, except for two writes
    /// within the file system's timestamp granularity (a few ms on ext4, 2 s on FAT): <see cref="Settled"/> is true
    /// only for a stamp whose times lie more than 2 s before it was taken, and only a settled stamp may stand for the
    /// file's content. On Linux one <c>statx(2)</c> call gives the device and inode (the file a link leads to) and the
    /// inode change time, which no program can set back: a file given back its old write time on purpose still gets
    /// another stamp. Elsewhere the stamp comes from <see cref="FileInfo"/> and the resolved path stands for the file.
    /// </para>
    /// </summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        private static readonly long Granularity = TimeSpan.FromSeconds(2).Ticks;

        private readonly string? _target;
        private readonly ulong _device;
        private readonly ulong _inode;
        private readonly long _length;
        private readonly long _written;
        private readonly long _changed;

        private FileStamp(string? target, ulong device, ulong inode, long length, long written, long changed, long now) =>
            (_target, _device, _inode, _length, _written, _changed, Settled) =
            (target, device, inode, length, written, changed, Math.Max(written, changed) < now - Granularity);

        /// <summary>True when the stamp's times lie far enough in the past that a later write must change them.</summary>
        public bool Settled { get; }

        /// <summary>
        /// The stamp of the file <paramref name="path"/> leads to, or null when none can be taken (no such file, no access,
        /// or a path that is not an absolute local one: a relative path names another file in another folder, and an
        /// ssh:// path a file on another server).
        /// </summary>
        public static FileStamp? Of(string path)
        {
            if (!Path.IsPathRooted(path))
            {
                return null;
            }
            long now = DateTime.UtcNow.Ticks;
            if (UnixStatus.TryStamp(path, now, out var stamp))
            {
                return stamp;
            }
            try
            {
                FileInfo? file = new FileInfo(path);
                if (!file.Exists)
                {
                    return null;
                }
                if ((file.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    // The link's own stamp says nothing about its target: stamp the file it points to.
                    string? target = FileLinks.ResolveTarget(path);
                    file = target == null ? null : new FileInfo(target);
                    if (file == null || !file.Exists)
                    {
                        return null;
                    }
                }
                long written = file.LastWriteTimeUtc.Ticks;
                return new FileStamp(file.FullName, 0, 0, file.Length, written, written, now);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return null;
            }
        }

        /// <summary>A stamp from a Unix file's device, inode, length, and modification and inode change times (UTC ticks).</summary>
        internal static FileStamp FromInode(ulong device, ulong inode, long length, long written, long changed, long now) =>
            new FileStamp(null, device, inode, length, written, changed, now);

        public bool Equals(FileStamp other) =>
            _length == other._length && _written == other._written && _changed == other._changed && _inode == other._inode && _device == other._device
            && string.Equals(_target, other._target, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => _length.GetHashCode() ^ _written.GetHashCode() ^ _inode.GetHashCode();
    }
}
