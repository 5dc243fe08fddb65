using CommerceConnector.Core.Accounts;
using CommerceConnector.Core.Instances;
using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// Everything the embedded registry holds. One JSON file; every change replaces it whole and atomically. The file's
    /// schema is <see cref="Records.RegistryFile"/>; the store maps it to this document at the serialization boundary.
    /// </summary>
    public sealed class RegistryDocument
    {
        /// <summary>The schema this build writes. Raise it together with a migration in <see cref="RegistryMigrations"/>.</summary>
        public const int CurrentSchemaVersion = 1;

        /// <summary>The schema of the stored file; 0 when a file lacks the field (which makes it corrupt).</summary>
        public int SchemaVersion { get; set; }

        public List<CommerceAccount> Accounts { get; set; } = new List<CommerceAccount>();


        /// <summary>The public halves of API keys (never a private key).</summary>
        public List<ApiKey> ApiKeys { get; set; } = new List<ApiKey>();
        public List<SaaSProject> Projects { get; set; } = new List<SaaSProject>();

        public List<DataSpace> DataSpaces { get; set; } = new List<DataSpace>();

        public List<CommerceInstance> Instances { get; set; } = new List<CommerceInstance>();

        /// <summary>Key rotations, open and completed (Update-ConnectorApiKey); stored only when there is one.</summary>
        public List<KeyRotation> KeyRotations { get; set; } = new List<KeyRotation>();

        /// <summary>
        /// The registry version this document was read at, when the store can tell one (the file store; null for a
        /// document built or copied in memory, and for PostgreSQL): see <see cref="RegistryVersion"/>.
        /// </summary>
        internal RegistryVersion? Version { get; set; }

        public static RegistryDocument CreateEmpty() => new RegistryDocument { SchemaVersion = CurrentSchemaVersion };

        /// <summary>Replaces absent collections by empty ones and returns what makes the document unusable, or null.</summary>
        internal string? Validate()
        {
            Accounts = Accounts ?? new List<CommerceAccount>();
            ApiKeys = ApiKeys ?? new List<ApiKey>();
            Projects = Projects ?? new List<SaaSProject>();
            DataSpaces = DataSpaces ?? new List<DataSpace>();
            Instances = Instances ?? new List<CommerceInstance>();
            KeyRotations = KeyRotations ?? new List<KeyRotation>();
            var seen = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var account in Accounts)
            {
                if (account == null || string.IsNullOrEmpty(account.MageId))
                {
                    return "an account entry has no MageID";
                }
                if (!seen.Add(account.MageId))
                {
                    return $"the MageID {account.MageId} appears twice";
                }
                if (account.Members.Exists(m => m == null || string.IsNullOrEmpty(m.User)))
                {
                    return $"account {account.MageId} has a member without a user";
                }
            }
            var keyIds = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var key in ApiKeys)
            {
                if (key == null || string.IsNullOrEmpty(key.Id) || string.IsNullOrEmpty(key.PublicKey))
                {
                    return "an API key entry has no id or public key";
                }
                if (!keyIds.Add(key.Id))
                {
                    return $"the API key id {key.Id} appears twice";
                }
            }
            var projectIds = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var project in Projects)
            {
                if (project == null || string.IsNullOrEmpty(project.ProjectId) || !projectIds.Add(project.ProjectId))
                {
                    return "a SaaS project entry has no id or a duplicate one";
                }
            }
            var dataSpaceIds = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var dataSpace in DataSpaces)
            {
                if (dataSpace == null || string.IsNullOrEmpty(dataSpace.DataSpaceId) || !dataSpaceIds.Add(dataSpace.DataSpaceId))
                {
                    return "a data space entry has no id or a duplicate one";
                }
                if (!projectIds.Contains(dataSpace.ProjectId ?? string.Empty))
                {
                    return $"data space {dataSpace.DataSpaceId} belongs to no known project";
                }
                dataSpace.Cleanups = dataSpace.Cleanups ?? new List<CleanupRequest>();
            }
            foreach (var instance in Instances)
            {
                if (instance == null || string.IsNullOrEmpty(instance.Name) || string.IsNullOrEmpty(instance.Path))
                {
                    return "an instance entry has no name or path";
                }
            }
            foreach (var rotation in KeyRotations)
            {
                if (rotation == null || string.IsNullOrEmpty(rotation.Id) || string.IsNullOrEmpty(rotation.OldApiKey) || string.IsNullOrEmpty(rotation.NewApiKey))
                {
                    return "a key rotation entry has no id, old key or new key";
                }
                rotation.Instances = rotation.Instances ?? new List<RotatedInstance>();
            }
            return null;
        }
    }
}
