using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Instances
{
    /// <summary>How plans show values: literals quoted, private keys as fingerprints, expressions without key text.</summary>
    internal static class ConfigValueDisplay
    {
        /// <summary>
        /// An expression as messages show it. At a private key's path an expression can hold key text itself (a
        /// concatenation of literals): then only that it does is shown.
        /// </summary>
        internal static string ShownExpression(string source, bool secret)
        {
            string oneLine = source.Replace("\r", " ").Replace('\n', ' ');
            return secret && MayHoldKeyText(source) ? "an expression that holds key text" : oneLine;
        }

        /// <summary>Whether <paramref name="text"/> has a PEM dash run or 24 base64 characters in a row (one pass).</summary>
        internal static bool MayHoldKeyText(string text)
        {
            int run = 0;
            foreach (char c in text)
            {
                bool base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
                run = base64 ? run + 1 : 0;
                if (run >= 24)
                {
                    return true;
                }
            }
            return text.Contains("-----");
        }

        internal static string? Display(string? value, bool secret)
        {
            if (value == null)
            {
                return null;
            }
            return secret ? "private key " + (ConfigurationReader.Fingerprint(value) ?? "(empty)") : "'" + value + "'";
        }


        /// <summary>A value as a restore lists it: literal, computed or a private key's fingerprint; null when absent.</summary>
        internal static string? Shown(PhpValue? value, bool secret)
        {
            if (value == null)
            {
                return null;
            }
            return value.Kind == PhpValueKind.Expression ? "computed " + ShownExpression(value.Source, secret)
                : value.Kind == PhpValueKind.Array ? "an array" : Display(value.Text ?? "null", secret);
        }
    }
}
