namespace CommerceConnector.Core.Hosts
{
    /// <summary>
    /// Quoting of words on the two command lines an SSH operation crosses: the local one that starts the ssh client
    /// (<see cref="QuoteArgument"/>) and the server's POSIX shell that runs the remote command (<see cref="ShellQuote"/>).
    /// </summary>
    internal static class ShellWords
    {
        /// <summary>One word for a POSIX shell: single-quoted, each single quote written as '\''.</summary>
        internal static string ShellQuote(string word) => "'" + (word ?? string.Empty).Replace("'", "'\\''") + "'";

        /// <summary>
        /// Quotes one argument for the runtime's command-line parser (netstandard2.0 has no ArgumentList): the rules of
        /// CommandLineToArgvW, which .NET follows on every platform.
        /// </summary>
        internal static string QuoteArgument(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"', '\\' }) < 0)
            {
                return argument;
            }
            var quoted = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                if (c == '"')
                {
                    quoted.Append('\\', backslashes * 2 + 1);
                }
                else
                {
                    quoted.Append('\\', backslashes);
                }
                backslashes = 0;
                quoted.Append(c);
            }
            quoted.Append('\\', backslashes * 2);
            quoted.Append('"');
            return quoted.ToString();
        }
    }
}
