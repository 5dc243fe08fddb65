namespace CommerceConnector.Core.Tests
{
    /// <summary>registry.lock counts the changes begun, so that a reader can tell whether any began since it read.</summary>
    public sealed class RegistryLockTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;

        public RegistryLockTests()
        {
            _store = new FileRegistryStore(_temp.Combine("registry"));
        }

        public void Dispose() => _temp.Dispose();

        private void AddAccount(string mageId) => _store.Update(d =>
        {
            d.Accounts.Add(new CommerceAccount { MageId = mageId, Name = mageId, Owner = "owner@example.com", Members = { new AccountMember { User = "owner@example.com", Role = MemberRole.LicenseOwner } } });
            return 0;
        });

        /// <summary>A change that fails (or is killed) after taking the lock: the registry keeps its bytes.</summary>
        private void ChangeThatDies() =>
            Assert.Throws<InvalidOperationException>(() => _store.Update<int>(_ => throw new InvalidOperationException("killed")));

        [Fact]
        public void EveryChangeBegunIsCountedEvenOneThatWroteNothing()
        {
            AddAccount("MAG1");
            Assert.Equal("1", File.ReadAllText(_store.LockPath));
            byte[] registry = File.ReadAllBytes(_store.DocumentPath);

            ChangeThatDies();

            Assert.Equal("2", File.ReadAllText(_store.LockPath));
            Assert.Equal(registry, File.ReadAllBytes(_store.DocumentPath));
        }

        [Theory]
        [InlineData("", "1", true)] // written by a version before the count
        [InlineData("41", "42", true)]
        [InlineData("not a count", "1", false)]
        [InlineData("12345678901234567890", "1", false)]
        public void TheCountContinuesFromWhatTheLockFileHolds(string held, string after, bool known)
        {
            AddAccount("MAG1");
            File.WriteAllText(_store.LockPath, held);

            bool versioned = _store.Update(d => d.Version != null);

            Assert.Equal(after, File.ReadAllText(_store.LockPath));
            Assert.Equal(known, versioned);
        }

        [Fact]
        public void AReadAndTheChangeAfterItShareAVersionUntilAnotherChangeBegins()
        {
            AddAccount("MAG1");
            var read = _store.Read().Version;

            Assert.NotNull(read);
            Assert.True(read!.Same(_store.Read().Version));
            Assert.True(read.Same(_store.Update(d => d.Version)));
            // That change wrote the registry: the rows are others now.
            Assert.False(read.Same(_store.Read().Version));

            var before = _store.Read().Version;
            ChangeThatDies();
            // Same bytes, but a change began (and might have replaced an env.php before it died).
            Assert.False(before!.Same(_store.Read().Version));
            Assert.False(before.Same(_store.Update(d => d.Version)));
        }

        [Fact]
        public void AReadWhileAChangeHoldsTheLockClaimsNoVersion()
        {
            AddAccount("MAG1");
            using (new FileStream(_store.LockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                var document = _store.Read();

                Assert.Equal("MAG1", Assert.Single(document.Accounts).MageId);
                Assert.Null(document.Version);
            }
        }

        [Fact]
        public void ADocumentMadeInMemoryClaimsNoVersion()
        {
            Assert.Null(RegistryDocument.CreateEmpty().Version);
            Assert.Null(_store.Read().Version); // no registry yet
        }
    }
}
