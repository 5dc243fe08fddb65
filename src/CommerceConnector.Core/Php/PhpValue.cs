namespace CommerceConnector.Core.Php
{
    /// <summary>A value found in a PHP configuration file, with where it stands.</summary>
    public sealed class PhpValue
    {
        internal PhpValue(PhpValueKind kind, string? text, string source, int line) =>
            (Kind, Text, Source, Line) = (kind, text, source, line);

        public PhpValueKind Kind { get; }

        /// <summary>The value as PHP reads it (strings, numbers, booleans as text); null for arrays, null and expressions.</summary>
        public string? Text { get; }

        /// <summary>The source code of the value.</summary>
        public string Source { get; }

        public int Line { get; }
    }
}
