namespace CommerceConnector.Core.Php
{
    /// <summary>
    /// A Magento configuration file (<c>app/etc/env.php</c>, <c>app/etc/config.php</c>): <c>&lt;?php return [ ... ];</c>.
    /// Reads values by key path and edits them losslessly: every byte outside the changed entries stays as it was —
    /// comments, formatting, key order, heredocs, <c>array()</c> and <c>[]</c>, calls such as <c>getenv()</c>. Where the
    /// part to change uses syntax it cannot edit safely, it refuses and names the line.
    /// </summary>
    public sealed class PhpConfigFile
    {
        /// <summary>How deep arrays may nest. Magento's files nest about 8 deep; PHP itself cannot load 20,000.</summary>
        public const int MaxNesting = 512;

        private readonly ArrayNode _root;
        private readonly string _newline;
        private readonly string _indentUnit;

        private readonly List<Token> _tokens;

        private PhpConfigFile(string text, string? path, List<Token> tokens)
        {
            Text = text;
            Path = path;
            _tokens = tokens;
            var parser = new PhpParser(tokens, text, path);
            _root = parser.ParseReturnedArray();
            _newline = text.Contains("\r\n") ? "\r\n" : "\n";
            _indentUnit = DetectIndentUnit();
        }

        public string Text { get; }

        /// <summary>The file path, used in error messages.</summary>
        public string? Path { get; }

        public static PhpConfigFile Parse(string text, string? path = null) =>
            new PhpConfigFile(text ?? throw new ArgumentNullException(nameof(text)), path, PhpLexer.Tokenize(text, path));

        /// <summary>This file after an edit to <paramref name="edited"/>: only the changed part is tokenised again.</summary>
        private PhpConfigFile Edited(string edited) => new PhpConfigFile(edited, Path, PhpLexer.Retokenize(Text, _tokens, edited, Path));

        /// <summary>The value at <paramref name="keys"/>, or null when a key on the way is absent.</summary>
        public PhpValue? Get(IReadOnlyList<string> keys)
        {
            Node node = _root;
            foreach (string key in keys)
            {
                if (!(node is ArrayNode array))
                {
                    return null;
                }
                var entry = FindEntry(array, key, forEdit: false);
                if (entry == null)
                {
                    return null;
                }
                node = entry.Value;
            }
            return node.ToValue(Text);
        }

        /// <summary>The literal-keyed entries of the array at <paramref name="keys"/> (empty when it is absent or not an array).</summary>
        public IReadOnlyList<(string Key, PhpValue Value)> Entries(IReadOnlyList<string> keys)
        {
            Node node = _root;
            foreach (string key in keys)
            {
                var entry = node is ArrayNode array ? FindEntry(array, key, forEdit: false) : null;
                if (entry == null)
                {
                    return Array.Empty<(string, PhpValue)>();
                }
                node = entry.Value;
            }
            return node is ArrayNode found
                ? found.Entries.Where(e => e.Key?.KeyText != null).Select(e => (e.Key!.KeyText!, e.Value.ToValue(Text))).ToList() // keys filtered just before
                : (IReadOnlyList<(string, PhpValue)>)Array.Empty<(string, PhpValue)>();
        }

        /// <summary>
        /// Keys on the way to <paramref name="keys"/> that appear more than once in their array, with the lines of the
        /// first and the last (PHP keeps the last; the others are stale). Followed through the last of each.
        /// </summary>
        public IReadOnlyList<(string Key, int FirstLine, int LastLine)> DuplicateKeys(IReadOnlyList<string> keys)
        {
            var duplicates = new List<(string, int, int)>();
            Node node = _root;
            foreach (string key in keys)
            {
                if (!(node is ArrayNode array))
                {
                    break;
                }
                var matches = array.Entries.Where(e => e.Key?.KeyText == key).ToList();
                if (matches.Count == 0)
                {
                    break;
                }
                if (matches.Count > 1)
                {
                    duplicates.Add((key, matches[0].Line, matches[matches.Count - 1].Line));
                }
                node = matches[matches.Count - 1].Value;
            }
            return duplicates;
        }

        /// <summary>
        /// Returns the file with <paramref name="keys"/> set to the string <paramref name="value"/>; arrays on the way are
        /// created. A key that appears twice on the way is refused unless <paramref name="lastWins"/>, which edits the last
        /// one, the one PHP reads.
        /// </summary>
        public PhpConfigFile Set(IReadOnlyList<string> keys, string value, bool lastWins = false)
        {
            if (keys == null || keys.Count == 0)
            {
                throw new ArgumentException("A key path is required.", nameof(keys));
            }
            ArrayNode? array = _root;
            for (int i = 0; i < keys.Count; i++)
            {
                var entry = FindEntry(array, keys[i], forEdit: true, lastWins);
                bool last = i == keys.Count - 1;
                if (entry == null)
                {
                    string inserted = InsertEntry(array, keys.Skip(i).ToList(), value);
                    return Edited(inserted);
                }
                if (last)
                {
                    if (entry.Value is ArrayNode)
                    {
                        throw PhpErrors.Unsupported(Path, entry.Value.Line, $"'{keys[i]}' holds an array where a value is expected");
                    }
                    string literal = PhpLiteral.String(value);
                    return Edited(Text.Substring(0, entry.Value.Start) + literal + Text.Substring(entry.Value.End));
                }
                array = entry.Value as ArrayNode ?? throw PhpErrors.Unsupported(Path, entry.Value.Line,
                    $"'{keys[i]}' is set by an expression ({Shorten(entry.Value.Source(Text))}) rather than an array literal");
            }
            throw new InvalidOperationException("unreachable");
        }

        /// <summary>
        /// Returns the file without <paramref name="keys"/>. Arrays emptied by the removal are removed too, down to
        /// <paramref name="keepDepth"/> keys (so <c>system/default</c> can stay).
        /// </summary>
        public PhpConfigFile Remove(IReadOnlyList<string> keys, int keepDepth = 0, bool lastWins = false)
        {
            var chain = new List<(ArrayNode Array, Entry Entry)>();
            ArrayNode? array = _root;
            for (int i = 0; i < keys.Count; i++)
            {
                var entry = FindEntry(array, keys[i], forEdit: true, lastWins);
                if (entry == null)
                {
                    return this;
                }
                chain.Add((array, entry));
                if (i < keys.Count - 1)
                {
                    array = entry.Value as ArrayNode;
                    if (array == null)
                    {
                        return this;
                    }
                }
            }
            // Remove the highest entry whose array would be left with nothing but the removed chain.
            int level = chain.Count - 1;
            while (level > keepDepth && chain[level].Array.Entries.Count == 1)
            {
                level--;
            }
            var (owner, removed) = chain[level];
            return Edited(RemoveEntry(owner, removed));
        }

        private Entry? FindEntry(ArrayNode array, string key, bool forEdit, bool lastWins = false)
        {
            Entry? found = null;
            foreach (var entry in array.Entries)
            {
                if (entry.Key == null)
                {
                    if (forEdit && entry.IsSpread)
                    {
                        throw PhpErrors.Unsupported(Path, entry.Line, "an array spread (...) in the array to change");
                    }
                    continue;
                }
                string? literalKey = entry.Key.KeyText;
                if (literalKey == null)
                {
                    if (forEdit)
                    {
                        throw PhpErrors.Unsupported(Path, entry.Key.Line, $"a key given by an expression ({Shorten(entry.Key.Source(Text))}) in the array to change");
                    }
                    continue;
                }
                if (literalKey == key)
                {
                    if (found != null && forEdit && !lastWins)
                    {
                        throw PhpErrors.Unsupported(Path, entry.Line, $"the key '{key}' twice in one array (lines {found.Line} and {entry.Line})");
                    }
                    found = entry; // PHP keeps the last one
                }
            }
            return found;
        }

        private string InsertEntry(ArrayNode array, IReadOnlyList<string> keys, string value)
        {
            bool longSyntax = array.IsLongSyntax;
            string parentIndent = LineIndent(array.OwnerStart);
            if (array.Entries.Count == 0)
            {
                // [] or array( ) possibly with comments: open it up over several lines.
                string indent = parentIndent + _indentUnit;
                string body = _newline + indent + EntryText(keys, value, indent, longSyntax, trailingComma: true) + "," + _newline + parentIndent;
                string inside = Text.Substring(array.OpenEnd, array.CloseStart - array.OpenEnd);
                if (inside.Trim().Length > 0)
                {
                    // Keep comments that stood inside the empty array.
                    body = inside.TrimEnd() + body;
                }
                return Text.Substring(0, array.OpenEnd) + body + Text.Substring(array.CloseStart);
            }

            var last = array.Entries[array.Entries.Count - 1];
            bool multiLine = LineOf(last.Start) != LineOf(array.OpenEnd - 1);
            Span? lastComma = last.Comma;
            bool trailingComma = lastComma != null;
            if (!multiLine)
            {
                string inline = EntryInline(keys, value, longSyntax);
                return lastComma != null
                    ? Text.Substring(0, lastComma.End) + " " + inline + "," + Text.Substring(lastComma.End)
                    : Text.Substring(0, last.Value.End) + ", " + inline + Text.Substring(last.Value.End);
            }

            string entryIndent = LineIndent(last.Start);
            int afterLast = lastComma != null ? lastComma.End : last.Value.End;
            int lineEnd = EndOfLine(afterLast);
            if (trailingComma && lineEnd >= 0 && lineEnd <= array.CloseStart)
            {
                // The usual case: a new line after the last entry's line, in the file's own style.
                string appended = entryIndent + EntryText(keys, value, entryIndent, longSyntax, trailingComma: true) + ",";
                return Text.Substring(0, lineEnd) + appended + _newline + Text.Substring(lineEnd);
            }

            // Appending would change an existing line (a missing comma, a closing bracket on the same line), so the
            // new entry goes first, on a line of its own after the opening bracket's line; no existing byte changes.
            int openLineEnd = EndOfLine(array.OpenEnd);
            string afterOpen = openLineEnd < 0 ? string.Empty : Text.Substring(array.OpenEnd, openLineEnd - array.OpenEnd).Trim();
            bool openLineIsClean = openLineEnd >= 0 && openLineEnd <= array.Entries[0].Start &&
                (afterOpen.Length == 0 || afterOpen.StartsWith("//", StringComparison.Ordinal) || afterOpen.StartsWith("#", StringComparison.Ordinal));
            string firstIndent = LineIndent(array.Entries[0].Start);
            if (openLineIsClean)
            {
                string prepended = firstIndent + EntryText(keys, value, firstIndent, longSyntax, trailingComma) + ",";
                return Text.Substring(0, openLineEnd) + prepended + _newline + Text.Substring(openLineEnd);
            }

            // The opening bracket shares its line with the first entry: add after the last entry.
            string entry = entryIndent + EntryText(keys, value, entryIndent, longSyntax, trailingComma) + (trailingComma ? "," : string.Empty);
            string prefix = trailingComma ? string.Empty : ",";
            return Text.Substring(0, afterLast) + prefix + _newline + entry + Text.Substring(afterLast);
        }

        private string EntryText(IReadOnlyList<string> keys, string value, string indent, bool longSyntax, bool trailingComma)
        {
            var builder = new StringBuilder();
            builder.Append(PhpLiteral.String(keys[0])).Append(" => ");
            if (keys.Count == 1)
            {
                builder.Append(PhpLiteral.String(value));
                return builder.ToString();
            }
            string inner = indent + _indentUnit;
            builder.Append(longSyntax ? "array(" : "[").Append(_newline)
                .Append(inner).Append(EntryText(keys.Skip(1).ToList(), value, inner, longSyntax, trailingComma)).Append(trailingComma ? "," : string.Empty).Append(_newline)
                .Append(indent).Append(longSyntax ? ")" : "]");
            return builder.ToString();
        }

        private static string EntryInline(IReadOnlyList<string> keys, string value, bool longSyntax)
        {
            string text = PhpLiteral.String(value);
            for (int i = keys.Count - 1; i >= 1; i--)
            {
                text = (longSyntax ? "array(" : "[") + PhpLiteral.String(keys[i]) + " => " + text + (longSyntax ? ")" : "]");
            }
            return PhpLiteral.String(keys[0]) + " => " + text;
        }

        private string RemoveEntry(ArrayNode array, Entry entry)
        {
            int index = array.Entries.IndexOf(entry);
            int end = entry.Comma?.End ?? entry.Value.End;
            int lineStart = StartOfLine(entry.Start);
            bool ownsLine = Text.Substring(lineStart, entry.Start - lineStart).Trim().Length == 0;
            if (ownsLine)
            {
                int lineEnd = EndOfLine(end);
                string rest = lineEnd < 0 ? Text.Substring(end) : Text.Substring(end, lineEnd - end);
                bool restIsTrivia = rest.Trim().Length == 0 || rest.TrimStart().StartsWith("//", StringComparison.Ordinal) || rest.TrimStart().StartsWith("#", StringComparison.Ordinal);
                if (restIsTrivia && lineEnd >= 0 && lineEnd <= array.CloseStart)
                {
                    string removed = Text.Substring(0, lineStart) + Text.Substring(lineEnd);
                    if (entry.Comma == null && index > 0)
                    {
                        // It was the last entry without a trailing comma: the new last entry keeps no dangling comma.
                        var previous = array.Entries[index - 1];
                        // An entry followed by another always has its comma.
                        return removed.Substring(0, previous.Comma!.Start) + removed.Substring(previous.Comma.End);
                    }
                    return removed;
                }
            }
            if (entry.Comma != null)
            {
                int stop = end;
                while (stop < array.CloseStart && (Text[stop] == ' ' || Text[stop] == '\t'))
                {
                    stop++;
                }
                return Text.Substring(0, entry.Start) + Text.Substring(stop);
            }
            if (index > 0)
            {
                var previous = array.Entries[index - 1];
                // An entry followed by another always has its comma.
                return Text.Substring(0, previous.Comma!.Start) + Text.Substring(entry.Value.End);
            }
            return Text.Substring(0, entry.Start) + Text.Substring(entry.Value.End);
        }

        private string DetectIndentUnit()
        {
            if (_root.Entries.Count > 0)
            {
                string indent = LineIndent(_root.Entries[0].Start);
                if (indent.Length > 0 && LineOf(_root.Entries[0].Start) != LineOf(_root.OpenEnd - 1))
                {
                    return indent.StartsWith("\t", StringComparison.Ordinal) ? "\t" : indent;
                }
            }
            return "    ";
        }

        private string LineIndent(int position)
        {
            int start = StartOfLine(position);
            int end = start;
            while (end < Text.Length && (Text[end] == ' ' || Text[end] == '\t'))
            {
                end++;
            }
            return Text.Substring(start, end - start);
        }

        private int StartOfLine(int position)
        {
            int newline = position == 0 ? -1 : Text.LastIndexOf('\n', position - 1);
            return newline + 1;
        }

        /// <summary>The index just after the line break that ends the line holding <paramref name="position"/>, or -1.</summary>
        private int EndOfLine(int position)
        {
            int newline = Text.IndexOf('\n', position);
            return newline < 0 ? -1 : newline + 1;
        }

        private int LineOf(int position)
        {
            int line = 1;
            for (int i = 0; i < position && i < Text.Length; i++)
            {
                if (Text[i] == '\n')
                {
                    line++;
                }
            }
            return line;
        }

        private static string Shorten(string source) => source.Length <= 40 ? source : source.Substring(0, 37) + "...";
    }
}
