using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CommerceConnector.Core.Errors;

namespace CommerceConnector.Core.Php
{
    internal enum TokenKind
    {
        InlineHtml,
        OpenTag,
        CloseTag,
        Whitespace,
        Comment,
        String,
        Number,
        Identifier,
        Variable,
        Punct,
    }

    /// <summary>A token of PHP source with its exact span, so that edits can leave every other byte alone.</summary>
    internal sealed class Token
    {
        public Token(TokenKind kind, int start, int end, int line, string text)
        {
            Kind = kind;
            Start = start;
            End = end;
            Line = line;
            Text = text;
        }

        public TokenKind Kind { get; }

        public int Start { get; }

        public int End { get; }

        public int Line { get; }

        /// <summary>The source text of the token.</summary>
        public string Text { get; }

        /// <summary>For string tokens: the value PHP reads, or null when it interpolates variables (dynamic).</summary>
        public string StringValue { get; set; }

        public bool IsTrivia => Kind == TokenKind.Whitespace || Kind == TokenKind.Comment;

        public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;

        public override string ToString() => $"{Kind} '{Text}' (line {Line})";
    }

    /// <summary>
    /// Tokenises the PHP that Magento's configuration files use: comments of all three kinds, single- and double-quoted
    /// strings, heredoc and nowdoc (including PHP 7.3's indented closing marker), numbers, names, variables and operators.
    /// </summary>
    internal sealed class PhpLexer
    {
        private static readonly string[] Operators =
        {
            "<<=", ">>=", "**=", "...", "<=>", "===", "!==", "??=", "?->",
            "=>", "->", "::", "==", "!=", "<>", "<=", ">=", "&&", "||", "??", "++", "--", "+=", "-=", "*=", "/=", ".=", "%=", "&=", "|=", "^=", "<<", ">>", "**",
        };

        private readonly string _text;
        private readonly string _path;
        private int _position;
        private int _line = 1;

        private PhpLexer(string text, string path)
        {
            _text = text;
            _path = path;
        }

        public static List<Token> Tokenize(string text, string path)
        {
            return new PhpLexer(text, path).Run();
        }

        private List<Token> Run()
        {
            var tokens = new List<Token>();
            bool inPhp = false;
            while (_position < _text.Length)
            {
                int start = _position, line = _line;
                if (!inPhp)
                {
                    int open = _text.IndexOf("<?php", _position, StringComparison.OrdinalIgnoreCase);
                    if (open < 0)
                    {
                        Advance(_text.Length - _position);
                        tokens.Add(new Token(TokenKind.InlineHtml, start, _position, line, _text.Substring(start)));
                        break;
                    }
                    if (open > _position)
                    {
                        Advance(open - _position);
                        tokens.Add(new Token(TokenKind.InlineHtml, start, _position, line, _text.Substring(start, _position - start)));
                        start = _position;
                        line = _line;
                    }
                    Advance(5);
                    tokens.Add(new Token(TokenKind.OpenTag, start, _position, line, "<?php"));
                    inPhp = true;
                    continue;
                }

                char c = _text[_position];
                if (char.IsWhiteSpace(c))
                {
                    while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
                    {
                        Advance(1);
                    }
                    tokens.Add(Make(TokenKind.Whitespace, start, line));
                }
                else if (c == '?' && Peek(1) == '>')
                {
                    Advance(2);
                    tokens.Add(Make(TokenKind.CloseTag, start, line));
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
                        Advance(1);
                    }
                    tokens.Add(Make(TokenKind.Comment, start, line));
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    int close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        throw Unsupported(line, "an unterminated /* comment");
                    }
                    Advance(close + 2 - _position);
                    tokens.Add(Make(TokenKind.Comment, start, line));
                }
                else if (c == '\'')
                {
                    tokens.Add(SingleQuoted(start, line));
                }
                else if (c == '"')
                {
                    tokens.Add(DoubleQuoted(start, line));
                }
                else if (c == '<' && Peek(1) == '<' && Peek(2) == '<')
                {
                    tokens.Add(Heredoc(start, line));
                }
                else if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1))))
                {
                    while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '.' || _text[_position] == '_' ||
                        ((_text[_position] == '+' || _text[_position] == '-') && (_text[_position - 1] == 'e' || _text[_position - 1] == 'E') && !_text.Substring(start, _position - start).StartsWith("0x", StringComparison.OrdinalIgnoreCase))))
                    {
                        Advance(1);
                    }
                    tokens.Add(Make(TokenKind.Number, start, line));
                }
                else if (c == '$' && IsNameStart(Peek(1)))
                {
                    Advance(1);
                    while (_position < _text.Length && IsNamePart(_text[_position]))
                    {
                        Advance(1);
                    }
                    tokens.Add(Make(TokenKind.Variable, start, line));
                }
                else if (IsNameStart(c) || (c == '\\' && IsNameStart(Peek(1))))
                {
                    while (_position < _text.Length && (IsNamePart(_text[_position]) || (_text[_position] == '\\' && IsNameStart(Peek(1)))))
                    {
                        Advance(1);
                    }
                    tokens.Add(Make(TokenKind.Identifier, start, line));
                }
                else
                {
                    string op = null;
                    foreach (string candidate in Operators)
                    {
                        if (string.CompareOrdinal(_text, _position, candidate, 0, candidate.Length) == 0)
                        {
                            op = candidate;
                            break;
                        }
                    }
                    Advance(op?.Length ?? 1);
                    tokens.Add(Make(TokenKind.Punct, start, line));
                }
            }
            return tokens;
        }

        private Token SingleQuoted(int start, int line)
        {
            var value = new StringBuilder();
            Advance(1);
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw Unsupported(line, "an unterminated single-quoted string");
                }
                char c = _text[_position];
                if (c == '\\' && (Peek(1) == '\'' || Peek(1) == '\\'))
                {
                    value.Append(Peek(1));
                    Advance(2);
                }
                else if (c == '\'')
                {
                    Advance(1);
                    break;
                }
                else
                {
                    value.Append(c);
                    Advance(1);
                }
            }
            var token = Make(TokenKind.String, start, line);
            token.StringValue = value.ToString();
            return token;
        }

        private Token DoubleQuoted(int start, int line)
        {
            Advance(1);
            int bodyStart = _position;
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw Unsupported(line, "an unterminated double-quoted string");
                }
                char c = _text[_position];
                if (c == '\\' && _position + 1 < _text.Length)
                {
                    Advance(2);
                }
                else if (c == '"')
                {
                    break;
                }
                else
                {
                    Advance(1);
                }
            }
            string body = _text.Substring(bodyStart, _position - bodyStart);
            Advance(1);
            var token = Make(TokenKind.String, start, line);
            token.StringValue = Unescape(body, '"');
            return token;
        }

        private Token Heredoc(int start, int line)
        {
            Advance(3);
            while (Peek(0) == ' ' || Peek(0) == '\t')
            {
                Advance(1);
            }
            char quote = Peek(0) == '\'' || Peek(0) == '"' ? Peek(0) : '\0';
            if (quote != '\0')
            {
                Advance(1);
            }
            int labelStart = _position;
            while (_position < _text.Length && IsNamePart(_text[_position]))
            {
                Advance(1);
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
                Advance(1);
            }
            if (Peek(0) == '\r')
            {
                Advance(1);
            }
            if (Peek(0) != '\n')
            {
                throw Unsupported(line, "a heredoc whose label is not followed by a line break");
            }
            Advance(1);

            // Find the closing line: optional indentation, the label, then a character that cannot continue a name.
            int bodyStart = _position;
            int lineStart = _position;
            while (true)
            {
                if (lineStart > _text.Length)
                {
                    throw Unsupported(line, $"a heredoc whose closing label {label} is missing");
                }
                int indentEnd = lineStart;
                while (indentEnd < _text.Length && (_text[indentEnd] == ' ' || _text[indentEnd] == '\t'))
                {
                    indentEnd++;
                }
                if (string.CompareOrdinal(_text, indentEnd, label, 0, label.Length) == 0 &&
                    (indentEnd + label.Length >= _text.Length || !IsNamePart(_text[indentEnd + label.Length])))
                {
                    string indent = _text.Substring(lineStart, indentEnd - lineStart);
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
                    string raw = bodyEnd > bodyStart ? _text.Substring(bodyStart, bodyEnd - bodyStart) : string.Empty;
                    Advance(indentEnd + label.Length - _position);
                    var token = Make(TokenKind.String, start, line);
                    string dedented = Dedent(raw, indent, line);
                    token.StringValue = quote == '\'' ? dedented : Unescape(dedented, '\0');
                    return token;
                }
                int next = _text.IndexOf('\n', lineStart);
                if (next < 0)
                {
                    throw Unsupported(line, $"a heredoc whose closing label {label} is missing");
                }
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

        /// <summary>PHP's double-quote escapes; null when the text interpolates a variable.</summary>
        private static string Unescape(string body, char quote)
        {
            var value = new StringBuilder(body.Length);
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                if (c == '$' && i + 1 < body.Length && (IsNameStart(body[i + 1]) || body[i + 1] == '{'))
                {
                    return null;
                }
                if (c == '{' && i + 1 < body.Length && body[i + 1] == '$')
                {
                    return null;
                }
                if (c != '\\' || i + 1 >= body.Length)
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
                    case 'x' when i + 1 < body.Length && IsHex(body[i + 1]):
                        {
                            int n = 1;
                            while (n < 2 && i + 1 + n < body.Length && IsHex(body[i + 1 + n]))
                            {
                                n++;
                            }
                            value.Append((char)int.Parse(body.Substring(i + 1, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            i += n;
                            break;
                        }
                    case 'u' when i + 1 < body.Length && body[i + 1] == '{':
                        {
                            int close = body.IndexOf('}', i + 2);
                            if (close < 0)
                            {
                                return null;
                            }
                            int code = int.Parse(body.Substring(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                            value.Append(char.ConvertFromUtf32(code));
                            i = close;
                            break;
                        }
                    default:
                        if (e >= '0' && e <= '7')
                        {
                            int n = 1;
                            while (n < 3 && i + n < body.Length && body[i + n] >= '0' && body[i + n] <= '7')
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

        private static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;

        private static bool IsNamePart(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

        private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

        private void Advance(int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (_text[_position] == '\n')
                {
                    _line++;
                }
                _position++;
            }
        }

        private Token Make(TokenKind kind, int start, int line) => new Token(kind, start, _position, line, _text.Substring(start, _position - start));

        private ConnectorException Unsupported(int line, string what) => PhpErrors.Unsupported(_path, line, $"it contains {what}");
    }

    internal static class PhpErrors
    {
        public static ConnectorException Unsupported(string path, int line, string why) =>
            new ConnectorException(ErrorIds.PhpSyntaxUnsupported, ConnectorErrorCategory.InvalidData, path,
                $"{(path ?? "The PHP file")} line {line}: {why}, which CommerceConnector does not edit safely. Nothing was changed. " +
                "Set the value with 'bin/magento config:set --lock-env' instead, or simplify that part of the file.");
    }
}
