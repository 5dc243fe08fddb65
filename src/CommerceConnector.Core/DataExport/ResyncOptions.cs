namespace CommerceConnector.Core.DataExport
{
    /// <summary>The options of <c>bin/magento saas:resync</c> besides --feed.</summary>
    public sealed class ResyncOptions
    {
        /// <summary>--dry-run: indexes without sending and without saving to the feed table.</summary>
        public bool DryRun { get; set; }

        /// <summary>--cleanup-feed: truncates the feed table first (Magento asks yes/no unless --dry-run).</summary>
        public bool CleanupFeed { get; set; }

        /// <summary>--no-reindex: re-submits what the feed table holds (not for products, prices, productOverrides).</summary>
        public bool NoReindex { get; set; }

        /// <summary>--continue-resync: goes on after the last exported item (products, prices, productOverrides only).</summary>
        public bool ContinueResync { get; set; }

        /// <summary>--by-ids: only these entities (products, prices, productOverrides only).</summary>
        public IReadOnlyList<string>? ByIds { get; set; } = Array.Empty<string>();

        /// <summary>--id-type: what ByIds holds; null leaves Magento's default (sku).</summary>
        public ResyncIdType? IdType { get; set; }

        /// <summary>--batch-size; null leaves Magento's configured value.</summary>
        public int? BatchSize { get; set; }

        /// <summary>--thread-count; null leaves Magento's configured value.</summary>
        public int? ThreadCount { get; set; }

        /// <summary>Whether Magento will ask its yes/no question before it truncates the feed table.</summary>
        public bool AsksToCleanUp => CleanupFeed && !DryRun;
    }
}
