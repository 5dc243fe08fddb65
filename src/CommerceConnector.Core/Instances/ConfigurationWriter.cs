using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Instances
{
    /// <summary>Writes a <see cref="ConfigurationPlan"/>: env.php replaced atomically with a backup, the registry's record kept consistent.</summary>
    public sealed class ConfigurationWriter : RegistryService
    {
        public ConfigurationWriter(IRegistryStore store, Func<DateTimeOffset>? clock = null)
            : base(store, clock)
        {
        }

        /// <summary>
        /// Writes a plan: env.php replaced atomically with a backup, and the registry's record of the assignment updated
        /// under its lock (where the data space guard is checked once more). If the registry cannot be updated the file
        /// is put back as it was.
        /// </summary>
        public ConfigurationResult Apply(ConfigurationPlan plan)
        {
            if (plan.Changes.Count == 0)
            {
                return Result(plan, null);
            }
            string newText = plan.NewText;
            var instance = plan.Target.Instance;
            // A registered instance's data space changes only under the registry's lock, which counts the change: the
            // testing data space guard of a command planned meanwhile then reads the files again (DataSpaceReading).
            bool movesDataSpace = plan.AssignDataSpace != null || plan.ReleaseDataSpace || plan.Changes.Any(c => c.Path == ConfigPaths.DataSpaceId);
            if (instance == null || !movesDataSpace)
            {
                return Result(plan, ConfigFileWriter.Replace(plan.Target.EnvPhp, plan.OriginalText, newText, Clock()));
            }

            string? written = null;
            try
            {
                UpdateAccount(instance.MageId, document =>
                {
                    var record = document.Instances.FirstOrDefault(i => InstanceInventory.SamePath(i.Path, instance.Path))
                        ?? throw new ConnectorException(ErrorIds.InstanceNotFound, ConnectorErrorCategory.ObjectNotFound, instance.Name, $"Instance '{instance.Name}' was unregistered meanwhile.");
                    if (plan.AssignDataSpace != null)
                    {
                        var space = document.DataSpaces.First(d => d.DataSpaceId == plan.AssignDataSpace);
                        if (space.Type == DataSpaceType.Testing)
                        {
                            // What an earlier command crashed before recording is recorded now, and the guard sees it.
                            // Only a testing data space has a guard that needs every instance's file; reading 1,000
                            // env.php files for a production assignment or a release would be work nobody reads. The
                            // plan's reading stands in for the files while no change has begun since it was taken.
                            DataSpaceAssignments.Reconcile(document, instance.Path, plan.DataSpaceReading);
                            DataSpaceAssignments.CheckNotInUse(document, space, plan.Target);
                        }
                        record.AssignedDataSpaceId = plan.AssignDataSpace;
                    }
                    else
                    {
                        // A release, or a restored backup: the record says what the new file holds.
                        record.AssignedDataSpaceId = plan.ReleaseDataSpace ? null : DataSpaceAssignments.RegisteredIn(document, newText, plan.Target.EnvPhp);
                    }
                    written = ConfigFileWriter.Replace(plan.Target.EnvPhp, plan.OriginalText, newText, Clock());
                    return 0;
                });
            }
            catch when (written != null)
            {
                // The registry did not take the change: put the file back so both stay consistent.
                PutBack(instance.MageId, plan.Target.EnvPhp, newText, plan.OriginalText);
                throw;
            }
            return Result(plan, written);
        }

        /// <summary>
        /// Puts <paramref name="original"/> back as env.php under the registry's lock, which counts it as a change (a
        /// command planned while the file held the new text reads the files again), without writing the registry. Where
        /// the lock cannot be had, the file is put back all the same.
        /// </summary>
        private void PutBack(string mageId, string envPhp, string current, string original)
        {
            bool putBack = false;
            try
            {
                UpdateAccount<int>(mageId, _ =>
                {
                    ConfigFileWriter.Replace(envPhp, current, original, Clock());
                    putBack = true;
                    throw new PutBackDone();
                });
            }
            catch (PutBackDone)
            {
            }
            catch when (!putBack)
            {
                // The lock or the registry could not be had (locked, unreadable): the file goes back all the same.
                ConfigFileWriter.Replace(envPhp, current, original, Clock());
            }
        }

        /// <summary>Ends the put-back's registry change without writing the registry.</summary>
        private sealed class PutBackDone : Exception
        {
        }

        /// <summary>
        /// The outcome of <paramref name="plan"/>; after a write, a warning when env.php or a backup (which hold the
        /// private keys) can be read by other users.
        /// </summary>
        private static ConfigurationResult Result(ConfigurationPlan plan, string? backup)
        {
            string? exposure = backup == null ? null : ConfigFileWriter.ExposureWarning(plan.Target.EnvPhp);
            var warnings = exposure == null ? plan.Warnings : plan.Warnings.Concat(new[] { exposure }).ToList();
            return new ConfigurationResult(plan.Target.Instance?.Name, plan.Target.Root, plan.Changes, backup, warnings);
        }
    }
}
