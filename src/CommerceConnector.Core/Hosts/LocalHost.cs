using System.Security.Cryptography;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Magento;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>This computer: files through <see cref="ConfigFileWriter"/>, bin/magento through <see cref="MagentoCli"/>.</summary>
    public sealed class LocalHost : IInstanceHost
    {
        public static readonly LocalHost Instance = new LocalHost();

        private LocalHost()
        {
        }

        public HostAddress? Address => null;

        public string DisplayName => "this computer";

        public IReadOnlyList<HostFile> ReadFiles(IReadOnlyList<string> paths) => paths.Select(Read).ToList();

        private static HostFile Read(string path)
        {
            var file = new HostFile { Path = path, IsLink = FileLinks.IsLink(path) };
            string? target = FileLinks.ResolveTarget(path);
            if (target == null)
            {
                file.Error = HostFileError.Dangling;
                file.ErrorMessage = $"'{path}' is a symbolic link to a file that does not exist.";
                return file;
            }
            file.Target = Path.GetFullPath(target);
            if (Directory.Exists(target))
            {
                file.Error = HostFileError.NotAFile;
                file.ErrorMessage = $"'{path}' is not a file.";
                return file;
            }
            if (!File.Exists(target))
            {
                file.Error = HostFileError.NotFound;
                file.ErrorMessage = $"'{path}' does not exist.";
                file.FolderExists = Directory.Exists(Path.GetDirectoryName(file.Target));
                return file;
            }
            try
            {
                AtomicFile.RemoveLeftovers(Path.GetDirectoryName(file.Target));
                file.Content = File.ReadAllBytes(target);
                var ownership = FilePermissions.GetOwnership(target);
                if (ownership != null)
                {
                    file.Mode = ownership.Mode;
                    file.Uid = ownership.Uid;
                    file.Gid = ownership.Gid;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                file.Error = HostFileError.Unreadable;
                file.ErrorMessage = $"'{path}' cannot be read: {e.Message}";
                return file;
            }
            file.Size = file.Content.Length;
            using (var sha = SHA256.Create())
            {
                file.Sha256 = string.Concat(sha.ComputeHash(file.Content).Select(b => b.ToString("x2")));
            }
            return file;
        }

        public string Replace(string path, byte[] expected, byte[] content, DateTimeOffset now, int backupsKept) =>
            ConfigFileWriter.Replace(path, LosslessText.Decode(expected), LosslessText.Decode(content), now)!; // a local file always gets its backup

        public IReadOnlyList<string> Backups(string path) => ConfigFileWriter.Backups(path);

        public MagentoCommandResult RunMagento(string root, string[] arguments, TimeSpan timeout) =>
            MagentoCli.Run(root, "php", arguments, timeout);

        public HostEndpoint Forward(string? hostName, int port, string? socketPath = null) => new HostEndpoint(hostName, port, socketPath, null);

        public void Dispose()
        {
        }
    }
}
