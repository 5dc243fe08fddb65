using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Catalog;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommon.Get, "CommerceService")]
    [OutputType(typeof(CommerceService))]
    public sealed class GetCommerceServiceCommand : ConnectorCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string? Name { get; set; }

        [Parameter]
        public CommerceEdition Edition { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(InstanceNameCompleter))]
        public string? Instance { get; set; }

        protected override void ProcessRecord()
        {
            CommerceEdition? edition = BoundOrNull(nameof(Edition), Edition);
            Run(() =>
            {
                var rows = ServiceCatalog.Find(Name, edition, ContextAccount());
                if (Instance != null)
                {
                    rows = InstanceServices.Join(rows, Session.OpenInstances().GetOne(Session.RequireContext().MageId, Instance));
                }
                WriteObject(rows, enumerateCollection: true);
            });
        }

        private CommerceAccount? ContextAccount()
        {
            try
            {
                var context = Session.RequireContext();
                return Session.OpenAccounts().GetAccount(context.MageId);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.NotConnected)
            {
                return null;
            }
            catch (ConnectorException e)
            {
                WriteWarning($"The catalog is shown without account availability: {e.Message}");
                return null;
            }
        }
    }
}
