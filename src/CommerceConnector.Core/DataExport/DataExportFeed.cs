namespace CommerceConnector.Core.DataExport
{
    /// <summary>
    /// One data export feed as magento/commerce-data-export defines it: its name (saas:resync --feed), indexer, table
    /// (the 103.3.0 name first, then the older one), mview view and the flag that records its last submit.
    /// </summary>
    public sealed class DataExportFeed
    {
        private DataExportFeed(string name, string summary, string indexerId, DataExportKind kind, string flagName, params string[] tables) =>
            (Name, Summary, IndexerId, Kind, TableCandidates, VersionFlag, LockFlag) =
            (name, summary, indexerId, kind, tables, flagName + "-feed-version", "feed_metadata_" + name);

        public string Name { get; }

        /// <summary>
        /// The feed's summary as saas:resync prints it ("Executing full re-sync of Products Feed feed data..."). Those of
        /// products, productAttributes, categories, prices, productOverrides, scopesWebsite and scopesCustomerGroup are
        /// Magento's; the others are assumed (the output is parsed without them).
        /// </summary>
        public string Summary { get; }

        /// <summary>
        /// Whether saas:resync takes --by-ids and --continue-resync for this feed, and refuses --no-reindex: products,
        /// prices and productOverrides, the feeds Magento re-syncs item by item.
        /// </summary>
        public bool ResyncsByItem => Name == "products" || Name == "prices" || Name == "productOverrides";

        public string IndexerId { get; }

        public DataExportKind Kind { get; }

        /// <summary>The feed table's names, newest first.</summary>
        public IReadOnlyList<string> TableCandidates { get; }

        /// <summary>The flag where the last successful submit is recorded, e.g. scopes-website-feed-version.</summary>
        public string VersionFlag { get; }

        /// <summary>The flag that holds {"lockedBy": ...} while the feed is locked.</summary>
        public string LockFlag { get; }

        /// <summary>
        /// The mview view ids the feed's changelog may be named after: for immediate feeds the feed table's name (new or
        /// old), for legacy feeds also the indexer id.
        /// </summary>
        public IReadOnlyList<string> ViewCandidates => TableCandidates.Concat(new[] { IndexerId }).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>The feeds, in the order the documentation recommends for a first sync (then the others).</summary>
        public static IReadOnlyList<DataExportFeed> All { get; } = new[]
        {
            new DataExportFeed("productAttributes", "Product Attributes Feed", "catalog_data_exporter_product_attributes", DataExportKind.Immediate, "product-attributes", "cde_product_attributes_feed", "catalog_data_exporter_product_attributes"),
            new DataExportFeed("products", "Products Feed", "catalog_data_exporter_products", DataExportKind.Immediate, "products", "cde_products_feed", "catalog_data_exporter_products"),
            new DataExportFeed("scopesCustomerGroup", "Scopes Customer Groups Feed", "scopes_customergroup_data_exporter", DataExportKind.Legacy, "scopes-customergroup", "scopes_customergroup_data_exporter"),
            new DataExportFeed("scopesWebsite", "Scopes Websites Feed", "scopes_website_data_exporter", DataExportKind.Legacy, "scopes-website", "scopes_website_data_exporter"),
            new DataExportFeed("prices", "Product Prices Feed", "catalog_data_exporter_product_prices", DataExportKind.Immediate, "prices", "cde_product_prices_feed", "catalog_data_exporter_product_prices"),
            new DataExportFeed("productOverrides", "Product Overrides Feed", "catalog_data_exporter_product_overrides", DataExportKind.Immediate, "product-overrides", "cde_product_overrides_feed"),
            new DataExportFeed("variants", "Product Variants Feed", "catalog_data_exporter_product_variants", DataExportKind.Immediate, "variants", "cde_product_variants_feed", "catalog_data_exporter_product_variants"),
            new DataExportFeed("categories", "Categories Feed", "catalog_data_exporter_categories", DataExportKind.Immediate, "categories", "cde_categories_feed", "catalog_data_exporter_categories"),
            new DataExportFeed("categoryPermissions", "Category Permissions Feed", "catalog_data_exporter_category_permissions", DataExportKind.Immediate, "category-permissions", "cde_category_permissions_feed"),
            new DataExportFeed("inventoryStockStatus", "Inventory Stock Status Feed", "inventory_data_exporter_stock_status", DataExportKind.Immediate, "inventory-stock-status", "inventory_data_exporter_stock_status_feed", "inventory_data_exporter_stock_status"),
            new DataExportFeed("orders", "Orders Feed", "sales_order_data_exporter_v2", DataExportKind.Legacy, "orders", "sales_data_exporter_orders_v2"),
        };

        /// <summary>
        /// The feed a name given to saas:resync --feed stands for: the name itself, or the lower-case alias Magento maps to
        /// it for the feeds it renamed (productattributes, productoverrides, ...); case is ignored, as PowerShell ignores it.
        /// Null when no feed has that name.
        /// </summary>
        public static DataExportFeed? Resolve(string? name) => Find(name?.Trim());

        /// <summary>The lower-case aliases Magento's saas:resync accepts besides the names (its feed names mapping).</summary>
        public static IReadOnlyList<string> Aliases { get; } = All.Where(f => f.Name != f.Name.ToLowerInvariant()).Select(f => f.Name.ToLowerInvariant()).ToList();

        /// <summary>The feed of that name (case-insensitive), or null.</summary>
        public static DataExportFeed? Find(string? name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

        public override string ToString() => Name;
    }
}
