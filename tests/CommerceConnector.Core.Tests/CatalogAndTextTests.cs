using CommerceConnector.Core.Catalog;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Tests
{
    public sealed class CatalogTests
    {
        [Fact]
        public void TheCatalogListsTheSevenServicesWithTheirEditions()
        {
            var rows = ServiceCatalog.Find(null, null, null);

            Assert.Equal(7, rows.Count);
            Assert.Equal(
                new[] { "Payment Services", "Channel Manager" },
                rows.Where(s => s.MagentoOpenSource).Select(s => s.Name));
            Assert.All(rows, s => Assert.True(s.AdobeCommerce));
            Assert.All(rows, s => Assert.Null(s.AvailableToAccount));
        }

        [Fact]
        public void EditionFiltersToWhatThatEditionHas()
        {
            Assert.Equal(new[] { "Payment Services", "Channel Manager" }, ServiceCatalog.Find(null, CommerceEdition.MagentoOpenSource, null).Select(s => s.Name));
            Assert.Equal(7, ServiceCatalog.Find(null, CommerceEdition.AdobeCommerce, null).Count);
        }

        [Fact]
        public void WithAnAccountEachRowSaysWhetherItsEditionHasTheService()
        {
            var account = new CommerceAccount { MageId = "MAG1", Edition = CommerceEdition.MagentoOpenSource };

            var rows = ServiceCatalog.Find("*", null, account);

            Assert.All(rows, s => Assert.Equal("MAG1", s.AccountMageId));
            Assert.Equal(new[] { "Payment Services", "Channel Manager" }, rows.Where(s => s.AvailableToAccount == true).Select(s => s.Name));
            Assert.Equal(5, rows.Count(s => s.AvailableToAccount == false));
            // The shared catalog rows are not changed by a per-account view.
            Assert.All(ServiceCatalog.All, s => Assert.Null(s.AvailableToAccount));
        }

        [Fact]
        public void NamesMatchByWildcardAndALiteralNameThatMatchesNothingIsAnError()
        {
            Assert.Equal(new[] { "Live Search" }, ServiceCatalog.Find("live*", null, null).Select(s => s.Name));
            Assert.Equal(new[] { "Catalog Service" }, ServiceCatalog.Find("catalog service", null, null).Select(s => s.Name));
            Assert.Empty(ServiceCatalog.Find("Zz*", null, null));

            var error = Assert.Throws<ConnectorException>(() => ServiceCatalog.Find("Live Search", CommerceEdition.MagentoOpenSource, null));
            Assert.Equal(ErrorIds.ServiceNotFound, error.ErrorId);
            Assert.Equal("Live Search", error.Target);
            Assert.Contains("in MagentoOpenSource", error.Message);
        }
    }

    public sealed class WildcardTests
    {
        [Theory]
        [InlineData("MAG*", "mag123", true)]
        [InlineData("MAG?", "MAG12", false)]
        [InlineData("MAG??", "MAG12", true)]
        [InlineData("*Search", "Live Search", true)]
        [InlineData("[LC]*", "Catalog Service", true)]
        [InlineData("[a-c]*", "Live Search", false)]
        [InlineData("Site-Wide*", "Site-Wide Analysis Tool", true)]
        [InlineData("a`*b", "a*b", true)]
        [InlineData("a`*b", "axb", false)]
        [InlineData("a.b", "axb", false)]
        [InlineData("(x)", "(x)", true)]
        [InlineData("plain", "PLAIN", true)]
        [InlineData("[unclosed", "[unclosed", true)]
        public void MatchesLikePowerShell(string pattern, string value, bool expected)
        {
            Assert.Equal(expected, new Wildcard(pattern).IsMatch(value));
        }

        [Fact]
        public void EscapeMakesAValueMatchOnlyItself()
        {
            string name = "Shop [EU] *new*";
            var wildcard = new Wildcard(Wildcard.Escape(name));
            Assert.False(wildcard.IsPattern);
            Assert.True(wildcard.IsMatch(name));
            Assert.False(wildcard.IsMatch("Shop E *new*"));
        }
    }

    public sealed class CompletionTests
    {
        private static readonly string[] Names = { "Luma Retail", "Luma", "Venia", "O'Brien Shop", "MAG100", "Shop [EU]" };

        [Fact]
        public void CompletesByPrefixCaseInsensitivelyQuotingWhatNeedsIt()
        {
            Assert.Equal(new[] { "Luma", "'Luma Retail'" }, Completion.Complete(Names, "lu"));
            Assert.Equal(new[] { "'O''Brien Shop'" }, Completion.Complete(Names, "o"));
            Assert.Equal(new[] { "'Shop `[EU`]'" }, Completion.Complete(Names, "Sh"));
            Assert.Equal(Names.Length, Completion.Complete(Names, "").Count);
        }

        [Fact]
        public void HonoursWildcardsAndQuotesTheUserStartedTyping()
        {
            Assert.Equal(new[] { "'O''Brien Shop'", "'Shop `[EU`]'" }, Completion.Complete(Names, "*Shop*"));
            Assert.Equal(new[] { "'Luma Retail'" }, Completion.Complete(Names, "*tail"));
            Assert.Equal(new[] { "'Luma Retail'" }, Completion.Complete(Names, "'Luma R"));
            Assert.Equal(new[] { "'O''Brien Shop'" }, Completion.Complete(Names, "'O''B"));
            Assert.Empty(Completion.Complete(Names, "zzz"));
        }
    }
}
