namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// Where an instance's server is reached over SSH: a host name as the user types it to <c>ssh</c> (an alias of
    /// <c>~/.ssh/config</c> works, with its HostName, Port, User, ProxyJump and IdentityFile), and optionally a user and a
    /// port that override the config. Immutable; compared case-insensitively on the host name.
    /// </summary>
    public sealed class HostAddress : IEquatable<HostAddress>
    {
        public const string UriScheme = "ssh";

        public HostAddress(string hostName, string? userName = null, int? port = null)
        {
            HostName = ValidateHostName(hostName);
            UserName = ValidateUserName(userName);
            if (port.HasValue && (port.Value < 1 || port.Value > 65535))
            {
                throw Invalid(port.Value.ToString(CultureInfo.InvariantCulture), $"Port {port.Value} is not a TCP port (1-65535).");
            }
            Port = port;
        }

        /// <summary>The host name or ~/.ssh/config alias, as given.</summary>
        public string HostName { get; }

        /// <summary>The SSH user; null lets ~/.ssh/config (User) or the local user name decide.</summary>
        public string? UserName { get; }

        /// <summary>The SSH port; null lets ~/.ssh/config (Port) or 22 decide.</summary>
        public int? Port { get; }

        /// <summary><c>user@host:port</c> with the parts that were given, as a person names the server.</summary>
        public override string ToString() =>
            (UserName == null ? "" : UserName + "@") + (HostName.Contains(':') ? "[" + HostName + "]" : HostName) +
            (Port.HasValue ? ":" + Port.Value.ToString(CultureInfo.InvariantCulture) : "");

        /// <summary>The <c>ssh://user@host:port/path</c> form of <paramref name="path"/> on this host.</summary>
        public string ToUri(string path) => UriScheme + "://" + ToString() + (path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path);

        /// <summary>True when <paramref name="text"/> starts with <c>ssh://</c>.</summary>
        public static bool IsUri([NotNullWhen(true)] string? text) =>
            text != null && text.StartsWith(UriScheme + "://", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Splits <c>ssh://[user@]host[:port]/absolute/path</c> into the address and the path on that host. The path is
        /// taken literally after the authority (percent escapes are decoded).
        /// </summary>
        public static HostAddress ParseUri(string text, out string path)
        {
            if (!IsUri(text))
            {
                throw Invalid(text, $"'{text}' is not an ssh:// address. Write it as ssh://user@host:port/var/www/store, or give -HostName.");
            }
            string rest = text.Substring(UriScheme.Length + 3);
            int slash = rest.IndexOf('/');
            if (slash <= 0 || slash == rest.Length - 1)
            {
                throw Invalid(text, $"'{text}' names no path on the server. Write it as ssh://user@host:port/var/www/store.");
            }
            string authority = rest.Substring(0, slash);
            path = Uri.UnescapeDataString(rest.Substring(slash));
            string? user = null;
            int at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                user = Uri.UnescapeDataString(authority.Substring(0, at));
                authority = authority.Substring(at + 1);
            }
            string host = authority;
            int? port = null;
            string? portText = null;
            if (authority.StartsWith("[", StringComparison.Ordinal))
            {
                int close = authority.IndexOf(']');
                if (close < 0)
                {
                    throw Invalid(text, $"'{text}' has an unclosed [ in its host.");
                }
                host = authority.Substring(1, close - 1);
                if (close + 1 < authority.Length)
                {
                    if (authority[close + 1] != ':')
                    {
                        throw Invalid(text, $"'{text}' has text after its [host].");
                    }
                    portText = authority.Substring(close + 2);
                }
            }
            else
            {
                int colon = authority.LastIndexOf(':');
                if (colon >= 0)
                {
                    host = authority.Substring(0, colon);
                    portText = authority.Substring(colon + 1);
                }
            }
            if (portText != null)
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    throw Invalid(text, $"'{portText}' in '{text}' is not a port number.");
                }
                port = value;
            }
            return new HostAddress(host, user, port);
        }

        public bool Equals(HostAddress? other) =>
            other != null && string.Equals(HostName, other.HostName, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(UserName, other.UserName, StringComparison.Ordinal) && Port == other.Port;

        public override bool Equals(object? obj) => Equals(obj as HostAddress);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(HostName) ^ (UserName ?? "").GetHashCode() ^ Port.GetHashCode();

        // A leading '-' would be read by ssh as an option; whitespace, quotes and control characters have no place in a
        // host name or alias and would only ever come from an accident.
        private static string ValidateHostName(string hostName)
        {
            if (string.IsNullOrWhiteSpace(hostName))
            {
                throw Invalid(hostName, "A host name is required (a DNS name, an IP address or an alias from ~/.ssh/config).");
            }
            if (hostName.StartsWith("-", StringComparison.Ordinal) || hostName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\'' || c == '"' || c == '@' || c == '/' || c == '\\'))
            {
                throw Invalid(hostName, $"'{hostName}' is not a host name: it may not start with '-' or hold spaces, quotes, '@', '/' or '\\'. Give the user with -UserName and the port with -Port.");
            }
            return hostName;
        }

        private static string? ValidateUserName(string? userName)
        {
            if (userName == null)
            {
                return null;
            }
            if (userName.Length == 0 || userName.StartsWith("-", StringComparison.Ordinal) || userName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\'' || c == '"' || c == '@' || c == ':' || c == '/'))
            {
                throw Invalid(userName, $"'{userName}' is not an SSH user name: it may not be empty, start with '-' or hold spaces, quotes, '@', ':' or '/'.");
            }
            return userName;
        }

        private static ConnectorException Invalid(string value, string message) =>
            new ConnectorException(ErrorIds.HostAddressInvalid, ConnectorErrorCategory.InvalidArgument, value, message);
    }
}
