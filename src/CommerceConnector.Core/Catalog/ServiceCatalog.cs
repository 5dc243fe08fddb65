using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Catalog
{
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
        public static IReadOnlyList<CommerceService> Find(string? namePattern, CommerceEdition? edition, CommerceAccount? account)
        {
            var matches = Wildcard.Matcher(namePattern);
            var rows = All.Where(s => matches(s.Name) && (!edition.HasValue || s.IsAvailableIn(edition.Value)))
                .Select(s => account == null ? s : s.ForAccount(account.MageId, account.Edition))
                .ToList();
            if (rows.Count == 0 && !Strings.IsNullOrEmpty(namePattern) && !Wildcard.ContainsWildcard(namePattern))
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
