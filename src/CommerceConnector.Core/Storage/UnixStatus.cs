using System.Runtime.InteropServices;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// A file's mode, owner and group from the C library, through structures whose layout this file declares and the
    /// systems document as fixed: Linux's <c>statx(2)</c> (one layout on every architecture, glibc 2.28+), macOS's
    /// <c>stat(2)</c> with 64-bit inodes (sys/stat.h; the symbol is <c>stat$INODE64</c> on x64, <c>stat</c> on arm64).
    /// .NET has no managed API for a file's owner and group, nor for a file's inode and inode change time.
    /// </summary>
    internal static class UnixStatus
    {
        private const int AtFdCwd = -100;
        private const uint StatxMode = 0x2;
        private const uint StatxUid = 0x8;
        private const uint StatxGid = 0x10;
        private const uint StatxType = 0x1;
        private const uint StatxMtime = 0x40;
        private const uint StatxCtime = 0x80;
        private const uint StatxIno = 0x100;
        private const uint StatxSize = 0x200;
        private const int FileTypeMask = 0xF000;
        private const int RegularFile = 0x8000;
        private const int NoSystemCall = 38; // ENOSYS: a kernel older than 4.11

        /// <summary>
        /// The owner, group and whole st_mode (file type and permission bits) of <paramref name="path"/>. Follows
        /// symbolic links, as stat(2) does.
        /// </summary>
        public static UnixOwnership Read(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                bool arm = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
                int result = arm ? NativeMethods.stat_arm64(path, out DarwinStat s) : NativeMethods.stat_x64(path, out s);
                Check(result == 0, path);
                return new UnixOwnership(s.Mode, s.Uid, s.Gid);
            }
            const uint wanted = StatxMode | StatxUid | StatxGid;
            int rc = NativeMethods.statx(AtFdCwd, path, 0, wanted, out LinuxStatx x);
            Check(rc == 0, path);
            Check((x.Mask & wanted) == wanted, path);
            return new UnixOwnership(x.Mode, x.Uid, x.Gid);
        }

        /// <summary>
        /// The <see cref="FileStamp"/> of the file <paramref name="path"/> leads to, from one <c>statx(2)</c> call (links
        /// followed): false where there is no statx (not Linux, a C library or kernel without it, a file system that does
        /// not give every field asked for), and the caller takes the stamp another way; true otherwise, with a null stamp
        /// when the path is not a regular file or cannot be looked at.
        /// </summary>
        public static bool TryStamp(string path, long now, out FileStamp? stamp)
        {
            const uint wanted = StatxType | StatxMtime | StatxCtime | StatxIno | StatxSize;
            stamp = null;
            if (!StatxWorks)
            {
                return false;
            }
            LinuxStatx x;
            try
            {
                if (NativeMethods.statx(AtFdCwd, path, 0, wanted, out x) != 0)
                {
                    StatxWorks = Marshal.GetLastWin32Error() != NoSystemCall;
                    return StatxWorks;
                }
            }
            catch (EntryPointNotFoundException)
            {
                StatxWorks = false;
                return false;
            }
            if ((x.Mask & wanted) != wanted)
            {
                return false;
            }
            if ((x.Mode & FileTypeMask) == RegularFile)
            {
                stamp = FileStamp.FromInode(((ulong)x.DeviceMajor << 32) | x.DeviceMinor, x.Inode, (long)x.Size, x.Modified.Ticks, x.Changed.Ticks, now);
            }
            return true;
        }

        /// <summary>False once statx turned out to be missing; true on Linux until then.</summary>
        private static bool StatxWorks = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        private static void Check(bool ok, string path)
        {
            if (!ok)
            {
                throw new IOException($"Cannot read the owner and mode of '{path}' (errno {Marshal.GetLastWin32Error()}).");
            }
        }

        // struct statx (linux/stat.h, 256 bytes): __u32 stx_mask; __u32 stx_blksize; __u64 stx_attributes;
        // __u32 stx_nlink; __u32 stx_uid; __u32 stx_gid; __u16 stx_mode; __u16 spare; __u64 stx_ino; __u64 stx_size;
        // __u64 stx_blocks; __u64 stx_attributes_mask; struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime
        // (16 bytes each, from offset 64); __u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor; ...
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        private struct LinuxStatx
        {
            [FieldOffset(0)] public uint Mask;
            [FieldOffset(20)] public uint Uid;
            [FieldOffset(24)] public uint Gid;
            [FieldOffset(28)] public ushort Mode;
            [FieldOffset(32)] public ulong Inode;
            [FieldOffset(40)] public ulong Size;
            [FieldOffset(96)] public StatxTimestamp Changed;
            [FieldOffset(112)] public StatxTimestamp Modified;
            [FieldOffset(136)] public uint DeviceMajor;
            [FieldOffset(140)] public uint DeviceMinor;
        }

        // struct statx_timestamp: __s64 tv_sec; __u32 tv_nsec; __s32 reserved.
        [StructLayout(LayoutKind.Sequential, Size = 16)]
        private struct StatxTimestamp
        {
            public long Seconds;
            public uint Nanoseconds;

            /// <summary>UTC ticks (100 ns since 0001-01-01), as <see cref="DateTime.Ticks"/>.</summary>
            public long Ticks => UnixEpochTicks + Seconds * TimeSpan.TicksPerSecond + Nanoseconds / 100;

            private const long UnixEpochTicks = 621355968000000000;
        }

        // struct stat with _DARWIN_FEATURE_64_BIT_INODE (144 bytes): dev_t st_dev (int32); mode_t st_mode (uint16);
        // nlink_t st_nlink (uint16); ino_t st_ino (uint64); uid_t st_uid; gid_t st_gid; ...
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        private struct DarwinStat
        {
            [FieldOffset(4)] public ushort Mode;
            [FieldOffset(16)] public uint Uid;
            [FieldOffset(20)] public uint Gid;
        }

        private static class NativeMethods
        {
            [DllImport("libc", SetLastError = true)]
            internal static extern int statx(int dirfd, string path, int flags, uint mask, out LinuxStatx status);

            [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true)]
            internal static extern int stat_x64(string path, out DarwinStat status);

            [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
            internal static extern int stat_arm64(string path, out DarwinStat status);
        }
    }
}
