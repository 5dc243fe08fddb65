using System.Runtime.InteropServices;

namespace CommerceConnector.Core.Session
{
    /// <summary>Decides which folder holds the embedded registry.</summary>
    public static class RegistryLocation
    {
        public const string HomeVariable = "COMMERCE_CONNECTOR_HOME";

        /// <summary>
        /// An explicit path wins, then <c>COMMERCE_CONNECTOR_HOME</c>, then the user's data folder:
        /// <c>%LOCALAPPDATA%\CommerceConnector</c> on Windows, <c>~/.commerceconnector</c> elsewhere.
        /// </summary>
        public static string Resolve(string? explicitPath, Func<string, string?> environment)
        {
            if (explicitPath != null)
            {
                return FullPath(explicitPath, "-RegistryPath");
            }
            string? home = environment(HomeVariable);
            if (!Strings.IsNullOrWhiteSpace(home))
            {
                return FullPath(home, HomeVariable);
            }
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                string? local = environment("LOCALAPPDATA");
                if (Strings.IsNullOrEmpty(local))
                {
                    local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                }
                return Path.Combine(local, "CommerceConnector");
            }
            string? userHome = environment("HOME");
            if (Strings.IsNullOrEmpty(userHome))
            {
                userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }
            return Path.Combine(userHome, ".commerceconnector");
        }

        private static string FullPath(string path, string source)
        {
            try
            {
                if (Strings.IsNullOrWhiteSpace(path))
                {
                    throw new ArgumentException("empty");
                }
                return Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw new ConnectorException(ErrorIds.RegistryPathInvalid, ConnectorErrorCategory.InvalidArgument, path,
                    $"The registry folder '{path}' given by {source} is not a usable path. Give a folder path such as ~/commerce-registry.", e);
            }
        }
    }
}
