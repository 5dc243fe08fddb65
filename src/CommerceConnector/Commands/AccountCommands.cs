using CommerceConnector.Core.Accounts;

namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommon.New, "CommerceAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(CommerceAccount))]
    public sealed class NewCommerceAccountCommand : ConnectorCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string MageId { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public CommerceEdition Edition { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string Owner { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public AccountStanding Standing { get; set; } = AccountStanding.Good;

        protected override void ProcessRecord()
        {
            if (!ShouldProcess($"{MageId} ({Edition}, owner {Owner})", "Create Commerce account"))
            {
                return;
            }
            Run(() => WriteObject(Session.OpenAccounts().NewAccount(MageId, Edition, Owner, Name, Standing)));
        }
    }

    [Cmdlet(VerbsCommon.Get, "CommerceAccount")]
    [OutputType(typeof(CommerceAccount))]
    public sealed class GetCommerceAccountCommand : ConnectorCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(MageIdCompleter))]
        public string? MageId { get; set; }

        protected override void ProcessRecord()
        {
            Run(() => WriteObject(Session.OpenAccounts().GetAccounts(MageId), enumerateCollection: true));
        }
    }

    [Cmdlet(VerbsCommon.Set, "CommerceAccount", SupportsShouldProcess = true)]
    [OutputType(typeof(CommerceAccount))]
    public sealed class SetCommerceAccountCommand : ConnectorCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MageIdCompleter))]
        public string? MageId { get; set; }

        [Parameter]
        public AccountStanding Standing { get; set; }

        [Parameter]
        public string? Name { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var change = Terminating(() => new AccountChange(MageId, BoundOrNull(nameof(Standing), Standing), Name));
            Run(() =>
            {
                string mageId = MageIdOrContext(MageId);
                change.ApplyTo(Session.Preview().OpenAccounts(), mageId);
                if (!ShouldProcess(mageId, change.Describe()))
                {
                    return;
                }
                var account = change.ApplyTo(Session.OpenAccounts(), mageId);
                if (PassThru)
                {
                    WriteObject(account);
                }
            });
        }
    }

    [Cmdlet(VerbsCommon.Add, "CommerceAccountMember", SupportsShouldProcess = true)]
    [OutputType(typeof(AccountMember))]
    public sealed class AddCommerceAccountMemberCommand : ConnectorCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MageIdCompleter))]
        public string? MageId { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string User { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public MemberRole Role { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                string mageId = MageIdOrContext(MageId);
                var member = Session.Preview().OpenAccounts().AddMember(mageId, User, Role);
                if (ShouldProcess(mageId, $"Add {member.User} as {member.Role}"))
                {
                    WriteObject(Session.OpenAccounts().AddMember(mageId, User, Role));
                }
            });
        }
    }

    [Cmdlet(VerbsCommon.Remove, "CommerceAccountMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AccountMember))]
    public sealed class RemoveCommerceAccountMemberCommand : ConnectorCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MageIdCompleter))]
        public string? MageId { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MemberCompleter))]
        public string User { get; set; } = null!;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Run(() =>
            {
                string mageId = MageIdOrContext(MageId);
                var member = Session.Preview().OpenAccounts().RemoveMember(mageId, User);
                if (!ShouldProcess(mageId, $"Remove member {member.User} ({member.Role})"))
                {
                    return;
                }
                var removed = Session.OpenAccounts().RemoveMember(mageId, User);
                if (PassThru)
                {
                    WriteObject(removed);
                }
            });
        }
    }
}
