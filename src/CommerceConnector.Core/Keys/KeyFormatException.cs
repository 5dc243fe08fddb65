namespace CommerceConnector.Core.Keys
{
    /// <summary>Thrown by the DER codecs when bytes are not the structure asked for. Carries no key material.</summary>
    public sealed class KeyFormatException : Exception
    {
        public KeyFormatException(string message, Exception? inner = null) : base(message, inner)
        {
        }
    }
}
