namespace CommerceConnector.Core.Php
{
    /// <summary>PHP literals for values CommerceConnector writes.</summary>
    public static class PhpLiteral
    {
        /// <summary>
        /// A PHP string literal PHP reads back as exactly <paramref name="value"/>: single-quoted on one line, or
        /// double-quoted with escapes when it holds line breaks or control characters (a PEM key, for instance).
        /// </summary>
        public static string String(string value)
        {
            bool needsEscapes = value.Any(c => c < 0x20 || c == 0x7F);
            if (!needsEscapes)
            {
                return "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
            }
            var builder = new StringBuilder("\"");
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '"': builder.Append("\\\""); break;
                    case '$': builder.Append("\\$"); break;
                    default:
                        if (c < 0x20 || c == 0x7F)
                        {
                            builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }
                        break;
                }
            }
            return builder.Append('"').ToString();
        }
    }
}
