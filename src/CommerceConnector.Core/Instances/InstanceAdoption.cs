using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;
using CommerceConnector.Core.Text;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Registers installations that are already connected: reads the connector values of env.php, reports the API
    /// keys, project and data space the registry does not know (with the command that brings each in) and, on request,
    /// adopts them: keys (public halves derived from the private keys in env.php), the project and the data space with
    /// their ids and the names env.php holds, marked <see cref="RecordSource.Adopted"/>. env.php is only read. The
    /// registration and everything adopted are one registry change: a refusal writes nothing.
    /// </summary>
    public sealed class InstanceAdoption : RegistryService
    {
        public InstanceAdoption(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }

        /// <summary>
        /// Registers the Magento root at <paramref name="path"/> (a folder, or its app/etc/env.php) as
        /// <paramref name="name"/> (by default the root folder's name). With <paramref name="adopt"/> the records env.php
        /// names are brought in too; an instance registered before with the same name and path is then adopted as it is.
        /// </summary>
        public RegisteredInstance Register(string mageId, string user, string? name, string path, InstanceRole role, string? baseUrl, bool adopt, ConfigurationSources? sources = null)
        {
            string account = Validate.MageId(mageId);
            string root = InstanceInventory.MagentoRoot(path);
            string instanceName = Validate.Name(name ?? Path.GetFileName(root), "instance", ErrorIds.InvalidInstanceName);
            string? url = InstanceInventory.BaseUrl(baseUrl);
            var target = ConfigTarget.ForInstance(new CommerceInstance { Name = instanceName, MageId = account, Path = root, Role = role });
            var warnings = new List<string>();

            ConnectorValues? values = null;
            try
            {
                values = ConnectorValues.Read(target, null, sources);
            }
            catch (ConnectorException e) when (!adopt)
            {
                warnings.Add($"The connector values of {target.EnvPhp} could not be read, so nothing was checked against the registry: {e.Message}");
            }
            var found = values == null ? null : Found.From(values);
            // With adopt, a failed read is not caught above: values, and so found, are set.
            if (adopt)
            {
                found!.ReadKeys();
            }

            var (instance, adopted, unknown) = Store.Update(document =>
            {
                var existing = document.Instances.FirstOrDefault(i => InstanceInventory.SamePath(i.Path, root));
                var registered = adopt && existing != null && Same(existing.MageId, account) && Same(existing.Name, instanceName)
                    ? existing
                    : InstanceInventory.AddInstance(document, account, user, instanceName, root, role, url, Clock());
                var brought = adopt ? Adopt(document, account, user, found!) : new List<ConnectorRecord>();
                var missing = found == null ? new List<ConnectorRecord>() : Survey(document, account, registered, found, warnings);
                return (registered, brought, missing);
            });
            instance.Connector = values?.Configuration;
            instance.Unknown = unknown;
            instance.Adopted = adopted;
            return new RegisteredInstance(instance, warnings);
        }

        private List<ConnectorRecord> Adopt(RegistryDocument document, string account, string user, Found found)
        {
            var adopted = new List<ConnectorRecord>();
            DateTimeOffset now = Clock();
            foreach (var pair in found.Keys.Where(p => p.Reading != null))
            {
                if (ApiKeyPortal.FindImported(document, account, user, pair.Id, pair.Environment, pair.Reading!) == null) // keys with a reading only
                {
                    var key = ApiKeyPortal.AddImported(document, account, user, pair.Id, pair.Environment, pair.Reading!, null, RecordSource.Adopted, now);
                    adopted.Add(new ConnectorRecord(ConnectorRecordKind.ApiKey, key.Id, key.Name, key.Environment.ToString(), null));
                }
            }

            SaaSProject? project = null;
            if (found.ProjectId != null)
            {
                string id = Validate.RecordId(found.ProjectId, "SaaS project", ErrorIds.InvalidProjectId);
                project = document.Projects.FirstOrDefault(p => Same(p.ProjectId, id));
                if (project != null && !Same(project.MageId, account))
                {
                    throw new ConnectorException(ErrorIds.ProjectIdExists, ConnectorErrorCategory.ResourceExists, id,
                        $"env.php names project {id}, which is registered for another account ({project.MageId}). Nothing was adopted: check which account this installation belongs to.");
                }
                if (project == null)
                {
                    ProjectRegistry.RequireActiveKey(document, account);
                    string name = Available(Validate.Name(found.ProjectName ?? id, "SaaS project", ErrorIds.InvalidProjectName), id,
                        candidate => document.Projects.Any(p => Same(p.MageId, account) && Same(p.ProjectName, candidate)));
                    project = ProjectRegistry.AddRegisteredProject(document, account, user, id, name, RecordSource.Adopted, now);
                    adopted.Add(new ConnectorRecord(ConnectorRecordKind.Project, project.ProjectId, project.ProjectName, null, null));
                }
            }

            if (found.DataSpaceId != null)
            {
                string id = Validate.RecordId(found.DataSpaceId, "data space", ErrorIds.InvalidDataSpaceId);
                var space = document.DataSpaces.FirstOrDefault(d => Same(d.DataSpaceId, id));
                if (space != null && !Same(space.MageId, account))
                {
                    throw new ConnectorException(ErrorIds.DataSpaceIdExists, ConnectorErrorCategory.ResourceExists, id,
                        $"env.php names data space {id}, which is registered for another account ({space.MageId}). Nothing was adopted: check which account this installation belongs to.");
                }
                if (space == null)
                {
                    if (project == null)
                    {
                        throw new ConnectorException(ErrorIds.ProjectNotFound, ConnectorErrorCategory.ObjectNotFound, id,
                            $"env.php names data space {id} but no project (services_connector/services_id/project_id), so it cannot be adopted. Nothing was adopted: " +
                            $"register the project and data space with Register-SaaSProject and Register-DataSpace, then register the instance without -Adopt.");
                    }
                    var type = found.DataSpaceType ?? throw new ConnectorException(ErrorIds.DataSpaceTypeUnknown, ConnectorErrorCategory.InvalidData, id,
                        $"env.php does not say whether data space {id} is a production or a testing data space (services_connector/services_id/environment is '{found.DataSpaceTypeText}'). Nothing was adopted: " +
                        "register it with " + RegisterDataSpace(found, "<Production|Testing>") + ", then run this command again.");
                    string name = Available(Validate.Name(found.DataSpaceName ?? id, "data space", ErrorIds.InvalidDataSpaceName), id,
                        candidate => document.DataSpaces.Any(d => Same(d.ProjectId, project.ProjectId) && Same(d.DataSpaceName, candidate)));
                    space = ProjectRegistry.AddRegisteredDataSpace(document, project, id, name, type, null, RecordSource.Adopted, now);
                    adopted.Add(new ConnectorRecord(ConnectorRecordKind.DataSpace, space.DataSpaceId, space.DataSpaceName, space.Type.ToString(), null));
                }
            }
            return adopted;
        }

        /// <summary>What env.php names that the registry does not know (each with its command), warnings for what contradicts it, and the data space assignment.</summary>
        private static List<ConnectorRecord> Survey(RegistryDocument document, string account, CommerceInstance instance, Found found, List<string> warnings)
        {
            var unknown = new List<ConnectorRecord>();
            void Report(ConnectorRecord record)
            {
                unknown.Add(record);
                warnings.Add($"Instance '{instance.Name}': {Describe(record.Kind)} {record.Id} in env.php is not in the registry. Bring it in with: {record.Fix} " +
                    "(or register the instance with -Adopt).");
            }

            foreach (var pair in found.Keys)
            {
                var key = document.ApiKeys.FirstOrDefault(k => Same(k.Id, pair.Id));
                if (key == null)
                {
                    Report(new ConnectorRecord(ConnectorRecordKind.ApiKey, pair.Id, null, pair.Environment.ToString(),
                        CommandText.Command("Import-ConnectorApiKey", "-ApiKey", CommandText.Quote(pair.Id), "-Environment", pair.Environment.ToString(),
                            "-PrivateKeyPath", $"<the {pair.Environment.ToString().ToLowerInvariant()} private key file>")));
                }
                else if (!Same(key.MageId, account))
                {
                    warnings.Add($"Instance '{instance.Name}': the {pair.Environment} API key {pair.Id} in env.php is a key of another account ({key.MageId}).");
                }
            }

            if (found.ProjectId != null)
            {
                var project = document.Projects.FirstOrDefault(p => Same(p.ProjectId, found.ProjectId));
                if (project == null)
                {
                    Report(new ConnectorRecord(ConnectorRecordKind.Project, found.ProjectId, found.ProjectName, null,
                        CommandText.Command("Register-SaaSProject", "-ProjectId", CommandText.Quote(found.ProjectId), "-Name", CommandText.Quote(found.ProjectName ?? found.ProjectId))));
                }
                else if (!Same(project.MageId, account))
                {
                    warnings.Add($"Instance '{instance.Name}': project {found.ProjectId} in env.php is a project of another account ({project.MageId}).");
                }
            }

            if (found.DataSpaceId != null)
            {
                var space = document.DataSpaces.FirstOrDefault(d => Same(d.DataSpaceId, found.DataSpaceId));
                if (space == null)
                {
                    Report(new ConnectorRecord(ConnectorRecordKind.DataSpace, found.DataSpaceId, found.DataSpaceName, found.DataSpaceType?.ToString(),
                        RegisterDataSpace(found, found.DataSpaceType?.ToString() ?? "<Production|Testing>")));
                }
                else if (!Same(space.MageId, account))
                {
                    warnings.Add($"Instance '{instance.Name}': data space {found.DataSpaceId} in env.php is a data space of another account ({space.MageId}).");
                }
                else
                {
                    // The guards of Set-DataSpace judge by this record: it must say what the installation really uses.
                    instance.AssignedDataSpaceId = space.DataSpaceId;
                    var sharing = document.Instances.Where(i => i != instance && Same(i.AssignedDataSpaceId, space.DataSpaceId)).Select(i => "'" + i.Name + "'").ToList();
                    if (space.Type == DataSpaceType.Testing && sharing.Count > 0)
                    {
                        warnings.Add($"Instance '{instance.Name}' uses testing data space {space.DataSpaceId} ('{space.DataSpaceName}'), which {string.Join(", ", sharing)} also use{(sharing.Count == 1 ? "s" : string.Empty)}: " +
                            "one testing data space must not serve two environments. Test-ConnectorConfiguration -All shows the fix.");
                    }
                    if (space.Type == DataSpaceType.Production && instance.Role != InstanceRole.Production)
                    {
                        warnings.Add($"Instance '{instance.Name}' is a {instance.Role} instance but uses production data space {space.DataSpaceId} ('{space.DataSpaceName}'): " +
                            "its data overwrites production data. Test-ConnectorConfiguration shows the fix.");
                    }
                }
            }
            return unknown;
        }

        private static string RegisterDataSpace(Found found, string type) =>
            CommandText.Command("Register-DataSpace", "-Project", CommandText.Quote(found.ProjectId ?? "<project id>"), "-DataSpaceId", CommandText.Quote(found.DataSpaceId),
                "-Name", CommandText.Quote(found.DataSpaceName ?? found.DataSpaceId), "-Type", type);

        /// <summary>The name env.php holds, or, when the registry has it for another record, the name with the id.</summary>
        private static string Available(string name, string id, Func<string, bool> taken) => taken(name) ? $"{name} ({id})" : name;

        private static string Describe(ConnectorRecordKind kind) =>
            kind == ConnectorRecordKind.ApiKey ? "API key" : kind == ConnectorRecordKind.Project ? "SaaS project" : "data space";

        /// <summary>The ids and names an env.php holds, as written there.</summary>
        private sealed class Found
        {
            public List<KeyPair> Keys { get; } = new List<KeyPair>();

            public string? ProjectId { get; private set; }

            public string? ProjectName { get; private set; }

            public string? DataSpaceId { get; private set; }

            public string? DataSpaceName { get; private set; }

            public string? DataSpaceTypeText { get; private set; }

            public DataSpaceType? DataSpaceType =>
                string.Equals(DataSpaceTypeText, "production", StringComparison.OrdinalIgnoreCase) ? Projects.DataSpaceType.Production
                : string.Equals(DataSpaceTypeText, "testing", StringComparison.OrdinalIgnoreCase) ? Projects.DataSpaceType.Testing
                : (DataSpaceType?)null;

            public static Found From(ConnectorValues values)
            {
                var found = new Found
                {
                    ProjectId = values.Literal(ConfigPaths.ProjectId),
                    ProjectName = values.Literal(ConfigPaths.ProjectName),
                    DataSpaceId = values.Literal(ConfigPaths.DataSpaceId),
                    DataSpaceName = values.Literal(ConfigPaths.DataSpaceName),
                    DataSpaceTypeText = values.Literal(ConfigPaths.DataSpaceType),
                };
                foreach (var environment in new[] { ApiKeyEnvironment.Production, ApiKeyEnvironment.Sandbox })
                {
                    bool production = environment == ApiKeyEnvironment.Production;
                    string? id = values.Literal(production ? ConfigPaths.ProductionApiKey : ConfigPaths.SandboxApiKey);
                    if (id != null)
                    {
                        found.Keys.Add(new KeyPair(environment, id, values.Literal(production ? ConfigPaths.ProductionPrivateKey : ConfigPaths.SandboxPrivateKey)));
                    }
                }
                return found;
            }

            /// <summary>Checks the API keys and reads the private keys (outside the registry lock: RSA checks take a moment); a bad one refuses the adoption.</summary>
            public void ReadKeys()
            {
                foreach (var pair in Keys)
                {
                    Validate.ApiKey(pair.Id);
                    if (pair.PrivateKeyText == null)
                    {
                        continue;
                    }
                    try
                    {
                        pair.Reading = PrivateKeyText.Repair(pair.PrivateKeyText);
                    }
                    catch (ConnectorException e)
                    {
                        throw new ConnectorException(e.ErrorId, e.Category, pair.Id,
                            $"The {pair.Environment} private key in env.php (API key {pair.Id}) cannot be adopted: {e.Message} Nothing was adopted.", e);
                    }
                }
            }
        }

        private sealed class KeyPair
        {
            public KeyPair(ApiKeyEnvironment environment, string id, string? privateKeyText) =>
                (Environment, Id, PrivateKeyText) = (environment, id, privateKeyText);

            public ApiKeyEnvironment Environment { get; }

            public string Id { get; }

            public string? PrivateKeyText { get; }

            public PrivateKeyReading? Reading { get; set; }
        }
    }
}
