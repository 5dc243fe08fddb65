using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceConnector.Core.Text
{
    /// <summary>What tab completion offers: the candidates that match what was typed, quoted where PowerShell needs it.</summary>
    public static class Completion
    {
        /// <summary>
        /// Candidates matching <paramref name="wordToComplete"/> as a prefix (wildcards in it are honoured), sorted,
        /// each ready to insert: names with spaces or special characters come single-quoted.
        /// </summary>
        public static IReadOnlyList<string> Complete(IEnumerable<string> candidates, string wordToComplete)
        {
            string word = Unquote(wordToComplete ?? string.Empty);
            var wildcard = new Wildcard(word.EndsWith("*", StringComparison.Ordinal) ? word : word + "*");
            return candidates
                .Where(c => !string.IsNullOrEmpty(c) && wildcard.IsMatch(c))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
                .Select(Quote)
                .ToList();
        }

        /// <summary>Single-quotes a value when PowerShell would otherwise split or interpret it.</summary>
        public static string Quote(string value)
        {
            bool needsQuotes = value.Any(c => char.IsWhiteSpace(c) || "'\"`$&@(){}[];,|<>#*?".IndexOf(c) >= 0);
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
