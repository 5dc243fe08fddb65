using CommerceConnector.Core.Projects;

namespace CommerceConnector.Core.Tests
{
    /// <summary>The one place registry entities are looked up: ids compare case-insensitively, and "not found" says the same everywhere.</summary>
    public sealed class RegistryLookupTests
    {
        private static readonly RegistryDocument Document = new RegistryDocument
        {
            Accounts = { new CommerceAccount { MageId = "MAG123456789" }, new CommerceAccount { MageId = "MAG000000001" } },
            ApiKeys = { new ApiKey { Id = "abc123", MageId = "MAG123456789" }, new ApiKey { Id = "other", MageId = "MAG000000001" } },
            Projects =
            {
                new SaaSProject { ProjectId = "p-1", ProjectName = "Luma", MageId = "MAG123456789" },
                new SaaSProject { ProjectId = "p-2", ProjectName = "Aurora", MageId = "MAG123456789" },
                new SaaSProject { ProjectId = "p-3", ProjectName = "Foreign", MageId = "MAG000000001" },
            },
            DataSpaces =
            {
                new DataSpace { DataSpaceId = "d-1", DataSpaceName = "Production", ProjectId = "p-1", MageId = "MAG123456789" },
                new DataSpace { DataSpaceId = "d-2", DataSpaceName = "Production", ProjectId = "p-2", MageId = "MAG123456789" },
                new DataSpace { DataSpaceId = "d-3", DataSpaceName = "Testing 1", ProjectId = "p-2", MageId = "MAG123456789" },
            },
            Instances = { new CommerceInstance { Name = "luma-prod", MageId = "MAG123456789", Path = "/srv/luma" } },
        };

        [Fact]
        public void EachEntityIsFoundByItsIdCaseInsensitively()
        {
            Assert.Same(Document.Accounts[0], RegistryLookup.Account(Document, "mag123456789"));
            Assert.Same(Document.ApiKeys[0], RegistryLookup.ApiKey(Document, "MAG123456789", " ABC123 "));
            Assert.Same(Document.Projects[1], RegistryLookup.Project(Document, "MAG123456789", " P-2 "));
            Assert.Same(Document.Projects[0], RegistryLookup.Project(Document, "MAG123456789", "luma"));
            Assert.Same(Document.DataSpaces[1], RegistryLookup.DataSpace(Document, "MAG123456789", null, "D-2"));
            Assert.Same(Document.DataSpaces[1], RegistryLookup.DataSpace(Document, "MAG123456789", "Aurora", "production"));
            Assert.Same(Document.DataSpaces[2], RegistryLookup.DataSpace(Document, "MAG123456789", null, "testing 1"));
            Assert.Same(Document.Instances[0], RegistryLookup.Instance(Document, "MAG123456789", " LUMA-PROD "));
            Assert.True(RegistryLookup.Same("Luma", "LUMA"));
            Assert.False(RegistryLookup.Same("Luma", "Luma "));
        }

        [Fact]
        public void AMissingEntityIsReportedWithItsIdAndWhatToRun()
        {
            var account = Fails(ErrorIds.AccountNotFound, () => RegistryLookup.Account(Document, "MAG999999999"));
            Assert.Equal(("MAG999999999", ConnectorErrorCategory.ObjectNotFound), (account.Target, account.Category));
            Assert.Equal("No account with MageID MAG999999999 is in this registry. Get-CommerceAccount lists the accounts; New-CommerceAccount adds one.", account.Message);

            var key = Fails(ErrorIds.ApiKeyNotFound, () => RegistryLookup.ApiKey(Document, "MAG123456789", "other"));
            Assert.Equal("No API key 'other' is registered for MAG123456789. Get-ConnectorApiKey -IncludeRevoked lists them.", key.Message);

            var project = Fails(ErrorIds.ProjectNotFound, () => RegistryLookup.Project(Document, "MAG123456789", "Foreign"));
            Assert.Equal(("Foreign", ConnectorErrorCategory.ObjectNotFound), (project.Target, project.Category));
            Assert.Equal("MAG123456789 has no SaaS project 'Foreign'. Get-SaaSProject lists them; New-SaaSProject creates one.", project.Message);
            Assert.Equal(ConnectorErrorCategory.InvalidArgument, Fails(ErrorIds.ProjectNotFound, () => RegistryLookup.Project(Document, "MAG123456789", " ")).Category);

            var space = Fails(ErrorIds.DataSpaceNotFound, () => RegistryLookup.DataSpace(Document, "MAG123456789", "Luma", "Testing 1"));
            Assert.Equal("MAG123456789 has no data space 'Testing 1'. Get-DataSpace lists them.", space.Message);
            Assert.Equal("A data space name or id is required.", Fails(ErrorIds.DataSpaceNotFound, () => RegistryLookup.DataSpace(Document, "MAG123456789", null, "")).Message);
            Fails(ErrorIds.ProjectNotFound, () => RegistryLookup.DataSpace(Document, "MAG123456789", "Nope", "Production"));
            Assert.Equal("2 projects have a data space named 'Production'. Name the project with -Project, or give the data space id.",
                Fails(ErrorIds.AmbiguousDataSpace, () => RegistryLookup.DataSpace(Document, "MAG123456789", null, "Production")).Message);

            var instance = Fails(ErrorIds.InstanceNotFound, () => RegistryLookup.Instance(Document, "MAG000000001", "luma-prod"));
            Assert.Equal("No instance 'luma-prod' is registered for MAG000000001. Get-CommerceInstance lists them; Register-CommerceInstance adds one.", instance.Message);
            Fails(ErrorIds.AccountNotFound, () => RegistryLookup.Instance(Document, "MAG999999999", "luma-prod"));
        }

        [Fact]
        public void AGetThatAskedForOneRecordAndFoundNoneIsNotFoundButAPatternIsNot()
        {
            var none = new List<string>();
            Func<string, ConnectorException> notFound = what => RegistryLookup.ProjectNotFound("MAG123456789", what);

            Assert.Same(none, RegistryLookup.RequireAny(none, null, null, notFound));
            Assert.Same(none, RegistryLookup.RequireAny(none, "", null, notFound));
            Assert.Same(none, RegistryLookup.RequireAny(none, "Lu*", null, notFound));
            Assert.Equal("Luma", Fails(ErrorIds.ProjectNotFound, () => RegistryLookup.RequireAny(none, "Luma", null, notFound)).Target);
            Assert.Equal("p-9", Fails(ErrorIds.ProjectNotFound, () => RegistryLookup.RequireAny(none, "Lu*", "p-9", notFound)).Target);
            var some = new List<string> { "x" };
            Assert.Same(some, RegistryLookup.RequireAny(some, "Luma", "p-9", notFound));
        }
    }
}
