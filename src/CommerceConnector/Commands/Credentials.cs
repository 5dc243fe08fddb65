using System.Net;
using CommerceConnector.Core.Database;

namespace CommerceConnector.Commands
{
    /// <summary>
    /// A PSCredential parameter as Core takes it. None given, or an empty one (a prompt dismissed, PSCredential.Empty),
    /// means the default: env.php's own database login, or no registry credential.
    /// </summary>
    internal static class Credentials
    {
        /// <summary>-DatabaseCredential as the login the commands use; null (env.php's own) when none is given.</summary>
        public static DatabaseLogin? Database(PSCredential? credential) =>
            credential is null || credential == PSCredential.Empty
                ? null
                : new DatabaseLogin(credential.UserName, credential.GetNetworkCredential().Password);

        /// <summary>-DatabaseCredential where a login object is always wanted: env.php's own login when none is given.</summary>
        public static DatabaseLogin DatabaseOrEnvPhp(PSCredential? credential) => Database(credential) ?? new DatabaseLogin();

        /// <summary>-Credential of a shared registry as a network credential; null when none is given.</summary>
        public static NetworkCredential? Network(PSCredential? credential) =>
            credential is null || credential == PSCredential.Empty ? null : credential.GetNetworkCredential();
    }
}
