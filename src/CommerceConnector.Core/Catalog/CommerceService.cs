using CommerceConnector.Core.Accounts;

namespace CommerceConnector.Core.Catalog
{
    /// <summary>A service reached through the Commerce Services Connector and the editions that may use it.</summary>
    public sealed class CommerceService
    {
        public CommerceService(string name, bool adobeCommerce, bool magentoOpenSource, params string[] modules) =>
            (Name, AdobeCommerce, MagentoOpenSource, Modules) = (name, adobeCommerce, magentoOpenSource, modules);

        /// <summary>The Magento modules an instance needs enabled for this service, besides the connector's own.</summary>
        public IReadOnlyList<string> Modules { get; }

        /// <summary>The instance the <see cref="EnabledInInstance"/> verdict is about; null without -Instance.</summary>
        public string? Instance { get; private set; }

        /// <summary>Whether the instance's app/etc/config.php enables the connector's and this service's modules; null without -Instance.</summary>
        public bool? EnabledInInstance { get; private set; }

        public string Name { get; }

        public bool AdobeCommerce { get; }

        public bool MagentoOpenSource { get; }

        /// <summary>The account the <see cref="AvailableToAccount"/> verdict is about; null without a context.</summary>
        public string? AccountMageId { get; private set; }

        /// <summary>Whether the connected account's edition has this service; null without a context.</summary>
        public bool? AvailableToAccount { get; private set; }

        public bool IsAvailableIn(CommerceEdition edition) =>
            edition == CommerceEdition.AdobeCommerce ? AdobeCommerce : MagentoOpenSource;

        internal CommerceService ForAccount(string mageId, CommerceEdition edition) =>
            new CommerceService(Name, AdobeCommerce, MagentoOpenSource, Modules.ToArray()) { AccountMageId = mageId, AvailableToAccount = IsAvailableIn(edition), Instance = Instance, EnabledInInstance = EnabledInInstance };

        /// <summary>This row with the verdict for an instance whose enabled modules are <paramref name="enabledModules"/>.</summary>
        public CommerceService ForInstance(string instance, ISet<string> enabledModules) =>
            new CommerceService(Name, AdobeCommerce, MagentoOpenSource, Modules.ToArray())
            {
                AccountMageId = AccountMageId,
                AvailableToAccount = AvailableToAccount,
                Instance = instance,
                EnabledInInstance = ServiceCatalog.ConnectorModules.Concat(Modules).All(enabledModules.Contains),
            };

        public override string ToString() => Name;
    }
}
