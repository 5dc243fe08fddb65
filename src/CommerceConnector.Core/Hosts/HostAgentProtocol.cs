using System.Reflection;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// This side of the server half (<c>HostAgent.php</c>, embedded): its code as it travels on the command line
    /// (base64, without the opening tag), the hashes a request carries, and the files it answers with.
    /// </summary>
    internal static class HostAgentProtocol
    {
        private static readonly Lazy<string> AgentCode = new Lazy<string>(LoadAgent);

        /// <summary>The server half's code, base64-encoded.</summary>
        internal static string Code => AgentCode.Value;

        internal static HostFile ToHostFile(JToken entry)
        {
            // The agent names every file it was asked for; a file it read has all the fields below, an error has none.
            var file = new HostFile { Path = (string)entry["path"]!, ErrorMessage = (string?)entry["message"], FolderExists = (bool?)entry["folderExists"] ?? false };
            string? error = (string?)entry["error"];
            if (error != null)
            {
                file.Error = (HostFileError)Enum.Parse(typeof(HostFileError), error);
                return file;
            }
            file.Target = (string?)entry["target"];
            file.IsLink = (bool)entry["link"]!;
            file.Mode = (int)entry["mode"]!;
            file.Uid = (long)entry["uid"]!;
            file.Gid = (long)entry["gid"]!;
            file.Owner = (string?)entry["owner"];
            file.Group = (string?)entry["group"];
            file.Size = (long)entry["size"]!;
            file.Sha256 = (string?)entry["sha256"];
            file.Content = Convert.FromBase64String((string)entry["content"]!);
            return file;
        }

        private static string LoadAgent()
        {
            using (var stream = typeof(SshHost).GetTypeInfo().Assembly.GetManifestResourceStream("CommerceConnector.Core.Hosts.HostAgent.php"))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            {
                string code = reader.ReadToEnd();
                int open = code.IndexOf("<?php", StringComparison.Ordinal);
                code = open >= 0 ? code.Substring(open + 5) : code;
                return Convert.ToBase64String(Encoding.UTF8.GetBytes(code));
            }
        }

        internal static string Sha256(byte[] bytes)
        {
            using (var sha = SHA256.Create())
            {
                return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            }
        }
    }
}
