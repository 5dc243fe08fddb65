using Xunit;

namespace CommerceConnector.ModuleBuilder.Tests
{
    public class MarkdownTextTests
    {
        [Fact]
        public void JoinsSoftLineBreaksAndSplitsOnBlankLines()
        {
            Assert.Equal(new[] { "One two three.", "Four." }, MarkdownText.Paragraphs("One\ntwo  \n  three.\n\n\nFour.\n"));
        }

        [Fact]
        public void GivesEachListItemItsOwnParagraph()
        {
            Assert.Equal(new[] { "Intro:", "- a", "- b c", "1. d" }, MarkdownText.Paragraphs("Intro:\n- a\n- b\n  c\n1. d"));
        }

        [Fact]
        public void KeepsFencedCodeAndTablesLineByLine()
        {
            Assert.Equal(
                new[] { "Before.", "  indented\n\n\ttab", "| a | b |\n| - | - |", "After." },
                MarkdownText.Paragraphs("Before.\n```powershell\n  indented\n\n\ttab\n```\n| a | b |\n| - | - |\nAfter."));
        }

        [Fact]
        public void EmptyTextHasNoParagraphs()
        {
            Assert.Empty(MarkdownText.Paragraphs(string.Empty));
            Assert.Empty(MarkdownText.Paragraphs("\n \n"));
        }
    }
}
