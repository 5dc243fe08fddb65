using CommerceConnector.Core.Session;

namespace CommerceConnector.Core.Tests
{
    /// <summary>A command reads registry.json once (ConnectorSession.BeginCommand); a change, and the end of the command, drop that read.</summary>
    public sealed class RegistrySnapshotTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();
        private readonly string _registry;
        private readonly ConnectorSession _session;
        private int _reads;

        public RegistrySnapshotTests()
        {
            _registry = _temp.Combine("registry");
            new AccountDirectory(new FileRegistryStore(_registry)).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            _session = new ConnectorSession(_ => null, path => new CountingStore(new FileRegistryStore(path), () => _reads++));
            _session.Connect("MAG1", null, _registry);
            _reads = 0;
        }

        public void Dispose() => _temp.Dispose();

        [Fact]
        public void OneCommandParsesTheRegistryOnce()
        {
            using (_session.BeginCommand())
            {
                _session.RequireContext();
                _session.OpenAccounts().GetAccount("MAG1");
                _session.OpenInstances();
                _session.OpenStore().Read();
                Assert.Equal(1, _reads);
            }
            _session.RequireContext();
            _session.RequireContext();
            Assert.Equal(3, _reads);
        }

        [Fact]
        public void AChangeWithinTheCommandIsSeenByItsNextRead()
        {
            using (_session.BeginCommand())
            {
                Assert.Single(_session.OpenAccounts().GetAccounts());
                _session.OpenAccounts().NewAccount("MAG2", CommerceEdition.AdobeCommerce, "two@example.com");
                Assert.Equal(new[] { "MAG1", "MAG2" }, Ids(_session.OpenAccounts()));
            }
        }

        [Fact]
        public void AChangeByAnotherWriterIsSeenByTheNextCommand()
        {
            using (_session.BeginCommand())
            {
                Assert.Single(_session.OpenAccounts().GetAccounts());
                new AccountDirectory(new FileRegistryStore(_registry)).NewAccount("MAG3", CommerceEdition.AdobeCommerce, "three@example.com");
                // Within the command its reads agree with one another...
                Assert.Single(_session.OpenAccounts().GetAccounts());
            }
            // ...and the next command reads the file again.
            Assert.Equal(new[] { "MAG1", "MAG3" }, Ids(_session.OpenAccounts()));
        }

        [Fact]
        public void ANestedCommandKeepsTheOuterSnapshotAndAPreviewSessionReadsItsOwn()
        {
            using (_session.BeginCommand())
            {
                _session.RequireContext();
                using (_session.BeginCommand())
                {
                    _session.RequireContext();
                }
                _session.RequireContext();
                Assert.Equal(1, _reads);
                _session.Preview().OpenStore().Read();
                Assert.Equal(2, _reads);
            }
        }

        private static string[] Ids(IAccountDirectory accounts)
        {
            var list = accounts.GetAccounts();
            var ids = new string[list.Count];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = list[i].MageId;
            }
            return ids;
        }

        private sealed class CountingStore : IRegistryStore
        {
            private readonly IRegistryStore _inner;
            private readonly Action _read;

            public CountingStore(IRegistryStore inner, Action read)
            {
                _inner = inner;
                _read = read;
            }

            public string Location => _inner.Location;

            public RegistryDocument Read()
            {
                _read();
                return _inner.Read();
            }

            public T Update<T>(Func<RegistryDocument, T> change) => _inner.Update(change);
        }
    }
}
