using CommerceConnector.Core.Magento;

namespace CommerceConnector.Core.Tests
{
    /// <summary>php bin/magento run for real (php-cli), against a small bin/magento that answers as Magento does.</summary>
    public sealed class MagentoCliTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private string Root(string body)
        {
            string root = _temp.Combine("magento root with spaces");
            Directory.CreateDirectory(Path.Combine(root, "bin"));
            File.WriteAllText(Path.Combine(root, "bin", "magento"), "<?php\n" + body);
            return root;
        }

        [Fact]
        public void CleansTheConfigCacheInTheRootAndReportsWhatMagentoPrinted()
        {
            string root = Root("file_put_contents(getcwd() . '/args.txt', implode('|', array_slice($argv, 1)));\necho \"Cleaned cache types:\\nconfig\\n\";\n");

            var result = MagentoCli.CleanConfigCache(root);

            Assert.Equal((0, "Cleaned cache types:\nconfig", "php bin/magento cache:clean config"),
                (result.ExitCode, result.Output.Replace("\r\n", "\n"), result.Command));
            Assert.Equal("cache:clean|config", File.ReadAllText(Path.Combine(root, "args.txt")));
        }

        [Fact]
        public void AFailedRunIsMagentoCommandFailedWithItsExitCodeAndLastLine()
        {
            string root = Root("fwrite(STDERR, \"first\\nCache type config is locked.\\n\");\nexit(3);\n");

            var error = Assert.Throws<ConnectorException>(() => MagentoCli.CleanConfigCache(root));

            Assert.Equal(ErrorIds.MagentoCommandFailed, error.ErrorId);
            Assert.Contains("failed with exit code 3: Cache type config is locked.", error.Message);
        }

        [Fact]
        public void ARootWithoutBinMagentoIsMagentoCliNotFound()
        {
            var error = Assert.Throws<ConnectorException>(() => MagentoCli.CleanConfigCache(_temp.Path));

            Assert.Equal(ErrorIds.MagentoCliNotFound, error.ErrorId);
            Assert.Equal(Path.GetFullPath(_temp.Path), error.Target);
        }

        [Fact]
        public void AMissingPhpIsPhpNotFound()
        {
            string root = Root("echo 'never';\n");

            var error = Assert.Throws<ConnectorException>(() => MagentoCli.CleanConfigCache(root, php: _temp.Combine("no-such-php")));

            Assert.Equal(ErrorIds.PhpNotFound, error.ErrorId);
        }

        [Fact]
        public void ARunThatHangsIsStoppedAtTheTimeout()
        {
            string root = Root("sleep(30);\n");

            var error = Assert.Throws<ConnectorException>(() => MagentoCli.Run(root, "php", new[] { "cache:clean", "config" }, TimeSpan.FromSeconds(1)));

            Assert.Equal(ErrorIds.MagentoCommandFailed, error.ErrorId);
            Assert.Contains("did not finish within 1 s", error.Message);
        }

        [Fact]
        public void TheWarningNamesTheCommandAndTheRoot()
        {
            Assert.Equal(
                "Magento keeps serving the previous connector values until its configuration cache is cleaned: run 'php bin/magento cache:clean config' in /var/www/luma, or add -CleanCache.",
                MagentoCli.StaleCacheWarning("/var/www/luma"));
        }
    }
}
