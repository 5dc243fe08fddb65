using CommerceConnector.Core.Accounts;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>
    /// The serialization boundary of the file store: <see cref="RegistryFile"/> (what registry.json holds) to
    /// <see cref="RegistryDocument"/> (what Core and the commands work with) and back, through <see cref="RecordCopier"/>.
    /// Absent lists and null entries are carried over as they are, so <see cref="RegistryDocument"/>'s validation judges
    /// a file exactly as it did when the document itself was deserialized.
    /// </summary>
    internal static class RecordMapping
    {
        public static RegistryDocument ToDocument(this RegistryFile file)
        {
            var document = RecordCopier.Copy<RegistryFile, RegistryDocument>(file);
            foreach (var account in document.Accounts ?? new List<CommerceAccount>())
            {
                if (account == null)
                {
                    continue;
                }
                // A membership is stored inside its account; the account's MageID is not repeated in the file.
                account.Members = account.Members ?? new List<AccountMember>();
                foreach (var member in account.Members)
                {
                    if (member != null)
                    {
                        member.MageId = account.MageId;
                    }
                }
            }
            return document;
        }

        public static RegistryFile ToFile(this RegistryDocument document) => RecordCopier.Copy<RegistryDocument, RegistryFile>(document);
    }
}
