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
    
        [Fact]
        public void WrapsProseBetweenWordsWithinTheWidth()
        {
            string paragraph = "The Unregister-CommerceInstance cmdlet removes one instance from the instance inventory of the Commerce account.";

            string wrapped = MarkdownText.Wrap(paragraph, 40);

            Assert.Equal(
                "The Unregister-CommerceInstance cmdlet\nremoves one instance from the instance\ninventory of the Commerce account.",
                wrapped);
            Assert.Equal(paragraph, wrapped.Replace('\n', ' '));
        }

        [Fact]
        public void PutsAWordLongerThanTheWidthOnALineOfItsOwn()
        {
            Assert.Equal("see\nservices_connector/services_connector_integration/production_private_key\nfor it",
                MarkdownText.Wrap("see services_connector/services_connector_integration/production_private_key for it", 20));
        }

        [Fact]
        public void LeavesShortParagraphsCodeAndTablesAsTheyAre()
        {
            Assert.Equal("Short.", MarkdownText.Wrap("Short.", 72));
            string code = "Get-Thing -Name a-very-long-name-that-goes-on | Set-Thing -Value another-long-value-here";
            Assert.Equal(code + "\nsecond line", MarkdownText.Wrap(code + "\nsecond line", 20));
        }

        [Fact]
        public void EveryWrappedLineFitsTheHelpWidth()
        {
            string paragraph = string.Join(" ", System.Linq.Enumerable.Repeat("Set-DataSpace assigns a data space to an instance.", 12));

            foreach (string line in MarkdownText.Wrap(paragraph).Split('\n'))
            {
                Assert.InRange(line.Length, 1, MarkdownText.HelpLineWidth);
            }
        }
    }
}
