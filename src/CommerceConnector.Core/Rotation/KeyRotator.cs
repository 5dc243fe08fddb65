using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Rotation
{
    /// <summary>
    /// Rotates one environment's API key across every registered instance of an account (Update-ConnectorApiKey): the
    /// new key and the rotation's record are made in one registry change, each instance that holds the old key is
    /// written through <see cref="ConfigurationPlanner"/> and <see cref="ConfigurationWriter"/>, and the old key is revoked only when no
    /// registered instance holds it any more. One open rotation per account and environment; the next run continues it.
    /// </summary>
    public sealed class KeyRotator : RegistryService
    {
        public KeyRotator(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }

        /// <summary>The account's rotations, newest first; only open ones with <paramref name="openOnly"/>.</summary>
        public IReadOnlyList<KeyRotation> GetRotations(string mageId, ApiKeyEnvironment? environment = null, bool openOnly = false)
        {
            string account = Validate.MageId(mageId);
            var document = ReadAccount(account);
            Account(document, account);
            return document.KeyRotations
                .Where(r => Same(r.MageId, account) && (!environment.HasValue || r.Environment == environment.Value) && (!openOnly || r.Status == KeyRotationStatus.Open))
                .OrderByDescending(r => r.StartedAt)
                .ToList();
        }

        /// <summary>
        /// Starts a rotation of <paramref name="environment"/>'s key (a new key, generated or issued elsewhere), or continues
        /// the open one (whose new private key <paramref name="input"/> must hold). Nothing is written to any env.php here:
        /// the returned run writes one instance at a time.
        /// </summary>
        public KeyRotationRun Begin(string mageId, string user, ApiKeyEnvironment environment, RotationKeyInput input)
        {
            if (input == null)
            {
                throw new ArgumentNullException(nameof(input));
            }
            string account = Validate.MageId(mageId);
            ApiKeyPortal.CheckEnvironment(environment);
            // The whole registry: a new key issued elsewhere is refused here when another account holds it or its pair.
            var document = Store.Read();
            Account(document, account);
            var open = KeyRotationRules.FindOpen(document, account, environment);
            return open != null ? Continue(document, account, user, open, input) : Start(document, account, user, environment, input);
        }

        private KeyRotationRun Continue(RegistryDocument document, string account, string user, KeyRotation open, RotationKeyInput input)
        {
            string resume = KeyRotationRules.ResumeCommand(open);
            string openSince = $"A rotation of the {open.Environment} API key ({open.OldApiKey} to {open.NewApiKey}, started {open.StartedAt:u}) is open";
            if (input.Deliver != null)
            {
                throw new ConnectorException(ErrorIds.KeyRotationOpen, ConnectorErrorCategory.InvalidOperation, open.NewApiKey,
                    $"{openSince}: it continues with the key it made, so no other key is generated. Continue it: {resume}");
            }
            if (input.ApiKey != null && !Same(input.ApiKey, open.NewApiKey))
            {
                throw new ConnectorException(ErrorIds.KeyRotationOpen, ConnectorErrorCategory.InvalidOperation, input.ApiKey,
                    $"{openSince}; {input.ApiKey} is not its new key. Finish it first: {resume}");
            }
            if (input.PrivateKeyText == null)
            {
                throw new ConnectorException(ErrorIds.KeyRotationNeedsNewPrivateKey, ConnectorErrorCategory.InvalidArgument, open.NewApiKey,
                    $"{openSince} and needs the new private key to write it into the remaining instances: {resume}");
            }
            var reading = ReadNewKey(input.PrivateKeyText, open.Environment);
            if (!Same(reading.Fingerprint, open.NewKeyFingerprint))
            {
                throw new ConnectorException(ErrorIds.RotationPrivateKeyMismatch, ConnectorErrorCategory.InvalidData, open.NewApiKey,
                    $"{openSince}, and this private key (fingerprint {reading.Fingerprint}) is not the private key of {open.NewApiKey} (fingerprint {open.NewKeyFingerprint}). " +
                    "Give the file that received the new key's private key when the rotation started.");
            }
            ApiKeyPortal.CheckMayManageKeys(document, account, user, forGeneration: false, open.Environment, null);
            // Instances registered, or configured with the old key, since the rotation started join it.
            foreach (var holder in Scan(document, account, open.Environment, open.OldApiKey))
            {
                if (!open.Instances.Any(i => InstanceInventory.SamePath(i.Path, holder.Path)))
                {
                    open.Instances.Add(holder);
                }
            }
            return new KeyRotationRun(Store, Clock, document, account, user, open, input.PrivateKeyText, started: false);
        }

        private KeyRotationRun Start(RegistryDocument document, string account, string user, ApiKeyEnvironment environment, RotationKeyInput input)
        {
            var old = KeyRotationRules.NewestActiveKey(document, account, environment) ?? throw new ConnectorException(ErrorIds.NoActiveApiKey,
                ConnectorErrorCategory.ObjectNotFound, account,
                $"{account} has no active {environment} API key to rotate. Generate one: " +
                CommandText.Command("New-ConnectorApiKey", "-Environment", environment.ToString(), "-Name", "<name>", "-OutFile", "<private key file>"));
            // Rotating ends with a revocation: the same people may do it.
            ApiKeyPortal.CheckMayManageKeys(document, account, user, forGeneration: false, environment, null);

            bool import = input.ApiKey != null || input.PrivateKeyText != null;
            string? apiKey = null, keyName = null;
            string text;
            PrivateKeyReading? reading = null;
            System.Security.Cryptography.RSAParameters parameters = default;
            if (import)
            {
                if (input.ApiKey == null || input.PrivateKeyText == null)
                {
                    throw new ConnectorException(ErrorIds.ApiKeyPairIncomplete, ConnectorErrorCategory.InvalidArgument, input.ApiKey,
                        "A key issued elsewhere needs both halves: -ApiKey and -PrivateKeyPath (or -PrivateKey). To generate the new key instead, give -OutFile or -AsSecureString.");
                }
                if (input.Deliver != null)
                {
                    throw new ConnectorException(ErrorIds.PrivateKeyDestinationConflict, ConnectorErrorCategory.InvalidArgument, input.ApiKey,
                        "Give either a key issued elsewhere (-ApiKey with -PrivateKeyPath or -PrivateKey) or a destination for a generated key (-OutFile or -AsSecureString), not both.");
                }
                apiKey = Validate.ApiKey(input.ApiKey);
                if (Same(apiKey, old.Id))
                {
                    throw new ConnectorException(ErrorIds.RotationToSameKey, ConnectorErrorCategory.InvalidArgument, apiKey,
                        $"{apiKey} is the {environment} key the instances hold now. Give the new key from the API portal, or leave -ApiKey out to generate one.");
                }
                ReadNewKey(input.PrivateKeyText, environment);
                reading = PrivateKeyText.Repair(input.PrivateKeyText);
                RequireUsable(ApiKeyPortal.FindImported(document, account, user, apiKey, environment, reading));
                text = input.PrivateKeyText;
            }
            else
            {
                if (input.Deliver == null)
                {
                    throw new ConnectorException(ErrorIds.PrivateKeyDestinationRequired, ConnectorErrorCategory.InvalidArgument, null,
                        "The new private key is shown only once and needs a destination: give -OutFile <path> or -AsSecureString (or -ApiKey with -PrivateKeyPath for a key issued elsewhere).");
                }
                keyName = Validate.Name(input.Name ?? $"{environment.ToString().ToLowerInvariant()} {Clock().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}",
                    "API key", ErrorIds.InvalidKeyName);
                ApiKeyPortal.CheckKeySize(input.KeySize);
                ApiKeyPortal.CheckMayManageKeys(document, account, user, forGeneration: true, environment, keyName);
                parameters = ApiKeyPortal.NewKeyPair(input.KeySize);
                text = PrivateKeyText.ToPem(PrivateKeyText.Pkcs8Label, RsaKeyCodec.EncodePkcs8(parameters));
            }

            // Which instances hold the old key is read from their files, outside the registry lock.
            var holders = Scan(document, account, environment, old.Id);
            Action? undo = null;
            try
            {
                return UpdateAccount(account, current =>
                {
                    if (KeyRotationRules.FindOpen(current, account, environment) is KeyRotation other)
                    {
                        throw new ConnectorException(ErrorIds.KeyRotationOpen, ConnectorErrorCategory.ResourceBusy, other.NewApiKey,
                            $"Another run started a rotation of the {environment} API key meanwhile ({other.OldApiKey} to {other.NewApiKey}). Continue it: {KeyRotationRules.ResumeCommand(other)}");
                    }
                    var now = Clock();
                    ApiKey key;
                    // apiKey and reading were set above when importing, keyName and input.Deliver when generating.
                    if (import)
                    {
                        key = RequireUsable(ApiKeyPortal.FindImported(current, account, user, apiKey!, environment, reading!))
                            ?? ApiKeyPortal.AddImported(current, account, user, apiKey!, environment, reading!, null, RecordSource.Imported, now);
                    }
                    else
                    {
                        key = ApiKeyPortal.AddGenerated(current, account, user, environment, keyName!, parameters, now);
                    }
                    var rotation = new KeyRotation
                    {
                        Id = Guid.NewGuid().ToString("N"),
                        MageId = account,
                        Environment = environment,
                        OldApiKey = old.Id,
                        NewApiKey = key.Id,
                        NewKeyFingerprint = key.Fingerprint,
                        StartedAt = now,
                        StartedBy = ApiKeyPortal.CheckMayManageKeys(current, account, user, forGeneration: false, environment, null).User,
                        Status = KeyRotationStatus.Open,
                        Instances = holders,
                    };
                    current.KeyRotations.Add(rotation);
                    if (!import)
                    {
                        undo = input.Deliver!(new GeneratedApiKey(key, text));
                    }
                    // The document as written is the run's view of the registry: it holds the new key.
                    return new KeyRotationRun(Store, Clock, current, account, user, rotation, text, started: true);
                });
            }
            catch
            {
                undo?.Invoke();
                throw;
            }
        }

        /// <summary>A registered key that an import would reuse must be active to be rotated to.</summary>
        private static ApiKey? RequireUsable(ApiKey? existing)
        {
            if (existing != null && existing.Status != ApiKeyStatus.Active)
            {
                throw new ConnectorException(ErrorIds.ApiKeyRevoked, ConnectorErrorCategory.InvalidOperation, existing.Id,
                    $"API key {existing.Id} ('{existing.Name}') was revoked on {existing.RevokedAt:u}; a rotation needs an active new key. Generate one with -OutFile or -AsSecureString.");
            }
            return existing;
        }

        /// <summary>The new private key as env.php gets it: clean PKCS#8 only, as Set-ConnectorConfiguration requires.</summary>
        private static PrivateKeyReading ReadNewKey(string text, ApiKeyEnvironment environment)
        {
            try
            {
                return PrivateKeyText.ReadStrict(text);
            }
            catch (ConnectorException e)
            {
                throw new ConnectorException(e.ErrorId, e.Category, e.Target, $"The new {environment} private key cannot be used: {e.Message}", e);
            }
        }

        /// <summary>
        /// The account's registered instances whose env.php holds <paramref name="oldKeyId"/> as the key of
        /// <paramref name="environment"/>, each pending; an instance whose env.php cannot be read is included too (whether
        /// it holds the key is unknown, so the old key must not be revoked before it is settled).
        /// </summary>
        internal static List<RotatedInstance> Scan(RegistryDocument document, string account, ApiKeyEnvironment environment, string oldKeyId)
        {
            var holders = new List<RotatedInstance>();
            foreach (var instance in document.Instances.Where(i => Same(i.MageId, account)).OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase))
            {
                string? held;
                try
                {
                    held = ConnectorValues.Read(ConfigTarget.ForInstance(instance), NoFingerprint).Literal(ApiKeyPath(environment));
                }
                catch (ConnectorException)
                {
                    held = oldKeyId;
                }
                if (Same(held, oldKeyId))
                {
                    holders.Add(new RotatedInstance { Name = instance.Name, Path = instance.Path, State = RotationState.Pending });
                }
            }
            return holders;
        }

        internal static string ApiKeyPath(ApiKeyEnvironment environment) =>
            environment == ApiKeyEnvironment.Production ? ConfigPaths.ProductionApiKey : ConfigPaths.SandboxApiKey;

        internal static string PrivateKeyPath(ApiKeyEnvironment environment) =>
            environment == ApiKeyEnvironment.Production ? ConfigPaths.ProductionPrivateKey : ConfigPaths.SandboxPrivateKey;

        /// <summary>Reading which key an instance holds needs no fingerprints.</summary>
        internal static string? NoFingerprint(string? text) => null;
    }
}
