using System.Security;
using CommerceConnector.Core.Catalog;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// The rules that used to live in the cmdlets, now in Core: which failures stop a command, a private key given one
    /// way only, a Set-CommerceInstance that changes something, the catalog joined with an instance, the export's facts.
    /// </summary>
    public sealed class CommandRulesTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (char c in text)
            {
                secure.AppendChar(c);
            }
            return secure;
        }

        [Fact]
        public void OnlyRegistryAndSessionFailuresStopACommand()
        {
            Assert.Equal(
                new[]
                {
                    "NotConnected",
                    "RegistryAuthenticationFailed",
                    "RegistryConnectionInvalid",
                    "RegistryCorrupt",
                    "RegistryDatabaseNotFound",
                    "RegistryHostUnknown",
                    "RegistryLocked",
                    "RegistryPathInvalid",
                    "RegistryPermissionDenied",
                    "RegistrySchemaMissing",
                    "RegistrySchemaOutdated",
                    "RegistrySchemaTooNew",
                    "RegistryUnavailable",
                    "RegistryWriteFailed",
                },
                TerminatingErrors.All.OrderBy(id => id, StringComparer.Ordinal));
            Assert.True(TerminatingErrors.StopsCommand(ErrorIds.RegistryLocked));
            Assert.True(TerminatingErrors.StopsCommand(ErrorIds.NotConnected));
            Assert.False(TerminatingErrors.StopsCommand(ErrorIds.AccountNotFound));
            Assert.False(TerminatingErrors.StopsCommand(ErrorIds.NothingToChange));
            Assert.False(TerminatingErrors.StopsCommand("registrylocked"));
            Assert.False(TerminatingErrors.StopsCommand(null));
        }

        [Fact]
        public void APrivateKeyIsGivenAsASecureStringOrAPathNotBoth()
        {
            string path = _temp.Combine("key.pem");
            File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nTk9UIEEgUkVBTCBLRVk=\n-----END PRIVATE KEY-----\n");

            var error = Fails(ErrorIds.PrivateKeyDestinationConflict, () => PrivateKeyInput.Text(Secure("text"), path));
            Assert.Equal(path, error.Target);
            Assert.Equal(ConnectorErrorCategory.InvalidArgument, error.Category);
            Assert.Equal("Give a private key either as a SecureString or as a file path, not both.", error.Message);
            Fails(ErrorIds.PrivateKeyDestinationConflict, () => PrivateKeyInput.RequireOne(Secure(""), path));

            Assert.Equal("-----BEGIN PRIVATE KEY-----\nTk9UIEEgUkVBTCBLRVk=\n-----END PRIVATE KEY-----\n", PrivateKeyInput.Text(null, path));
            Assert.Equal("pasted\ntext", PrivateKeyInput.Text(Secure("pasted\ntext"), null));
            Assert.Null(PrivateKeyInput.Text(null, null));
            PrivateKeyInput.RequireOne(null, path);
            PrivateKeyInput.RequireOne(Secure("x"), null);
            Fails(ErrorIds.PrivateKeyPathInvalid, () => PrivateKeyInput.Text(null, _temp.Combine("missing.pem")));
        }

        [Fact]
        public void SetCommerceInstanceMustChangeSomething()
        {
            var error = Fails(ErrorIds.NothingToChange, () => new InstanceChange("luma", null, null, null, null));
            Assert.Equal("luma", error.Target);
            Assert.Equal("Set-CommerceInstance needs -Role, -BaseUrl, -NewName or -Path, or -DatabaseAccess.", error.Message);

            Assert.Equal("Change role to Staging", new InstanceChange("luma", InstanceRole.Staging, null, null, null).Describe());
            Assert.Equal("Change base URL to , name to luma-eu, path to /srv/eu",
                new InstanceChange("luma", null, string.Empty, "luma-eu", "/srv/eu").Describe());
            Assert.Equal("Change role to Production, base URL to https://luma.example/, name to b, path to /p",
                new InstanceChange("luma", InstanceRole.Production, "https://luma.example/", "b", "/p").Describe());
        }

        [Fact]
        public void SetCommerceAccountMustChangeSomething()
        {
            var error = Fails(ErrorIds.NothingToChange, () => new AccountChange("MAG123456789", null, null));
            Assert.Equal("MAG123456789", error.Target);
            Assert.Equal("Set-CommerceAccount needs -Standing, -Name or both.", error.Message);

            Assert.Equal("Set standing Suspended and name 'Luma EU'", new AccountChange(null, AccountStanding.Suspended, "Luma EU").Describe());
            Assert.Equal("Set standing Good", new AccountChange(null, AccountStanding.Good, null).Describe());
            Assert.Equal("Set name 'Luma'", new AccountChange(null, null, "Luma").Describe());

            var accounts = new AccountDirectory(new FileRegistryStore(_temp.Combine("registry")));
            accounts.NewAccount("MAG123456789", CommerceEdition.AdobeCommerce, "owner@example.com");
            var changed = new AccountChange("MAG123456789", AccountStanding.Suspended, "Luma EU").ApplyTo(accounts, "MAG123456789");
            Assert.Equal((AccountStanding.Suspended, "Luma EU"), (changed.Standing, changed.Name));
            Assert.Equal((AccountStanding.Suspended, "Luma EU"), (accounts.GetAccount("MAG123456789").Standing, accounts.GetAccount("MAG123456789").Name));
        }

        [Fact]
        public void AnInstanceChangeIsAppliedThroughTheInventory()
        {
            var store = new FileRegistryStore(_temp.Combine("registry"));
            new AccountDirectory(store).NewAccount("MAG123456789", CommerceEdition.AdobeCommerce, "owner@example.com");
            var inventory = new InstanceInventory(store, () => new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
            string root = MagentoRoot("shop", "<?php return [];");
            inventory.Register("MAG123456789", "owner@example.com", "shop", root, InstanceRole.Development, null);

            var changed = new InstanceChange("shop", InstanceRole.Staging, "https://shop.example/", "shop-eu", null).ApplyTo(inventory, "MAG123456789");

            Assert.Equal(("shop-eu", InstanceRole.Staging, "https://shop.example/", root), (changed.Name, changed.Role, changed.BaseUrl, changed.Path));
            var stored = inventory.GetOne("MAG123456789", "shop-eu");
            Assert.Equal(("shop-eu", InstanceRole.Staging, "https://shop.example/"), (stored.Name, stored.Role, stored.BaseUrl));
            Fails(ErrorIds.InstanceNotFound, () => new InstanceChange("shop", InstanceRole.Staging, null, null, null).ApplyTo(inventory, "MAG123456789"));
        }

        [Fact]
        public void TheCatalogJoinedWithAnInstanceSaysWhichServicesItsConfigPhpEnables()
        {
            string root = MagentoRoot("shop",
                "<?php\nreturn [\n    'modules' => [\n        'Magento_ServicesId' => 1,\n        'Magento_ServicesConnector' => 1,\n" +
                "        'Magento_PaymentServicesBase' => 1,\n        'Magento_LiveSearch' => 0,\n    ],\n];\n");
            var instance = new CommerceInstance { Name = "shop", Path = root, Role = InstanceRole.Production };

            var rows = InstanceServices.Join(ServiceCatalog.Find(null, null, null), instance);

            Assert.Equal(ServiceCatalog.All.Select(s => s.Name), rows.Select(r => r.Name));
            Assert.All(rows, r => Assert.Equal("shop", r.Instance));
            Assert.Equal(
                new[] { "Payment Services", "Site-Wide Analysis Tool" },
                rows.Where(r => r.EnabledInInstance == true).Select(r => r.Name));
            Assert.Equal(new[] { false }, InstanceServices.Join(ServiceCatalog.Find("Live Search", null, null), instance).Select(r => r.EnabledInInstance.Value));
        }

        [Fact]
        public void TheExportedTextCarriesItsFactsInOrder()
        {
            string root = MagentoRoot("shop", "<?php return [];");
            var export = new ConnectorExport(ExportFormat.Dotenv, "A=\"1\"\n", new[] { "A" }, false, null);

            var facts = ExportedText.Facts(export, ConfigTarget.ForInstance(new CommerceInstance { Name = "shop", Path = root }));

            Assert.Equal(new[] { "Instance", "Path", "Format", "Variables", "IncludesSecrets", "OutFile", "Text" }, facts.Select(f => f.Key));
            Assert.Equal(new object[] { "shop", root, ExportFormat.Dotenv, export.Variables, false, null, "A=\"1\"\n" }, facts.Select(f => f.Value));
            Assert.Null(ExportedText.Facts(export, ConfigTarget.ForPath(root)).Single(f => f.Key == "Instance").Value);
        }

        private string MagentoRoot(string name, string configPhp)
        {
            string root = _temp.Combine(name);
            Directory.CreateDirectory(Path.Combine(root, "app", "etc"));
            File.WriteAllText(Path.Combine(root, "app", "etc", "env.php"), "<?php\nreturn [];\n");
            File.WriteAllText(Path.Combine(root, "app", "etc", "config.php"), configPhp);
            return root;
        }
    }
}
