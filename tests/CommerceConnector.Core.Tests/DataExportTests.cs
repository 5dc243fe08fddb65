using System.Diagnostics;
using CommerceConnector.Core.Database;
using CommerceConnector.Core.DataExport;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Tests
{
    /// <summary>The read-only database session and the data export status, against one real MariaDB for the class.</summary>
    public sealed class DataExportTests : IClassFixture<MariaDbServer>, IDisposable
    {
        private const string Password = "xunit'Pa55\\word";
        private readonly MariaDbServer _server;
        private readonly TempFolder _temp = new TempFolder();

        public DataExportTests(MariaDbServer server)
        {
            _server = server;
            _server.Sql(
                "CREATE DATABASE IF NOT EXISTS shop; USE shop;" +
                "CREATE TABLE IF NOT EXISTS p_cde_products_feed (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, source_entity_id varchar(64), feed_id varchar(64) UNIQUE, modified_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, is_deleted tinyint NOT NULL DEFAULT 0, status smallint NOT NULL DEFAULT 0, feed_data mediumtext, feed_hash varchar(64), errors text, KEY (status));" +
                "DELETE FROM p_cde_products_feed;" +
                "INSERT INTO p_cde_products_feed (source_entity_id, feed_id, is_deleted, status, errors) VALUES " +
                "('1','a',0,200,NULL),('2','b',1,200,NULL),('3','c',0,400,'bad price'),('4','d',0,1,'x'),('5','e',0,2,NULL),('6','f',1,503,NULL),('7','g',0,0,NULL),('8','h',0,403,NULL);" +
                "CREATE USER IF NOT EXISTS 'shop'@'localhost' IDENTIFIED BY 'xunit\\'Pa55\\\\word'; GRANT SELECT ON shop.* TO 'shop'@'localhost';");
        }

        public void Dispose() => _temp.Dispose();

        private PhpConfigFile Env(string host, string database = "shop", string password = Password, string prefix = "p_") =>
            PhpConfigFile.Parse("<?php\nreturn ['db' => ['table_prefix' => '" + prefix + "', 'connection' => ['default' => ['host' => '" + host +
                "', 'dbname' => '" + database + "', 'username' => 'shop', 'password' => " + PhpLiteral.String(password) + "]]]];\n", "env.php");

        [Fact]
        public void CountsAsTheAdminPageDoes()
        {
            using (var db = new DatabaseLogin().Open(Env("localhost:" + _server.Socket)))
            {
                var status = DataExportMonitor.Status(db, "shop", new[] { DataExportFeed.Find("products"), DataExportFeed.Find("orders") });

                Assert.Equal("cde_products_feed", status[0].Table);
                AssertTheSeededCounts(status);
            }
        }

        /// <summary>The counts of the products feed the fixture seeds (and an orders feed that is not installed).</summary>
        private static void AssertTheSeededCounts(IReadOnlyList<DataExportStatus> status)
        {
            var products = status[0];
            Assert.Equal(8, products.Items);
            Assert.Equal(1, products.Submitted);
            Assert.Equal(3, products.FailedRequireAttention);
            Assert.Equal(3, products.FailedWillRetry);
            Assert.Equal(2, products.Deleted);
            Assert.Equal(DataExportHealth.NeedsAttention, products.Health);
            Assert.Equal(DataExportHealth.NotInstalled, status[1].Health);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(100)]
        public void CountsTheSameInSlicesOverSeveralConnections(long sliceRows)
        {
            var env = Env("localhost:" + _server.Socket);
            using (var db = new DatabaseLogin().Open(env))
            {
                var status = DataExportMonitor.Status(db, "shop", new[] { DataExportFeed.Find("products"), DataExportFeed.Find("orders") },
                    () => new DatabaseLogin().Open(env), 4, sliceRows);

                AssertTheSeededCounts(status);
            }
        }

        [Theory]
        [InlineData("wrong", "shop", ErrorIds.DatabaseAccessDenied)]
        [InlineData(Password, "nowhere", ErrorIds.DatabaseNotFound)]
        public void EachFailureHasItsIdAndNoPassword(string password, string database, string errorId)
        {
            var e = Assert.Throws<ConnectorException>(() => new DatabaseLogin().Open(Env("localhost:" + _server.Socket, database, password)));
            Assert.Equal(errorId, e.ErrorId);
            Assert.DoesNotContain(password, e.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void AServerThatDoesNotAnswerIsUnreachableWithinTheTimeout()
        {
            var watch = Stopwatch.StartNew();
            var e = Assert.Throws<ConnectorException>(() => new DatabaseLogin(connectTimeoutSeconds: 2).Open(Env("/nonexistent/mysql.sock")));
            Assert.Equal(ErrorIds.DatabaseUnreachable, e.ErrorId);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15));
        }

        [Fact]
        public void TableNamesComeFromTheFixedListOnly()
        {
            using (var db = new DatabaseLogin().Open(Env("localhost:" + _server.Socket)))
            {
                Assert.Equal("`p_flag`", db.Table("flag"));
                Assert.Throws<ArgumentException>(() => db.Table("admin_user"));
                Assert.Throws<InvalidOperationException>(() => db.Select("DELETE FROM p_flag", null));
            }
        }

        [Theory]
        [InlineData("db.example.com", "db.example.com", 3306u, null)]
        [InlineData("db.example.com:3307", "db.example.com", 3307u, null)]
        [InlineData("/var/run/mysqld/mysqld.sock", null, 3306u, "/var/run/mysqld/mysqld.sock")]
        [InlineData("localhost:/tmp/mysql.sock", null, 3306u, "/tmp/mysql.sock")]
        public void ReadsEveryHostFormMagentoAllows(string host, string name, uint port, string socket)
        {
            Assert.Equal((name, port, socket), DatabaseSettings.ParseHost(host));
        }

        [Fact]
        public void RefusesATablePrefixThatIsNotANameAndHidesThePassword()
        {
            var e = Assert.Throws<ConnectorException>(() => DatabaseSettings.FromEnvPhp(Env("h", prefix: "x`; DROP")));
            Assert.Equal(ErrorIds.InvalidTablePrefix, e.ErrorId);
            Assert.DoesNotContain(Password, DatabaseSettings.FromEnvPhp(Env("h")).ToString(), StringComparison.Ordinal);
        }
    }

    public sealed class DataExportLogTests
    {
        [Fact]
        public void ParsesJsonMessagesTextWithContextAndKeepsTheRest()
        {
            var json = DataExportLog.Parse("[2026-12-07T09:10:00.123456+00:00] report.INFO: {\"feed\":\"products\",\"operation\":\"full sync\",\"status\":\"Complete\",\"elapsed\":\"600s\"} [] []");
            Assert.True(json.Parsed);
            Assert.Equal(("products", "full sync", "Complete", "600s", "INFO"), (json.Feed, json.Operation, json.Status, json.Elapsed, json.Level));

            var upload = DataExportLog.Parse("[2026-12-07T09:20:11+00:00] main.ERROR: Export error. API request was not successful. {\"request_id\":\"r-1\",\"status_code\":503,\"feed\":\"prices\"} []");
            Assert.Equal(("Export error. API request was not successful.", "r-1", "503", "prices"), (upload.Message, upload.RequestId, upload.StatusCode, upload.Feed));

            var code = DataExportLog.Parse("[2026-12-07T09:20:11+00:00] report.ERROR: {\"feed\":\"products\",\"status\":\"CDE01-02 failed\"} [] []");
            Assert.Equal("CDE01-02", code.ErrorCode);

            Assert.False(DataExportLog.Parse("#0 {main}").Parsed);
        }

        [Theory]
        [InlineData("[\"req-1\"]", "req-1")]
        [InlineData("[{\"X-Request-Id\":\"req-2\"}]", "req-2")]
        [InlineData("{\"request_id\":\"req-3\"}", "req-3")]
        [InlineData("not json", null)]
        [InlineData(null, null)]
        public void FindsTheRequestIdInTheMetadataColumn(string metadata, string expected)
        {
            Assert.Equal(expected, DataExportMonitor.RequestId(metadata));
        }
    }

    /// <summary>Magento's cipher version 3, with php-cli's sodium as the judge of the format.</summary>
    public sealed class MagentoEncryptorTests
    {
        private static string PhpEncrypt(string key, string plain)
        {
            string script = "$key = $argv[1]; $nonce = random_bytes(SODIUM_CRYPTO_AEAD_CHACHA20POLY1305_IETF_NPUBBYTES);" +
                "echo '1:3:' . base64_encode($nonce . sodium_crypto_aead_chacha20poly1305_ietf_encrypt($argv[2], $nonce, $nonce, $key));";
            var (exitCode, output, _) = ExternalTool.Run("php", "-r", script, key, plain);
            Assert.Equal(0, exitCode);
            return output;
        }

        [Fact]
        public void DecryptsWhatPhpSodiumEncryptedWithTheSecondKey()
        {
            const string oldKey = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
            const string newKey = "f9e8d7c6b5a4938271605f4e3d2c1b0a";
            string secret = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
            var encryptor = new MagentoEncryptor(oldKey + "\n" + newKey);

            Assert.Equal(DecryptionOutcome.Decrypted, encryptor.TryDecrypt(PhpEncrypt(newKey, secret), out string plain));
            Assert.Equal(secret, plain);
            Assert.Equal(DecryptionOutcome.Failed, new MagentoEncryptor(oldKey + " " + oldKey).TryDecrypt(PhpEncrypt(newKey, secret), out _));
        }

        [Theory]
        [InlineData("0:2:abcdef", DecryptionOutcome.UnsupportedCipher)]
        [InlineData("plain text", DecryptionOutcome.NotEncrypted)]
        [InlineData("5:3:AAAA", DecryptionOutcome.KeyMissing)]
        public void ReportsWhatItCannotReadWithoutGuessing(string value, DecryptionOutcome outcome)
        {
            Assert.Equal(outcome, new MagentoEncryptor("0a1b2c3d4e5f60718293a4b5c6d7e8f9").TryDecrypt(value, out string plain));
            Assert.Null(plain);
        }
    }
}
