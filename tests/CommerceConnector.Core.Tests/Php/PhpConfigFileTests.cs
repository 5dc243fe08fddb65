using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Tests.Php
{
    public sealed class PhpConfigFileTests : IClassFixture<PhpJudge>, IClassFixture<OpenSslKeys>
    {
        private readonly PhpJudge _php;
        private readonly OpenSslKeys _keys;

        public PhpConfigFileTests(PhpJudge php, OpenSslKeys keys)
        {
            _php = php;
            _keys = keys;
        }

        private static string Flat(string configPath) => "system/default/" + configPath;

        private Dictionary<string, string> ConnectorValues() => new Dictionary<string, string>
        {
            [ConfigPaths.ProductionApiKey] = "0123456789abcdef0123456789abcdef",
            [ConfigPaths.ProductionPrivateKey] = _keys.Pkcs8,
            [ConfigPaths.SandboxApiKey] = "fedcba9876543210fedcba9876543210",
            [ConfigPaths.SandboxPrivateKey] = _keys.Other,
            [ConfigPaths.Environment] = "production",
            [ConfigPaths.ProjectId] = "0b7e2d8e-1f5c-4e57-9d0e-4c1c2b5f6a7b",
            [ConfigPaths.ProjectName] = "Luma 'EU' \\ project",
            [ConfigPaths.DataSpaceId] = "5f0c3a1e-8b2d-4e6f-9a7c-1d2e3f4a5b6c",
            [ConfigPaths.DataSpaceName] = "Production",
            [ConfigPaths.DataSpaceType] = "production",
            [ConfigPaths.ImsOrganizationId] = "0123456789ABCDEF01234567@AdobeOrg",
        };

        private static PhpConfigFile SetAll(PhpConfigFile file, IDictionary<string, string> values)
        {
            foreach (var pair in values)
            {
                file = file.Set(ConfigPaths.EnvPhpKeys(pair.Key), pair.Value);
            }
            return file;
        }

        /// <summary>Every line of <paramref name="before"/> that the edit had no business touching is still there, in order.</summary>
        private static void AssertUntouchedLinesKept(string before, string after)
        {
            string[] connectorWords = { "services_connector", "magento_saas", "'system'", "'default'", "_api_key", "_private_key", "services_id", "project_", "environment", "ims_organization" };
            var kept = before.Split('\n').Where(l => !connectorWords.Any(w => l.Contains(w)) && l.Trim().Trim(',', ']', ')', '[', ';').Length > 0).ToList();
            var lines = after.Split('\n');
            int at = 0;
            foreach (string line in kept)
            {
                while (at < lines.Length && lines[at] != line)
                {
                    at++;
                }
                Assert.True(at < lines.Length, $"the line «{line}» was changed or lost");
                at++;
            }
        }

        [Theory]
        [MemberData(nameof(EnvPhpCorpus.Names), MemberType = typeof(EnvPhpCorpus))]
        public void SettingTheConnectorChangesExactlyItsPathsAsPhpSeesIt(string shape)
        {
            string before = EnvPhpCorpus.Shapes[shape];
            _php.AssertValidPhp(before);
            var values = ConnectorValues();

            string after = SetAll(PhpConfigFile.Parse(before, "env.php"), values).Text;

            _php.AssertValidPhp(after);
            var changed = _php.ChangedPaths(before, after);
            var expected = values.Keys.Select(Flat).ToList();
            // A file that had an empty system or default array loses that empty leaf when it fills up.
            var emptied = new[] { "system", "system/default" }.Where(p => changed.Contains(p));
            Assert.Equal(expected.Concat(emptied).OrderBy(p => p, StringComparer.Ordinal), changed.OrderBy(p => p, StringComparer.Ordinal));
            foreach (var pair in values)
            {
                Assert.Equal(pair.Value, _php.Read(after, ConfigPaths.EnvPhpKeys(pair.Key).ToArray()));
            }
            AssertUntouchedLinesKept(before, after);
            Assert.Equal(before.Contains("\r\n"), after.Contains("\r\n"));
            if (before.Contains("\r\n"))
            {
                Assert.DoesNotContain("\n", after.Replace("\r\n", string.Empty));
            }
        }

        [Theory]
        [MemberData(nameof(EnvPhpCorpus.Names), MemberType = typeof(EnvPhpCorpus))]
        public void OurOwnReaderReadsBackWhatPhpReads(string shape)
        {
            var values = ConnectorValues();
            var file = SetAll(PhpConfigFile.Parse(EnvPhpCorpus.Shapes[shape]), values);

            foreach (var pair in values)
            {
                var value = file.Get(ConfigPaths.EnvPhpKeys(pair.Key));
                Assert.Equal(PhpValueKind.String, value.Kind);
                Assert.Equal(pair.Value, value.Text);
            }
        }

        [Theory]
        [MemberData(nameof(EnvPhpCorpus.Names), MemberType = typeof(EnvPhpCorpus))]
        public void ChangingValuesAgainTouchesOnlyThoseValues(string shape)
        {
            var first = SetAll(PhpConfigFile.Parse(EnvPhpCorpus.Shapes[shape]), ConnectorValues());
            string before = first.Text;

            var after = first.Set(ConfigPaths.EnvPhpKeys(ConfigPaths.DataSpaceId), "11111111-2222-3333-4444-555555555555")
                .Set(ConfigPaths.EnvPhpKeys(ConfigPaths.ProductionPrivateKey), _keys.Other).Text;

            Assert.Equal(new[] { Flat(ConfigPaths.ProductionPrivateKey), Flat(ConfigPaths.DataSpaceId) }.OrderBy(p => p, StringComparer.Ordinal), _php.ChangedPaths(before, after));
            // Setting the same value again changes no byte.
            Assert.Equal(after, PhpConfigFile.Parse(after).Set(ConfigPaths.EnvPhpKeys(ConfigPaths.DataSpaceId), "11111111-2222-3333-4444-555555555555").Text);
            var beforeLines = before.Split('\n');
            var afterLines = after.Split('\n');
            Assert.Equal(beforeLines.Length, afterLines.Length);
            // Only the lines of the two values differ (one line when the file keeps everything on one line).
            Assert.InRange(beforeLines.Zip(afterLines, (a, b) => a == b ? 0 : 1).Sum(), 1, 2);
        }

        [Theory]
        [MemberData(nameof(EnvPhpCorpus.Names), MemberType = typeof(EnvPhpCorpus))]
        public void RemovingTheConnectorRemovesExactlyItsPaths(string shape)
        {
            string original = EnvPhpCorpus.Shapes[shape];
            var values = ConnectorValues();
            string configured = SetAll(PhpConfigFile.Parse(original), values).Text;

            var file = PhpConfigFile.Parse(configured);
            foreach (string path in ConfigPaths.All)
            {
                file = file.Remove(ConfigPaths.EnvPhpKeys(path), keepDepth: 2);
            }

            _php.AssertValidPhp(file.Text);
            var changed = _php.ChangedPaths(configured, file.Text);
            var expected = values.Keys.Select(Flat).ToList();
            var emptied = new[] { "system/default" }.Where(p => changed.Contains(p));
            Assert.Equal(expected.Concat(emptied).OrderBy(p => p, StringComparer.Ordinal), changed.OrderBy(p => p, StringComparer.Ordinal));
            Assert.DoesNotContain(_php.ChangedPaths(original, file.Text), p => !p.StartsWith("system", StringComparison.Ordinal));
            AssertUntouchedLinesKept(original, file.Text);
        }

        [Fact]
        public void AnUntouchedFileIsNotRewritten()
        {
            foreach (string text in EnvPhpCorpus.Shapes.Values)
            {
                var file = PhpConfigFile.Parse(text);
                Assert.Same(file, file.Remove(ConfigPaths.EnvPhpKeys(ConfigPaths.ImsOrganizationId)));
                Assert.Equal(text, file.Text);
            }
        }

        [Fact]
        public void ExistingConnectorValuesAreReplacedInPlace()
        {
            string before = EnvPhpCorpus.Shapes["existing-connector"];
            string after = PhpConfigFile.Parse(before).Set(ConfigPaths.EnvPhpKeys(ConfigPaths.Environment), "production").Text;

            Assert.Equal(before.Replace("'environment' => 'sandbox'", "'environment' => 'production'"), after);
        }

        [Fact]
        public void APrivateKeyIsWrittenAsOneEscapedDoubleQuotedStringThatPhpReadsByteForByte()
        {
            string before = EnvPhpCorpus.Shapes["magento-default"];
            string after = PhpConfigFile.Parse(before).Set(ConfigPaths.EnvPhpKeys(ConfigPaths.ProductionPrivateKey), _keys.Pkcs8).Text;

            Assert.Contains("'production_private_key' => \"-----BEGIN PRIVATE KEY-----\\n", after);
            Assert.Equal(_keys.Pkcs8, _php.Read(after, ConfigPaths.EnvPhpKeys(ConfigPaths.ProductionPrivateKey).ToArray()));
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("it's")]
        [InlineData("back\\slash")]
        [InlineData("dollar $x and {$y}")]
        [InlineData("quote \" double")]
        [InlineData("line\nbreak\r\nand\ttab")]
        [InlineData("bell\u0007 and \u007f")]
        [InlineData("ünïcödé ☕")]
        [InlineData("")]
        public void LiteralsReadBackExactlyInPhp(string value)
        {
            string text = "<?php\nreturn ['v' => " + PhpLiteral.String(value) + "];\n";
            Assert.Equal(value, _php.Read(text, "v"));
            Assert.Equal(value, PhpConfigFile.Parse(text).Get(new[] { "v" }).Text);
        }

        [Theory]
        [MemberData(nameof(EnvPhpCorpus.UnsupportedNames), MemberType = typeof(EnvPhpCorpus))]
        public void SyntaxItCannotEditSafelyIsRefusedWithTheLine(string shape)
        {
            var (text, line) = EnvPhpCorpus.Unsupported[shape];

            var error = Assert.Throws<ConnectorException>(() => PhpConfigFile.Parse(text, "/srv/app/etc/env.php").Set(ConfigPaths.EnvPhpKeys(ConfigPaths.ProjectId), "p"));

            Assert.Equal(ErrorIds.PhpSyntaxUnsupported, error.ErrorId);
            Assert.Equal("/srv/app/etc/env.php", error.Target);
            Assert.Contains($"/srv/app/etc/env.php line {line}:", error.Message);
            Assert.Contains("Nothing was changed", error.Message);
        }

        [Fact]
        public void ValuesSetByExpressionsAreReportedAsSuch()
        {
            var file = PhpConfigFile.Parse(EnvPhpCorpus.Shapes["getenv-and-constants"]);

            var host = file.Get(new[] { "db", "connection", "default", "host" });
            Assert.Equal((PhpValueKind.Expression, "getenv('DB_HOST') ?: 'localhost'", 6), (host.Kind, host.Source, host.Line));
            Assert.Equal(PhpValueKind.Boolean, file.Get(new[] { "directories", "document_root_is_pub" }).Kind);
            Assert.Null(file.Get(new[] { "nothing", "here" }));
        }

        [Fact]
        public void HeredocAndNowdocValuesAreReadAsPhpReadsThem()
        {
            string heredoc = EnvPhpCorpus.Shapes["heredoc"], nowdoc = EnvPhpCorpus.Shapes["nowdoc"];

            Assert.Equal(_php.Read(heredoc, "crypt", "key"), PhpConfigFile.Parse(heredoc).Get(new[] { "crypt", "key" }).Text);
            Assert.Equal(_php.Read(heredoc, "notes"), PhpConfigFile.Parse(heredoc).Get(new[] { "notes" }).Text);
            Assert.Equal(_php.Read(nowdoc, "banner"), PhpConfigFile.Parse(nowdoc).Get(new[] { "banner" }).Text);
        }

        [Theory]
        [InlineData("no php tag", "<html>return [];")]
        [InlineData("unterminated string", "<?php\nreturn ['a' => 'open];\n")]
        [InlineData("unterminated comment", "<?php\n/* open\nreturn [];\n")]
        [InlineData("no return", "<?php\n$a = [];\n")]
        [InlineData("unclosed array", "<?php\nreturn ['a' => 1,\n")]
        public void BrokenFilesAreRefused(string why, string text)
        {
            var error = Assert.Throws<ConnectorException>(() => PhpConfigFile.Parse(text, "env.php"));
            Assert.True(error.ErrorId == ErrorIds.PhpSyntaxUnsupported, why);
        }
    }
}
