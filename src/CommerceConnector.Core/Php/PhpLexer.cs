namespace CommerceConnector.Core.Php
{
    internal enum TokenKind
    {
        InlineHtml,
        OpenTag,
        CloseTag,
        String,
        Number,
        Identifier,
        Variable,
        Punct,
    }

    /// <summary>
    /// A token of PHP source: its kind and exact span, so that edits can leave every other byte alone. Whitespace and
    /// comments are not tokens (edits work on positions in the text). A value type without text of its own, so a 5 MB file
    /// costs one array, not millions of objects.
    /// </summary>
    internal readonly struct Token
    {
        public Token(TokenKind kind, int start, int end, int line, bool isDynamic = false) =>
            (Kind, Start, End, Line, IsDynamic) = (kind, start, end, line, isDynamic);

        public TokenKind Kind { get; }

        public int Start { get; }

        public int End { get; }

        public int Line { get; }

        /// <summary>For string tokens: PHP interpolates variables in it, so its value is known only at run time.</summary>
        public bool IsDynamic { get; }

        public int Length => End - Start;
    }

    /// <summary>
    /// Tokenises the PHP that Magento's configuration files use: comments of all three kinds, single- and double-quoted
    /// strings, heredoc and nowdoc (including PHP 7.3's indented closing marker), numbers, names, variables and operators.
    /// One pass, no backtracking; string values are decoded only when asked for (<see cref="StringValue"/>).
    /// </summary>
    internal sealed class PhpLexer
    {
        private static readonly string[] Operators =
        {
            "<<=", ">>=", "**=", "...", "<=>", "===", "!==", "??=", "?->",
            "=>", "->", "::", "==", "!=", "<>", "<=", ">=", "&&", "||", "??", "++", "--", "+=", "-=", "*=", "/=", ".=", "%=", "&=", "|=", "^=", "<<", ">>", "**",
        };

        private readonly string _text;
        private readonly string? _path;
        private int _position;
        private int _line = 1;

        private PhpLexer(string text, string? path) =>
            (_text, _path) = (text, path);

        public static List<Token> Tokenize(string text, string? path)
        {
            var tokens = new List<Token>(Math.Max(16, text.Length / 6));
            new PhpLexer(text, path).Run(tokens, inPhp: false, resync: null);
            return tokens;
        }

        /// <summary>
        /// The tokens of <paramref name="edited"/>, a copy of <paramref name="original"/> (tokenised as
        /// <paramref name="tokens"/>) with one span changed. Tokens before the change are kept; tokenising restarts just
        /// before it and stops at the first token that starts in the unchanged tail where an old token of the same kind
        /// and length started: from a token start the rest of the text alone decides the tokens, so the old ones follow,
        /// shifted. The result is what <see cref="Tokenize"/> gives, at the cost of the changed part.
        /// </summary>
        public static List<Token> Retokenize(string original, List<Token> tokens, string edited, string? path)
        {
            int prefix = 0;
            int shortest = Math.Min(original.Length, edited.Length);
            while (prefix < shortest && original[prefix] == edited[prefix])
            {
                prefix++;
            }
            int suffix = 0;
            while (suffix < shortest - prefix && original[original.Length - 1 - suffix] == edited[edited.Length - 1 - suffix])
            {
                suffix++;
            }
            int delta = edited.Length - original.Length;
            int tailStart = edited.Length - suffix;

            // Keep the tokens that end before the change, less one (it might run on into the changed text).
            int kept = 0;
            while (kept < tokens.Count && tokens[kept].End < prefix)
            {
                kept++;
            }
            kept = Math.Max(0, kept - 1);
            var result = new List<Token>(tokens.Count + 16);
            for (int i = 0; i < kept; i++)
            {
                result.Add(tokens[i]);
            }
            var lexer = new PhpLexer(edited, path);
            bool inPhp = false;
            if (kept > 0)
            {
                var last = tokens[kept - 1];
                lexer._position = last.End;
                lexer._line = last.Line;
                for (int i = last.Start; i < last.End; i++)
                {
                    if (original[i] == '\n')
                    {
                        lexer._line++;
                    }
                }
                inPhp = last.Kind != TokenKind.CloseTag && last.Kind != TokenKind.InlineHtml;
            }

            int resume = -1;
            int lineDelta = 0;
            int search = kept;
            lexer.Run(result, inPhp, token =>
            {
                if (token.Start < tailStart)
                {
                    return false;
                }
                int oldStart = token.Start - delta;
                while (search < tokens.Count && tokens[search].Start < oldStart)
                {
                    search++;
                }
                if (search < tokens.Count && tokens[search].Start == oldStart && tokens[search].Kind == token.Kind && tokens[search].Length == token.Length)
                {
                    resume = search;
                    lineDelta = token.Line - tokens[search].Line;
                    return true;
                }
                return false;
            });
            if (resume >= 0)
            {
                for (int i = resume + 1; i < tokens.Count; i++)
                {
                    var old = tokens[i];
                    result.Add(new Token(old.Kind, old.Start + delta, old.End + delta, old.Line + lineDelta, old.IsDynamic));
                }
            }
            return result;
        }

        /// <summary>The value PHP reads from a string token; null when it interpolates variables.</summary>
        public static string? StringValue(string text, Token token, string? path)
        {
            if (token.IsDynamic)
            {
                return null;
            }
            var lexer = new PhpLexer(text, path) { _position = token.Start, _line = token.Line };
            char c = text[token.Start];
            if (c == '\'')
            {
                return lexer.SingleQuoted(build: true);
            }
            if (c == '"')
            {
                int bodyStart = token.Start + 1;
                return Unescape(text, bodyStart, token.End - 1, '"', path, token.Line);
            }
            return lexer.Heredoc(build: true, out _);
        }

        /// <summary>Adds the tokens from the current position on; stops early when <paramref name="resync"/> says so for a new token.</summary>
        private void Run(List<Token> tokens, bool inPhp, Func<Token, bool>? resync)
        {
            int count = tokens.Count;
            while (_position < _text.Length)
            {
                if (resync != null && tokens.Count > count)
                {
                    count = tokens.Count;
                    if (resync(tokens[count - 1]))
                    {
                        return;
                    }
                }
                int start = _position, line = _line;
                if (!inPhp)
                {
                    int open = _text.IndexOf("<?php", _position, StringComparison.OrdinalIgnoreCase);
                    if (open < 0)
                    {
                        MoveTo(_text.Length);
                        tokens.Add(new Token(TokenKind.InlineHtml, start, _position, line));
                        break;
                    }
                    if (open > _position)
                    {
                        MoveTo(open);
                        tokens.Add(new Token(TokenKind.InlineHtml, start, _position, line));
                        start = _position;
                        line = _line;
                    }
                    MoveTo(_position + 5);
                    tokens.Add(new Token(TokenKind.OpenTag, start, _position, line));
                    inPhp = true;
                    continue;
                }

                char c = _text[_position];
                if (c == '\n')
                {
                    _line++;
                    _position++;
                }
                else if (c == ' ' || c == '\t' || c == '\r')
                {
                    // PHP's whitespace is space, tab, CR and LF only.
                    _position++;
                }
                else if (c == '?' && Peek(1) == '>')
                {
                    _position += 2;
                    tokens.Add(new Token(TokenKind.CloseTag, start, _position, line));
                    inPhp = false;
                }
                else if (c == '#' && Peek(1) == '[')
                {
                    throw Unsupported(line, "a PHP attribute (#[...])");
                }
                else if (c == '#' || (c == '/' && Peek(1) == '/'))
                {
                    // A line comment ends at the line end or before ?>.
                    while (_position < _text.Length && _text[_position] != '\n' && _text[_position] != '\r' && !(_text[_position] == '?' && Peek(1) == '>'))
                    {
                        _position++;
                    }
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    int close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        throw Unsupported(line, "an unterminated /* comment");
                    }
                    MoveTo(close + 2);
                }
                else if (c == '\'')
                {
                    SingleQuoted(build: false);
                    tokens.Add(new Token(TokenKind.String, start, _position, line));
                }
                else if (c == '"')
                {
                    bool dynamic = DoubleQuoted();
                    tokens.Add(new Token(TokenKind.String, start, _position, line, dynamic));
                }
                else if (c == '<' && Peek(1) == '<' && Peek(2) == '<')
                {
                    Heredoc(build: false, out bool dynamic);
                    tokens.Add(new Token(TokenKind.String, start, _position, line, dynamic));
                }
                else if (IsDigit(c) || (c == '.' && IsDigit(Peek(1))))
                {
                    bool hex = c == '0' && (Peek(1) == 'x' || Peek(1) == 'X');
                    _position++;
                    while (_position < _text.Length)
                    {
                        char d = _text[_position];
                        bool exponentSign = (d == '+' || d == '-') && !hex && (_text[_position - 1] == 'e' || _text[_position - 1] == 'E');
                        if (!(char.IsLetterOrDigit(d) || d == '.' || d == '_' || exponentSign))
                        {
                            break;
                        }
                        _position++;
                    }
                    tokens.Add(new Token(TokenKind.Number, start, _position, line));
                }
                else if (c == '$' && IsNameStart(Peek(1)))
                {
                    _position++;
                    while (_position < _text.Length && IsNamePart(_text[_position]))
                    {
                        _position++;
                    }
                    tokens.Add(new Token(TokenKind.Variable, start, _position, line));
                }
                else if (IsNameStart(c) || (c == '\\' && IsNameStart(Peek(1))))
                {
                    while (_position < _text.Length && (IsNamePart(_text[_position]) || (_text[_position] == '\\' && IsNameStart(Peek(1)))))
                    {
                        _position++;
                    }
                    tokens.Add(new Token(TokenKind.Identifier, start, _position, line));
                }
                else
                {
                    _position += OperatorLength(c);
                    tokens.Add(new Token(TokenKind.Punct, start, _position, line));
                }
            }
        }

        private int OperatorLength(char c)
        {
            // The brackets, commas and semicolons that make up most of a configuration file start no longer operator.
            if (c == '[' || c == ']' || c == '(' || c == ')' || c == ',' || c == ';')
            {
                return 1;
            }
            foreach (string candidate in Operators)
            {
                if (candidate[0] == c && string.CompareOrdinal(_text, _position, candidate, 0, candidate.Length) == 0)
                {
                    return candidate.Length;
                }
            }
            return 1;
        }

        private string? SingleQuoted(bool build)
        {
            var value = build ? new StringBuilder() : null;
            int line = _line;
            _position++;
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw Unsupported(line, "an unterminated single-quoted string");
                }
                char c = _text[_position];
                if (c == '\\' && (Peek(1) == '\'' || Peek(1) == '\\'))
                {
                    value?.Append(Peek(1));
                    _position += 2;
                }
                else if (c == '\'')
                {
                    _position++;
                    return value?.ToString();
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }
                    value?.Append(c);
                    _position++;
                }
            }
        }

        /// <summary>Skips a double-quoted string; true when it interpolates a variable.</summary>
        private bool DoubleQuoted()
        {
            int line = _line;
            _position++;
            bool dynamic = false;
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw Unsupported(line, "an unterminated double-quoted string");
                }
                char c = _text[_position];
                if (c == '\\' && _position + 1 < _text.Length)
                {
                    if (_text[_position + 1] == '\n')
                    {
                        _line++;
                    }
                    _position += 2;
                    continue;
                }
                if (c == '"')
                {
                    _position++;
                    return dynamic;
                }
                dynamic |= StartsInterpolation(_text, _position, _text.Length);
                if (c == '\n')
                {
                    _line++;
                }
                _position++;
            }
        }

        private static bool StartsInterpolation(string text, int i, int end) =>
            i + 1 < end && ((text[i] == '$' && (IsNameStart(text[i + 1]) || text[i + 1] == '{')) || (text[i] == '{' && text[i + 1] == '$'));

        private string? Heredoc(bool build, out bool dynamic)
        {
            int line = _line;
            _position += 3;
            while (Peek(0) == ' ' || Peek(0) == '\t')
            {
                _position++;
            }
            char quote = Peek(0) == '\'' || Peek(0) == '"' ? Peek(0) : '\0';
            if (quote != '\0')
            {
                _position++;
            }
            int labelStart = _position;
            while (_position < _text.Length && IsNamePart(_text[_position]))
            {
                _position++;
            }
            string label = _text.Substring(labelStart, _position - labelStart);
            if (label.Length == 0 || !IsNameStart(label[0]))
            {
                throw Unsupported(line, "a heredoc without a valid label");
            }
            if (quote != '\0')
            {
                if (Peek(0) != quote)
                {
                    throw Unsupported(line, "a heredoc label with an unmatched quote");
                }
                _position++;
            }
            if (Peek(0) == '\r')
            {
                _position++;
            }
            if (Peek(0) != '\n')
            {
                throw Unsupported(line, "a heredoc whose label is not followed by a line break");
            }
            _position++;
            _line++;

            // Find the closing line: optional indentation, the label, then a character that cannot continue a name.
            int bodyStart = _position;
            int lineStart = _position;
            while (true)
            {
                int indentEnd = lineStart;
                while (indentEnd < _text.Length && (_text[indentEnd] == ' ' || _text[indentEnd] == '\t'))
                {
                    indentEnd++;
                }
                if (string.CompareOrdinal(_text, indentEnd, label, 0, label.Length) == 0 && indentEnd + label.Length <= _text.Length &&
                    (indentEnd + label.Length == _text.Length || !IsNamePart(_text[indentEnd + label.Length])))
                {
                    // The body ends before the line break that precedes the closing line.
                    int bodyEnd = lineStart;
                    if (bodyEnd > bodyStart && _text[bodyEnd - 1] == '\n')
                    {
                        bodyEnd--;
                        if (bodyEnd > bodyStart && _text[bodyEnd - 1] == '\r')
                        {
                            bodyEnd--;
                        }
                    }
                    _position = indentEnd + label.Length;
                    dynamic = false;
                    if (quote != '\'')
                    {
                        for (int i = bodyStart; i < bodyEnd && !dynamic; i++)
                        {
                            if (_text[i] == '\\')
                            {
                                i++;
                                continue;
                            }
                            dynamic = StartsInterpolation(_text, i, bodyEnd);
                        }
                    }
                    if (!build || dynamic)
                    {
                        return null;
                    }
                    string raw = bodyEnd > bodyStart ? _text.Substring(bodyStart, bodyEnd - bodyStart) : string.Empty;
                    string dedented = Dedent(raw, _text.Substring(lineStart, indentEnd - lineStart), line);
                    return quote == '\'' ? dedented : Unescape(dedented, 0, dedented.Length, '\0', _path, line);
                }
                int next = _text.IndexOf('\n', lineStart);
                if (next < 0)
                {
                    throw Unsupported(line, $"a heredoc whose closing label {label} is missing");
                }
                _line++;
                lineStart = next + 1;
            }
        }

        private string Dedent(string raw, string indent, int line)
        {
            if (indent.Length == 0)
            {
                return raw;
            }
            var lines = raw.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string l = lines[i];
                if (l.Length == 0 || l == "\r")
                {
                    continue;
                }
                if (!l.StartsWith(indent, StringComparison.Ordinal))
                {
                    throw Unsupported(line, "a heredoc whose body is indented less than its closing label");
                }
                lines[i] = l.Substring(indent.Length);
            }
            return string.Join("\n", lines);
        }

        /// <summary>PHP's double-quote escapes over <c>body[from..to)</c>.</summary>
        private static string Unescape(string body, int from, int to, char quote, string? path, int line)
        {
            var value = new StringBuilder(to - from);
            for (int i = from; i < to; i++)
            {
                char c = body[i];
                if (c != '\\' || i + 1 >= to)
                {
                    value.Append(c);
                    continue;
                }
                char e = body[++i];
                switch (e)
                {
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    case 'r': value.Append('\r'); break;
                    case 'v': value.Append('\v'); break;
                    case 'e': value.Append('\u001b'); break;
                    case 'f': value.Append('\f'); break;
                    case '\\': value.Append('\\'); break;
                    case '$': value.Append('$'); break;
                    case '"' when quote == '"': value.Append('"'); break;
                    case 'x' when i + 1 < to && IsHex(body[i + 1]):
                        {
                            int n = 1;
                            while (n < 2 && i + 1 + n < to && IsHex(body[i + 1 + n]))
                            {
                                n++;
                            }
                            value.Append((char)int.Parse(body.Substring(i + 1, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            i += n;
                            break;
                        }
                    case 'u' when i + 1 < to && body[i + 1] == '{':
                        {
                            int close = body.IndexOf('}', i + 2, to - i - 2);
                            int length = close - i - 2;
                            // PHP refuses what is not 1 to 6 hex digits naming a Unicode scalar value.
                            if (close < 0 || length < 1 || length > 6 || !int.TryParse(body.Substring(i + 2, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code) ||
                                code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                            {
                                throw PhpErrors.Unsupported(path, line, "an invalid \\u{...} escape");
                            }
                            value.Append(char.ConvertFromUtf32(code));
                            i = close;
                            break;
                        }
                    default:
                        if (e >= '0' && e <= '7')
                        {
                            int n = 1;
                            while (n < 3 && i + n < to && body[i + n] >= '0' && body[i + n] <= '7')
                            {
                                n++;
                            }
                            value.Append((char)(Convert.ToInt32(body.Substring(i, n), 8) & 0xFF));
                            i += n - 1;
                        }
                        else
                        {
                            value.Append('\\').Append(e);
                        }
                        break;
                }
            }
            return value.ToString();
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;

        private static bool IsNamePart(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

        private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

        /// <summary>Moves to <paramref name="target"/>, counting the line breaks passed.</summary>
        private void MoveTo(int target)
        {
            for (; _position < target; _position++)
            {
                if (_text[_position] == '\n')
                {
                    _line++;
                }
            }
        }

        private ConnectorException Unsupported(int line, string what) => PhpErrors.Unsupported(_path, line, $"it contains {what}");
    }
}
