using System.Text.RegularExpressions;

namespace CommerceConnector.Core.Text
{
    /// <summary>Checks and normalises the identifiers users type.</summary>
    public static class Validate
    {
        private static readonly Regex ApiKeyPattern = new Regex(@"^[A-Za-z0-9._~+/=:-]{8,256}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        private static readonly Regex RecordIdPattern = new Regex(@"^[A-Za-z0-9._~:@-]{1,128}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        private const string Quotes = "'\"`\u2018\u2019\u201C\u201D";

        private static readonly Regex MageIdPattern = new Regex(@"^MAG[0-9]{1,18}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

        // RFC 5321/5322 in the form mail systems accept in practice: a dot-atom local part and a host name with a dot.
        private static readonly Regex EmailPattern = new Regex(
            @"^(?=.{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@" +
            @"(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>Returns the MageID in its canonical upper-case form, or throws <c>InvalidMageId</c>.</summary>
        public static string MageId(string? value)
        {
            string trimmed = value?.Trim() ?? string.Empty;
            if (!MageIdPattern.IsMatch(trimmed))
            {
                throw new ConnectorException(ErrorIds.InvalidMageId, ConnectorErrorCategory.InvalidArgument, value,
                    $"'{value}' is not a MageID. A MageID is 'MAG' followed by digits, e.g. MAG123456789; it is shown in your Commerce account.");
            }
            return trimmed.ToUpperInvariant();
        }

        /// <summary>Returns the trimmed e-mail address, or throws <c>InvalidEmailAddress</c>.</summary>
        public static string Email(string? value, string role = "user")
        {
            string trimmed = value?.Trim() ?? string.Empty;
            if (!EmailPattern.IsMatch(trimmed))
            {
                throw new ConnectorException(ErrorIds.InvalidEmailAddress, ConnectorErrorCategory.InvalidArgument, value,
                    $"'{value}' is not a valid e-mail address for the {role}. Give an address such as admin@example.com.");
            }
            return trimmed;
        }

        /// <summary>
        /// A display name: trimmed, 1 to 255 characters, no control characters. <paramref name="errorId"/> names the error.
        /// </summary>
        public static string Name(string? value, string what, string errorId)
        {
            string trimmed = value?.Trim() ?? string.Empty;
            if (trimmed.Length == 0)
            {
                throw new ConnectorException(errorId, ConnectorErrorCategory.InvalidArgument, value,
                    $"The {what} name is empty. Give a name with at least one visible character.");
            }
            if (trimmed.Length > 255)
            {
                throw new ConnectorException(errorId, ConnectorErrorCategory.InvalidArgument, value,
                    $"The {what} name has {trimmed.Length} characters; at most 255 are allowed.");
            }
            foreach (char c in trimmed)
            {
                if (char.IsControl(c))
                {
                    throw new ConnectorException(errorId, ConnectorErrorCategory.InvalidArgument, value,
                        $"The {what} name contains a control character (U+{(int)c:X4}). Use printable characters only.");
                }
            }
            return trimmed;
        }

        /// <summary>
        /// An API key as the portal shows it, returned byte-exact: never trimmed or re-cased, because Commerce compares it
        /// exactly. Whitespace or quotes in it (a copy-paste or CSV accident) are <c>ApiKeyHasWhitespaceOrQuotes</c>;
        /// anything else that is not 8 to 256 letters, digits or <c>. _ ~ + / = : -</c> is <c>InvalidApiKey</c>.
        /// </summary>
        public static string ApiKey(string? value)
        {
            if (value == null || value.Length == 0)
            {
                throw new ConnectorException(ErrorIds.InvalidApiKey, ConnectorErrorCategory.InvalidArgument, value,
                    "The API key is empty. Copy the API key from the Commerce API portal (Commerce account, API Portal) and give it with -ApiKey.");
            }
            foreach (char c in value)
            {
                if (char.IsWhiteSpace(c) || Quotes.IndexOf(c) >= 0)
                {
                    throw new ConnectorException(ErrorIds.ApiKeyHasWhitespaceOrQuotes, ConnectorErrorCategory.InvalidArgument, value,
                        "The API key contains whitespace or quotes, which no API key has: they come from copying or from a CSV file. " +
                        "Give the key exactly as the portal shows it, without spaces, line breaks or quotes.");
                }
            }
            if (!ApiKeyPattern.IsMatch(value))
            {
                throw new ConnectorException(ErrorIds.InvalidApiKey, ConnectorErrorCategory.InvalidArgument, value,
                    $"'{value}' is not an API key: an API key is 8 to 256 letters, digits or . _ ~ + / = : - (the portal shows 32 hexadecimal characters). " +
                    "Copy it again from the Commerce API portal.");
            }
            return value;
        }

        /// <summary>
        /// A project or data space id that exists in Adobe's registry, returned byte-exact: 1 to 128 letters, digits or
        /// <c>. _ ~ : @ -</c>, no whitespace or quotes. <paramref name="errorId"/> names the error.
        /// </summary>
        public static string RecordId(string? value, string what, string errorId)
        {
            if (value == null || value.Length == 0 || !RecordIdPattern.IsMatch(value))
            {
                throw new ConnectorException(errorId, ConnectorErrorCategory.InvalidArgument, value,
                    $"'{value}' is not a {what} id: give it exactly as the Admin or 'bin/magento saas:list:projects' shows it " +
                    "(1 to 128 letters, digits or . _ ~ : @ -, without spaces or quotes).");
            }
            return value;
        }
    }
}
