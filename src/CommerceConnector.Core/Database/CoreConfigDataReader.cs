using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Database
{
    /// <summary>
    /// Reads the connector paths of core_config_data (every scope) with one parameterised SELECT, and decrypts the
    /// encrypted fields in memory with env.php's crypt/key (<see cref="MagentoEncryptor"/>). A value the module cannot
    /// read (another cipher, a missing key, a damaged value) is returned with its reason, never guessed.
    /// </summary>
    public sealed class CoreConfigDataReader : IStoreConfigDatabase
    {
        /// <summary>Configuration commands wait this long for a server, then judge the files.</summary>
        public const int ConnectTimeoutSeconds = 3;

        /// <summary>The fields Magento stores encrypted (Magento\Config\Model\Config\Backend\Encrypted).</summary>
        public static IReadOnlyList<string> EncryptedPaths { get; } = new[]
        {
            ConfigPaths.ProductionApiKey, ConfigPaths.ProductionPrivateKey, ConfigPaths.SandboxApiKey, ConfigPaths.SandboxPrivateKey,
        };

        private readonly DatabaseLogin _login;

        /// <param name="login">Another (read-only) user, or null for env.php's own; its timeout is capped at <see cref="ConnectTimeoutSeconds"/>.</param>
        public CoreConfigDataReader(DatabaseLogin? login = null)
        {
            _login = login == null
                ? new DatabaseLogin(connectTimeoutSeconds: ConnectTimeoutSeconds)
                : new DatabaseLogin(login.User, login.Password, Math.Min(login.ConnectTimeoutSeconds, ConnectTimeoutSeconds));
        }

        public IReadOnlyList<StoreConfigRow> Read(PhpConfigFile env)
        {
            var paths = ConfigPaths.All;
            var parameters = paths.Select((p, i) => ("@p" + i, (object)p)).ToArray();
            IReadOnlyList<object?[]> found;
            using (var database = _login.Open(env))
            {
                string sql = "SELECT config_id, scope, scope_id, path, value FROM " + database.Table(MagentoDatabase.CoreConfigData) +
                    " WHERE path IN (" + string.Join(", ", parameters.Select(p => p.Item1)) + ") ORDER BY config_id";
                found = database.Select(sql, MagentoDatabase.CoreConfigData, parameters);
            }
            var encryptor = new MagentoEncryptor(CryptKey(env));
            return found.Select(row => Row(encryptor, row)).ToList();
        }

        private static StoreConfigRow Row(MagentoEncryptor encryptor, object?[] row)
        {
            long configId = Convert.ToInt64(row[0]);
            string scope = Convert.ToString(row[1]);
            long scopeId = Convert.ToInt64(row[2]);
            string path = Convert.ToString(row[3]);
            string? value = row[4] == null ? null : Convert.ToString(row[4]);
            if (Strings.IsNullOrEmpty(value) || !EncryptedPaths.Contains(path))
            {
                return new StoreConfigRow(configId, scope, scopeId, path, value, null);
            }
            var outcome = encryptor.TryDecrypt(value, out string? plain);
            return new StoreConfigRow(configId, scope, scopeId, path, outcome == DecryptionOutcome.Decrypted ? plain : null, Problem(outcome, value));
        }

        /// <summary>Why an encrypted value was not read, in words; null when it was.</summary>
        internal static string? Problem(DecryptionOutcome outcome, string value)
        {
            string[] parts = value.Split(new[] { ':' }, 3);
            switch (outcome)
            {
                case DecryptionOutcome.Decrypted:
                    return null;
                case DecryptionOutcome.UnsupportedCipher:
                    return $"encrypted with cipher version {parts[1]} (an mcrypt-era cipher), which CommerceConnector does not read; the value was not guessed. Save it again in the Admin so that Magento re-encrypts it with cipher version 3.";
                case DecryptionOutcome.KeyMissing:
                    return $"encrypted with key number {parts[0]}, which env.php crypt/key does not hold. Restore that key in crypt/key, or save the value again in the Admin.";
                case DecryptionOutcome.Failed:
                    return "does not decrypt with the keys of env.php crypt/key (encrypted with another store's key, or damaged). Save the value again in the Admin.";
                default:
                    return "is stored unencrypted where Magento keeps an encrypted value, so Magento does not read it as written. Save the value again in the Admin.";
            }
        }

        private static string? CryptKey(PhpConfigFile env)
        {
            var key = env.Get(new[] { "crypt", "key" });
            return key == null || key.Kind == PhpValueKind.Expression || key.Kind == PhpValueKind.Array ? null : key.Text;
        }
    }
}
