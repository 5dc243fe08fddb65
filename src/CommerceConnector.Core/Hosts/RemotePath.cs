namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// Paths of files on other servers, written <c>ssh://user@host:port/absolute/path</c>: how a remote instance's root is
    /// stored in the registry and how every path under it is named, so that code that combines paths works unchanged.
    /// </summary>
    public static class RemotePath
    {
        public static bool IsRemote([NotNullWhen(true)] string? path) => HostAddress.IsUri(path);

        /// <summary>The address and the path on that host; null and the path itself for a local path.</summary>
        public static HostAddress? Split(string path, out string hostPath)
        {
            if (!IsRemote(path))
            {
                hostPath = path;
                return null;
            }
            // Path.Combine on Windows joins with '\': the server is Unix, so every '\' after the address is a '/'.
            var address = HostAddress.ParseUri(path.Replace('\\', '/'), out hostPath);
            return address;
        }

        /// <summary>The path on its host (the part after the address); a local path as it is.</summary>
        public static string OnHost(string path)
        {
            Split(path, out string hostPath);
            return hostPath;
        }
    }
}
