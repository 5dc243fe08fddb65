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
        public CommerceService(string name, bool adobeCommerce, bool magentoOpenSource)
        {
            Name = name;
            AdobeCommerce = adobeCommerce;
            MagentoOpenSource = magentoOpenSource;
        }

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
            new CommerceService(Name, AdobeCommerce, MagentoOpenSource) { AccountMageId = mageId, AvailableToAccount = IsAvailableIn(edition) };

        public override string ToString() => Name;
    }

    /// <summary>The services catalog: which services the connector reaches, by edition.</summary>
    public static class ServiceCatalog
    {
        public static IReadOnlyList<CommerceService> All { get; } = new[]
        {
            new CommerceService("Product Recommendations", adobeCommerce: true, magentoOpenSource: false),
            new CommerceService("Live Search", adobeCommerce: true, magentoOpenSource: false),
            new CommerceService("Payment Services", adobeCommerce: true, magentoOpenSource: true),
            new CommerceService("Channel Manager", adobeCommerce: true, magentoOpenSource: true),
            new CommerceService("Site-Wide Analysis Tool", adobeCommerce: true, magentoOpenSource: false),
            new CommerceService("Catalog Service", adobeCommerce: true, magentoOpenSource: false),
            new CommerceService("Data Connection", adobeCommerce: true, magentoOpenSource: false),
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
