using System.IO;
using System.Runtime.InteropServices;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// A file's mode, owner and group from the C library, through structures whose layout this file declares and the
    /// systems document as fixed: Linux's <c>statx(2)</c> (one layout on every architecture, glibc 2.28+), macOS's
    /// <c>stat(2)</c> with 64-bit inodes (sys/stat.h; the symbol is <c>stat$INODE64</c> on x64, <c>stat</c> on arm64).
    /// .NET has no managed API for a file's owner and group.
    /// </summary>
    internal static class UnixStatus
    {
        private const int AtFdCwd = -100;
        private const uint StatxMode = 0x2;
        private const uint StatxUid = 0x8;
        private const uint StatxGid = 0x10;

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

        private static void Check(bool ok, string path)
        {
            if (!ok)
            {
                throw new IOException($"Cannot read the owner and mode of '{path}' (errno {Marshal.GetLastWin32Error()}).");
            }
        }

        // struct statx (linux/stat.h, 256 bytes): __u32 stx_mask; __u32 stx_blksize; __u64 stx_attributes;
        // __u32 stx_nlink; __u32 stx_uid; __u32 stx_gid; __u16 stx_mode; ...
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        private struct LinuxStatx
        {
            [FieldOffset(0)] public uint Mask;
            [FieldOffset(20)] public uint Uid;
            [FieldOffset(24)] public uint Gid;
            [FieldOffset(28)] public ushort Mode;
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
