using System.Security;

namespace CommerceConnector.Core.Keys
{
    /// <summary>
    /// A private key a command is given: as a SecureString (-PrivateKey) or in a file (-PrivateKeyPath), never both.
    /// </summary>
    public static class PrivateKeyInput
    {
        /// <summary>Refuses a private key given both ways (PrivateKeyDestinationConflict).</summary>
        public static void RequireOne(SecureString? text, string? path)
        {
            if (text != null && path != null)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyDestinationConflict, ConnectorErrorCategory.InvalidArgument, path,
                    "Give a private key either as a SecureString or as a file path, not both.");
            }
        }

        /// <summary>
        /// The PEM text of the private key: read from <paramref name="path"/> (a full file-system path), else revealed from
        /// <paramref name="text"/>; null when neither is given.
        /// </summary>
        public static string? Text(SecureString? text, string? path)
        {
            RequireOne(text, path);
            return path != null ? PrivateKeyFile.ReadText(path) : SecureText.Reveal(text);
        }
    }
}
