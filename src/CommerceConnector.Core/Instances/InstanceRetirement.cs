namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// The rule for forgetting an instance: the guards (one testing data space on one site, the production data space
    /// only on production) judge the registered instances, so an instance whose env.php still uses a data space is not
    /// unregistered unless the caller insists.
    /// </summary>
    public sealed class InstanceRetirement
    {
        /// <summary>
        /// Refuses with <c>DataSpaceInUse</c> when <paramref name="instance"/> still uses a data space; with
        /// <paramref name="force"/> returns the warning to show instead. The data space is read from env.php; where
        /// env.php cannot be read, the assignment the registry remembers counts.
        /// </summary>
        public IReadOnlyList<string> Check(CommerceInstance instance, bool force)
        {
            if (instance == null)
            {
                throw new ArgumentNullException(nameof(instance));
            }
            string? dataSpaceId;
            string? dataSpaceName = null;
            try
            {
                var configuration = ConfigurationReader.Read(ConfigTarget.ForInstance(instance));
                dataSpaceId = configuration.DataSpaceId;
                dataSpaceName = configuration.DataSpaceName;
            }
            catch (ConnectorException)
            {
                dataSpaceId = instance.AssignedDataSpaceId;
            }
            if (Strings.IsNullOrEmpty(dataSpaceId))
            {
                return Array.Empty<string>();
            }
            string space = string.IsNullOrEmpty(dataSpaceName) ? dataSpaceId : $"'{dataSpaceName}' ({dataSpaceId})";
            if (force)
            {
                return new[]
                {
                    $"Instance '{instance.Name}' still uses data space {space} in {instance.EnvPhpPath}; the guards no longer see it. " +
                    $"Register it again (Register-CommerceInstance -Name {instance.Name} -Path '{instance.Path}') or release the data space there.",
                };
            }
            throw new ConnectorException(ErrorIds.DataSpaceInUse, ConnectorErrorCategory.ResourceBusy, instance.Name,
                $"Instance '{instance.Name}' still uses data space {space} in its env.php; unregistered, the guards would no longer see it " +
                $"(one testing data space on one site, the production data space only on production). Release it first with " +
                $"Clear-ConnectorConfiguration -Instance {instance.Name}, or unregister anyway with -Force.");
        }
    }
}
