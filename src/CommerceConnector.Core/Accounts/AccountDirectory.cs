using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Accounts
{
    /// <summary>Accounts kept in the embedded registry.</summary>
    public sealed class AccountDirectory : RegistryService, IAccountDirectory
    {
        public AccountDirectory(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }

        public IReadOnlyList<CommerceAccount> GetAccounts(string? mageIdPattern = null)
        {
            var matches = Wildcard.Matcher(mageIdPattern);
            var accounts = Store.Read().Accounts.Where(a => matches(a.MageId)).OrderBy(a => a.MageId, StringComparer.OrdinalIgnoreCase).ToList();
            return RegistryLookup.RequireAny(accounts, mageIdPattern, null, RegistryLookup.AccountNotFound);
        }

        public CommerceAccount GetAccount(string mageId)
        {
            string id = Validate.MageId(mageId);
            return RegistryLookup.Account(ReadAccount(id), id);
        }

        public CommerceAccount NewAccount(string mageId, CommerceEdition edition, string owner, string? name = null, AccountStanding standing = AccountStanding.Good)
        {
            string id = Validate.MageId(mageId);
            string ownerAddress = Validate.Email(owner, "account owner");
            string displayName = name == null ? id : Validate.Name(name, "account", ErrorIds.InvalidAccountName);
            CheckDefined(edition, nameof(edition));
            CheckDefined(standing, nameof(standing));

            return UpdateAccount(id, document =>
            {
                if (document.Accounts.Any(a => string.Equals(a.MageId, id, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ConnectorException(ErrorIds.AccountExists, ConnectorErrorCategory.ResourceExists, id,
                        $"An account with MageID {id} already exists in this registry. Use Get-CommerceAccount -MageId {id} to see it, or Set-CommerceAccount to change it.");
                }
                DateTimeOffset now = Clock();
                var account = new CommerceAccount
                {
                    MageId = id,
                    Name = displayName,
                    Edition = edition,
                    Standing = standing,
                    Owner = ownerAddress,
                    CreatedAt = now,
                    Members = { new AccountMember { MageId = id, User = ownerAddress, Role = MemberRole.LicenseOwner, AddedAt = now } },
                };
                document.Accounts.Add(account);
                return account;
            });
        }

        public CommerceAccount SetAccount(string mageId, AccountStanding? standing, string? name)
        {
            string id = Validate.MageId(mageId);
            string? displayName = name == null ? null : Validate.Name(name, "account", ErrorIds.InvalidAccountName);
            if (standing.HasValue)
            {
                CheckDefined(standing.Value, nameof(standing));
            }
            return UpdateAccount(id, document =>
            {
                var account = RegistryLookup.Account(document, id);
                if (standing.HasValue)
                {
                    account.Standing = standing.Value;
                }
                if (displayName != null)
                {
                    account.Name = displayName;
                }
                return account;
            });
        }

        public AccountMember AddMember(string mageId, string user, MemberRole role)
        {
            string id = Validate.MageId(mageId);
            string address = Validate.Email(user);
            CheckDefined(role, nameof(role));
            return UpdateAccount(id, document =>
            {
                var account = RegistryLookup.Account(document, id);
                var existing = account.FindMember(address);
                if (existing != null)
                {
                    throw new ConnectorException(ErrorIds.MemberExists, ConnectorErrorCategory.ResourceExists, address,
                        $"{existing.User} is already a member of {id} with the role {existing.Role}. To change the role, remove the member and add it again.");
                }
                var member = new AccountMember { MageId = id, User = address, Role = role, AddedAt = Clock() };
                account.Members.Add(member);
                return member;
            });
        }

        public AccountMember RemoveMember(string mageId, string user)
        {
            string id = Validate.MageId(mageId);
            string address = Validate.Email(user);
            return UpdateAccount(id, document =>
            {
                var account = RegistryLookup.Account(document, id);
                var member = account.FindMember(address) ?? throw new ConnectorException(ErrorIds.MemberNotFound, ConnectorErrorCategory.ObjectNotFound, address,
                    $"{address} is not a member of {id}. Get-CommerceAccount -MageId {id} lists its members.");
                if (member.Role == MemberRole.LicenseOwner && account.Members.Count(m => m.Role == MemberRole.LicenseOwner) == 1)
                {
                    throw new ConnectorException(ErrorIds.LastLicenseOwner, ConnectorErrorCategory.InvalidOperation, address,
                        $"{member.User} is the last licence owner of {id}; an account always keeps one. Add another member with -Role LicenseOwner first.");
                }
                account.Members.Remove(member);
                if (string.Equals(account.Owner, member.User, StringComparison.OrdinalIgnoreCase))
                {
                    account.Owner = account.Members.First(m => m.Role == MemberRole.LicenseOwner).User;
                }
                return member;
            });
        }

        private static void CheckDefined<TEnum>(TEnum value, string parameter) where TEnum : struct
        {
            if (!Enum.IsDefined(typeof(TEnum), value))
            {
                throw new ConnectorException("InvalidArgument", ConnectorErrorCategory.InvalidArgument, value,
                    $"{value} is not a valid {parameter}; use one of {string.Join(", ", Enum.GetNames(typeof(TEnum)))}.");
            }
        }
    }
}
