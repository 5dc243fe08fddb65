using System;
using System.IO;

namespace CommerceConnector.TestSupport
{
    /// <summary>A Magento installation as far as CommerceConnector sees it: a folder with app/etc/env.php and config.php.</summary>
    public static class MagentoRoot
    {
        /// <summary>
        /// Makes <paramref name="root"/>/app/etc with env.php (owner-only on Unix when <paramref name="ownerOnly"/>, as on a
        /// well-kept server) and config.php (when given), and returns <paramref name="root"/>.
        /// </summary>
        public static string Create(string root, string envPhp, string configPhp = null, bool ownerOnly = false)
        {
            Directory.CreateDirectory(Path.Combine(root, "app", "etc"));
            File.WriteAllText(EnvPhp(root), envPhp);
            if (ownerOnly && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(EnvPhp(root), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            if (configPhp != null)
            {
                File.WriteAllText(ConfigPhp(root), configPhp);
            }
            return root;
        }

        public static string EnvPhp(string root) => Path.Combine(root, "app", "etc", "env.php");

        public static string ConfigPhp(string root) => Path.Combine(root, "app", "etc", "config.php");
    }
}
