namespace CommerceConnector.Core.Errors
{
    /// <summary>
    /// The kinds of failure Core reports. The names match PowerShell's ErrorCategory members so that
    /// the cmdlet layer maps them one to one without Core referencing PowerShell.
    /// </summary>
    public enum ConnectorErrorCategory
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ObjectNotFound,
        ResourceExists,
        ResourceUnavailable,
        ResourceBusy,
        PermissionDenied,
        SecurityError,
        ConnectionError,
        AuthenticationError,
        NotEnabled,
        WriteError,
        ReadError,
        OperationTimeout,
        InvalidResult,
    }
}
