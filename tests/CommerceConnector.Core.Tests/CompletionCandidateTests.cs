using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Tests
{
    public class CompletionCandidateTests
    {
        private static readonly CompletionCandidate[] Keys =
        {
            new CompletionCandidate("9e8d7c6b5a4f43e2d1c0b9a8f7e6d5c4", "prod-2027 (9e8d7c6b5a4f43e2d1c0b9a8f7e6d5c4)", "Production API key 'prod-2027'"),
            new CompletionCandidate("3f9c2a7d4b1e4c0a9d8e7f6a5b4c3d2e", "prod-2026 (3f9c2a7d4b1e4c0a9d8e7f6a5b4c3d2e)", "Production API key 'prod-2026'"),
        };

        [Fact]
        public void KeepsTheCallersOrderAndFindsByValueOrLabel()
        {
            Assert.Equal(new[] { Keys[0].Value, Keys[1].Value }, Completion.Complete(Keys, "").Select(c => c.Value));
            Assert.Equal(new[] { Keys[1].Value }, Completion.Complete(Keys, "prod-2026").Select(c => c.Value));
            Assert.Equal(new[] { Keys[1].Value }, Completion.Complete(Keys, "3f9").Select(c => c.Value));
            Assert.Equal("Production API key 'prod-2027'", Completion.Complete(Keys, "9e").Single().ToolTip);
        }

        [Fact]
        public void OffersAValueOnceAndQuotesItForInsertion()
        {
            var spaces = new[]
            {
                new CompletionCandidate("Testing 1", null, null),
                new CompletionCandidate("testing 1", null, null),
            };

            var offered = Completion.Complete(spaces, "t");

            Assert.Equal(new[] { ("'Testing 1'", "Testing 1", "Testing 1") }, offered.Select(c => (c.Value, c.Label, c.ToolTip)));
        }

        [Theory]
        [InlineData("owner@example.com", "owner@example.com")]
        [InlineData("@team", "'@team'")]
        [InlineData("-dash", "'-dash'")]
        [InlineData("a-b", "a-b")]
        [InlineData("Testing 1", "'Testing 1'")]
        public void QuotesOnlyWhatPowerShellWouldReadOtherwise(string value, string inserted)
        {
            Assert.Equal(inserted, Completion.Quote(value));
        }
    }
}
