using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Reads the connector rows of an installation's core_config_data (every scope), private keys decrypted with env.php's
    /// crypt/key. Implemented beside the database code; the instances side only asks, so it needs no database driver.
    /// </summary>
    public interface IStoreConfigDatabase
    {
        /// <summary>
        /// The rows of the connector paths. Throws ConnectorException DatabaseSettingsMissing when env.php names no
        /// database, and the database error ids (unreachable, access denied, not found, table missing) otherwise.
        /// </summary>
        IReadOnlyList<StoreConfigRow> Read(PhpConfigFile env);
    }
}
