namespace CommerceConnector.Core.Accounts
{
    public enum AccountStanding
    {
        Good,
        Suspended,
    }
}
