namespace CommerceConnector.Core.DataExport
{
    /// <summary>What --by-ids values are: saas:resync --id-type sku (the default) or productId.</summary>
    public enum ResyncIdType
    {
        Sku,
        ProductId,
    }
}
