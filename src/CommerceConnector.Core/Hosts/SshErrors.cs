using System.Text.RegularExpressions;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// What ssh and the server half said, in the module's error ids and messages that say what to do: the connection
    /// failures ssh prints (host key unknown or changed, login refused, unreachable), the errors the server half answers
    /// with, and a connection that dropped.
    /// </summary>
    internal static class SshErrors
    {
        private static readonly Regex SentHostKey = new Regex(@"fingerprint for the (\S+) key sent by the remote host is\s+(SHA256:[A-Za-z0-9+/=]+)", RegexOptions.CultureInvariant);

        // What ssh said, in the module's error ids; null when it is none of the connection failures.
        internal static ConnectorException? Classify(HostAddress address, string errors, bool connecting, Func<string?> probeHostKey)
        {
            string displayName = address.ToString();
            var changed = SentHostKey.Match(errors);
            if (errors.IndexOf("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal) >= 0 || changed.Success)
            {
                string fingerprint = changed.Success ? changed.Groups[1].Value + " " + changed.Groups[2].Value : "(not shown)";
                return new ConnectorException(ErrorIds.HostKeyChanged, ConnectorErrorCategory.SecurityError, displayName,
                    $"The host key of {displayName} has CHANGED: it now presents {fingerprint}, which is not the key in known_hosts. This may be a reinstalled server or someone intercepting the connection. " +
                    $"Confirm the new fingerprint with the server's administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server); only then remove the old key (ssh-keygen -R {address.HostName}) and connect once with 'ssh {address.HostName}' to accept the new one. Nothing was changed.");
            }
            if (errors.IndexOf("host key is known", StringComparison.Ordinal) >= 0 || errors.IndexOf("Host key verification failed", StringComparison.Ordinal) >= 0)
            {
                string fingerprint = probeHostKey() ?? "(ssh did not show it)";
                return new ConnectorException(ErrorIds.HostKeyUnknown, ConnectorErrorCategory.SecurityError, displayName,
                    $"The host key of {displayName} is not in known_hosts; it presents {fingerprint}. CommerceConnector never accepts an unknown key by itself. " +
                    $"Confirm the fingerprint with the server's administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server), then connect once with 'ssh {address.HostName}' and answer yes (or add the key with ssh-keyscan to ~/.ssh/known_hosts). Nothing was changed.");
            }
            if (errors.IndexOf("Permission denied", StringComparison.Ordinal) >= 0 || errors.IndexOf("Too many authentication failures", StringComparison.Ordinal) >= 0)
            {
                return new ConnectorException(ErrorIds.HostAuthenticationFailed, ConnectorErrorCategory.AuthenticationError, displayName,
                    $"{displayName} refused the SSH login ({Tail(errors)}). Load your key into the agent (ssh-add) or name it with IdentityFile in ~/.ssh/config, check the user (-UserName or User in ~/.ssh/config) and that the key's public half is in that user's ~/.ssh/authorized_keys on the server. Password prompts are not used. Nothing was changed.");
            }
            string[] unreachable = { "Could not resolve hostname", "Connection refused", "Connection timed out", "No route to host", "Network is unreachable", "kex_exchange_identification", "Connection closed by", "Connection reset", "Operation timed out" };
            if (connecting && unreachable.Any(u => errors.IndexOf(u, StringComparison.Ordinal) >= 0))
            {
                return new ConnectorException(ErrorIds.HostUnreachable, ConnectorErrorCategory.ConnectionError, displayName,
                    $"{displayName} cannot be reached over SSH: {Tail(errors)} Check the host name, port and network (or ProxyJump in ~/.ssh/config), then try 'ssh {address.HostName}'. Nothing was changed.");
            }
            return null;
        }

        // An error the server half answered with, in the module's error ids.
        internal static ConnectorException AgentError(HostAddress address, string error, string? path, string? message)
        {
            string displayName = address.ToString();
            switch (error)
            {
                case "NotFound":
                case "NotAFile":
                    return new ConnectorException(ErrorIds.HostPathNotFound, ConnectorErrorCategory.ObjectNotFound, address.ToUri(path ?? "/"),
                        $"{message} (on {displayName}). Check the path on that server (ls -l '{path}'); is Magento installed there? Nothing was changed.");
                case "Dangling":
                    return new ConnectorException(ErrorIds.ConfigurationLinkDangling, ConnectorErrorCategory.ObjectNotFound, address.ToUri(path ?? "/"),
                        $"{message} (on {displayName}) Create the shared file or fix the link (ls -l '{path}' there); nothing was changed.");
                case "Changed":
                    return new ConnectorException(ErrorIds.ConfigurationFileChanged, ConnectorErrorCategory.ResourceBusy, address.ToUri(path ?? "/"),
                        $"'{path}' on {displayName} changed while CommerceConnector was preparing its edit (a deployment or bin/magento running?). Nothing was written; run the command again.");
                case "Unreadable":
                    return new ConnectorException(ErrorIds.ConfigurationFileNotFound, ConnectorErrorCategory.ReadError, address.ToUri(path ?? "/"),
                        $"{message} (on {displayName}, as the SSH user). Connect as a user that can read it.");
                case "WriteFailed":
                    return new ConnectorException(ErrorIds.ConfigurationWriteFailed, ConnectorErrorCategory.WriteError, address.ToUri(path ?? "/"),
                        $"'{path}' on {displayName} was not changed: {message}");
                case "Incomplete":
                    return Lost(address, path, message);
                case "NoMagento":
                    return new ConnectorException(ErrorIds.MagentoCliNotFound, ConnectorErrorCategory.ObjectNotFound, address.ToUri(path ?? "/"), message);
                default:
                    return new ConnectorException(ErrorIds.HostCommandFailed, ConnectorErrorCategory.InvalidResult, displayName, $"php on {displayName} refused the request: {message}");
            }
        }

        internal static ConnectorException Lost(HostAddress address, string? path, string? detail) =>
            new ConnectorException(ErrorIds.HostConnectionLost, ConnectorErrorCategory.ConnectionError, address.ToString(),
                $"The connection to {address} dropped{(path == null ? "" : " while working on '" + path + "'")}{(Strings.IsNullOrWhiteSpace(detail) ? "" : " (" + detail.Trim() + ")")}. " +
                "A file being written there is either the old or the new one, never a mix; run the command again: it re-reads the file and removes the leftover temporary file.");

        // The last line ssh printed that is not debug output, ending with a full stop.
        internal static string Tail(string text)
        {
            var lines = (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("debug", StringComparison.Ordinal)).ToList();
            string last = lines.Count == 0 ? "(no message)" : lines[lines.Count - 1];
            return last.EndsWith(".", StringComparison.Ordinal) ? last : last + ".";
        }
    }
}
