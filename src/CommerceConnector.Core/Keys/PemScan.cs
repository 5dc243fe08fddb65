namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// The scans <see cref="PrivateKeyText"/> runs over key text: quotes, whitespace, base64 bodies, Proc-Type headers.
    /// No regex runs over the text: every scan is a single pass (a hostile 1 MiB input is answered at once).
    /// </summary>
    internal static class PemScan
    {
        private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        internal static string StripQuotes(string s)
        {
            // Index arithmetic, one substring at the end: a megabyte of quotes is one pass, not a copy per quote.
            int start = 0, end = s.Length;
            while (end - start >= 2)
            {
                char first = s[start], last = s[end - 1];
                bool quoteFirst = first == '"' || first == '\'' || first == '`';
                bool quoteLast = last == '"' || last == '\'' || last == '`';
                if (quoteFirst && quoteLast)
                {
                    start++;
                    end--;
                }
                else if (quoteFirst && (s[start + 1] == '-' || char.IsWhiteSpace(s[start + 1])))
                {
                    start++;
                }
                else if (quoteLast && (s[end - 2] == '-' || char.IsWhiteSpace(s[end - 2])))
                {
                    end--;
                }
                else
                {
                    break;
                }
                while (start < end && char.IsWhiteSpace(s[start]))
                {
                    start++;
                }
                while (end > start && char.IsWhiteSpace(s[end - 1]))
                {
                    end--;
                }
            }
            return s.Substring(start, end - start);
        }

        /// <summary>Base64 characters followed by at most two '=' (what PEM bodies are made of).</summary>
        internal static bool IsBase64Body(string compact)
        {
            int end = compact.Length;
            int padding = 0;
            while (end > 0 && compact[end - 1] == '=' && padding < 2)
            {
                end--;
                padding++;
            }
            for (int i = 0; i < end; i++)
            {
                if (Base64Alphabet.IndexOf(compact[i]) < 0)
                {
                    return false;
                }
            }
            return true;
        }

        internal static string WithoutWhitespace(string s)
        {
            var builder = new StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (!char.IsWhiteSpace(c))
                {
                    builder.Append(c);
                }
            }
            return builder.ToString();
        }

        /// <summary>Whether a PKCS#1 PEM header says "Proc-Type: 4,ENCRYPTED" (whitespace allowed after ':' and ',').</summary>
        internal static bool HasEncryptedProcType(string text)
        {
            const string name = "Proc-Type:";
            for (int at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                int i = SkipWhitespace(text, at + name.Length);
                if (i + 2 > text.Length || text[i] != '4' || text[i + 1] != ',')
                {
                    continue;
                }
                i = SkipWhitespace(text, i + 2);
                if (string.Compare(text, i, "ENCRYPTED", 0, 9, StringComparison.OrdinalIgnoreCase) == 0 && i + 9 <= text.Length)
                {
                    return true;
                }
            }
            return false;
        }

        internal static int SkipWhitespace(string text, int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            return i;
        }

        internal static string Pad(string base64) => base64.Length % 4 == 0 ? base64 : base64 + new string('=', 4 - base64.Length % 4);
    }
}
