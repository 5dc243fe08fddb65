namespace CommerceConnector.Core.Errors
{
    /// <summary>
    /// Which failures stop a whole command: those about the registry or the session as a whole (no context, a locked,
    /// unreadable, too new or unwritable registry, a registry folder that cannot be used, a registry server that cannot be reached, logged into or used). Every other failure concerns
    /// one item and is reported as a non-terminating error, so a pipeline carries on with the next item. This is the one
    /// list; the cmdlets and docs/design.md refer to it.
    /// </summary>
    public static class TerminatingErrors
    {
        private static readonly HashSet<string> Ids = new HashSet<string>(StringComparer.Ordinal)
        {
            ErrorIds.NotConnected,
            ErrorIds.RegistryLocked,
            ErrorIds.RegistryCorrupt,
            ErrorIds.RegistrySchemaTooNew,
            ErrorIds.RegistryWriteFailed,
            ErrorIds.RegistryPathInvalid,
            ErrorIds.RegistryUnavailable,
            ErrorIds.RegistryAuthenticationFailed,
            ErrorIds.RegistryHostUnknown,
            ErrorIds.RegistryDatabaseNotFound,
            ErrorIds.RegistrySchemaMissing,
            ErrorIds.RegistrySchemaOutdated,
            ErrorIds.RegistryConnectionInvalid,
            ErrorIds.RegistryPermissionDenied,
        };

        /// <summary>The error ids that stop a command, in no particular order.</summary>
        public static IReadOnlyCollection<string> All => Ids;

        /// <summary>Whether a failure with <paramref name="errorId"/> stops the command instead of only its current item.</summary>
        public static bool StopsCommand(string errorId) => errorId != null && Ids.Contains(errorId);
    }
}
