using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Tests.Php
{
    /// <summary>Tokenising only the changed part of an edited file gives exactly the tokens of tokenising it all.</summary>
    public sealed class RetokenizeTests
    {
        private static readonly string[] Snippets =
        {
            "'", "\"", "/*", "*/", "<<<EOT\n", "\nEOT", "\nEOT,\n", "?>", "<?php ", "x", "\n", "\r\n", "[", "]", "'a' => 1,", "//", "#", "$a", "{$", "\\", " ", "0x1F", "<<<'RAW'\n", "array(",
        };

        private static string Describe(Func<List<Token>> tokenize)
        {
            try
            {
                return string.Join(";", tokenize().Select(t => $"{t.Kind}@{t.Start}-{t.End}:{t.Line}{(t.IsDynamic ? "d" : string.Empty)}"));
            }
            catch (ConnectorException e)
            {
                return "error " + e.ErrorId;
            }
        }

        [Theory]
        [MemberData(nameof(EnvPhpCorpus.Names), MemberType = typeof(EnvPhpCorpus))]
        public void RandomEditsRetokeniseToWhatAFullPassGives(string shape)
        {
            string original = EnvPhpCorpus.Shapes[shape];
            var tokens = PhpLexer.Tokenize(original, null);
            var random = new Random(shape.GetHashCode(StringComparison.Ordinal));
            for (int i = 0; i < 150; i++)
            {
                int at = random.Next(original.Length + 1);
                int removed = random.Next(Math.Min(8, original.Length - at) + 1);
                string edited = original.Substring(0, at) + Snippets[random.Next(Snippets.Length)] + original.Substring(at + removed);

                Assert.Equal(Describe(() => PhpLexer.Tokenize(edited, null)), Describe(() => PhpLexer.Retokenize(original, tokens, edited, null)));
            }
        }
    }
}
