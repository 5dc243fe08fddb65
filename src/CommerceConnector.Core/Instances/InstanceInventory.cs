using CommerceConnector.Core.Hosts;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Instances
{
    /// <summary>The Commerce installations of an account, with their roles.</summary>
    public sealed class InstanceInventory : RegistryService
    {
        public InstanceInventory(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }

        public CommerceInstance Register(string mageId, string user, string name, string path, InstanceRole role, string? baseUrl)
        {
            string account = Validate.MageId(mageId);
            string instanceName = Validate.Name(name, "instance", ErrorIds.InvalidInstanceName);
            string root = MagentoRoot(path);
            string? url = BaseUrl(baseUrl);
            return UpdateAccount(account, document => AddInstance(document, account, user, instanceName, root, role, url, Clock()));
        }

        /// <summary>Adds an instance to the document: a name and a Magento root not registered yet.</summary>
        internal static CommerceInstance AddInstance(RegistryDocument document, string account, string user, string instanceName, string root, InstanceRole role, string? url, DateTimeOffset now)
        {
            RegistryLookup.Account(document, account);
            var clash = document.Instances.FirstOrDefault(i => Same(i.MageId, account) && Same(i.Name, instanceName));
            if (clash != null)
            {
                throw new ConnectorException(ErrorIds.InstanceExists, ConnectorErrorCategory.ResourceExists, instanceName,
                    $"An instance named '{clash.Name}' is already registered ({clash.Path}). Choose another name, or change it with Set-CommerceInstance.");
            }
            var samePath = document.Instances.FirstOrDefault(i => SamePath(i.Path, root));
            if (samePath != null)
            {
                throw new ConnectorException(ErrorIds.InstancePathRegistered, ConnectorErrorCategory.ResourceExists, root,
                    $"{root} is already registered as '{samePath.Name}'. One installation is one instance.");
            }
            var instance = new CommerceInstance { Name = instanceName, MageId = account, Path = root, Role = role, BaseUrl = url, RegisteredAt = now, RegisteredBy = user };
            document.Instances.Add(instance);
            return instance;
        }

        public IReadOnlyList<CommerceInstance> Get(string mageId, string? namePattern = null, InstanceRole? role = null)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            RegistryLookup.Account(document, account);
            var matches = Wildcard.Matcher(namePattern);
            var found = document.Instances.Where(i => Same(i.MageId, account) && matches(i.Name) && (!role.HasValue || i.Role == role.Value))
                .OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToList();
            return RegistryLookup.RequireAny(found, namePattern, null, what => RegistryLookup.InstanceNotFound(account, what));
        }

        public CommerceInstance GetOne(string mageId, string? name)
        {
            string account = Validate.MageId(mageId);
            return RegistryLookup.Instance(ReadAccount(account), account, name);
        }

        public CommerceInstance Set(string mageId, string name, InstanceRole? role, string? baseUrl, string? newName, string? path, DatabaseAccess? databaseAccess = null)
        {
            string account = Validate.MageId(mageId);
            string? renamed = newName == null ? null : Validate.Name(newName, "instance", ErrorIds.InvalidInstanceName);
            string? url = baseUrl == null ? null : BaseUrl(baseUrl);
            bool clearUrl = baseUrl != null && url == null; // -BaseUrl '' removes the base URL
            string? root = path == null ? null : MagentoRoot(path);
            return UpdateAccount(account, document =>
            {
                var instance = RegistryLookup.Instance(document, account, name);
                if (renamed != null && !Same(renamed, instance.Name) && document.Instances.Any(i => Same(i.MageId, account) && Same(i.Name, renamed)))
                {
                    throw new ConnectorException(ErrorIds.InstanceExists, ConnectorErrorCategory.ResourceExists, renamed, $"An instance named '{renamed}' is already registered.");
                }
                if (root != null && document.Instances.Any(i => i != instance && SamePath(i.Path, root)))
                {
                    throw new ConnectorException(ErrorIds.InstancePathRegistered, ConnectorErrorCategory.ResourceExists, root, $"{root} is already registered as another instance.");
                }
                instance.Name = renamed ?? instance.Name;
                instance.Role = role ?? instance.Role;
                instance.BaseUrl = clearUrl ? null : url ?? instance.BaseUrl;
                instance.Path = root ?? instance.Path;
                instance.DatabaseAccess = databaseAccess ?? instance.DatabaseAccess;
                return instance;
            });
        }

        public CommerceInstance Unregister(string mageId, string name)
        {
            string account = Validate.MageId(mageId);
            return UpdateAccount(account, document =>
            {
                var instance = RegistryLookup.Instance(document, account, name);
                document.Instances.Remove(instance);
                return instance;
            });
        }

        /// <summary>
        /// The full path of a Magento root, which must hold app/etc/env.php. The env.php file itself (what
        /// <c>Get-ChildItem -Recurse -Filter env.php</c> finds) stands for its Magento root.
        /// </summary>
        public static string MagentoRoot(string path)
        {
            if (RemotePath.IsRemote(path))
            {
                return RemoteMagentoRoot(path);
            }
            string full;
            try
            {
                full = Path.GetFullPath(path ?? throw new ArgumentException("empty"));
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw new ConnectorException(ErrorIds.NotAMagentoRoot, ConnectorErrorCategory.InvalidArgument, path, $"'{path}' is not a usable folder path.", e);
            }
            full = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (File.Exists(full) && string.Equals(Path.GetFileName(full), "env.php", StringComparison.Ordinal))
            {
                string etc = Path.GetDirectoryName(full);
                string app = Path.GetDirectoryName(etc);
                if (string.Equals(Path.GetFileName(etc), "etc", StringComparison.Ordinal) && string.Equals(Path.GetFileName(app), "app", StringComparison.Ordinal))
                {
                    full = Path.GetDirectoryName(app);
                }
            }
            if (!File.Exists(Path.Combine(full, "app", "etc", "env.php")))
            {
                throw new ConnectorException(ErrorIds.NotAMagentoRoot, ConnectorErrorCategory.ObjectNotFound, path,
                    $"'{full}' is not a Magento root: it has no app/etc/env.php. Give the folder that holds bin/magento and app/etc/env.php (run 'bin/magento setup:install' first on a new installation).");
            }
            return full;
        }

        // A root on another server (ssh://host/path): the same rules, checked there through the host's connection.
        private static string RemoteMagentoRoot(string path)
        {
            var address = RemotePath.Split(path, out string root)!; // called for ssh:// paths only
            if (!root.StartsWith("/", StringComparison.Ordinal) || root.Split('/').Any(part => part == "." || part == ".."))
            {
                throw new ConnectorException(ErrorIds.NotAMagentoRoot, ConnectorErrorCategory.InvalidArgument, path,
                    $"'{root}' is not an absolute path on {address}. Give the Magento root as the server names it, such as /var/www/luma.");
            }
            root = root.TrimEnd('/');
            if (root.EndsWith("/app/etc/env.php", StringComparison.Ordinal))
            {
                root = root.Substring(0, root.Length - "/app/etc/env.php".Length);
            }
            var host = HostConnections.Get(address);
            var envPhp = host.ReadFiles(new[] { root + "/app/etc/env.php" })[0];
            if (envPhp.Error == HostFileError.NotFound && !envPhp.FolderExists)
            {
                var folder = host.ReadFiles(new[] { root })[0];
                if (folder.Error == HostFileError.NotFound)
                {
                    throw new ConnectorException(ErrorIds.HostPathNotFound, ConnectorErrorCategory.ObjectNotFound, address.ToUri(root),
                        $"'{root}' does not exist on {address}. Check the path there (ssh {address.HostName} ls -ld '{root}').");
                }
            }
            if (envPhp.Error != null && envPhp.Error != HostFileError.Dangling)
            {
                throw new ConnectorException(ErrorIds.NotAMagentoRoot, ConnectorErrorCategory.ObjectNotFound, address.ToUri(root),
                    $"'{root}' on {address} is not a Magento root: it has no app/etc/env.php. Give the folder that holds bin/magento and app/etc/env.php.");
            }
            return address.ToUri(root);
        }

        internal static string? BaseUrl(string? url)
        {
            if (Strings.IsNullOrWhiteSpace(url))
            {
                return null; // an empty CSV column means "no base URL", not a bad one
            }
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            {
                throw new ConnectorException(ErrorIds.InvalidBaseUrl, ConnectorErrorCategory.InvalidArgument, url,
                    $"'{url}' is not an http(s) URL. Give the store's base URL, such as https://shop.example.com/.");
            }
            return uri.AbsoluteUri;
        }

        /// <summary>Whether two Magento roots are the same folder: case-insensitive on Windows, exact elsewhere.</summary>
        internal static bool SamePath(string a, string b) => PathComparer.Equals(a, b);

        /// <summary>How Magento roots compare as file-system paths: case-insensitively on Windows only.</summary>
        internal static readonly StringComparer PathComparer = Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    }
}
