using CommerceConnector.Core.Database;

namespace CommerceConnector.Commands
{
    /// <summary>-DatabaseCredential as the database login the commands use: env.php's own when none (or an empty one) is given.</summary>
    internal static class DatabaseCredentials
    {
        public static DatabaseLogin? Login(PSCredential? credential) =>
            credential is null || credential == PSCredential.Empty
                ? null
                : new DatabaseLogin(credential.UserName, credential.GetNetworkCredential().Password);
    }
}
