using System.Security;

namespace CommerceConnector.Core.Keys
{
    /// <summary>What Repair-ConnectorPrivateKey did: the fixes, the key's public facts, and where the clean key went.</summary>
    public sealed class RepairedPrivateKey
    {
        public RepairedPrivateKey(IReadOnlyList<string> fixes, int keySize, string fingerprint, string? outFile, SecureString? privateKey) =>
            (Fixes, KeySize, Fingerprint, OutFile, PrivateKey) = (fixes, keySize, fingerprint, outFile, privateKey);

        /// <summary>What was wrong with the text; empty when it was already clean.</summary>
        public IReadOnlyList<string> Fixes { get; }

        public int KeySize { get; }

        public string Fingerprint { get; }

        /// <summary>The file the clean key was written to, with -OutFile.</summary>
        public string? OutFile { get; }

        /// <summary>The clean key, with -AsSecureString.</summary>
        public SecureString? PrivateKey { get; }
    }
}
