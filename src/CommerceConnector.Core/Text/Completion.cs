namespace CommerceConnector.Core.Text
{
    /// <summary>What tab completion offers: the candidates that match what was typed, quoted where PowerShell needs it.</summary>
    public static class Completion
    {
        /// <summary>
        /// Candidates matching <paramref name="wordToComplete"/> as a prefix (wildcards in it are honoured), sorted,
        /// each ready to insert: names with spaces or special characters come single-quoted.
        /// </summary>
        public static IReadOnlyList<string> Complete(IEnumerable<string> candidates, string wordToComplete) =>
            Complete(Names(candidates), wordToComplete).Select(c => c.Value).ToList();

        /// <summary>Names as candidates, sorted without regard to case: what a name parameter offers.</summary>
        public static IEnumerable<CompletionCandidate> Names(IEnumerable<string> names) =>
            names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).Select(n => new CompletionCandidate(n, n, n));

        /// <summary>
        /// Candidates whose value or label starts with <paramref name="wordToComplete"/> (wildcards honoured), in the
        /// order given (the order a person looks for them in, decided by the caller), each value ready to insert.
        /// </summary>
        public static IReadOnlyList<CompletionCandidate> Complete(IEnumerable<CompletionCandidate> candidates, string wordToComplete)
        {
            string word = Unquote(wordToComplete ?? string.Empty);
            var wildcard = new Wildcard(word.EndsWith("*", StringComparison.Ordinal) ? word : word + "*");
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return candidates
                .Where(c => !string.IsNullOrEmpty(c.Value) && (wildcard.IsMatch(c.Value) || (c.Label != null && wildcard.IsMatch(c.Label))))
                .Where(c => seen.Add(c.Value))
                .Select(c => new CompletionCandidate(Quote(c.Value), c.Label, c.ToolTip))
                .ToList();
        }

        /// <summary>Single-quotes a value when PowerShell would otherwise split or interpret it.</summary>
        public static string Quote(string value)
        {
            // '@' and '-' matter only at the start (splatting, a parameter name): an e-mail address goes in as it is.
            bool needsQuotes = value.Any(c => char.IsWhiteSpace(c) || "'\"`$&(){}[];,|<>#*?".IndexOf(c) >= 0) ||
                value.StartsWith("@", StringComparison.Ordinal) || value.StartsWith("-", StringComparison.Ordinal);
            if (!needsQuotes)
            {
                return value;
            }
            // Inside single quotes PowerShell expands nothing; a quote is written twice. Wildcard characters are
            // escaped so that a -Name parameter with wildcard support matches the name literally.
            string literal = Wildcard.ContainsWildcard(value) ? Wildcard.Escape(value) : value;
            return "'" + literal.Replace("'", "''") + "'";
        }

        private static string Unquote(string word)
        {
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
            {
                word = word.Substring(1);
                if (word.Length > 0 && (word[word.Length - 1] == '\'' || word[word.Length - 1] == '"'))
                {
                    word = word.Substring(0, word.Length - 1);
                }
            }
            return word.Replace("''", "'");
        }
    }
}
