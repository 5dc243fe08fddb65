using System.Text.RegularExpressions;

namespace CommerceConnector.Core.Text
{
    /// <summary>
    /// PowerShell's wildcard language (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, backtick escapes), matched
    /// case-insensitively, without a dependency on PowerShell.
    /// </summary>
    public sealed class Wildcard
    {
        private readonly Regex? _regex;
        private readonly string? _literal;

        public Wildcard(string pattern)
        {
            Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
            if (ContainsWildcard(pattern))
            {
                _regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            }
            else
            {
                _literal = Unescape(pattern);
            }
        }

        public string Pattern { get; }

        /// <summary>True when the pattern holds an unescaped <c>*</c>, <c>?</c> or <c>[</c>.</summary>
        public bool IsPattern => _regex != null;

        public bool IsMatch(string? value)
        {
            if (value == null)
            {
                return false;
            }
            return _regex != null ? _regex.IsMatch(value) : string.Equals(value, _literal, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A predicate that accepts everything when <paramref name="pattern"/> is null or empty.</summary>
        public static Func<string?, bool> Matcher(string? pattern)
        {
            if (pattern == null || pattern.Length == 0)
            {
                return _ => true;
            }
            var wildcard = new Wildcard(pattern);
            return wildcard.IsMatch;
        }

        public static bool ContainsWildcard(string pattern)
        {
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '`')
                {
                    i++;
                }
                else if (c == '*' || c == '?' || c == '[')
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Escapes wildcard characters so that <paramref name="value"/> matches only itself.</summary>
        public static string Escape(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                if (c == '*' || c == '?' || c == '[' || c == ']' || c == '`')
                {
                    builder.Append('`');
                }
                builder.Append(c);
            }
            return builder.ToString();
        }

        private static string Unescape(string pattern)
        {
            var builder = new StringBuilder(pattern.Length);
            for (int i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '`' && i + 1 < pattern.Length)
                {
                    i++;
                }
                builder.Append(pattern[i]);
            }
            return builder.ToString();
        }

        private static string ToRegex(string pattern)
        {
            var builder = new StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '`':
                        builder.Append(Regex.Escape(i + 1 < pattern.Length ? pattern[++i].ToString() : "`"));
                        break;
                    case '*':
                        builder.Append(".*");
                        break;
                    case '?':
                        builder.Append('.');
                        break;
                    case '[':
                        int close = pattern.IndexOf(']', i + 1);
                        if (close < 0)
                        {
                            // PowerShell treats an unclosed bracket as an error; matching it literally is kinder.
                            builder.Append(Regex.Escape("["));
                            break;
                        }
                        string set = pattern.Substring(i + 1, close - i - 1);
                        builder.Append('[').Append(set.Replace("\\", "\\\\").Replace("^", "\\^")).Append(']');
                        i = close;
                        break;
                    default:
                        builder.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }
            return builder.Append('$').ToString();
        }
    }
}
