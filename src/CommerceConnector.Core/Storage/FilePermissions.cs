using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// Makes files and folders readable by their owner only: mode 0600/0700 on Linux and macOS, an ACL
    /// that grants the current user alone (inheritance removed) on Windows.
    /// </summary>
    public static class FilePermissions
    {
        public const int OwnerOnlyFile = 0x180;   // 0600
        public const int OwnerOnlyFolder = 0x1C0; // 0700

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        // File.GetUnixFileMode and File.SetUnixFileMode (public since .NET 7) are bound once where the runtime has them
        // (PowerShell 7.4 and later); this netstandard2.0 assembly cannot name them at compile time. UnixFileMode is an
        // int enum, so the delegates take and return its value as int. Older runtimes use stat's mode and chmod(2).
        private static readonly Func<string, int>? GetUnixFileMode =
            Bind<Func<string, int>>("GetUnixFileMode", typeof(string));

        private static readonly Action<string, int>? SetUnixFileMode =
            Bind<Action<string, int>>("SetUnixFileMode", typeof(string), typeof(File).Assembly.GetType("System.IO.UnixFileMode"));

        private static T? Bind<T>(string name, params Type?[] parameters)
            where T : class
        {
            if (IsWindows || parameters.Any(p => p == null))
            {
                return null;
            }
            MethodInfo method = typeof(File).GetMethod(name, BindingFlags.Public | BindingFlags.Static, null, parameters, null);
            return method == null ? null : (T)(object)Delegate.CreateDelegate(typeof(T), method);
        }

        /// <summary>Creates <paramref name="path"/> (and its parents) if needed and restricts the leaf to its owner.</summary>
        public static void EnsureOwnerOnlyFolder(string path)
        {
            if (Directory.Exists(path))
            {
                return;
            }
            Directory.CreateDirectory(path);
            RestrictFolder(path);
        }

        public static void RestrictFolder(string path)
        {
            if (IsWindows)
            {
                RestrictWindows(path, "(OI)(CI)F");
            }
            else
            {
                Chmod(path, OwnerOnlyFolder);
            }
        }

        /// <summary>
        /// Restricts a file created inside a folder made by <see cref="EnsureOwnerOnlyFolder"/>. On Windows the folder's
        /// inheritable owner-only ACL already covers it, so no icacls process is started per write.
        /// </summary>
        public static void RestrictFileInOwnerOnlyFolder(string path)
        {
            if (!IsWindows)
            {
                Chmod(path, OwnerOnlyFile);
            }
        }

        /// <summary>
        /// Flushes a folder's entries to disk so that a rename inside it survives a power loss (Unix; Windows' NTFS
        /// journals the rename itself).
        /// </summary>
        public static void FlushFolder(string path)
        {
            if (IsWindows)
            {
                return;
            }
            int fd = NativeMethods.open(path, 0 /* O_RDONLY */);
            if (fd < 0)
            {
                return;
            }
            try
            {
                NativeMethods.fsync(fd);
            }
            finally
            {
                NativeMethods.close(fd);
            }
        }

        /// <summary>Mode bits, owner and group of a file (Unix; null on Windows, where File.Replace keeps the ACL).</summary>
        public static UnixOwnership? GetOwnership(string path)
        {
            if (IsWindows)
            {
                return null;
            }
            UnixOwnership status = UnixStatus.Read(path);
            int mode = GetUnixFileMode != null ? GetUnixFileMode(path) : status.Mode;
            return new UnixOwnership(mode & 0xFFF, status.Uid, status.Gid);
        }

        /// <summary>Gives <paramref name="path"/> the mode, owner and group of <paramref name="ownership"/>.</summary>
        public static void Apply(string path, UnixOwnership? ownership)
        {
            if (ownership == null)
            {
                return;
            }
            // Ownership to apply is only read on Unix, where GetOwnership always answers.
            var current = GetOwnership(path)!;
            if (current.Uid != ownership.Uid || current.Gid != ownership.Gid)
            {
                if (NativeMethods.chown(path, ownership.Uid, ownership.Gid) != 0)
                {
                    throw new UnauthorizedAccessException(
                        $"'{path}' must keep owner {ownership.Uid}:{ownership.Gid}, which this user cannot give it (chown errno {Marshal.GetLastWin32Error()}). Run as the file's owner or as root.");
                }
            }
            Chmod(path, ownership.Mode);
        }

        public static void RestrictFile(string path)
        {
            if (IsWindows)
            {
                RestrictWindows(path, "F");
            }
            else
            {
                Chmod(path, OwnerOnlyFile);
            }
        }

        private static void Chmod(string path, int mode)
        {
            if (SetUnixFileMode != null)
            {
                try
                {
                    SetUnixFileMode(path, mode);
                    return;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new IOException($"Cannot restrict '{path}' to its owner (chmod failed: {ex.Message}).", ex);
                }
            }
            if (NativeMethods.chmod(path, mode) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                throw new IOException($"Cannot restrict '{path}' to its owner (chmod failed, errno {errno}).");
            }
        }

        private static void RestrictWindows(string path, string rights)
        {
            // icacls ships with every Windows since Vista; netstandard2.0 has no ACL API of its own.
            string user = Environment.UserDomainName + "\\" + Environment.UserName;
            var psi = new ProcessStartInfo("icacls.exe", $"\"{path}\" /inheritance:r /grant:r \"{user}:{rights}\"")
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (var process = Process.Start(psi))
            {
                process.StandardOutput.ReadToEnd();
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new IOException($"Cannot restrict '{path}' to its owner: icacls said {error.Trim()}");
                }
            }
        }

        private static class NativeMethods
        {
            [DllImport("libc", SetLastError = true)]
            internal static extern int chmod(string path, int mode);

            [DllImport("libc", SetLastError = true)]
            internal static extern int chown(string path, uint owner, uint group);

            [DllImport("libc", SetLastError = true)]
            internal static extern int open(string path, int flags);

            [DllImport("libc", SetLastError = true)]
            internal static extern int fsync(int fd);

            [DllImport("libc", SetLastError = true)]
            internal static extern int close(int fd);
        }
    }
}
