using System.Runtime.InteropServices;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// Symbolic links in front of a file the module rewrites. Zero-downtime deployments (Deployer, Capistrano) keep
    /// <c>shared/app/etc/env.php</c> and link each release's <c>app/etc/env.php</c> to it; a write must reach that shared
    /// file and leave the link in place.
    /// </summary>
    public static class FileLinks
    {
        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>
        /// The file <paramref name="path"/> stands for: itself when its last part is not a symbolic link, otherwise the
        /// fully resolved target (every link on the way followed as the kernel does, so relative links through other
        /// links land where PHP lands). Null when <paramref name="path"/> is a link whose target does not exist.
        /// </summary>
        public static string? ResolveTarget(string path)
        {
            if (!IsLink(path))
            {
                return path;
            }
            return IsWindows ? ResolveWindows(path) : ResolveUnix(path);
        }

        /// <summary>Whether the last part of <paramref name="path"/> is a symbolic link (dangling or not).</summary>
        public static bool IsLink(string path)
        {
            try
            {
                // FileSystemInfo reads the link itself (lstat), not its target.
                var info = new FileInfo(path);
                return (info.Attributes & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
            {
                return false;
            }
        }

        private static string? ResolveUnix(string path)
        {
            IntPtr resolved = NativeMethods.realpath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return null;
            }
            try
            {
                return Marshal.PtrToStringAnsi(resolved);
            }
            finally
            {
                NativeMethods.free(resolved);
            }
        }

        private static string? ResolveWindows(string path)
        {
            // netstandard2.0 has no link API; PowerShell 7's runtime has FileSystemInfo.ResolveLinkTarget.
            var method = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });
            if (method == null)
            {
                return path;
            }
            var target = (FileSystemInfo)method.Invoke(new FileInfo(path), new object[] { true });
            return target != null && target.Exists ? target.FullName : null;
        }

        private static class NativeMethods
        {
            [DllImport("libc", SetLastError = true)]
            internal static extern IntPtr realpath(string path, IntPtr resolved);

            [DllImport("libc")]
            internal static extern void free(IntPtr pointer);
        }
    }
}
