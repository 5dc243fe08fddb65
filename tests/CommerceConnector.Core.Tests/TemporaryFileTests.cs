namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// What a killed writer leaves: a temporary copy of env.php or of a private key. It is owner-only from its first
    /// byte, and the next write in its folder removes it (files of the module's own naming only, never one a live writer
    /// holds).
    /// </summary>
    public sealed class TemporaryFileTests : IDisposable
    {
        private const string Secret = "-----BEGIN PRIVATE KEY-----\\nMIIsecret\\n-----END PRIVATE KEY-----\\n";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose()
        {
            AtomicFile.TemporaryWritten = null;
            _temp.Dispose();
        }

        private static bool IsUnix => !OperatingSystem.IsWindows();

        private static string Mode(string path) => OperatingSystem.IsWindows() ? null : Convert.ToString((int)File.GetUnixFileMode(path), 8);

        private string Site(out string etc)
        {
            string root = _temp.Combine("magento-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            etc = Path.Combine(root, "app", "etc");
            Directory.CreateDirectory(etc);
            File.WriteAllText(Path.Combine(etc, "env.php"), "<?php\nreturn [\n    'system' => ['default' => ['services_connector' => ['services_connector_integration' => ['production_private_key' => \"" + Secret + "\"]]]],\n];\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(etc, "env.php"), (UnixFileMode)Convert.ToInt32("644", 8));
            }
            return root;
        }

        private static string Leftover(string folder, string name) => Path.Combine(folder, "." + name + "." + Guid.NewGuid().ToString("N") + ".tmp");

        [Fact]
        public void TheTemporaryCopyOfEnvPhpIsOwnerOnlyWhileItHoldsTheKeys()
        {
            if (!IsUnix)
            {
                return; // file modes are a Unix matter
            }
            string root = Site(out string etc);
            string seen = null;
            AtomicFile.TemporaryWritten = path =>
            {
                seen = Mode(path);
                Assert.Contains("PRIVATE KEY", File.ReadAllText(path));
                throw new IOException("killed here");
            };

            var planner = new ConfigurationPlanner(new FileRegistryStore(_temp.Combine("registry")), () => Now);
            var writer = new ConfigurationWriter(new FileRegistryStore(_temp.Combine("registry")), () => Now);
            var error = Assert.Throws<Errors.ConnectorException>(() => writer.Apply(planner.PlanImsOrganization(ConfigTarget.ForPath(root), "0123456789ABCDEF01234567@AdobeOrg")));

            Assert.Equal(Errors.ErrorIds.ConfigurationWriteFailed, error.ErrorId);
            Assert.Equal("600", seen);
            Assert.Empty(Directory.GetFiles(etc, ".*.tmp"));
            Assert.Equal("644", Mode(Path.Combine(etc, "env.php")));
        }

        [Fact]
        public void TheNextEditOfEnvPhpRemovesLeftoversOfKilledWritersAndNothingElse()
        {
            string root = Site(out string etc);
            string leftover = Leftover(etc, "env.php");
            string otherLeftover = Leftover(etc, "config.php");
            File.WriteAllText(leftover, File.ReadAllText(Path.Combine(etc, "env.php")));
            File.WriteAllText(otherLeftover, "<?php return [];");
            string[] foreign = { Path.Combine(etc, ".env.php.keep.tmp"), Path.Combine(etc, ".env.php." + new string('a', 31) + ".tmp"), Path.Combine(etc, "env.php." + new string('b', 32) + ".tmp") };
            foreach (string file in foreign)
            {
                File.WriteAllText(file, "not ours");
            }

            var planner = new ConfigurationPlanner(new FileRegistryStore(_temp.Combine("registry")), () => Now);
            var writer = new ConfigurationWriter(new FileRegistryStore(_temp.Combine("registry")), () => Now);
            writer.Apply(planner.PlanImsOrganization(ConfigTarget.ForPath(root), "0123456789ABCDEF01234567@AdobeOrg"));

            Assert.False(File.Exists(leftover));
            Assert.False(File.Exists(otherLeftover));
            Assert.All(foreign, f => Assert.True(File.Exists(f), f + " is not the module's and must stay"));
        }

        [Fact]
        public void TheNextKeyFileWrittenInAFolderRemovesKeyLeftoversThere()
        {
            string folder = _temp.Combine("keys");
            Directory.CreateDirectory(folder);
            string leftover = Leftover(folder, "old.pem");
            File.WriteAllText(leftover, Secret);

            PrivateKeyFile.Write(Path.Combine(folder, "new.pem"), Secret, force: false);

            Assert.False(File.Exists(leftover));
            Assert.True(File.Exists(Path.Combine(folder, "new.pem")));
            Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));
            if (IsUnix)
            {
                Assert.Equal("600", Mode(Path.Combine(folder, "new.pem")));
            }
        }

        [Fact]
        public void ATemporaryFileALiveWriterHoldsIsLeftAlone()
        {
            string folder = _temp.Combine("busy");
            Directory.CreateDirectory(folder);
            string busy = Leftover(folder, "other.pem");
            using (var held = new FileStream(busy, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                PrivateKeyFile.Write(Path.Combine(folder, "new.pem"), Secret, force: false);

                Assert.True(File.Exists(busy));
            }
            Assert.True(File.Exists(Path.Combine(folder, "new.pem")));
        }
    }
}
