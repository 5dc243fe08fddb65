using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Database
{
    /// <summary>
    /// How to reach an instance's database: env.php's db/connection/default, optionally with another user (a read-only
    /// one: -DatabaseCredential) and another connect timeout.
    /// </summary>
    public sealed class DatabaseLogin
    {
        public DatabaseLogin(string user = null, string password = null, int connectTimeoutSeconds = MagentoDatabase.DefaultConnectTimeoutSeconds)
        {
            User = user;
            Password = password;
            ConnectTimeoutSeconds = connectTimeoutSeconds;
        }

        /// <summary>The user to log in as instead of env.php's; null keeps env.php's user and password.</summary>
        public string User { get; }

        internal string Password { get; }

        public int ConnectTimeoutSeconds { get; }

        /// <summary>The settings env.php gives, with this login's user when one is set.</summary>
        public DatabaseSettings Settings(PhpConfigFile env)
        {
            var settings = DatabaseSettings.FromEnvPhp(env);
            return User == null ? settings : settings.WithCredential(User, Password ?? string.Empty);
        }

        /// <summary>Reads the target's env.php and opens its database.</summary>
        public MagentoDatabase Open(ConfigTarget target) =>
            Open(PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp));

        /// <summary>Opens the database an already parsed env.php names.</summary>
        public MagentoDatabase Open(PhpConfigFile env) => MagentoDatabase.Open(Settings(env), ConnectTimeoutSeconds);
    }
}
