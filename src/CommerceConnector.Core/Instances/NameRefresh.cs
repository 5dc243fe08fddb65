using CommerceConnector.Core.Storage;
using static CommerceConnector.Core.Storage.RegistryLookup;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// After a project or data space is renamed, the instances whose env.php still holds the old name (NamesInSync fails
    /// there), and the plan that writes the registry's names into one of them.
    /// </summary>
    public sealed class NameRefresh
    {
        private readonly IRegistryStore _store;
        private readonly ConfigurationPlanner _planner;

        public NameRefresh(IRegistryStore store)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _planner = new ConfigurationPlanner(store);
        }

        /// <summary>
        /// The registered instances of <paramref name="mageId"/> whose env.php names <paramref name="projectId"/> with
        /// another name than <paramref name="projectName"/>, or <paramref name="dataSpaceId"/> with another name than
        /// <paramref name="dataSpaceName"/> (pass nulls for what was not renamed). Unreadable env.php files are skipped.
        /// </summary>
        public IReadOnlyList<StaleNameInstance> Find(string mageId, string? projectId, string? projectName, string? dataSpaceId, string? dataSpaceName)
        {
            var stale = new List<StaleNameInstance>();
            foreach (var instance in new InstanceInventory(_store).Get(mageId))
            {
                ConnectorConfiguration config;
                try
                {
                    config = ConfigurationReader.Read(ConfigTarget.ForInstance(instance));
                }
                catch (ConnectorException)
                {
                    continue;
                }
                bool staleProject = projectId != null && Same(config.ProjectId, projectId) && config.ProjectName != projectName;
                bool staleSpace = dataSpaceId != null && Same(config.DataSpaceId, dataSpaceId) && config.DataSpaceName != dataSpaceName;
                if (staleProject || staleSpace)
                {
                    stale.Add(new StaleNameInstance(instance, config.ProjectId, string.IsNullOrEmpty(config.DataSpaceId) ? null : config.DataSpaceId));
                }
            }
            return stale;
        }

        /// <summary>
        /// The plan that writes the registry's project and data space names into <paramref name="stale"/>'s env.php:
        /// Set-DataSpace's plan for the data space it already has (the guards run; only the names change). Null when
        /// env.php names a project but no data space, which Set-DataSpace cannot refresh.
        /// </summary>
        public ConfigurationPlan? Plan(string mageId, StaleNameInstance stale) =>
            stale.DataSpaceId == null ? null
                : _planner.PlanDataSpace(mageId, ConfigTarget.ForInstance(stale.Instance), stale.ProjectId, stale.DataSpaceId, force: true);

        /// <summary>The warning a rename gives without -UpdateInstances.</summary>
        public static string Warning(IReadOnlyList<StaleNameInstance> stale, string renameCommand) =>
            $"{string.Join(", ", stale.Select(s => "'" + s.Instance.Name + "'"))} still {(stale.Count == 1 ? "holds" : "hold")} the old name in env.php, " +
            $"so their NamesInSync check fails: run {renameCommand} -UpdateInstances, or Set-DataSpace -Instance <name> -DataSpace <id> on each.";
    }
}
