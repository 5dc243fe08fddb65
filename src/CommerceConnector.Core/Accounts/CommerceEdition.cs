namespace CommerceConnector.Core.Accounts
{
    public enum CommerceEdition
    {
        AdobeCommerce,
        MagentoOpenSource,
    }
}
