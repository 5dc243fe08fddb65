namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// FileStamp decides whether the data space guard may skip reading an env.php it read before: every change a writer
    /// can make must give another stamp. Real files, links and renames; the Linux rows are what statx(2) adds (the inode
    /// and its change time, which no program can set back).
    /// </summary>
    public sealed class FileStampTests : IDisposable
    {
        private static readonly DateTime LongAgo = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        private readonly TempFolder _temp = new TempFolder("cc-stamp-");

        public void Dispose() => _temp.Dispose();

        private string Write(string name, string text, DateTime? written = null)
        {
            string path = _temp.Combine(name);
            File.WriteAllText(path, text);
            File.SetLastWriteTimeUtc(path, written ?? LongAgo);
            return path;
        }

        private static FileStamp Stamp(string path) => FileStamp.Of(path) ?? throw new InvalidOperationException($"no stamp for {path}");

        [Fact]
        public void AnUnchangedFileKeepsItsStamp()
        {
            string path = Write("env.php", "<?php return ['a' => 1];");

            Assert.Equal(Stamp(path), Stamp(path));
            Assert.Equal(Stamp(path).GetHashCode(), Stamp(path).GetHashCode());
        }

        [Fact]
        public void NoStampForAMissingFileAFolderOrADanglingLink()
        {
            string dangling = _temp.Combine("dangling");
            File.CreateSymbolicLink(dangling, _temp.Combine("nowhere"));

            Assert.Null(FileStamp.Of(_temp.Combine("missing.php")));
            Assert.Null(FileStamp.Of(_temp.Path));
            Assert.Null(FileStamp.Of(dangling));
        }

        [Fact]
        public void NoStampForARelativePathOrAFileOnAnotherServer()
        {
            // Files that exist under the relative names in the current folder still get no stamp: which file a relative
            // path names depends on the folder, and an ssh:// path is a relative path to the local file system. (The
            // current folder is the process's, shared by test classes running at once: it is used, never changed.)
            string name = "stamp-" + Guid.NewGuid().ToString("N");
            string local = Path.GetFullPath(name + ".php");
            string remoteHost = Path.GetFullPath(Path.Combine("ssh:", name));
            File.WriteAllText(local, "<?php return [];");
            Directory.CreateDirectory(remoteHost);
            File.WriteAllText(Path.Combine(remoteHost, "env.php"), "<?php return [];");
            try
            {
                Assert.Null(FileStamp.Of(name + ".php"));
                Assert.Null(FileStamp.Of($"ssh://{name}/env.php"));
                Assert.NotNull(FileStamp.Of(local));
                Assert.NotNull(FileStamp.Of(Path.Combine(remoteHost, "env.php")));
            }
            finally
            {
                File.Delete(local);
                Directory.Delete(remoteHost, true);
                if (!Directory.EnumerateFileSystemEntries(Path.GetFullPath("ssh:")).Any())
                {
                    Directory.Delete(Path.GetFullPath("ssh:"));
                }
            }
        }

        [Fact]
        public void AnotherLengthOrWriteTimeIsAnotherStamp()
        {
            string path = Write("env.php", "<?php return ['a' => 1];");
            var before = Stamp(path);

            File.SetLastWriteTimeUtc(path, LongAgo.AddSeconds(1));
            var later = Stamp(path);
            File.WriteAllText(path, "<?php return ['a' => 12];");
            File.SetLastWriteTimeUtc(path, LongAgo);

            Assert.NotEqual(before, later);
            Assert.NotEqual(before, Stamp(path));
        }

        [Fact]
        public void ALinkIsStampedByTheFileItLeadsTo()
        {
            string first = Write("first.php", "<?php return ['a' => 1];");
            string second = Write("second.php", "<?php return ['a' => 2];");
            string link = _temp.Combine("env.php");
            File.CreateSymbolicLink(link, first);
            var toFirst = Stamp(link);

            Assert.Equal(Stamp(first), toFirst);
            File.Delete(link);
            File.CreateSymbolicLink(link, second); // same length, same write time, another file

            Assert.NotEqual(toFirst, Stamp(link));
            Assert.Equal(Stamp(second), Stamp(link));
        }

        [LinuxFact]
        public void AnInPlaceEditGivenBackItsLengthAndTimeIsAnotherStamp()
        {
            string path = Write("env.php", "<?php return ['space' => 'ds-1'];");
            var before = Stamp(path);

            File.WriteAllText(path, "<?php return ['space' => 'ds-2'];");
            File.SetLastWriteTimeUtc(path, LongAgo); // the inode's change time moves on regardless

            Assert.NotEqual(before, Stamp(path));
        }

        [LinuxFact]
        public void AFileReplacedByRenameIsAnotherStampThoughItsLengthAndTimeAreTheSame()
        {
            string path = Write("env.php", "<?php return ['space' => 'ds-1'];");
            var before = Stamp(path);
            string replacement = Write("env.php.tmp", "<?php return ['space' => 'ds-2'];");

            File.Move(replacement, path, overwrite: true); // as this module and most deploy tools write env.php

            Assert.NotEqual(before, Stamp(path));
        }

        [Fact]
        public void OnlyAStampWhoseTimesLieSecondsInThePastIsSettled()
        {
            string fresh = Write("fresh.php", "<?php return [];", DateTime.UtcNow);
            // The runtime's own library: written and last changed when .NET was installed.
            string installed = typeof(object).Assembly.Location;

            Assert.False(Stamp(fresh).Settled);
            Assert.True(Stamp(installed).Settled);
        }

        private sealed class LinuxFactAttribute : FactAttribute
        {
            public LinuxFactAttribute()
            {
                Skip = OperatingSystem.IsLinux() ? null : "statx(2): the inode and its change time are read on Linux only";
            }
        }
    }
}
