namespace CommerceConnector.Core.Php
{
    /// <summary>Parses the array a Magento configuration file returns into a <see cref="ArrayNode"/> tree.</summary>
    internal sealed class PhpParser
    {
        private readonly List<Token> _tokens;
        private readonly string _text;
        private readonly string? _path;
        private int _index;

        private readonly int[] _match;

        public PhpParser(List<Token> tokens, string text, string? path)
        {
            _tokens = tokens;
            _text = text;
            _path = path;
            _match = MatchBrackets();
        }

        /// <summary>
        /// Pairs every bracket with its partner in one pass with an explicit stack (never recursion, whose depth the
        /// file would control): unbalanced brackets and nesting deeper than <see cref="PhpConfigFile.MaxNesting"/> are refused here.
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
                    if (open.Count == PhpConfigFile.MaxNesting)
                    {
                        throw new ConnectorException(ErrorIds.PhpNestingTooDeep, ConnectorErrorCategory.InvalidData, _path,
                            $"{(_path ?? "The PHP file")} line {token.Line}: arrays or expressions are nested more than {PhpConfigFile.MaxNesting} deep, which no Magento configuration needs (PHP itself cannot load such a file). " +
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
            Node? single;
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

        private ScalarNode? ParseScalar()
        {
            var token = Current;
            bool negative = false;
            if (Is(token, '-') && _index + 1 < _tokens.Count && _tokens[_index + 1].Kind == TokenKind.Number)
            {
                negative = true;
                _index++;
                token = Current;
            }
            ScalarNode? node = null;
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

        private static ScalarNode? Number(string text, bool negative)
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
