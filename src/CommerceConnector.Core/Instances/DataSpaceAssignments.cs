using CommerceConnector.Core.Php;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Instances
{
    /// <summary>The registry's memory of which instance uses which data space, and the guard that a testing data space serves one installation.</summary>
    internal static class DataSpaceAssignments
    {
        /// <summary>
        /// Makes the registry's memory of assignments (in <paramref name="document"/>) what the instances' env.php files
        /// hold, for every instance but the one at <paramref name="exceptRoot"/>. env.php is the truth: a crash between
        /// replacing it and recording the change leaves the registry behind, never the file. An instance whose env.php
        /// cannot be read keeps its record. Returns what it corrected, for the plan to carry to the registry's lock.
        /// </summary>
        internal static DataSpaceReading Reconcile(RegistryDocument document, string exceptRoot)
        {
            PassesOnThisThread++;
            var spaces = new Dictionary<string, DataSpace>(StringComparer.OrdinalIgnoreCase);
            foreach (var space in document.DataSpaces)
            {
                spaces[space.DataSpaceId] = spaces.TryGetValue(space.DataSpaceId, out var first) ? first : space;
            }
            var corrections = new List<(string, string?)>();
            foreach (var instance in document.Instances.Where(i => !InstanceInventory.SamePath(i.Path, exceptRoot)))
            {
                string? held;
                try
                {
                    held = DataSpaceIn(instance.EnvPhpPath);
                }
                catch (ConnectorException)
                {
                    continue;
                }
                string? assigned = held != null && spaces.TryGetValue(held, out var space) ? space.DataSpaceId : null;
                if (!string.Equals(assigned, instance.AssignedDataSpaceId, StringComparison.Ordinal))
                {
                    instance.AssignedDataSpaceId = assigned;
                    corrections.Add((instance.Path, assigned));
                }
            }
            return new DataSpaceReading(document.Version, corrections);
        }

        /// <summary>
        /// Under the registry's lock: <paramref name="planned"/>'s reading recorded in <paramref name="document"/> while it
        /// still holds (<see cref="DataSpaceReading.StillHolds"/>), the files read again otherwise.
        /// </summary>
        internal static void Reconcile(RegistryDocument document, string exceptRoot, DataSpaceReading? planned)
        {
            if (planned != null && planned.StillHolds(document))
            {
                planned.ApplyTo(document);
            }
            else
            {
                Reconcile(document, exceptRoot);
            }
        }

        /// <summary>How many passes over the env.php files this thread made (tests tell a reused reading from a pass by it).</summary>
        [ThreadStatic]
        internal static int PassesOnThisThread;

        /// <summary>
        /// The data space id an env.php holds as a literal (null for none); a ConnectorException when it cannot be read.
        /// A file is read and parsed only when its <see cref="FileStamp"/> differs from the one it had when it was last
        /// read here: the guard of one Set-DataSpace looks at every registered instance's env.php, and at 1,000
        /// instances parsing them all cost about 130 ms per look, a stat each about 4 ms.
        /// </summary>
        private static string? DataSpaceIn(string envPhpPath) =>
            Held.Read(envPhpPath, null, path => DataSpaceId(PhpConfigFile.Parse(ConfigFileWriter.Read(path), path)));

        /// <summary>What <see cref="DataSpaceIn"/> read, per env.php path, with the stamp the file had before it was read.</summary>
        private static readonly StampedReadings<string?> Held = new StampedReadings<string?>();

        /// <summary>The registered data space (its id as registered) that the env.php text <paramref name="envPhpText"/> holds as a literal; null for none.</summary>
        internal static string? RegisteredIn(RegistryDocument document, string envPhpText, string envPhpPath)
        {
            string? held = DataSpaceId(PhpConfigFile.Parse(envPhpText, envPhpPath));
            return held == null ? null : document.DataSpaces.FirstOrDefault(d => string.Equals(d.DataSpaceId, held, StringComparison.OrdinalIgnoreCase))?.DataSpaceId;
        }

        private static string? DataSpaceId(PhpConfigFile file)
        {
            var value = file.Get(ConfigPaths.EnvPhpKeys(ConfigPaths.DataSpaceId));
            return value != null && value.Kind == PhpValueKind.String ? value.Text : null;
        }

        internal static void CheckNotInUse(RegistryDocument document, DataSpace space, ConfigTarget target)
        {
            var other = document.Instances.FirstOrDefault(i => string.Equals(i.AssignedDataSpaceId, space.DataSpaceId, StringComparison.OrdinalIgnoreCase)
                && !InstanceInventory.SamePath(i.Path, target.Root));
            if (other != null)
            {
                throw new ConnectorException(ErrorIds.DataSpaceInUse, ConnectorErrorCategory.ResourceBusy, space.DataSpaceId,
                    $"Testing data space '{space.DataSpaceName}' is assigned to instance '{other.Name}' ({other.Path}); one testing data space must not serve two environments. " +
                    $"Release it (Clear-ConnectorConfiguration -Instance '{other.Name}' or assign '{other.Name}' another data space), clean it up with Clear-DataSpace, then assign it here.");
            }
        }
    }
}
