namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// A BEGIN or END line of PEM text as found in damaged copies: <c>-*[ \t]*WORD[ \t]+LABEL[ \t]*-*</c>, with any number
    /// of dashes and blanks. Found in one pass over the text (no backtracking), so a megabyte of dashes costs a megabyte
    /// of reading.
    /// </summary>
    internal sealed class PemMarker
    {
        private PemMarker(int index, int length, string label, bool isClean) =>
            (Index, Length, Label, IsClean) = (index, length, label, isClean);

        /// <summary>Where the marker starts, dashes included.</summary>
        public int Index { get; }

        public int Length { get; }

        /// <summary>The label with single spaces between its words, such as "PRIVATE KEY".</summary>
        public string Label { get; }

        /// <summary>Exactly <c>-----WORD LABEL-----</c>: five dashes each side, single spaces.</summary>
        public bool IsClean { get; }

        /// <summary>
        /// The first marker of <paramref name="word"/> at or after <paramref name="from"/> whose label is one of
        /// <paramref name="labels"/> (the first that fits, in their order), or null.
        /// </summary>
        public static PemMarker? Find(string text, string word, IReadOnlyList<string> labels, int from)
        {
            for (int at = text.IndexOf(word, from, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                int labelStart = SkipBlanks(text, at + word.Length);
                if (labelStart == at + word.Length)
                {
                    continue;
                }
                foreach (string label in labels)
                {
                    int labelEnd = MatchLabel(text, labelStart, label);
                    if (labelEnd < 0)
                    {
                        continue;
                    }
                    // Backwards from the word: blanks, then dashes (never before 'from').
                    int start = at;
                    while (start > from && IsBlank(text[start - 1]))
                    {
                        start--;
                    }
                    int dashesEnd = start;
                    while (start > from && text[start - 1] == '-')
                    {
                        start--;
                    }
                    int dashes = dashesEnd - start;
                    // Forwards from the label: blanks, then dashes.
                    int postStart = SkipBlanks(text, labelEnd);
                    int end = postStart;
                    while (end < text.Length && text[end] == '-')
                    {
                        end++;
                    }
                    string clean = "-----" + word + " " + label + "-----";
                    bool isClean = dashes == 5 && end - postStart == 5 && end - start == clean.Length && string.CompareOrdinal(text, start, clean, 0, clean.Length) == 0;
                    return new PemMarker(start, end - start, label, isClean);
                }
            }
            return null;
        }

        /// <summary>The end of <paramref name="label"/> at <paramref name="at"/> (its words separated by blanks), or -1.</summary>
        private static int MatchLabel(string text, int at, string label)
        {
            int i = at;
            string[] words = label.Split(' ');
            for (int w = 0; w < words.Length; w++)
            {
                if (w > 0)
                {
                    int next = SkipBlanks(text, i);
                    if (next == i)
                    {
                        return -1;
                    }
                    i = next;
                }
                if (string.CompareOrdinal(text, i, words[w], 0, words[w].Length) != 0 || i + words[w].Length > text.Length)
                {
                    return -1;
                }
                i += words[w].Length;
            }
            return i;
        }

        private static int SkipBlanks(string text, int i)
        {
            while (i < text.Length && IsBlank(text[i]))
            {
                i++;
            }
            return i;
        }

        private static bool IsBlank(char c) => c == ' ' || c == '\t';
    }
}
