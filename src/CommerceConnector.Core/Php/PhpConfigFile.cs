using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CommerceConnector.Core.Errors;

namespace CommerceConnector.Core.Php
{
    public enum PhpValueKind
    {
        String,
        Integer,
        Float,
        Boolean,
        Null,
        Array,

        /// <summary>An expression PHP evaluates at run time: a call such as getenv('X'), a constant, a concatenation.</summary>
        Expression,
    }

    /// <summary>A value found in a PHP configuration file, with where it stands.</summary>
    public sealed class PhpValue
    {
        internal PhpValue(PhpValueKind kind, string text, string source, int line)
        {
            Kind = kind;
            Text = text;
            Source = source;
            Line = line;
        }

        public PhpValueKind Kind { get; }

        /// <summary>The value as PHP reads it (strings, numbers, booleans as text); null for arrays, null and expressions.</summary>
        public string Text { get; }

        /// <summary>The source code of the value.</summary>
        public string Source { get; }

        public int Line { get; }
    }

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

        private PhpConfigFile(string text, string path, List<Token> tokens)
        {
            Text = text;
            Path = path;
            _tokens = tokens;
            var parser = new Parser(tokens, text, path);
            _root = parser.ParseReturnedArray();
            _newline = text.Contains("\r\n") ? "\r\n" : "\n";
            _indentUnit = DetectIndentUnit();
        }

        public string Text { get; }

        /// <summary>The file path, used in error messages.</summary>
        public string Path { get; }

        public static PhpConfigFile Parse(string text, string path = null) =>
            new PhpConfigFile(text ?? throw new ArgumentNullException(nameof(text)), path, PhpLexer.Tokenize(text, path));

        /// <summary>This file after an edit to <paramref name="edited"/>: only the changed part is tokenised again.</summary>
        private PhpConfigFile Edited(string edited) => new PhpConfigFile(edited, Path, PhpLexer.Retokenize(Text, _tokens, edited, Path));

        /// <summary>The value at <paramref name="keys"/>, or null when a key on the way is absent.</summary>
        public PhpValue Get(IReadOnlyList<string> keys)
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
                ? found.Entries.Where(e => e.Key?.KeyText != null).Select(e => (e.Key.KeyText, e.Value.ToValue(Text))).ToList()
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
            ArrayNode array = _root;
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
            ArrayNode array = _root;
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

        private Entry FindEntry(ArrayNode array, string key, bool forEdit, bool lastWins = false)
        {
            Entry found = null;
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
                string literalKey = entry.Key.KeyText;
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
            bool trailingComma = last.Comma != null;
            if (!multiLine)
            {
                string inline = EntryInline(keys, value, longSyntax);
                return trailingComma
                    ? Text.Substring(0, last.Comma.End) + " " + inline + "," + Text.Substring(last.Comma.End)
                    : Text.Substring(0, last.Value.End) + ", " + inline + Text.Substring(last.Value.End);
            }

            string entryIndent = LineIndent(last.Start);
            int afterLast = trailingComma ? last.Comma.End : last.Value.End;
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
                        return removed.Substring(0, previous.Comma.Start) + removed.Substring(previous.Comma.End);
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
                return Text.Substring(0, previous.Comma.Start) + Text.Substring(entry.Value.End);
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

        // ---- syntax tree -------------------------------------------------------------------------------------

        internal abstract class Node
        {
            public int Start { get; set; }

            public int End { get; set; }

            public int Line { get; set; }

            public string Source(string text) => text.Substring(Start, End - Start);

            public abstract PhpValue ToValue(string text);
        }

        internal sealed class ScalarNode : Node
        {
            private readonly string _source;
            private readonly Token _token;
            private readonly string _path;
            private string _value;
            private bool _decoded;

            public ScalarNode(PhpValueKind kind, string value)
            {
                Kind = kind;
                _value = value;
                _decoded = true;
            }

            /// <summary>A string literal, decoded when its value is first needed (most values of a file never are).</summary>
            public ScalarNode(string source, Token token, string path)
            {
                Kind = PhpValueKind.String;
                _source = source;
                _token = token;
                _path = path;
            }

            public PhpValueKind Kind { get; }

            public string Value
            {
                get
                {
                    if (!_decoded)
                    {
                        _value = PhpLexer.StringValue(_source, _token, _path);
                        _decoded = true;
                    }
                    return _value;
                }
            }

            /// <summary>The key PHP uses when this scalar is an array key (strings as they are, integers in canonical form).</summary>
            public string KeyText => Kind == PhpValueKind.String || Kind == PhpValueKind.Integer ? Value : null;

            public override PhpValue ToValue(string text) => new PhpValue(Kind, Value, Source(text), Line);
        }

        internal sealed class ExpressionNode : Node
        {
            public string KeyText => null;

            public override PhpValue ToValue(string text) => new PhpValue(PhpValueKind.Expression, null, Source(text), Line);
        }

        internal sealed class ArrayNode : Node
        {
            public bool IsLongSyntax { get; set; }

            /// <summary>Where the entry that holds this array starts (the array itself for the root).</summary>
            public int OwnerStart { get; set; }

            /// <summary>Just after '[' or 'array('.</summary>
            public int OpenEnd { get; set; }

            /// <summary>The position of ']' or ')'.</summary>
            public int CloseStart { get; set; }

            /// <summary>The entries, parsed when first asked for: a command reads a handful of a file's arrays, not all.</summary>
            public List<Entry> Entries => _entries ?? (_entries = Parser.ParseEntries(this));

            /// <summary>The parser that found the array, and the token positions of its first entry and closing bracket.</summary>
            internal Parser Parser { private get; set; }

            internal int BodyIndex { get; set; }

            internal int CloseIndex { get; set; }

            private List<Entry> _entries;

            public override PhpValue ToValue(string text) => new PhpValue(PhpValueKind.Array, null, Source(text), Line);
        }

        internal sealed class Entry
        {
            public KeyNode Key { get; set; }

            public Node Value { get; set; }

            public bool IsSpread { get; set; }

            public Span Comma { get; set; }

            public int Start { get; set; }

            public int Line { get; set; }
        }

        /// <summary>Where a token stood, for the commas an edit must keep or remove.</summary>
        internal sealed class Span
        {
            public Span(int start, int end)
            {
                Start = start;
                End = end;
            }

            public int Start { get; }

            public int End { get; }
        }

        internal sealed class KeyNode
        {
            public Node Node { get; set; }

            public int Line => Node.Line;

            public string KeyText => (Node as ScalarNode)?.KeyText;

            public string Source(string text) => Node.Source(text);
        }

        // ---- parser ------------------------------------------------------------------------------------------

        internal sealed class Parser
        {
            private readonly List<Token> _tokens;
            private readonly string _text;
            private readonly string _path;
            private int _index;

            private readonly int[] _match;

            public Parser(List<Token> tokens, string text, string path)
            {
                _tokens = tokens;
                _text = text;
                _path = path;
                _match = MatchBrackets();
            }

            /// <summary>
            /// Pairs every bracket with its partner in one pass with an explicit stack (never recursion, whose depth the
            /// file would control): unbalanced brackets and nesting deeper than <see cref="MaxNesting"/> are refused here.
            /// </summary>
            private int[] MatchBrackets()
            {
                var match = new int[_tokens.Count];
                var open = new Stack<int>();
                for (int i = 0; i < _tokens.Count; i++)
                {
                    var token = _tokens[i];
                    if (token.Kind != TokenKind.Punct || token.Length != 1)
                    {
                        continue;
                    }
                    char c = _text[token.Start];
                    if (c == '[' || c == '(' || c == '{')
                    {
                        if (open.Count == MaxNesting)
                        {
                            throw new ConnectorException(ErrorIds.PhpNestingTooDeep, ConnectorErrorCategory.InvalidData, _path,
                                $"{(_path ?? "The PHP file")} line {token.Line}: arrays or expressions are nested more than {MaxNesting} deep, which no Magento configuration needs (PHP itself cannot load such a file). " +
                                "Nothing was changed. Check that the file is the one Magento wrote; restore it from a backup (env.php.cc-backup-*) if it is not.");
                        }
                        open.Push(i);
                    }
                    else if (c == ']' || c == ')' || c == '}')
                    {
                        char expected = c == ']' ? '[' : c == ')' ? '(' : '{';
                        if (open.Count == 0 || _text[_tokens[open.Peek()].Start] != expected)
                        {
                            throw PhpErrors.Unsupported(_path, token.Line, $"it contains a '{c}' that closes nothing");
                        }
                        int partner = open.Pop();
                        match[partner] = i;
                        match[i] = partner;
                    }
                }
                if (open.Count > 0)
                {
                    var unclosed = _tokens[open.Peek()];
                    throw PhpErrors.Unsupported(_path, unclosed.Line, $"it contains a '{_text[unclosed.Start]}' that is never closed");
                }
                return match;
            }

            public ArrayNode ParseReturnedArray()
            {
                // A UTF-8 byte order mark before <?php is kept as it is (PHP prints it; the file is still read).
                int open = _tokens.Count > 0 && _tokens[0].Kind == TokenKind.InlineHtml && TextOf(_tokens[0]) == "\uFEFF" ? 1 : 0;
                if (_tokens.Count <= open || _tokens[open].Kind != TokenKind.OpenTag)
                {
                    throw PhpErrors.Unsupported(_path, 1, "it does not start with <?php");
                }
                _index = open + 1;
                // Skip statements before the return (declare, use, variable assignments) at bracket depth 0.
                int depth = 0;
                while (_index < _tokens.Count)
                {
                    var token = _tokens[_index];
                    if (depth == 0 && token.Kind == TokenKind.Identifier && string.Equals(TextOf(token), "return", StringComparison.OrdinalIgnoreCase))
                    {
                        _index++;
                        var value = ParseExpression(stopAtArrow: false);
                        if (!(value is ArrayNode array))
                        {
                            throw PhpErrors.Unsupported(_path, value.Line, "the file returns an expression rather than an array literal");
                        }
                        array.OwnerStart = array.Start;
                        if (_index < _tokens.Count && !Is(_tokens[_index], ';') && _tokens[_index].Kind != TokenKind.CloseTag)
                        {
                            throw PhpErrors.Unsupported(_path, _tokens[_index].Line, "the returned array is followed by more code");
                        }
                        return array;
                    }
                    depth += Delta(token);
                    _index++;
                }
                throw PhpErrors.Unsupported(_path, _tokens.Count == 0 ? 1 : _tokens[_tokens.Count - 1].Line, "no 'return [...]' was found");
            }

            private string TextOf(Token token) => _text.Substring(token.Start, token.Length);

            private bool Is(Token token, string punct) =>
                token.Kind == TokenKind.Punct && token.Length == punct.Length && string.CompareOrdinal(_text, token.Start, punct, 0, punct.Length) == 0;

            private bool Is(Token token, char punct) => token.Kind == TokenKind.Punct && token.Length == 1 && _text[token.Start] == punct;

            private int Delta(Token token)
            {
                if (token.Kind != TokenKind.Punct || token.Length != 1)
                {
                    return 0;
                }
                switch (_text[token.Start])
                {
                    case '(':
                    case '[':
                    case '{':
                        return 1;
                    case ')':
                    case ']':
                    case '}':
                        return -1;
                    default:
                        return 0;
                }
            }

            private bool HasCurrent => _index < _tokens.Count;

            private Token Current => _tokens[_index];

            private int LastLine => _tokens[_tokens.Count - 1].Line;

            private Node ParseExpression(bool stopAtArrow)
            {
                if (!HasCurrent)
                {
                    throw PhpErrors.Unsupported(_path, LastLine, "the file ends in the middle of an expression");
                }
                var first = Current;
                int start = _index;
                Node single;
                if (Is(first, '['))
                {
                    single = ParseArray(longSyntax: false);
                }
                else if (first.Kind == TokenKind.Identifier && first.Length == 5 && string.Equals(TextOf(first), "array", StringComparison.OrdinalIgnoreCase) &&
                    _index + 1 < _tokens.Count && Is(_tokens[_index + 1], '('))
                {
                    single = ParseArray(longSyntax: true);
                }
                else
                {
                    single = ParseScalar();
                }
                if (single != null && IsStop(stopAtArrow))
                {
                    return single;
                }
                // Anything else is an expression PHP evaluates: keep it as opaque source. What was parsed is balanced, so
                // the scan goes on from here rather than again from the start.
                if (single == null)
                {
                    _index = start;
                }
                int depth = 0;
                while (HasCurrent && !(depth == 0 && IsStop(stopAtArrow)))
                {
                    depth += Delta(Current);
                    if (depth < 0)
                    {
                        break;
                    }
                    _index++;
                }
                if (_index == start)
                {
                    throw PhpErrors.Unsupported(_path, first.Line, $"an unexpected '{TextOf(first)}'");
                }
                return new ExpressionNode { Start = _tokens[start].Start, End = _tokens[_index - 1].End, Line = _tokens[start].Line };
            }

            private bool IsStop(bool stopAtArrow)
            {
                if (!HasCurrent)
                {
                    return true;
                }
                var token = Current;
                if (token.Kind == TokenKind.CloseTag)
                {
                    return true;
                }
                if (token.Kind != TokenKind.Punct)
                {
                    return false;
                }
                if (token.Length == 1)
                {
                    char c = _text[token.Start];
                    return c == ',' || c == ']' || c == ')' || c == ';';
                }
                return stopAtArrow && Is(token, "=>");
            }

            private ScalarNode ParseScalar()
            {
                var token = Current;
                bool negative = false;
                if (Is(token, '-') && _index + 1 < _tokens.Count && _tokens[_index + 1].Kind == TokenKind.Number)
                {
                    negative = true;
                    _index++;
                    token = Current;
                }
                ScalarNode node = null;
                if (token.Kind == TokenKind.String && !token.IsDynamic)
                {
                    node = new ScalarNode(_text, token, _path);
                }
                else if (token.Kind == TokenKind.Number)
                {
                    node = Number(TextOf(token), negative);
                }
                else if (token.Kind == TokenKind.Identifier && !negative && token.Length <= 5)
                {
                    switch (TextOf(token).ToLowerInvariant())
                    {
                        case "true": node = new ScalarNode(PhpValueKind.Boolean, "true"); break;
                        case "false": node = new ScalarNode(PhpValueKind.Boolean, "false"); break;
                        case "null": node = new ScalarNode(PhpValueKind.Null, null); break;
                    }
                }
                if (node == null)
                {
                    if (negative)
                    {
                        _index--;
                    }
                    return null;
                }
                var first = negative ? _tokens[_index - 1] : token;
                node.Start = first.Start;
                node.End = token.End;
                node.Line = first.Line;
                _index++;
                return node;
            }

            private static ScalarNode Number(string text, bool negative)
            {
                if (text.Length <= 18 && (text.Length == 1 || text[0] != '0') && IsAsciiDigits(text))
                {
                    // The usual case, already in canonical form.
                    return new ScalarNode(PhpValueKind.Integer, negative ? "-" + text : text);
                }
                string clean = text.Replace("_", string.Empty);
                string sign = negative ? "-" : string.Empty;
                if (clean.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(clean.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long hex))
                {
                    return new ScalarNode(PhpValueKind.Integer, sign + hex.ToString(CultureInfo.InvariantCulture));
                }
                if (clean.All(char.IsDigit) && long.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out long integer) && !(clean.Length > 1 && clean[0] == '0'))
                {
                    return new ScalarNode(PhpValueKind.Integer, sign + integer.ToString(CultureInfo.InvariantCulture));
                }
                if (double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && clean.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0)
                {
                    return new ScalarNode(PhpValueKind.Float, sign + real.ToString("R", CultureInfo.InvariantCulture));
                }
                return null; // octal, binary and other forms stay expressions
            }

            private static bool IsAsciiDigits(string text)
            {
                foreach (char c in text)
                {
                    if (c < '0' || c > '9')
                    {
                        return false;
                    }
                }
                return true;
            }

            /// <summary>An array literal at the current token; its entries are parsed later, when asked for.</summary>
            private ArrayNode ParseArray(bool longSyntax)
            {
                var open = Current;
                int bracket = longSyntax ? _index + 1 : _index;
                int close = _match[bracket];
                var array = new ArrayNode
                {
                    Start = open.Start,
                    Line = open.Line,
                    IsLongSyntax = longSyntax,
                    OpenEnd = _tokens[bracket].End,
                    CloseStart = _tokens[close].Start,
                    End = _tokens[close].End,
                    Parser = this,
                    BodyIndex = bracket + 1,
                    CloseIndex = close,
                };
                _index = close + 1;
                return array;
            }

            /// <summary>The entries of <paramref name="array"/>: keys, values (nested arrays again unparsed) and commas.</summary>
            internal List<Entry> ParseEntries(ArrayNode array)
            {
                var entries = new List<Entry>();
                char close = array.IsLongSyntax ? ')' : ']';
                _index = array.BodyIndex;
                while (_index < array.CloseIndex)
                {
                    var token = Current;
                    var entry = new Entry { Start = token.Start, Line = token.Line };
                    if (Is(token, "..."))
                    {
                        entry.IsSpread = true;
                        _index++;
                        entry.Value = ParseExpression(stopAtArrow: false);
                    }
                    else
                    {
                        var first = ParseExpression(stopAtArrow: true);
                        if (HasCurrent && Is(Current, "=>"))
                        {
                            _index++;
                            entry.Key = new KeyNode { Node = first };
                            entry.Value = ParseExpression(stopAtArrow: false);
                        }
                        else
                        {
                            entry.Value = first;
                        }
                    }
                    if (entry.Value is ArrayNode nested)
                    {
                        nested.OwnerStart = entry.Start;
                    }
                    entries.Add(entry);
                    if (_index < array.CloseIndex && Is(Current, ','))
                    {
                        entry.Comma = new Span(Current.Start, Current.End);
                        _index++;
                    }
                    else if (_index != array.CloseIndex)
                    {
                        string found = HasCurrent ? TextOf(Current) : string.Empty;
                        throw PhpErrors.Unsupported(_path, HasCurrent ? Current.Line : array.Line, $"'{(found.Length > 40 ? found.Substring(0, 37) + "..." : found)}' where ',' or '{close}' was expected");
                    }
                }
                return entries;
            }
        }
    }

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
