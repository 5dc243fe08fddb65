namespace CommerceConnector.Core.Keys
{
    /// <summary>The rule for where a private key may go: exactly one of a file or a SecureString, never the console.</summary>
    public static class PrivateKeyDestination
    {
        public static void Check(string? outFile, bool asSecureString)
        {
            if (outFile == null && !asSecureString)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyDestinationRequired, ConnectorErrorCategory.InvalidArgument, null,
                    "A private key is never printed. Give -OutFile <path> to save it in an owner-only file, or -AsSecureString to receive it as a SecureString (for Set-Secret).");
            }
            if (outFile != null && asSecureString)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyDestinationConflict, ConnectorErrorCategory.InvalidArgument, outFile,
                    "Give either -OutFile or -AsSecureString, not both: the private key leaves exactly once.");
            }
        }
    }
}
