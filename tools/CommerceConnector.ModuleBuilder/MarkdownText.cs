using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>Splits a page's prose into the paragraphs that become <c>maml:para</c> elements.</summary>
    public static class MarkdownText
    {
        private static readonly Regex FenceOpen = new Regex(@"^( {0,3})(`{3,}|~{3,})", RegexOptions.CultureInvariant);
        private static readonly Regex ListItem = new Regex(@"^\s*([-*+]|\d+[.)])\s+", RegexOptions.CultureInvariant);

        /// <summary>
        /// Paragraphs are separated by blank lines. The lines of a paragraph are joined by one space (markdown's soft
        /// line breaks); each list item ("- ", "* ", "1. ") starts a paragraph of its own; the rows of a table
        /// ("| ...") and the text of a fenced code block are kept line by line, exactly (the fence lines dropped).
        /// </summary>
        public static IReadOnlyList<string> Paragraphs(string text)
        {
            var result = new List<string>();
            if (string.IsNullOrEmpty(text))
            {
                return result;
            }
            string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var current = new List<string>();

            void Flush()
            {
                if (current.Count == 0)
                {
                    return;
                }
                bool table = current[0].TrimStart().StartsWith("|");
                result.Add(table
                    ? string.Join("\n", current.Select(l => l.Trim()))
                    : string.Join(" ", current.Select(l => l.Trim())));
                current.Clear();
            }

            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                Match fence = FenceOpen.Match(line);
                if (fence.Success)
                {
                    Flush();
                    string marker = fence.Groups[2].Value;
                    int indent = fence.Groups[1].Length;
                    var code = new List<string>();
                    int k = i + 1;
                    for (; k < lines.Length; k++)
                    {
                        string trimmed = lines[k].Trim();
                        if (trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]) && lines[k].Length - lines[k].TrimStart().Length <= 3)
                        {
                            break;
                        }
                        string content = lines[k];
                        int n = 0;
                        while (n < indent && n < content.Length && content[n] == ' ')
                        {
                            n++;
                        }
                        code.Add(content.Substring(n));
                    }
                    result.Add(string.Join("\n", code));
                    i = k;
                    continue;
                }
                if (line.Trim().Length == 0)
                {
                    Flush();
                    continue;
                }
                if (ListItem.IsMatch(line))
                {
                    Flush();
                }
                else if (current.Count > 0 && current[0].TrimStart().StartsWith("|") != line.TrimStart().StartsWith("|"))
                {
                    Flush();
                }
                current.Add(line);
            }
            Flush();
            return result;
        }

        /// <summary>
        /// The width of a prose line in the compiled help: Get-Help indents descriptions by 4 and parameter
        /// descriptions by 8 columns, so 72 keeps every line within an 80-column console.
        /// </summary>
        public const int HelpLineWidth = 72;

        /// <summary>
        /// Breaks a prose paragraph into lines of at most <paramref name="width"/> characters, between words only (a
        /// word longer than the width stands on a line of its own). Get-Help prints a paragraph's lines as they are and
        /// cuts a longer line at the console's edge, in the middle of a word. Tables and code (text with line breaks)
        /// are returned unchanged.
        /// </summary>
        public static string Wrap(string paragraph, int width = HelpLineWidth)
        {
            if (string.IsNullOrEmpty(paragraph) || paragraph.Length <= width || paragraph.IndexOf('\n') >= 0)
            {
                return paragraph;
            }
            var text = new StringBuilder(paragraph.Length + paragraph.Length / width);
            int lineStart = 0;
            foreach (string word in paragraph.Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                int lineLength = text.Length - lineStart;
                if (lineLength > 0 && lineLength + 1 + word.Length > width)
                {
                    text.Append('\n');
                    lineStart = text.Length;
                }
                else if (lineLength > 0)
                {
                    text.Append(' ');
                }
                text.Append(word);
            }
            return text.ToString();
        }
    }
}
