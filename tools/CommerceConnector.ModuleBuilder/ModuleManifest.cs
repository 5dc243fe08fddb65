using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>
    /// Reads a module manifest (.psd1) without PowerShell: a hashtable of strings, bare words (numbers, $true),
    /// arrays (@(...) or comma lists) and nested hashtables, with # and &lt;# #&gt; comments and here-strings.
    /// Values are string, IReadOnlyList&lt;object&gt; or IReadOnlyDictionary&lt;string, object&gt;.
    /// </summary>
    public sealed class ModuleManifest
    {
        private ModuleManifest(string path, IReadOnlyDictionary<string, object> values)
        {
            Path = path;
            Values = values;
        }

        /// <summary>The manifest's file, or null when parsed from text.</summary>
        public string Path { get; }

        /// <summary>The module's name: the manifest's file name without .psd1.</summary>
        public string ModuleName => Path == null ? null : System.IO.Path.GetFileNameWithoutExtension(Path);

        /// <summary>The top-level keys (case-insensitive) and their values.</summary>
        public IReadOnlyDictionary<string, object> Values { get; }

        public string RootModule => GetString("RootModule");

        public string ModuleVersion => GetString("ModuleVersion");

        public IReadOnlyList<string> CmdletsToExport => GetStringList("CmdletsToExport");

        public IReadOnlyList<string> FormatsToProcess => GetStringList("FormatsToProcess");

        /// <summary>The key's value as one string; null when the key is missing; an error when it is a list or table.</summary>
        public string GetString(string key)
        {
            if (!Values.TryGetValue(key, out object value))
            {
                return null;
            }
            if (value is string s)
            {
                return s;
            }
            throw new LayoutException($"{Path ?? "<manifest>"}: '{key}' must be a single string.");
        }

        /// <summary>The key's value as a list of strings (a single string is a list of one); empty when the key is missing.</summary>
        public IReadOnlyList<string> GetStringList(string key)
        {
            if (!Values.TryGetValue(key, out object value))
            {
                return Array.Empty<string>();
            }
            if (value is string s)
            {
                return new[] { s };
            }
            if (value is IReadOnlyList<object> list && list.All(x => x is string))
            {
                return list.Cast<string>().ToList();
            }
            throw new LayoutException($"{Path ?? "<manifest>"}: '{key}' must be a string or a list of strings.");
        }

        public static ModuleManifest Load(string path)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                throw new LayoutException($"The module manifest {fullPath} does not exist.");
            }
            return Parse(File.ReadAllText(fullPath), fullPath);
        }

        public static ModuleManifest Parse(string text, string path = null)
        {
            var reader = new Reader(text, path);
            return new ModuleManifest(path, reader.ReadManifest());
        }

        private sealed class Reader
        {
            private readonly string _text;
            private readonly string _path;
            private int _pos;
            private int _line = 1;
            private Token _peeked;

            private enum TokenType
            {
                End,
                String,
                Word,
                Punctuation,
            }

            private sealed class Token
            {
                public TokenType Type;
                public string Text;
                public int Line;
            }

            public Reader(string text, string path)
            {
                _text = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
                _path = path;
            }

            public IReadOnlyDictionary<string, object> ReadManifest()
            {
                Expect("@{");
                IReadOnlyDictionary<string, object> values = ReadHashtable();
                Token end = Next();
                if (end.Type != TokenType.End)
                {
                    throw Error(end.Line, $"unexpected '{end.Text}' after the manifest's closing '}}'.");
                }
                return values;
            }

            private LayoutException Error(int line, string reason) => new LayoutException($"{_path ?? "<manifest>"}:{line}: {reason}");

            private void Expect(string punctuation)
            {
                Token t = Next();
                if (t.Type != TokenType.Punctuation || t.Text != punctuation)
                {
                    throw Error(t.Line, $"expected '{punctuation}', found '{(t.Type == TokenType.End ? "end of file" : t.Text)}'.");
                }
            }

            // After "@{": key = value pairs up to the closing "}".
            private IReadOnlyDictionary<string, object> ReadHashtable()
            {
                var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                while (true)
                {
                    Token t = Next();
                    if (t.Type == TokenType.Punctuation && t.Text == ";")
                    {
                        continue;
                    }
                    if (t.Type == TokenType.Punctuation && t.Text == "}")
                    {
                        return values;
                    }
                    if (t.Type != TokenType.Word && t.Type != TokenType.String)
                    {
                        throw Error(t.Line, $"expected a key, found '{(t.Type == TokenType.End ? "end of file" : t.Text)}'.");
                    }
                    if (values.ContainsKey(t.Text))
                    {
                        throw Error(t.Line, $"the key '{t.Text}' appears twice.");
                    }
                    Expect("=");
                    values[t.Text] = ReadValue();
                }
            }

            // One value, or a comma list of values (then a list).
            private object ReadValue()
            {
                object first = ReadAtom();
                if (!IsPunctuation(Peek(), ","))
                {
                    return first;
                }
                var list = new List<object>();
                list.Add(first);
                while (IsPunctuation(Peek(), ","))
                {
                    Next();
                    list.Add(ReadAtom());
                }
                return list;
            }

            private object ReadAtom()
            {
                Token t = Next();
                switch (t.Type)
                {
                    case TokenType.String:
                    case TokenType.Word:
                        return t.Text;
                    case TokenType.Punctuation when t.Text == "@{":
                        return ReadHashtable();
                    case TokenType.Punctuation when t.Text == "@(":
                        var list = new List<object>();
                        while (true)
                        {
                            Token p = Peek();
                            if (IsPunctuation(p, ",") || IsPunctuation(p, ";"))
                            {
                                Next();
                                continue;
                            }
                            if (IsPunctuation(p, ")"))
                            {
                                Next();
                                return list;
                            }
                            if (p.Type == TokenType.End)
                            {
                                throw Error(t.Line, "the array opened here with '@(' is never closed.");
                            }
                            list.Add(ReadAtom());
                        }
                    default:
                        throw Error(t.Line, $"expected a value, found '{(t.Type == TokenType.End ? "end of file" : t.Text)}'.");
                }
            }

            private static bool IsPunctuation(Token t, string text) => t.Type == TokenType.Punctuation && t.Text == text;

            private Token Peek() => _peeked ?? (_peeked = Read());

            private Token Next()
            {
                Token t = Peek();
                _peeked = null;
                return t;
            }

            private Token Read()
            {
                while (_pos < _text.Length)
                {
                    char c = _text[_pos];
                    if (c == '\n')
                    {
                        _line++;
                        _pos++;
                    }
                    else if (char.IsWhiteSpace(c))
                    {
                        _pos++;
                    }
                    else if (c == '<' && At(_pos + 1, '#'))
                    {
                        int start = _line;
                        int end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                        if (end < 0)
                        {
                            throw Error(start, "the comment opened here with '<#' is never closed.");
                        }
                        Advance(end + 2);
                    }
                    else if (c == '#')
                    {
                        while (_pos < _text.Length && _text[_pos] != '\n')
                        {
                            _pos++;
                        }
                    }
                    else
                    {
                        break;
                    }
                }
                if (_pos >= _text.Length)
                {
                    return new Token { Type = TokenType.End, Text = string.Empty, Line = _line };
                }
                int line = _line;
                char ch = _text[_pos];
                if (ch == '@' && (At(_pos + 1, '\'') || At(_pos + 1, '"')) && IsLineEndAfter(_pos + 2))
                {
                    return ReadHereString(line);
                }
                if (ch == '@' && (At(_pos + 1, '{') || At(_pos + 1, '(')))
                {
                    _pos += 2;
                    return new Token { Type = TokenType.Punctuation, Text = "@" + _text[_pos - 1], Line = line };
                }
                if ("{}()=;,".IndexOf(ch) >= 0)
                {
                    _pos++;
                    return new Token { Type = TokenType.Punctuation, Text = ch.ToString(), Line = line };
                }
                if (ch == '\'' || ch == '\u2018' || ch == '\u2019')
                {
                    return ReadSingleQuoted(line);
                }
                if (ch == '"' || ch == '\u201C' || ch == '\u201D')
                {
                    return ReadDoubleQuoted(line);
                }
                int startPos = _pos;
                while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && "{}()=;,#'\"".IndexOf(_text[_pos]) < 0)
                {
                    _pos++;
                }
                return new Token { Type = TokenType.Word, Text = _text.Substring(startPos, _pos - startPos), Line = line };
            }

            private bool At(int index, char c) => index < _text.Length && _text[index] == c;

            private bool IsLineEndAfter(int index)
            {
                while (index < _text.Length && (_text[index] == ' ' || _text[index] == '\t'))
                {
                    index++;
                }
                return index >= _text.Length || _text[index] == '\n' || _text[index] == '\r';
            }

            private void Advance(int to)
            {
                for (; _pos < to; _pos++)
                {
                    if (_text[_pos] == '\n')
                    {
                        _line++;
                    }
                }
            }

            private Token ReadHereString(int line)
            {
                char quote = _text[_pos + 1];
                int bodyStart = _text.IndexOf('\n', _pos) + 1;
                string terminator = "\n" + quote + "@";
                int end = _text.IndexOf(terminator, bodyStart - 1, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(line, "the here-string opened here is never closed.");
                }
                string body = end < bodyStart ? string.Empty : _text.Substring(bodyStart, end - bodyStart).TrimEnd('\r');
                Advance(end + terminator.Length);
                return new Token { Type = TokenType.String, Text = body.Replace("\r\n", "\n"), Line = line };
            }

            private Token ReadSingleQuoted(int line)
            {
                var sb = new StringBuilder();
                _pos++;
                while (true)
                {
                    if (_pos >= _text.Length)
                    {
                        throw Error(line, "the string opened here is never closed.");
                    }
                    char c = _text[_pos];
                    if (c == '\'' || c == '\u2018' || c == '\u2019')
                    {
                        if (_pos + 1 < _text.Length && (_text[_pos + 1] == '\'' || _text[_pos + 1] == '\u2018' || _text[_pos + 1] == '\u2019'))
                        {
                            sb.Append('\'');
                            _pos += 2;
                            continue;
                        }
                        _pos++;
                        return new Token { Type = TokenType.String, Text = sb.ToString(), Line = line };
                    }
                    if (c == '\n')
                    {
                        _line++;
                    }
                    sb.Append(c);
                    _pos++;
                }
            }

            private Token ReadDoubleQuoted(int line)
            {
                var sb = new StringBuilder();
                _pos++;
                while (true)
                {
                    if (_pos >= _text.Length)
                    {
                        throw Error(line, "the string opened here is never closed.");
                    }
                    char c = _text[_pos];
                    if (c == '`' && _pos + 1 < _text.Length)
                    {
                        char e = _text[_pos + 1];
                        sb.Append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? '\0' : e);
                        _pos += 2;
                        continue;
                    }
                    if (c == '"' || c == '\u201C' || c == '\u201D')
                    {
                        if (_pos + 1 < _text.Length && (_text[_pos + 1] == '"' || _text[_pos + 1] == '\u201C' || _text[_pos + 1] == '\u201D'))
                        {
                            sb.Append('"');
                            _pos += 2;
                            continue;
                        }
                        _pos++;
                        return new Token { Type = TokenType.String, Text = sb.ToString(), Line = line };
                    }
                    if (c == '$' && _pos + 1 < _text.Length && (char.IsLetter(_text[_pos + 1]) || "_({".IndexOf(_text[_pos + 1]) >= 0))
                    {
                        throw Error(_line, "variables in double-quoted strings are not allowed in a manifest; use single quotes.");
                    }
                    if (c == '\n')
                    {
                        _line++;
                    }
                    sb.Append(c);
                    _pos++;
                }
            }
        }
    }
}
