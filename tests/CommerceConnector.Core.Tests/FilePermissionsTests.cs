namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// FilePermissions against coreutils' stat(1) on real files: what it reads and what it writes must be what
    /// <c>stat -c '%a %U %G'</c> says. Linux and macOS only (on Windows GetOwnership is null by design).
    /// </summary>
    public sealed class FilePermissionsTests : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cc-perm-");

        public void Dispose() => _folder.Delete(recursive: true);

        [UnixTheory]
        [InlineData("600")]
        [InlineData("644")]
        [InlineData("755")]
        [InlineData("4750")]
        [InlineData("1777")]
        [InlineData("000")]
        public void ReadsTheModeOwnerAndGroupStatReports(string mode)
        {
            string file = Path.Combine(_folder.FullName, "f" + mode);
            File.WriteAllText(file, "x");
            Run("chmod", mode, file);

            Assert.Equal(Run("stat", "-c", "%a %u %g", file), Describe(FilePermissions.GetOwnership(file)));
            UnixOwnership status = UnixStatus.Read(file); // the libc call alone, as runtimes without File.GetUnixFileMode use it
            Assert.Equal(Run("stat", "-c", "%a %u %g %f", file),
                Describe(new UnixOwnership(status.Mode & 0xFFF, status.Uid, status.Gid)) + " " + status.Mode.ToString("x"));
        }

        [UnixFact]
        public void ReadsFoldersSystemFilesAndFollowsSymbolicLinks()
        {
            string link = Path.Combine(_folder.FullName, "passwd-link");
            File.CreateSymbolicLink(link, "/etc/passwd");

            foreach (string path in new[] { _folder.FullName, "/etc/passwd", "/tmp", link })
            {
                Assert.Equal(Run("stat", "-L", "-c", "%a %u %g", path), Describe(FilePermissions.GetOwnership(path)));
            }
        }

        [UnixFact]
        public void RestrictsFilesAndFoldersToTheirOwner()
        {
            string file = Path.Combine(_folder.FullName, "secret");
            File.WriteAllText(file, "x");
            string sub = Path.Combine(_folder.FullName, "sub", "leaf");
            string me = Run("id", "-un") + " " + Run("id", "-gn");

            FilePermissions.RestrictFile(file);
            FilePermissions.EnsureOwnerOnlyFolder(sub);

            Assert.Equal("600 " + me, Run("stat", "-c", "%a %U %G", file));
            Assert.Equal("700 " + me, Run("stat", "-c", "%a %U %G", sub));
        }

        [UnixFact]
        public void ApplyGivesTheModeOwnerAndGroup()
        {
            string source = Path.Combine(_folder.FullName, "source");
            string target = Path.Combine(_folder.FullName, "target");
            File.WriteAllText(source, "x");
            File.WriteAllText(target, "y");
            Run("chmod", "640", source);
            bool root = Run("id", "-u") == "0";
            if (root)
            {
                Run("chown", "65534:65534", source);
            }

            FilePermissions.Apply(target, FilePermissions.GetOwnership(source));

            Assert.Equal(Run("stat", "-c", "%a %U %G", source), Run("stat", "-c", "%a %U %G", target));
            Assert.StartsWith("640 ", Run("stat", "-c", "%a %U %G", target));
            if (root)
            {
                Assert.Equal("640 65534 65534", Run("stat", "-c", "%a %u %g", target));
            }
        }

        [UnixFact]
        public void AMissingFileIsAnIOException()
        {
            string missing = Path.Combine(_folder.FullName, "missing");

            var ex = Assert.ThrowsAny<IOException>(() => FilePermissions.GetOwnership(missing));

            Assert.Contains(missing, ex.Message);
        }

        /// <summary>A fact about Unix files: skipped on Windows, where GetOwnership is null by design.</summary>
        private sealed class UnixFactAttribute : FactAttribute
        {
            public UnixFactAttribute()
            {
                Skip = OperatingSystem.IsWindows() ? "Unix file modes and owners" : null;
            }
        }

        private sealed class UnixTheoryAttribute : TheoryAttribute
        {
            public UnixTheoryAttribute()
            {
                Skip = OperatingSystem.IsWindows() ? "Unix file modes and owners" : null;
            }
        }

        private static string Describe(UnixOwnership o) => $"{Convert.ToString(o.Mode, 8)} {o.Uid} {o.Gid}";

        private static string Run(string program, params string[] arguments)
        {
            var (exitCode, output, error) = ExternalTool.Run(program, arguments);
            Assert.True(exitCode == 0, $"{program} {string.Join(" ", arguments)} failed: {error}");
            return output.Trim();
        }
    }
}
