using System;
using System.Text.RegularExpressions;
using CommerceConnector.Core.Errors;

namespace CommerceConnector.Core.Text
{
    /// <summary>Checks and normalises the identifiers users type.</summary>
    public static class Validate
    {
        private static readonly Regex MageIdPattern = new Regex(@"^MAG[0-9]{1,18}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

        // RFC 5321/5322 in the form mail systems accept in practice: a dot-atom local part and a host name with a dot.
        private static readonly Regex EmailPattern = new Regex(
            @"^(?=.{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@" +
            @"(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>Returns the MageID in its canonical upper-case form, or throws <c>InvalidMageId</c>.</summary>
        public static string MageId(string value)
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
        public static string Email(string value, string role = "user")
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
        public static string Name(string value, string what, string errorId)
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
    }
}
