namespace CommerceConnector.Core.Tests
{
    public sealed class AccountTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        private readonly TempFolder _temp = new TempFolder();
        private readonly FileRegistryStore _store;
        private readonly AccountDirectory _accounts;

        public AccountTests()
        {
            _store = new FileRegistryStore(_temp.Combine("registry"));
            _accounts = new AccountDirectory(_store, () => Now);
        }

        public void Dispose() => _temp.Dispose();

        [Fact]
        public void NewAccountNormalisesTheMageIdAndMakesTheOwnerItsLicenceOwner()
        {
            var account = _accounts.NewAccount(" mag123456789 ", CommerceEdition.AdobeCommerce, " Owner@Example.com ");

            Assert.Equal("MAG123456789", account.MageId);
            Assert.Equal("MAG123456789", account.Name);
            Assert.Equal(CommerceEdition.AdobeCommerce, account.Edition);
            Assert.Equal(AccountStanding.Good, account.Standing);
            Assert.Equal("Owner@Example.com", account.Owner);
            Assert.Equal(Now, account.CreatedAt);
            var owner = Assert.Single(account.Members);
            Assert.Equal(("MAG123456789", "Owner@Example.com", MemberRole.LicenseOwner, Now), (owner.MageId, owner.User, owner.Role, owner.AddedAt));

            var stored = new AccountDirectory(_store).GetAccount("mag123456789");
            Assert.Equal("MAG123456789", stored.MageId);
            Assert.Equal("MAG123456789", Assert.Single(stored.Members).MageId);
        }

        [Fact]
        public void NewAccountKeepsTheGivenNameAndStanding()
        {
            var account = _accounts.NewAccount("MAG1", CommerceEdition.MagentoOpenSource, "a@example.com", "  Luma Retail  ", AccountStanding.Suspended);

            Assert.Equal("Luma Retail", account.Name);
            Assert.Equal(AccountStanding.Suspended, account.Standing);
            Assert.Equal(CommerceEdition.MagentoOpenSource, _accounts.GetAccount("MAG1").Edition);
        }

        [Theory]
        [InlineData("")]
        [InlineData("MAG")]
        [InlineData("123456")]
        [InlineData("MAGX123")]
        [InlineData("MAG12 34")]
        [InlineData("MAG-123")]
        [InlineData("MAG1234567890123456789")]
        [InlineData(null)]
        public void AMageIdMustBeMagFollowedByDigits(string mageId)
        {
            var error = Fails(ErrorIds.InvalidMageId, () => _accounts.NewAccount(mageId, CommerceEdition.AdobeCommerce, "a@example.com"));

            Assert.Equal(ConnectorErrorCategory.InvalidArgument, error.Category);
            Assert.Equal(mageId, error.Target);
            Assert.Contains("'MAG' followed by digits", error.Message);
            Assert.False(System.IO.File.Exists(_store.DocumentPath));
        }

        [Theory]
        [InlineData("")]
        [InlineData("owner")]
        [InlineData("owner@")]
        [InlineData("@example.com")]
        [InlineData("owner@example")]
        [InlineData("two words@example.com")]
        [InlineData("owner@@example.com")]
        [InlineData("owner..x@example.com")]
        [InlineData(".owner@example.com")]
        [InlineData("owner@-example.com")]
        [InlineData("Owner <owner@example.com>")]
        public void AnOwnerMustBeAnEmailAddress(string owner)
        {
            var error = Fails(ErrorIds.InvalidEmailAddress, () => _accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, owner));

            Assert.Equal(owner, error.Target);
            Assert.Contains("account owner", error.Message);
        }

        [Theory]
        [InlineData("first.last@example.com")]
        [InlineData("first+tag@sub.example.co.uk")]
        [InlineData("o'brien@example.ie")]
        public void RealAddressesAreAccepted(string owner)
        {
            Assert.Equal(owner, _accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, owner).Owner);
        }

        [Fact]
        public void ASecondAccountWithTheSameMageIdIsRefusedAndTheFirstKept()
        {
            _accounts.NewAccount("MAG42", CommerceEdition.AdobeCommerce, "a@example.com", "First");
            byte[] before = System.IO.File.ReadAllBytes(_store.DocumentPath);

            var error = Fails(ErrorIds.AccountExists, () => _accounts.NewAccount("mag42", CommerceEdition.MagentoOpenSource, "b@example.com", "Second"));

            Assert.Equal(ConnectorErrorCategory.ResourceExists, error.Category);
            Assert.Equal("MAG42", error.Target);
            Assert.Equal(before, System.IO.File.ReadAllBytes(_store.DocumentPath));
        }

        [Theory]
        [InlineData("   ")]
        [InlineData("bad\u0007name")]
        public void ABadAccountNameIsRefused(string name)
        {
            Fails(ErrorIds.InvalidAccountName, () => _accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, "a@example.com", name));
            Fails(ErrorIds.InvalidAccountName, () => _accounts.NewAccount("MAG1", CommerceEdition.AdobeCommerce, "a@example.com", new string('x', 256)));
        }

        [Fact]
        public void GetAccountsFiltersByWildcardAndSortsByMageId()
        {
            foreach (string id in new[] { "MAG300", "MAG100", "MAG200", "MAG1000" })
            {
                _accounts.NewAccount(id, CommerceEdition.AdobeCommerce, "a@example.com");
            }

            Assert.Equal(new[] { "MAG100", "MAG1000", "MAG200", "MAG300" }, _accounts.GetAccounts().Select(a => a.MageId));
            Assert.Equal(new[] { "MAG100", "MAG1000" }, _accounts.GetAccounts("mag1*").Select(a => a.MageId));
            Assert.Equal(new[] { "MAG100", "MAG200", "MAG300" }, _accounts.GetAccounts("MAG?00").Select(a => a.MageId));
            Assert.Empty(_accounts.GetAccounts("MAG9*"));
            var error = Fails(ErrorIds.AccountNotFound, () => _accounts.GetAccounts("MAG999"));
            Assert.Equal(ConnectorErrorCategory.ObjectNotFound, error.Category);
            Assert.Equal("MAG999", error.Target);
        }

        [Fact]
        public void SetAccountChangesStandingAndNameAndOnlyThose()
        {
            _accounts.NewAccount("MAG5", CommerceEdition.AdobeCommerce, "a@example.com", "Old");

            var suspended = _accounts.SetAccount("MAG5", AccountStanding.Suspended, null);
            Assert.Equal((AccountStanding.Suspended, "Old"), (suspended.Standing, suspended.Name));

            var renamed = _accounts.SetAccount("MAG5", null, " New ");
            Assert.Equal((AccountStanding.Suspended, "New"), (renamed.Standing, renamed.Name));

            var stored = _accounts.GetAccount("MAG5");
            Assert.Equal((AccountStanding.Suspended, "New", CommerceEdition.AdobeCommerce, 1), (stored.Standing, stored.Name, stored.Edition, stored.Members.Count));
            Fails(ErrorIds.AccountNotFound, () => _accounts.SetAccount("MAG6", AccountStanding.Good, null));
        }

        [Fact]
        public void MembersAreAddedWithTheirRoleAndDuplicatesRefused()
        {
            _accounts.NewAccount("MAG5", CommerceEdition.AdobeCommerce, "owner@example.com");

            var shared = _accounts.AddMember("MAG5", "dev@example.com", MemberRole.SharedAccess);
            var signer = _accounts.AddMember("MAG5", "si@partner.example", MemberRole.PartnerSigner);

            Assert.Equal(("MAG5", "dev@example.com", MemberRole.SharedAccess, Now), (shared.MageId, shared.User, shared.Role, shared.AddedAt));
            Assert.False(shared.CanGenerateKeys);
            Assert.True(signer.CanGenerateKeys);
            Assert.Equal(new[] { "owner@example.com", "dev@example.com", "si@partner.example" }, _accounts.GetAccount("MAG5").Members.Select(m => m.User));

            var error = Fails(ErrorIds.MemberExists, () => _accounts.AddMember("MAG5", "DEV@example.com", MemberRole.LicenseOwner));
            Assert.Equal("DEV@example.com", error.Target);
            Assert.Contains("SharedAccess", error.Message);
            Fails(ErrorIds.InvalidEmailAddress, () => _accounts.AddMember("MAG5", "dev", MemberRole.SharedAccess));
            Fails(ErrorIds.AccountNotFound, () => _accounts.AddMember("MAG6", "dev@example.com", MemberRole.SharedAccess));
        }

        [Fact]
        public void TheLastLicenceOwnerCannotBeRemoved()
        {
            _accounts.NewAccount("MAG5", CommerceEdition.AdobeCommerce, "owner@example.com");
            _accounts.AddMember("MAG5", "dev@example.com", MemberRole.SharedAccess);
            byte[] before = System.IO.File.ReadAllBytes(_store.DocumentPath);

            var error = Fails(ErrorIds.LastLicenseOwner, () => _accounts.RemoveMember("MAG5", "owner@example.com"));

            Assert.Equal(ConnectorErrorCategory.InvalidOperation, error.Category);
            Assert.Equal("owner@example.com", error.Target);
            Assert.Equal(before, System.IO.File.ReadAllBytes(_store.DocumentPath));
        }

        [Fact]
        public void RemovingTheRecordedOwnerHandsOwnershipToTheNextLicenceOwner()
        {
            _accounts.NewAccount("MAG5", CommerceEdition.AdobeCommerce, "owner@example.com");
            _accounts.AddMember("MAG5", "dev@example.com", MemberRole.SharedAccess);
            _accounts.AddMember("MAG5", "second@example.com", MemberRole.LicenseOwner);

            var removed = _accounts.RemoveMember("MAG5", "OWNER@example.com");

            Assert.Equal("owner@example.com", removed.User);
            var account = _accounts.GetAccount("MAG5");
            Assert.Equal("second@example.com", account.Owner);
            Assert.Equal(new[] { "dev@example.com", "second@example.com" }, account.Members.Select(m => m.User));
            Fails(ErrorIds.MemberNotFound, () => _accounts.RemoveMember("MAG5", "owner@example.com"));
        }
    }
}
