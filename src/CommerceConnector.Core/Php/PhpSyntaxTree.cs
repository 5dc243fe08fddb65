namespace CommerceConnector.Core.Php
{
    /// <summary>The syntax tree the parser builds of a PHP configuration file: positions into the text, decoded lazily.</summary>
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
        private readonly string? _source;
        private readonly Token _token;
        private readonly string? _path;
        private string? _value;
        private bool _decoded;

        public ScalarNode(PhpValueKind kind, string? value) =>
            (Kind, _value, _decoded) = (kind, value, true);

        /// <summary>A string literal, decoded when its value is first needed (most values of a file never are).</summary>
        public ScalarNode(string source, Token token, string? path) =>
            (Kind, _source, _token, _path) = (PhpValueKind.String, source, token, path);

        public PhpValueKind Kind { get; }

        /// <summary>The value as PHP reads it; null for the PHP null literal.</summary>
        public string? Value
        {
            get
            {
                if (!_decoded)
                {
                    // Only the string-literal constructor leaves the value undecoded, and it sets the source.
                    _value = PhpLexer.StringValue(_source!, _token, _path);
                    _decoded = true;
                }
                return _value;
            }
        }

        /// <summary>The key PHP uses when this scalar is an array key (strings as they are, integers in canonical form).</summary>
        public string? KeyText => Kind == PhpValueKind.String || Kind == PhpValueKind.Integer ? Value : null;

        public override PhpValue ToValue(string text) => new PhpValue(Kind, Value, Source(text), Line);
    }

    internal sealed class ExpressionNode : Node
    {
        public string? KeyText => null;

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
        internal PhpParser Parser { private get; set; } = null!; // the parser sets itself on every array it finds

        internal int BodyIndex { get; set; }

        internal int CloseIndex { get; set; }

        private List<Entry>? _entries;

        public override PhpValue ToValue(string text) => new PhpValue(PhpValueKind.Array, null, Source(text), Line);
    }

    internal sealed class Entry
    {
        /// <summary>Null for an entry without a key (a list element or a spread).</summary>
        public KeyNode? Key { get; set; }

        public Node Value { get; set; } = null!; // the parser sets it on every entry

        public bool IsSpread { get; set; }

        /// <summary>The comma after the entry; null for a last entry without one.</summary>
        public Span? Comma { get; set; }

        public int Start { get; set; }

        public int Line { get; set; }
    }

    /// <summary>Where a token stood, for the commas an edit must keep or remove.</summary>
    internal sealed class Span
    {
        public Span(int start, int end) =>
            (Start, End) = (start, end);

        public int Start { get; }

        public int End { get; }
    }

    internal sealed class KeyNode
    {
        public Node Node { get; set; } = null!; // the parser sets it on every key

        public int Line => Node.Line;

        public string? KeyText => (Node as ScalarNode)?.KeyText;

        public string Source(string text) => Node.Source(text);
    }
}
