namespace CommerceConnector.Core.Text
{
    /// <summary>
    /// Turns a file's bytes into text and back without losing one: valid UTF-8 becomes its characters, every other byte
    /// b becomes the lone surrogate U+DC00+b (which valid UTF-8 can never produce), and encoding reverses both. So a
    /// Latin-1 comment or a password byte 0xE9 in env.php survives an edit elsewhere in the file exactly, while text the
    /// module writes is UTF-8.
    /// </summary>
    public static class LosslessText
    {
        private const char EscapeBase = '\uDC00';

        public static string Decode(byte[] bytes)
        {
            var chars = new char[bytes.Length];
            int count = 0;
            int i = 0;
            while (i < bytes.Length)
            {
                byte b = bytes[i];
                if (b < 0x80)
                {
                    chars[count++] = (char)b;
                    i++;
                    continue;
                }
                int length = SequenceLength(bytes, i, out int codePoint);
                if (length == 0)
                {
                    chars[count++] = (char)(EscapeBase + b);
                    i++;
                    continue;
                }
                if (codePoint >= 0x10000)
                {
                    codePoint -= 0x10000;
                    chars[count++] = (char)(0xD800 + (codePoint >> 10));
                    chars[count++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[count++] = (char)codePoint;
                }
                i += length;
            }
            return new string(chars, 0, count);
        }

        public static byte[] Encode(string text)
        {
            var bytes = new byte[Utf8Length(text)];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    bytes[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[n++] = (byte)(0xC0 | (c >> 6));
                    bytes[n++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    int codePoint = char.ConvertToUtf32(c, text[++i]);
                    bytes[n++] = (byte)(0xF0 | (codePoint >> 18));
                    bytes[n++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    bytes[n++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    bytes[n++] = (byte)(0x80 | (codePoint & 0x3F));
                }
                else if (c >= EscapeBase + 0x80 && c <= EscapeBase + 0xFF)
                {
                    bytes[n++] = (byte)(c - EscapeBase);
                }
                else
                {
                    // A lone surrogate that is no escaped byte cannot be UTF-8: it is written as U+FFFD.
                    char written = char.IsSurrogate(c) ? '\uFFFD' : c;
                    bytes[n++] = (byte)(0xE0 | (written >> 12));
                    bytes[n++] = (byte)(0x80 | ((written >> 6) & 0x3F));
                    bytes[n++] = (byte)(0x80 | (written & 0x3F));
                }
            }
            return bytes;
        }

        private static int Utf8Length(string text)
        {
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    length++;
                }
                else if (c < 0x800)
                {
                    length += 2;
                }
                else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    length += 4;
                    i++;
                }
                else
                {
                    length += c >= EscapeBase + 0x80 && c <= EscapeBase + 0xFF ? 1 : 3;
                }
            }
            return length;
        }

        /// <summary>The length of the well-formed UTF-8 sequence at <paramref name="i"/> (2 to 4), or 0.</summary>
        private static int SequenceLength(byte[] bytes, int i, out int codePoint)
        {
            byte b = bytes[i];
            int length, min;
            if (b >= 0xC2 && b <= 0xDF)
            {
                length = 2;
                min = 0x80;
                codePoint = b & 0x1F;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                length = 3;
                min = 0x800;
                codePoint = b & 0x0F;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                length = 4;
                min = 0x10000;
                codePoint = b & 0x07;
            }
            else
            {
                codePoint = 0;
                return 0;
            }
            if (i + length > bytes.Length)
            {
                return 0;
            }
            for (int k = 1; k < length; k++)
            {
                byte next = bytes[i + k];
                if ((next & 0xC0) != 0x80)
                {
                    return 0;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
            if (codePoint < min || (codePoint >= 0xD800 && codePoint <= 0xDFFF) || codePoint > 0x10FFFF)
            {
                return 0;
            }
            return length;
        }
    }
}
