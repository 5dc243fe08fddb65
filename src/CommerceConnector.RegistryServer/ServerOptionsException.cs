using System;

namespace CommerceConnector.RegistryServer
{
    /// <summary>A command-line value the server cannot start with.</summary>
    public sealed class ServerOptionsException : Exception
    {
        public ServerOptionsException(string message) : base(message)
        {
        }
    }
}
