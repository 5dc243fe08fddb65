using System;
using System.Collections.Generic;
using System.Linq;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Catalog
{
    /// <summary>A service reached through the Commerce Services Connector and the editions that may use it.</summary>
    public sealed class CommerceService
    {
        public CommerceService(string name, bool adobeCommerce, bool magentoOpenSource, params string[] modules)
        {
            Name = name;
            AdobeCommerce = adobeCommerce;
            MagentoOpenSource = magentoOpenSource;
            Modules = modules;
        }

        /// <summary>The Magento modules an instance needs enabled for this service, besides the connector's own.</summary>
        public IReadOnlyList<string> Modules { get; }

        /// <summary>The instance the <see cref="EnabledInInstance"/> verdict is about; null without -Instance.</summary>
        public string Instance { get; private set; }

        /// <summary>Whether the instance's app/etc/config.php enables the connector's and this service's modules; null without -Instance.</summary>
        public bool? EnabledInInstance { get; private set; }

        public string Name { get; }

        public bool AdobeCommerce { get; }

        public bool MagentoOpenSource { get; }

        /// <summary>The account the <see cref="AvailableToAccount"/> verdict is about; null without a context.</summary>
        public string AccountMageId { get; private set; }

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

    /// <summary>The services catalog: which services the connector reaches, by edition.</summary>
    public static class ServiceCatalog
    {
        /// <summary>The modules every connected service needs: the Commerce Services Connector itself.</summary>
        public static IReadOnlyList<string> ConnectorModules { get; } = new[] { "Magento_ServicesId", "Magento_ServicesConnector" };

        /// <summary>The services and the primary module of each one's extension.</summary>
        public static IReadOnlyList<CommerceService> All { get; } = new[]
        {
            new CommerceService("Product Recommendations", true, false, "Magento_ProductRecommendationsAdmin"),
            new CommerceService("Live Search", true, false, "Magento_LiveSearch"),
            new CommerceService("Payment Services", true, true, "Magento_PaymentServicesBase"),
            new CommerceService("Channel Manager", true, true, "Magento_SalesChannels"),
            new CommerceService("Site-Wide Analysis Tool", true, false),
            new CommerceService("Catalog Service", true, false, "Magento_CatalogDataExporter"),
            new CommerceService("Data Connection", true, false, "Magento_DataServices"),
        };

        /// <summary>
        /// The services whose name matches <paramref name="namePattern"/> (a wildcard) and, when given, that
        /// <paramref name="edition"/> has. With an <paramref name="account"/>, each row says whether its edition has it.
        /// A literal name that matches nothing is an error (<c>ServiceNotFound</c>), as Get-* cmdlets do.
        /// </summary>
        public static IReadOnlyList<CommerceService> Find(string namePattern, CommerceEdition? edition, CommerceAccount account)
        {
            var matches = Wildcard.Matcher(namePattern);
            var rows = All.Where(s => matches(s.Name) && (!edition.HasValue || s.IsAvailableIn(edition.Value)))
                .Select(s => account == null ? s : s.ForAccount(account.MageId, account.Edition))
                .ToList();
            if (rows.Count == 0 && !string.IsNullOrEmpty(namePattern) && !Wildcard.ContainsWildcard(namePattern))
            {
                throw new ConnectorException(ErrorIds.ServiceNotFound, ConnectorErrorCategory.ObjectNotFound, namePattern,
                    $"No service named '{namePattern}' is reached through the Commerce Services Connector" +
                    (edition.HasValue ? $" in {edition.Value}" : string.Empty) +
                    $". Known services: {string.Join(", ", All.Select(s => s.Name))}.");
            }
            return rows;
        }
    }
}
