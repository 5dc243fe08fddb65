using System.Runtime.InteropServices;
using CommerceConnector.Core.Session;

namespace CommerceConnector.Core.Tests
{
    public sealed class SessionTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();
        private readonly Dictionary<string, string> _env = new Dictionary<string, string>();
        private readonly ConnectorSession _session;

        public SessionTests()
        {
            _env["HOME"] = _temp.Combine("home");
            _env["LOCALAPPDATA"] = _temp.Combine("localappdata");
            _session = new ConnectorSession(name => _env.TryGetValue(name, out var value) ? value : null);
        }

        public void Dispose() => _temp.Dispose();

        private AccountDirectory AccountsAt(string folder) => new AccountDirectory(new FileRegistryStore(folder));

        [Fact]
        public void TheRegistryLivesInTheUsersDataFolderUnlessMoved()
        {
            string expected = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? Path.Combine(_temp.Combine("localappdata"), "CommerceConnector")
                : Path.Combine(_temp.Combine("home"), ".commerceconnector");
            Assert.Equal(expected, _session.RegistryPath);

            _env[RegistryLocation.HomeVariable] = _temp.Combine("moved");
            Assert.Equal(_temp.Combine("moved"), _session.RegistryPath);
            Assert.Equal(_temp.Combine("explicit"), RegistryLocation.Resolve(_temp.Combine("explicit"), n => _env.TryGetValue(n, out var v) ? v : null));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("bad\0path")]
        public void AnUnusableExplicitPathIsRegistryPathInvalid(string path)
        {
            var error = Assert.Throws<ConnectorException>(() => _session.Connect("MAG1", null, path));
            Assert.Equal(ErrorIds.RegistryPathInvalid, error.ErrorId);
            Assert.Equal(path, error.Target);
        }

        [Fact]
        public void WithoutConnectOrEnvironmentACommandThatNeedsAContextGetsNotConnected()
        {
            var error = Assert.Throws<ConnectorException>(() => _session.RequireContext());

            Assert.Equal(ErrorIds.NotConnected, error.ErrorId);
            Assert.Contains("Connect-CommerceAccount -MageId", error.Message);
            Assert.Contains(ConnectorSession.MageIdVariable, error.Message);
            Assert.False(_session.IsConnected);
        }

        [Fact]
        public void ConnectUsesTheGivenRegistryAndDefaultsToTheOwner()
        {
            string folder = _temp.Combine("elsewhere");
            AccountsAt(folder).NewAccount("MAG77", CommerceEdition.MagentoOpenSource, "owner@example.com", "Shop");

            var context = _session.Connect("mag77", null, folder);

            Assert.Equal(("MAG77", "Shop", CommerceEdition.MagentoOpenSource, "owner@example.com", MemberRole.LicenseOwner, folder, ContextSource.Connected),
                (context.MageId, context.AccountName, context.Edition, context.User, context.Role, context.RegistryPath, context.Source));
            Assert.True(_session.IsConnected);
            Assert.Equal(folder, _session.RegistryPath);
            Assert.Equal("MAG77", _session.RequireContext().MageId);
            Assert.Equal("MAG77", Assert.Single(_session.OpenAccounts().GetAccounts()).MageId);
        }

        [Fact]
        public void ConnectAsAMemberTakesTheMembersRoleAndRefusesStrangers()
        {
            string folder = _temp.Combine("r");
            var accounts = AccountsAt(folder);
            accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            accounts.AddMember("MAG1", "dev@example.com", MemberRole.SharedAccess);

            Assert.Equal(MemberRole.SharedAccess, _session.Connect("MAG1", "DEV@example.com", folder).Role);

            var stranger = Assert.Throws<ConnectorException>(() => _session.Connect("MAG1", "eve@example.com", folder));
            Assert.Equal(ErrorIds.MemberNotFound, stranger.ErrorId);
            Assert.Equal(ConnectorErrorCategory.PermissionDenied, stranger.Category);
            // A failed connect leaves the previous context in place.
            Assert.Equal("dev@example.com", _session.RequireContext().User);

            var missing = Assert.Throws<ConnectorException>(() => _session.Connect("MAG2", null, folder));
            Assert.Equal(ErrorIds.AccountNotFound, missing.ErrorId);
        }

        [Fact]
        public void TheContextIsReReadSoARemovedMemberStopsActingAtOnce()
        {
            string folder = _temp.Combine("r");
            var accounts = AccountsAt(folder);
            accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, "owner@example.com");
            accounts.AddMember("MAG1", "dev@example.com", MemberRole.SharedAccess);
            _session.Connect("MAG1", "dev@example.com", folder);

            accounts.RemoveMember("MAG1", "dev@example.com");

            Assert.Equal(ErrorIds.MemberNotFound, Assert.Throws<ConnectorException>(() => _session.RequireContext()).ErrorId);
        }

        [Fact]
        public void EnvironmentVariablesGiveAContextForPipelines()
        {
            string folder = _temp.Combine("ci");
            _env[RegistryLocation.HomeVariable] = folder;
            var accounts = AccountsAt(folder);
            accounts.NewAccount("MAG9", CommerceEdition.AdobeCommerce, "owner@example.com");
            accounts.AddMember("MAG9", "si@partner.example", MemberRole.PartnerSigner);
            _env[ConnectorSession.MageIdVariable] = "MAG9";

            var asOwner = _session.RequireContext();
            Assert.Equal(("MAG9", "owner@example.com", ContextSource.Environment, folder), (asOwner.MageId, asOwner.User, asOwner.Source, asOwner.RegistryPath));

            _env[ConnectorSession.UserVariable] = "si@partner.example";
            Assert.Equal(MemberRole.PartnerSigner, _session.RequireContext().Role);

            _env[ConnectorSession.MageIdVariable] = "not-a-mageid";
            Assert.Equal(ErrorIds.InvalidMageId, Assert.Throws<ConnectorException>(() => _session.RequireContext()).ErrorId);
        }

        [Fact]
        public void AnAccountWithoutARecordedOwnerActsAsItsFirstLicenceOwner()
        {
            string folder = _temp.Combine("hand-edited");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, FileRegistryStore.DocumentFileName),
                "{\"schemaVersion\": 1, \"accounts\": [{\"mageId\": \"MAG5\", \"edition\": \"AdobeCommerce\", \"members\": [" +
                "{\"user\": \"dev@example.com\", \"role\": \"SharedAccess\"}, {\"user\": \"lo@example.com\", \"role\": \"LicenseOwner\"}]}]}");

            Assert.Equal(("lo@example.com", MemberRole.LicenseOwner), (_session.Connect("MAG5", null, folder).User, _session.Connect("MAG5", null, folder).Role));
        }

        [Fact]
        public void ConnectWinsOverTheEnvironmentAndDisconnectFallsBackToIt()
        {
            string envFolder = _temp.Combine("env"), connectFolder = _temp.Combine("connect");
            _env[RegistryLocation.HomeVariable] = envFolder;
            _env[ConnectorSession.MageIdVariable] = "MAG1";
            AccountsAt(envFolder).NewAccount("MAG1", CommerceEdition.AdobeCommerce, "env@example.com");
            AccountsAt(connectFolder).NewAccount("MAG2", CommerceEdition.AdobeCommerce, "connect@example.com");

            _session.Connect("MAG2", null, connectFolder);
            Assert.Equal(("MAG2", ContextSource.Connected), (_session.RequireContext().MageId, _session.RequireContext().Source));

            Assert.True(_session.Disconnect());
            Assert.False(_session.Disconnect());
            Assert.Equal(("MAG1", ContextSource.Environment, envFolder), (_session.RequireContext().MageId, _session.RequireContext().Source, _session.RegistryPath));
        }
    }
}
