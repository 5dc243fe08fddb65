namespace CommerceConnector.Core.Errors
{
    /// <summary>Every error id Core raises, in one place.</summary>
    public static class ErrorIds
    {
        // Registry store
        public const string RegistryLocked = "RegistryLocked";
        public const string RegistryCorrupt = "RegistryCorrupt";
        public const string RegistrySchemaTooNew = "RegistrySchemaTooNew";
        public const string RegistryWriteFailed = "RegistryWriteFailed";
        public const string RegistryPathInvalid = "RegistryPathInvalid";

        // Accounts and members
        public const string InvalidMageId = "InvalidMageId";
        public const string InvalidEmailAddress = "InvalidEmailAddress";
        public const string InvalidAccountName = "InvalidAccountName";
        public const string AccountExists = "AccountExists";
        public const string AccountNotFound = "AccountNotFound";
        public const string MemberExists = "MemberExists";
        public const string MemberNotFound = "MemberNotFound";
        public const string LastLicenseOwner = "LastLicenseOwner";

        // Session context
        public const string NotConnected = "NotConnected";

        // Parameters
        public const string NothingToChange = "NothingToChange";

        // Catalog
        public const string ServiceNotFound = "ServiceNotFound";
    }
}
