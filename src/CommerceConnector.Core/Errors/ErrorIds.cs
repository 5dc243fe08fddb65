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

        // The shared registry on PostgreSQL (Connect-CommerceAccount -Registry, Initialize-ConnectorRegistry)
        public const string RegistryUnavailable = "RegistryUnavailable";
        public const string RegistryAuthenticationFailed = "RegistryAuthenticationFailed";
        public const string RegistryHostUnknown = "RegistryHostUnknown";
        public const string RegistryDatabaseNotFound = "RegistryDatabaseNotFound";
        public const string RegistrySchemaMissing = "RegistrySchemaMissing";
        public const string RegistrySchemaOutdated = "RegistrySchemaOutdated";
        public const string RegistryConnectionInvalid = "RegistryConnectionInvalid";
        public const string RegistryPermissionDenied = "RegistryPermissionDenied";
        public const string RegistryConflict = "RegistryConflict";

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

        // Private key text
        public const string PrivateKeyEmpty = "PrivateKeyEmpty";
        public const string PrivateKeyNotPem = "PrivateKeyNotPem";
        public const string PrivateKeyIsPublicKey = "PrivateKeyIsPublicKey";
        public const string PrivateKeyIsCertificate = "PrivateKeyIsCertificate";
        public const string PrivateKeyEncrypted = "PrivateKeyEncrypted";
        public const string PrivateKeyNotRsa = "PrivateKeyNotRsa";
        public const string PrivateKeyDamaged = "PrivateKeyDamaged";
        public const string PrivateKeyNeedsRepair = "PrivateKeyNeedsRepair";

        // API keys
        public const string KeyGenerationNotAllowed = "KeyGenerationNotAllowed";
        public const string KeyRevocationNotAllowed = "KeyRevocationNotAllowed";
        public const string AccountNotInGoodStanding = "AccountNotInGoodStanding";
        public const string InvalidKeyName = "InvalidKeyName";
        public const string InvalidKeySize = "InvalidKeySize";
        public const string ApiKeyNameExists = "ApiKeyNameExists";
        public const string ApiKeyNotFound = "ApiKeyNotFound";
        public const string ApiKeyAlreadyRevoked = "ApiKeyAlreadyRevoked";
        public const string ApiKeyInUse = "ApiKeyInUse";
        public const string PrivateKeyDestinationRequired = "PrivateKeyDestinationRequired";
        public const string PrivateKeyDestinationConflict = "PrivateKeyDestinationConflict";
        public const string PrivateKeyFileExists = "PrivateKeyFileExists";
        public const string PrivateKeyPathInvalid = "PrivateKeyPathInvalid";

        // Keys issued elsewhere (Import-ConnectorApiKey, Register-CommerceInstance -Adopt)
        public const string InvalidApiKey = "InvalidApiKey";
        public const string ApiKeyHasWhitespaceOrQuotes = "ApiKeyHasWhitespaceOrQuotes";
        public const string ApiKeyPairConflict = "ApiKeyPairConflict";
        public const string ApiKeyEnvironmentConflict = "ApiKeyEnvironmentConflict";
        public const string ApiKeyOfAnotherAccount = "ApiKeyOfAnotherAccount";
        public const string PrivateKeyOfAnotherApiKey = "PrivateKeyOfAnotherApiKey";
        public const string KeyImportNotAllowed = "KeyImportNotAllowed";

        // Key rotation across the fleet (Update-ConnectorApiKey)
        public const string KeyRotationOpen = "KeyRotationOpen";
        public const string KeyRotationNeedsNewPrivateKey = "KeyRotationNeedsNewPrivateKey";
        public const string RotationPrivateKeyMismatch = "RotationPrivateKeyMismatch";
        public const string RotationToSameKey = "RotationToSameKey";

        // SaaS projects and data spaces
        public const string NoActiveApiKey = "NoActiveApiKey";
        public const string InvalidProjectName = "InvalidProjectName";
        public const string InvalidDataSpaceName = "InvalidDataSpaceName";
        public const string ProjectNameExists = "ProjectNameExists";
        public const string DataSpaceNameExists = "DataSpaceNameExists";
        public const string ProjectNotFound = "ProjectNotFound";
        public const string DataSpaceNotFound = "DataSpaceNotFound";
        public const string AmbiguousDataSpace = "AmbiguousDataSpace";
        public const string SupportTicketRequired = "SupportTicketRequired";
        public const string InvalidSupportTicket = "InvalidSupportTicket";
        public const string TestingDataSpacesNotInEdition = "TestingDataSpacesNotInEdition";
        public const string SecondProductionDataSpace = "SecondProductionDataSpace";

        // Projects and data spaces that exist elsewhere (Register-SaaSProject, Register-DataSpace, -Adopt)
        public const string InvalidProjectId = "InvalidProjectId";
        public const string InvalidDataSpaceId = "InvalidDataSpaceId";
        public const string ProjectIdExists = "ProjectIdExists";
        public const string DataSpaceIdExists = "DataSpaceIdExists";
        public const string DataSpaceTypeUnknown = "DataSpaceTypeUnknown";

        // Instances
        public const string InvalidInstanceName = "InvalidInstanceName";
        public const string InstanceExists = "InstanceExists";
        public const string InstanceNotFound = "InstanceNotFound";
        public const string InstancePathRegistered = "InstancePathRegistered";
        public const string NotAMagentoRoot = "NotAMagentoRoot";
        public const string InvalidBaseUrl = "InvalidBaseUrl";

        // Connector configuration and its guards
        public const string ProductionDataSpaceOnNonProductionInstance = "ProductionDataSpaceOnNonProductionInstance";
        public const string DataSpaceInUse = "DataSpaceInUse";
        public const string KeyEnvironmentMismatch = "KeyEnvironmentMismatch";
        public const string ApiKeyRevoked = "ApiKeyRevoked";
        public const string ApiKeyPairInvalid = "ApiKeyPairInvalid";
        public const string InvalidImsOrganizationId = "InvalidImsOrganizationId";
        public const string SecretExportNotConfirmed = "SecretExportNotConfirmed";
        public const string ApiKeyPairIncomplete = "ApiKeyPairIncomplete";

        // PHP configuration files
        public const string PhpSyntaxUnsupported = "PhpSyntaxUnsupported";
        public const string PhpNestingTooDeep = "PhpNestingTooDeep";
        public const string ConfigurationFileChanged = "ConfigurationFileChanged";
        public const string ConfigurationFileNotFound = "ConfigurationFileNotFound";
        public const string ConfigurationWriteFailed = "ConfigurationWriteFailed";
        public const string ConfigurationLinkDangling = "ConfigurationLinkDangling";
        public const string ConfigurationValueComputed = "ConfigurationValueComputed";
        public const string ConfigurationKeyDuplicated = "ConfigurationKeyDuplicated";
        public const string ConfigurationBackupNotFound = "ConfigurationBackupNotFound";

        // JWT
        public const string JwtInvalid = "JwtInvalid";

        // The merchant registry protocol (a gateway: Adobe's or a stand-in)
        public const string GatewayUrlInvalid = "GatewayUrlInvalid";
        public const string KeysNotAccepted = "KeysNotAccepted";
        public const string ClockSkew = "ClockSkew";
        public const string RemoteObjectNotFound = "RemoteObjectNotFound";
        public const string GatewayUnreachable = "GatewayUnreachable";
        public const string GatewayTimeout = "GatewayTimeout";
        public const string GatewayThrottled = "GatewayThrottled";
        public const string GatewayServerError = "GatewayServerError";
        public const string GatewayRequestRejected = "GatewayRequestRejected";
        public const string GatewayResponseInvalid = "GatewayResponseInvalid";

        // Recording the merchant registry's answers locally (Sync-SaaSProject, -Remote)
        public const string RegistryRecordConflict = "RegistryRecordConflict";
        public const string RemoteKeysRequired = "RemoteKeysRequired";

        // Parameters
        public const string NothingToChange = "NothingToChange";
        public const string MagentoCliNotFound = "MagentoCliNotFound";
        public const string MagentoCommandFailed = "MagentoCommandFailed";
        public const string PhpNotFound = "PhpNotFound";

        // The store's database (read-only) and its data export
        public const string DatabaseSettingsMissing = "DatabaseSettingsMissing";
        public const string InvalidTablePrefix = "InvalidTablePrefix";
        public const string DatabaseUnreachable = "DatabaseUnreachable";
        public const string DatabaseAccessDenied = "DatabaseAccessDenied";
        public const string DatabaseNotFound = "DatabaseNotFound";
        public const string DatabaseTableMissing = "DatabaseTableMissing";
        public const string DatabaseQueryFailed = "DatabaseQueryFailed";
        public const string DataExportFeedNotFound = "DataExportFeedNotFound";
        public const string DataExportFeedHasNoItemStatus = "DataExportFeedHasNoItemStatus";

        // Catalog
        public const string ServiceNotFound = "ServiceNotFound";

        // Instances on other servers (SSH)
        public const string HostAddressInvalid = "HostAddressInvalid";
        public const string SshClientNotFound = "SshClientNotFound";
        public const string HostKeyUnknown = "HostKeyUnknown";
        public const string HostKeyChanged = "HostKeyChanged";
        public const string HostAuthenticationFailed = "HostAuthenticationFailed";
        public const string HostUnreachable = "HostUnreachable";
        public const string HostPhpMissing = "HostPhpMissing";
        public const string HostPathNotFound = "HostPathNotFound";
        public const string HostConnectionLost = "HostConnectionLost";
        public const string HostCommandFailed = "HostCommandFailed";
        public const string HostPortForwardFailed = "HostPortForwardFailed";

        // Re-sending a feed (saas:resync) and the status report
        public const string DataExportResyncOptionsInvalid = "DataExportResyncOptionsInvalid";
        public const string DataExportFeedLocked = "DataExportFeedLocked";
        public const string DataExportResyncFailed = "DataExportResyncFailed";
        public const string ConnectorReportWriteFailed = "ConnectorReportWriteFailed";
    }
}
