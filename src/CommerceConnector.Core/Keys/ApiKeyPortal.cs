using System.Security.Cryptography;
using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Keys
{
    /// <summary>API keys in the embedded registry.</summary>
    public sealed class ApiKeyPortal : RegistryService, IApiKeyPortal
    {
        public static readonly int[] AllowedKeySizes = { 2048, 3072, 4096 };
        public const int MinimumKeySize = 2048;

        private readonly Func<string, IReadOnlyList<string>> _instancesUsingKey;

        /// <summary>
        /// <paramref name="holders"/> names the registered instances configured with an API key id (the instances side
        /// answers it, see <see cref="IKeyHolders"/>); without it no instance is taken to hold any key.
        /// </summary>
        public ApiKeyPortal(IRegistryStore store, Func<DateTimeOffset>? clock = null, IKeyHolders? holders = null)
            : this(store, clock, holders == null ? (Func<string, IReadOnlyList<string>>?)null : holders.InstancesConfiguredWith)
        {
        }

        /// <summary><paramref name="instancesUsingKey"/> answers which registered instances hold an API key id.</summary>
        public ApiKeyPortal(IRegistryStore store, Func<DateTimeOffset>? clock, Func<string, IReadOnlyList<string>>? instancesUsingKey)
            : base(store, clock)
        {
            _instancesUsingKey = instancesUsingKey ?? (_ => Array.Empty<string>());
        }

        /// <summary>
        /// Generates a key pair for <paramref name="user"/> of <paramref name="mageId"/>, hands the private key to
        /// <paramref name="deliver"/> (which returns how to undo the delivery) and registers the public half. If
        /// registering fails, the delivery is undone; if delivery fails, nothing is registered.
        /// </summary>
        public GeneratedApiKey Generate(string mageId, string user, ApiKeyEnvironment environment, string name, int keySize, Func<GeneratedApiKey, Action> deliver)
        {
            if (deliver == null)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyDestinationRequired, ConnectorErrorCategory.InvalidArgument, null,
                    "The private key is shown only once and needs a destination: give -OutFile <path> or -AsSecureString.");
            }
            string id = Validate.MageId(mageId);
            string keyName = Validate.Name(name, "API key", ErrorIds.InvalidKeyName);
            CheckEnvironment(environment);
            CheckKeySize(keySize);

            // Check the rules before spending time on a key pair; they are checked again under the lock.
            CheckMayManageKeys(ReadAccount(id), id, user, forGeneration: true, environment, keyName);

            RSAParameters parameters = NewKeyPair(keySize);
            string pem = PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(parameters));

            Action? undo = null;
            try
            {
                return UpdateAccount(id, document =>
                {
                    var key = AddGenerated(document, id, user, environment, keyName, parameters, Clock());
                    var generated = new GeneratedApiKey(key, pem);
                    undo = deliver(generated);
                    return generated;
                });
            }
            catch
            {
                undo?.Invoke();
                throw;
            }
        }

        internal static void CheckKeySize(int keySize)
        {
            if (!AllowedKeySizes.Contains(keySize))
            {
                throw new ConnectorException(ErrorIds.InvalidKeySize, ConnectorErrorCategory.InvalidArgument, keySize,
                    $"{keySize} bits is not an offered key size; use 2048, 3072 or 4096.");
            }
        }

        /// <summary>A new RSA key pair of <paramref name="keySize"/> bits (outside any lock: it takes a while).</summary>
        internal static RSAParameters NewKeyPair(int keySize)
        {
            using (var rsa = RSA.Create())
            {
                rsa.KeySize = keySize;
                return rsa.ExportParameters(includePrivateParameters: true);
            }
        }

        /// <summary>
        /// Registers the public half of a generated pair inside a registry change, after the rules for generating (who,
        /// standing, a unique name) are checked on that document.
        /// </summary>
        internal static ApiKey AddGenerated(RegistryDocument document, string account, string user, ApiKeyEnvironment environment, string keyName,
            RSAParameters parameters, DateTimeOffset now)
        {
            var member = CheckMayManageKeys(document, account, user, forGeneration: true, environment, keyName);
            var key = new ApiKey
            {
                Id = NewKeyId(document),
                MageId = account,
                Name = keyName,
                Environment = environment,
                CreatedAt = now,
                CreatedBy = member.User,
                KeySize = RsaKeyCodec.KeySizeInBits(parameters),
                Fingerprint = RsaKeyCodec.Fingerprint(parameters),
                PublicKey = Convert.ToBase64String(RsaKeyCodec.EncodeSubjectPublicKeyInfo(RsaKeyCodec.PublicPart(parameters))),
                Status = ApiKeyStatus.Active,
            };
            document.ApiKeys.Add(key);
            return key;
        }

        public ImportedApiKey Import(string mageId, string user, string apiKey, ApiKeyEnvironment environment, string? privateKeyText, string? name)
        {
            string account = Validate.MageId(mageId);
            string id = Validate.ApiKey(apiKey);
            CheckEnvironment(environment);
            string? keyName = name == null ? null : Validate.Name(name, "API key", ErrorIds.InvalidKeyName);
            var reading = PrivateKeyText.Repair(privateKeyText);

            // Refusals and the idempotent case are decided on a read of the whole registry (a key or a key pair of another
            // account is refused with its own message), so that neither writes the registry.
            var existing = FindImported(Store.Read(), account, user, id, environment, reading);
            if (existing != null)
            {
                return new ImportedApiKey(existing, true, reading.Fixes);
            }
            return UpdateAccount(account, document =>
            {
                var again = FindImported(document, account, user, id, environment, reading);
                return again != null
                    ? new ImportedApiKey(again, true, reading.Fixes)
                    : new ImportedApiKey(AddImported(document, account, user, id, environment, reading, keyName, RecordSource.Imported, Clock()), false, reading.Fixes);
            });
        }

        /// <summary>
        /// The registered key that an import of <paramref name="id"/> with <paramref name="reading"/> would be (the
        /// idempotent case), null when it is new, or the refusal: a member who may not manage keys, the key registered
        /// under another account, with another pair or another environment, or the pair registered under another id.
        /// </summary>
        internal static ApiKey? FindImported(RegistryDocument document, string account, string user, string id, ApiKeyEnvironment environment, PrivateKeyReading reading)
        {
            var owner = RegistryLookup.Account(document, account);
            var member = owner.FindMember(user) ?? throw new ConnectorException(ErrorIds.MemberNotFound, ConnectorErrorCategory.PermissionDenied, user,
                $"{user} is not a member of {owner.MageId}.");
            if (!member.CanGenerateKeys)
            {
                throw new ConnectorException(ErrorIds.KeyImportNotAllowed, ConnectorErrorCategory.PermissionDenied, member.User,
                    $"{member.User} has {member.Role} on {owner.MageId}. API keys are managed by the licence owner (or the signer of the partner agreement): ask them to import it.");
            }
            if (reading.KeySize < MinimumKeySize)
            {
                throw new ConnectorException(ErrorIds.InvalidKeySize, ConnectorErrorCategory.InvalidData, reading.KeySize,
                    $"The private key has {reading.KeySize} bits; Commerce Services need at least {MinimumKeySize}. Generate a new key in the API portal.");
            }
            string fingerprint = reading.Fingerprint;
            var existing = document.ApiKeys.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.OrdinalIgnoreCase));
            if (existing != null)
            {
                if (!string.Equals(existing.MageId, account, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConnectorException(ErrorIds.ApiKeyOfAnotherAccount, ConnectorErrorCategory.ResourceExists, id,
                        $"API key {existing.Id} is registered for another account ({existing.MageId}). An API key belongs to one Commerce account: connect to {existing.MageId} to use it, or import a key of {account}.");
                }
                if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConnectorException(ErrorIds.ApiKeyPairConflict, ConnectorErrorCategory.ResourceExists, id,
                        $"API key {existing.Id} is already registered with another key pair (fingerprint {existing.Fingerprint}; this private key has {fingerprint}). " +
                        "Give the private key that was downloaded with this API key; keys regenerated later are new API keys.");
                }
                if (existing.Environment != environment)
                {
                    throw new ConnectorException(ErrorIds.ApiKeyEnvironmentConflict, ConnectorErrorCategory.ResourceExists, id,
                        $"API key {existing.Id} is registered as a {existing.Environment} key, not a {environment} key. Import it with -Environment {existing.Environment}.");
                }
                return existing;
            }
            var samePair = document.ApiKeys.FirstOrDefault(k => string.Equals(k.Fingerprint, fingerprint, StringComparison.OrdinalIgnoreCase));
            if (samePair != null)
            {
                throw new ConnectorException(ErrorIds.PrivateKeyOfAnotherApiKey, ConnectorErrorCategory.ResourceExists, id,
                    $"This private key (fingerprint {fingerprint}) is already registered with API key {samePair.Id}" +
                    (string.Equals(samePair.MageId, account, StringComparison.OrdinalIgnoreCase) ? string.Empty : $" of {samePair.MageId}") +
                    ". A key pair has one API key: check which API key was downloaded with this private key.");
            }
            return null;
        }

        /// <summary>Adds a key pair issued elsewhere; <see cref="FindImported"/> returned null for it.</summary>
        internal static ApiKey AddImported(RegistryDocument document, string account, string user, string id, ApiKeyEnvironment environment, PrivateKeyReading reading,
            string? name, RecordSource source, DateTimeOffset now)
        {
            bool Taken(string candidate) => document.ApiKeys.Any(k => RegistryLookup.Same(k.MageId, account)
                && k.Status == ApiKeyStatus.Active && k.Environment == environment && string.Equals(k.Name, candidate, StringComparison.OrdinalIgnoreCase));
            string? keyName = name;
            if (keyName != null && Taken(keyName))
            {
                throw new ConnectorException(ErrorIds.ApiKeyNameExists, ConnectorErrorCategory.ResourceExists, keyName,
                    $"{account} already has an active {environment} API key named '{keyName}'. Choose another -Name, or leave it out to name the key after its id.");
            }
            if (keyName == null)
            {
                keyName = $"{environment.ToString().ToLowerInvariant()} {id.Substring(0, Math.Min(8, id.Length))}";
                for (int n = 2; Taken(keyName); n++)
                {
                    keyName = $"{environment.ToString().ToLowerInvariant()} {id.Substring(0, Math.Min(8, id.Length))} ({n})";
                }
            }
            var key = new ApiKey
            {
                Id = id,
                MageId = account,
                Name = keyName,
                Environment = environment,
                CreatedAt = now,
                CreatedBy = user,
                KeySize = reading.KeySize,
                Fingerprint = reading.Fingerprint,
                PublicKey = Convert.ToBase64String(RsaKeyCodec.EncodeSubjectPublicKeyInfo(RsaKeyCodec.PublicPart(reading.Key))),
                Status = ApiKeyStatus.Active,
                Source = source,
            };
            document.ApiKeys.Add(key);
            return key;
        }

        public IReadOnlyList<ApiKey> GetKeys(string mageId, ApiKeyEnvironment? environment = null, string? namePattern = null, string? id = null, bool includeRevoked = false)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            RegistryLookup.Account(document, account);
            var matches = Wildcard.Matcher(namePattern);
            var keys = document.ApiKeys
                .Where(k => RegistryLookup.Same(k.MageId, account)
                    && (includeRevoked || k.Status == ApiKeyStatus.Active || id != null)
                    && (!environment.HasValue || k.Environment == environment.Value)
                    && matches(k.Name)
                    && (id == null || string.Equals(k.Id, id.Trim(), StringComparison.OrdinalIgnoreCase)))
                .OrderBy(k => k.Environment).ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase).ThenBy(k => k.CreatedAt)
                .ToList();
            return RegistryLookup.RequireAny(keys, namePattern, id, what => RegistryLookup.ApiKeyNotFound(account, what));
        }

        public IReadOnlyList<ApiKey> GetKeysByName(string mageId, string? name, ApiKeyEnvironment? environment = null)
        {
            string account = Validate.MageId(mageId);
            var keys = GetKeys(account, environment).Where(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (keys.Count == 0)
            {
                throw RegistryLookup.ApiKeyNotFound(account, name);
            }
            return keys;
        }

        public RevokedApiKey Revoke(string mageId, string user, string id, bool force = false)
        {
            string account = Validate.MageId(mageId);
            // Which instances hold the key is read from their env.php files, before the registry is locked.
            IReadOnlyList<string> holders = _instancesUsingKey(RegistryLookup.ApiKey(ReadAccount(account), account, id).Id);
            var revoked = UpdateAccount(account, document =>
            {
                var member = CheckMayManageKeys(document, account, user, forGeneration: false, default, null);
                var key = RegistryLookup.ApiKey(document, account, id);
                if (key.Status == ApiKeyStatus.Revoked)
                {
                    throw new ConnectorException(ErrorIds.ApiKeyAlreadyRevoked, ConnectorErrorCategory.InvalidOperation, key.Id,
                        $"The API key {key.Id} ('{key.Name}') was already revoked on {key.RevokedAt:u}.");
                }
                if (holders.Count > 0 && !force)
                {
                    throw new ConnectorException(ErrorIds.ApiKeyInUse, ConnectorErrorCategory.ResourceBusy, key.Id,
                        $"The {key.Environment} API key {key.Id} ('{key.Name}') is still configured in {string.Join(", ", holders.Select(h => "'" + h + "'"))}; " +
                        "revoked, those instances stop reaching Commerce Services. Rotate first: New-ConnectorApiKey, then " +
                        $"Set-ConnectorConfiguration -Instance <name> -{key.Environment}ApiKey <new id> -{key.Environment}PrivateKeyPath <file> on each; " +
                        "or revoke anyway with -Force.");
                }
                key.Status = ApiKeyStatus.Revoked;
                key.RevokedAt = Clock();
                key.RevokedBy = member.User;
                return key;
            });
            return new RevokedApiKey(revoked, holders);
        }

        /// <summary>
        /// Checks a key pair as the connector would need it: PEM well-formed, PKCS#8 RSA, at least 2048 bits, the private
        /// key matching the public key registered under <paramref name="id"/>, the key active, the environment expected.
        /// </summary>
        public ApiKeyTestResult Test(string mageId, string id, string? privateKeyText, ApiKeyEnvironment? expectedEnvironment)
        {
            string account = Validate.MageId(mageId);
            var document = Store.Read();
            RegistryLookup.Account(document, account);
            return ApiKeyChecks.Check(document, account, id, () => PrivateKeyText.Repair(privateKeyText), expectedEnvironment);
        }

        internal static AccountMember CheckMayManageKeys(RegistryDocument document, string mageId, string user, bool forGeneration, ApiKeyEnvironment environment, string? keyName)
        {
            var account = RegistryLookup.Account(document, mageId);
            var member = account.FindMember(user) ?? throw new ConnectorException(ErrorIds.MemberNotFound, ConnectorErrorCategory.PermissionDenied, user,
                $"{user} is not a member of {account.MageId}.");
            if (!member.CanGenerateKeys)
            {
                throw new ConnectorException(forGeneration ? ErrorIds.KeyGenerationNotAllowed : ErrorIds.KeyRevocationNotAllowed, ConnectorErrorCategory.PermissionDenied, member.User,
                    $"{member.User} has {member.Role} on {account.MageId}. Only the licence owner of the organisation, or for a solution integrator the signer of the partner agreement, may " +
                    (forGeneration ? "generate" : "revoke") + " API keys; users with Shared Access cannot, even when the organisation appears in their account switcher. Ask the licence owner.");
            }
            if (forGeneration)
            {
                if (account.Standing != AccountStanding.Good)
                {
                    throw new ConnectorException(ErrorIds.AccountNotInGoodStanding, ConnectorErrorCategory.PermissionDenied, account.MageId,
                        $"Account {account.MageId} is {account.Standing}: API keys can be generated only while the account is in good standing. Resolve the account's standing first.");
                }
                var clash = document.ApiKeys.FirstOrDefault(k => string.Equals(k.MageId, account.MageId, StringComparison.OrdinalIgnoreCase)
                    && k.Status == ApiKeyStatus.Active && k.Environment == environment && string.Equals(k.Name, keyName, StringComparison.OrdinalIgnoreCase));
                if (clash != null)
                {
                    throw new ConnectorException(ErrorIds.ApiKeyNameExists, ConnectorErrorCategory.ResourceExists, keyName,
                        $"{account.MageId} already has an active {environment} API key named '{clash.Name}' ({clash.Id}). Choose another name, or revoke that key first.");
                }
            }
            return member;
        }

        internal static void CheckEnvironment(ApiKeyEnvironment environment)
        {
            if (!Enum.IsDefined(typeof(ApiKeyEnvironment), environment))
            {
                throw new ConnectorException("InvalidArgument", ConnectorErrorCategory.InvalidArgument, environment, "The environment must be Production or Sandbox.");
            }
        }

        private static string NewKeyId(RegistryDocument document)
        {
            var bytes = new byte[16];
            using (var random = RandomNumberGenerator.Create())
            {
                string id;
                do
                {
                    random.GetBytes(bytes);
                    id = RsaKeyCodec.ToHex(bytes);
                }
                while (document.ApiKeys.Any(k => k.Id == id));
                return id;
            }
        }
    }
}
