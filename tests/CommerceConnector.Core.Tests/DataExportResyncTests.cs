using CommerceConnector.Core.DataExport;

namespace CommerceConnector.Core.Tests
{
    /// <summary>The rules of saas:resync: feed names and aliases, the order, the options Magento refuses, its output lines.</summary>
    public sealed class DataExportResyncTests
    {
        [Fact]
        public void ResolvesNamesAndAliasesInTheRecommendedOrder()
        {
            var feeds = DataExportResync.ResolveFeeds(new[] { "categories", "productattributes", "PRODUCTS", "productoverrides", "products" });
            Assert.Equal(new[] { "productAttributes", "products", "productOverrides", "categories" }, feeds.Select(f => f.Name));
        }

        [Fact]
        public void RefusesAFeedThatDoesNotExist()
        {
            var e = Assert.Throws<ConnectorException>(() => DataExportResync.ResolveFeeds(new[] { "products", "catalog" }));
            Assert.Equal(ErrorIds.DataExportFeedNotFound, e.ErrorId);
        }

        [Theory]
        [InlineData("categories", false, false, true, null)]
        [InlineData("variants", true, false, false, null)]
        [InlineData("products", false, true, false, null)]
        [InlineData("prices", false, true, false, null)]
        [InlineData("products", false, false, false, ResyncIdType.ProductId)]
        public void RefusesWhatMagentoDoesNotAllow(string feed, bool continueResync, bool noReindex, bool byIds, ResyncIdType? idType)
        {
            var options = new ResyncOptions { ContinueResync = continueResync, NoReindex = noReindex, ByIds = byIds ? new[] { "SKU-1" } : Array.Empty<string>(), IdType = idType };
            var e = Assert.Throws<ConnectorException>(() => DataExportResync.Validate(DataExportResync.ResolveFeeds(new[] { feed }), options));
            Assert.Equal(ErrorIds.DataExportResyncOptionsInvalid, e.ErrorId);
            Assert.StartsWith("Nothing was run:", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void SpellsTheOptionsAsMagentoDoes()
        {
            var options = new ResyncOptions { DryRun = true, ContinueResync = true, ByIds = new[] { "12", " 13 " }, IdType = ResyncIdType.ProductId, BatchSize = 500, ThreadCount = 2 };
            DataExportResync.Validate(new[] { DataExportFeed.Find("prices") }, options);
            Assert.Equal(
                new[] { "saas:resync", "--feed=prices", "--dry-run", "--continue-resync", "--by-ids=12,13", "--id-type=productId", "--batch-size=500", "--thread-count=2" },
                DataExportResync.Arguments(DataExportFeed.Find("prices"), options));
        }

        [Theory]
        [InlineData("Executing full re-sync of Products Feed feed data...", ResyncLineKind.Started, null, null)]
        [InlineData("Re-submitting Categories Feed feed data...", ResyncLineKind.Started, null, null)]
        [InlineData("Products Feed feed data full re-sync complete in 01:02:03", ResyncLineKind.Completed, "01:02:03", null)]
        [InlineData("Categories Feed feed data re-submit complete in 00:00:07", ResyncLineKind.Completed, "00:00:07", null)]
        [InlineData("Products Feed feed data full re-sync complete in 2 day(s) 00:00:05", ResyncLineKind.Completed, "2.00:00:05", null)]
        [InlineData("An error occurred re-syncing Products Feed feed data to SaaS service: boom.", ResyncLineKind.Error, null, null)]
        [InlineData("An error occurred re-syncing Product Prices Feed feed data to SaaS service: Feed sync skipped, resource occupied by another process: saas:resync(4242).", ResyncLineKind.Locked, null, "saas:resync(4242)")]
        [InlineData("Resync option --feed is required. Available feeds: products", ResyncLineKind.Error, null, null)]
        [InlineData("Progress 1/2, processed 50, synced 50", ResyncLineKind.Progress, null, null)]
        [InlineData("", ResyncLineKind.Blank, null, null)]
        public void ReadsMagentosLines(string text, ResyncLineKind kind, string duration, string lockedBy)
        {
            var line = DataExportResync.Parse(text);
            Assert.Equal(kind, line.Kind);
            Assert.Equal(duration == null ? (TimeSpan?)null : TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture), line.Duration);
            Assert.Equal(lockedBy, line.LockedBy);
        }
    }
}
