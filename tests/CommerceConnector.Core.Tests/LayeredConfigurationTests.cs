using System.Diagnostics;
using CommerceConnector.Core.Database;
using CommerceConnector.Core.Php;
using CommerceConnector.Core.Projects;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// Magento's order of sources (env.php, config.php, core_config_data at default scope, the module's default) against
    /// a real MariaDB, private keys encrypted by php-cli's sodium with the store's crypt/key.
    /// </summary>
    public sealed class LayeredConfigurationTests : IClassFixture<MariaDbServer>, IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);
        private const string CryptKey = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        private const string Password = "layer'Pa55\\word";

        private readonly MariaDbServer _server;
        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;
        private readonly GeneratedApiKey _production;
        private readonly SaaSProject _luma;
        private readonly string _database = "layers_" + Guid.NewGuid().ToString("N").Substring(0, 8);

        public LayeredConfigurationTests(MariaDbServer server)
        {
            _server = server;
            _store = new FileRegistryStore(_temp.Combine("registry"));
            new AccountDirectory(_store, () => Now).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            _production = new ApiKeyPortal(_store, () => Now).Generate("MAG1", "owner@example.com", ApiKeyEnvironment.Production, "prod", 2048, _ => () => { });
            _luma = new ProjectRegistry(_store, () => Now).NewProject("MAG1", "owner@example.com", "Luma");
            _server.Sql(
                $"CREATE DATABASE {_database}; USE {_database};" +
                "CREATE TABLE m2_core_config_data (config_id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, scope varchar(8) NOT NULL DEFAULT 'default', " +
                "scope_id int NOT NULL DEFAULT 0, path varchar(255) NOT NULL DEFAULT 'general', value mediumtext, updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, UNIQUE KEY (scope, scope_id, path));" +
                $"CREATE USER IF NOT EXISTS 'layers'@'localhost' IDENTIFIED BY 'layer\\'Pa55\\\\word'; GRANT SELECT ON {_database}.* TO 'layers'@'localhost';");
        }

        public void Dispose() => _temp.Dispose();

        private static string PhpEncrypt(string plain)
        {
            string script = "$nonce = random_bytes(SODIUM_CRYPTO_AEAD_CHACHA20POLY1305_IETF_NPUBBYTES);" +
                "echo '0:3:' . base64_encode($nonce . sodium_crypto_aead_chacha20poly1305_ietf_encrypt($argv[2], $nonce, $nonce, $argv[1]));";
            var start = new ProcessStartInfo("php") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { "-r", script, CryptKey, plain })
            {
                start.ArgumentList.Add(argument);
            }
            using (var php = Process.Start(start))
            {
                string output = php.StandardOutput.ReadToEnd();
                php.WaitForExit();
                Assert.Equal(0, php.ExitCode);
                return output;
            }
        }

        private void Row(string path, string value, string scope = "default", int scopeId = 0) =>
            _server.Sql($"USE {_database}; INSERT INTO m2_core_config_data (scope, scope_id, path, value) VALUES ('{scope}', {scopeId}, '{path}', '{value.Replace("\\", "\\\\").Replace("'", "\\'")}');");

        /// <summary>A Magento root whose env.php names the test database; <paramref name="system"/> is PHP for its 'system' => 'default' block.</summary>
        private ConfigTarget Store(string name, InstanceRole role = InstanceRole.Production, string system = null, DatabaseAccess? access = null, string host = null)
        {
            string root = _temp.Combine(name);
            Directory.CreateDirectory(Path.Combine(root, "app", "etc"));
            File.WriteAllText(Path.Combine(root, "app", "etc", "env.php"),
                "<?php\nreturn [\n    'crypt' => ['key' => '" + CryptKey + "'],\n" +
                "    'db' => ['table_prefix' => 'm2_', 'connection' => ['default' => ['host' => '" + (host ?? "localhost:" + _server.Socket) + "', 'dbname' => '" + _database +
                "', 'username' => 'layers', 'password' => " + PhpLiteral.String(Password) + "]]],\n" +
                (system == null ? string.Empty : "    'system' => ['default' => " + system + "],\n") + "];\n");
            File.WriteAllText(Path.Combine(root, "app", "etc", "config.php"), "<?php\nreturn ['modules' => ['Magento_ServicesId' => 1, 'Magento_ServicesConnector' => 1]];\n");
            var instance = new InstanceInventory(_store, () => Now).Register("MAG1", "owner@example.com", name, root, role, null);
            if (access != null)
            {
                instance = new InstanceInventory(_store, () => Now).Set("MAG1", name, null, null, null, null, access);
            }
            return ConfigTarget.ForInstance(instance);
        }

        private void ConfigureInDatabase()
        {
            var space = _luma.DataSpaces.Single(d => d.DataSpaceName == "Production");
            Row(ConfigPaths.ProductionApiKey, PhpEncrypt(_production.Key.Id));
            Row(ConfigPaths.ProductionPrivateKey, PhpEncrypt(_production.PrivateKeyPem));
            Row(ConfigPaths.Environment, "production");
            Row(ConfigPaths.ProjectId, _luma.ProjectId);
            Row(ConfigPaths.ProjectName, _luma.ProjectName);
            Row(ConfigPaths.DataSpaceId, space.DataSpaceId);
            Row(ConfigPaths.DataSpaceName, space.DataSpaceName);
            Row(ConfigPaths.DataSpaceType, "production");
        }

        private static ConfigurationSources WithDatabase() => new ConfigurationSources(new CoreConfigDataReader());

        [Fact]
        public void AStoreConfiguredOnlyInTheDatabaseIsReadAndPassesEveryCheck()
        {
            ConfigureInDatabase();
            var target = Store("admin-configured");

            var config = ConfigurationReader.Read(target, WithDatabase());

            Assert.True(config.DatabaseRead);
            Assert.Equal(_production.Key.Id, config.ProductionApiKey);
            Assert.Equal(_production.Key.Fingerprint, config.ProductionKeyFingerprint);
            var key = config.Setting(ConfigPaths.ProductionPrivateKey);
            Assert.Equal(ConfigSource.Database, key.Source);
            Assert.StartsWith("core_config_data config_id ", key.Location);
            Assert.Empty(key.Shadows);
            Assert.Null(key.Problem);
            Assert.Equal(_luma.ProjectId, config.ProjectId);
            Assert.Equal((ConfigSource?)ConfigSource.Default, config.Setting(ConfigPaths.RegistryApiPath).Source);

            // The files alone know nothing; with the database every check passes, the key checked as an env.php key is.
            Assert.Null(ConfigurationReader.Read(target).ProductionApiKey);
            var sources = WithDatabase();
            var checks = new FleetAudit(_store, "MAG1", sources).Test(target);
            Assert.All(checks, c => Assert.True(c.Verdict == CheckVerdict.Passed, c.Name + ": " + c.Message));
            Assert.Contains(checks, c => c.Name == "KeyMatchesApiKey" || c.Name == "MatchesApiKey");
            Assert.Equal(new[] { "DatabaseValuesReadable", "DatabaseValuesNotShadowed", "DefaultScopeOnly" }, checks.Select(c => c.Name).Where(n => n.StartsWith("Database", StringComparison.Ordinal) || n == "DefaultScopeOnly"));
            Assert.Empty(sources.Warnings);
        }

        [Fact]
        public void AnEnvPhpValueShadowsADifferentDatabaseValueAndIsFlagged()
        {
            ConfigureInDatabase();
            var target = Store("locked", system: "['services_connector' => ['services_id' => ['environment_name' => 'Old name', 'project_name' => '" + _luma.ProjectName + "']]]");

            var config = ConfigurationReader.Read(target, WithDatabase());

            var name = config.Setting(ConfigPaths.DataSpaceName);
            Assert.Equal(("Old name", (ConfigSource?)ConfigSource.EnvPhp), (name.Value, name.Source));
            var shadow = Assert.Single(name.Shadows);
            Assert.Equal((ConfigSource.Database, "Production", true), (shadow.Source, shadow.Value, shadow.Differs));
            Assert.False(Assert.Single(config.Setting(ConfigPaths.ProjectName).Shadows).Differs);

            var checks = new FleetAudit(_store, "MAG1", WithDatabase()).Test(target).ToDictionary(c => c.Name);
            Assert.Equal(CheckVerdict.Failed, checks["DatabaseValuesNotShadowed"].Verdict);
            Assert.Contains("services_connector/services_id/environment_name: Magento uses 'Old name' from app/etc/env.php line", checks["DatabaseValuesNotShadowed"].Message);
            Assert.Contains("hides 'Production' in core_config_data config_id", checks["DatabaseValuesNotShadowed"].Message);
            Assert.DoesNotContain("project_name", checks["DatabaseValuesNotShadowed"].Message);
        }

        [Fact]
        public void WebsiteAndStoreScopeValuesAndUnreadableCiphersAreFlaggedNeverGuessed()
        {
            ConfigureInDatabase();
            Row(ConfigPaths.DataSpaceId, "f00dfeed", "websites", 1);
            Row(ConfigPaths.SandboxPrivateKey, "0:2:c29tZSBtY3J5cHQgdmFsdWU=");
            Row(ConfigPaths.SandboxApiKey, "0:3:" + Convert.ToBase64String(new byte[40]));
            var target = Store("scoped");

            var config = ConfigurationReader.Read(target, WithDatabase());
            var values = ConnectorValues.Read(target, null, WithDatabase());

            var scoped = Assert.Single(config.ScopedValues);
            Assert.Equal((ConfigPaths.DataSpaceId, "websites", 1L, "f00dfeed"), (scoped.Path, scoped.Scope, scoped.ScopeId, scoped.Value));
            var sandboxKey = config.Setting(ConfigPaths.SandboxPrivateKey);
            Assert.Null(sandboxKey.Value);
            Assert.StartsWith("encrypted with cipher version 2", sandboxKey.Problem);
            Assert.Null(values.Literal(ConfigPaths.SandboxPrivateKey));
            Assert.StartsWith("does not decrypt with the keys of env.php crypt/key", config.Setting(ConfigPaths.SandboxApiKey).Problem);
            Assert.Equal(_production.PrivateKeyPem, values.Literal(ConfigPaths.ProductionPrivateKey));

            var checks = new FleetAudit(_store, "MAG1", WithDatabase()).Test(target).ToDictionary(c => c.Name);
            Assert.Equal(CheckVerdict.Failed, checks["DefaultScopeOnly"].Verdict);
            Assert.Contains("services_connector/services_id/environment_id is set at websites scope 1", checks["DefaultScopeOnly"].Message);
            Assert.Equal(CheckVerdict.Failed, checks["DatabaseValuesReadable"].Verdict);
            Assert.Contains("sandbox_private_key", checks["DatabaseValuesReadable"].Message);
            Assert.Contains("cipher version 2", checks["DatabaseValuesReadable"].Message);
        }

        [Fact]
        public void AnUnreachableDatabaseGivesOneWarningAndTheFilesAreJudged()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var target = Store("unreachable", host: "127.0.0.1:" + closedPort,
                system: "['services_connector' => ['services_integration' => []], 'magento_saas' => ['environment' => 'sandbox']]");
            var sources = WithDatabase();

            var config = ConfigurationReader.Read(target, sources);
            new FleetAudit(_store, "MAG1", sources).Test(target);

            Assert.False(config.DatabaseRead);
            Assert.Equal(("sandbox", (ConfigSource?)ConfigSource.EnvPhp), (config.Environment, config.Setting(ConfigPaths.Environment).Source));
            string warning = Assert.Single(sources.Warnings);
            Assert.Contains(ErrorIds.DatabaseUnreachable, warning);
            Assert.DoesNotContain(Password, warning);
        }

        [Fact]
        public void DatabaseAccessOffAndFilesOnlyNeverConnect()
        {
            ConfigureInDatabase();
            var counting = new CountingDatabase();
            var off = Store("off", access: DatabaseAccess.Off);
            var on = Store("on", access: DatabaseAccess.On);

            Assert.False(ConfigurationReader.Read(off, new ConfigurationSources(counting)).DatabaseRead);
            Assert.Equal(0, counting.Calls);
            // The instance's own setting wins over the default (COMMERCE_CONNECTOR_DATABASE_ACCESS=Off gives Off as default).
            Assert.True(ConfigurationReader.Read(on, new ConfigurationSources(counting, DatabaseAccess.Off)).DatabaseRead);
            Assert.Equal(1, counting.Calls);
            Assert.False(ConfigurationReader.Read(on, ConfigurationSources.FilesOnly).DatabaseRead);
            Assert.False(ConfigurationReader.Read(ConfigTarget.ForPath(on.Root), new ConfigurationSources(counting, DatabaseAccess.Off)).DatabaseRead);
            Assert.Equal(1, counting.Calls);
            Assert.Equal(DatabaseAccess.Off, new InstanceInventory(_store).GetOne("MAG1", "off").DatabaseAccess);
        }

        [Fact]
        public void AdoptionFindsTheKeysProjectAndDataSpaceTheDatabaseHolds()
        {
            ConfigureInDatabase();
            string root = Store("to-adopt").Root;
            new InstanceInventory(_store).Unregister("MAG1", "to-adopt");
            var adoptedStore = new FileRegistryStore(_temp.Combine("fresh-registry"));
            new AccountDirectory(adoptedStore, () => Now).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");

            var registered = new InstanceAdoption(adoptedStore, () => Now).Register("MAG1", "owner@example.com", "to-adopt", root, InstanceRole.Production, null, adopt: true, WithDatabase());

            var document = adoptedStore.Read();
            Assert.Equal(_production.Key.Id, Assert.Single(document.ApiKeys).Id);
            Assert.Equal(_production.Key.Fingerprint, document.ApiKeys[0].Fingerprint);
            Assert.Equal(_luma.ProjectId, Assert.Single(document.Projects).ProjectId);
            Assert.Contains(registered.Instance.Adopted, r => r.Kind == ConnectorRecordKind.DataSpace);
            Assert.All(new FleetAudit(adoptedStore, "MAG1", WithDatabase()).Test(ConfigTarget.ForInstance(document.Instances.Single())),
                c => Assert.True(c.Verdict == CheckVerdict.Passed, c.Name + ": " + c.Message));
        }

        private sealed class CountingDatabase : IStoreConfigDatabase
        {
            public int Calls { get; private set; }

            public IReadOnlyList<StoreConfigRow> Read(PhpConfigFile env)
            {
                Calls++;
                return Array.Empty<StoreConfigRow>();
            }
        }
    }
}
