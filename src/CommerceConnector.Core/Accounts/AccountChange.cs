namespace CommerceConnector.Core.Accounts
{
    /// <summary>
    /// What Set-CommerceAccount is asked to change on an account: its standing, its name or both. A change of nothing is
    /// refused (NothingToChange) before the registry is read.
    /// </summary>
    public sealed class AccountChange
    {
        /// <summary>A change of the account <paramref name="mageId"/> (null: the session's); a null value means "unchanged".</summary>
        public AccountChange(string? mageId, AccountStanding? standing, string? name)
        {
            if (standing == null && name == null)
            {
                throw new ConnectorException(ErrorIds.NothingToChange, ConnectorErrorCategory.InvalidArgument, mageId,
                    "Set-CommerceAccount needs -Standing, -Name or both.");
            }
            Standing = standing;
            Name = name;
        }

        public AccountStanding? Standing { get; }

        public string? Name { get; }

        /// <summary>What the change does, for -WhatIf and -Confirm: "Set standing Suspended and name 'Luma'".</summary>
        public string Describe() =>
            Standing != null && Name != null ? $"Set standing {Standing} and name '{Name}'"
            : Standing != null ? $"Set standing {Standing}" : $"Set name '{Name}'";

        /// <summary>Applies the change to <paramref name="mageId"/> through <paramref name="accounts"/>.</summary>
        public CommerceAccount ApplyTo(IAccountDirectory accounts, string mageId) => accounts.SetAccount(mageId, Standing, Name);
    }
}
