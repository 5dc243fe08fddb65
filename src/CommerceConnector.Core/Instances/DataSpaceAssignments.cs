using System;
using System.Linq;
using CommerceConnector.Core.Errors;
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
        /// cannot be read keeps its record.
        /// </summary>
        internal static void Reconcile(RegistryDocument document, string exceptRoot)
        {
            foreach (var instance in document.Instances.Where(i => !InstanceInventory.SamePath(i.Path, exceptRoot)))
            {
                string held;
                try
                {
                    held = DataSpaceIn(instance.EnvPhpPath);
                }
                catch (ConnectorException)
                {
                    continue;
                }
                var space = held == null ? null : document.DataSpaces.FirstOrDefault(d => string.Equals(d.DataSpaceId, held, StringComparison.OrdinalIgnoreCase));
                instance.AssignedDataSpaceId = space?.DataSpaceId;
            }
        }

        /// <summary>The data space id an env.php holds as a literal (null for none); a ConnectorException when it cannot be read.</summary>
        private static string DataSpaceIn(string envPhpPath)
        {
            var value = PhpConfigFile.Parse(ConfigFileWriter.Read(envPhpPath), envPhpPath).Get(ConfigPaths.EnvPhpKeys(ConfigPaths.DataSpaceId));
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
