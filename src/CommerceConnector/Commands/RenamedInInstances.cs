namespace CommerceConnector.Commands
{
    /// <summary>The instances' env.php after Rename-SaaSProject or Rename-DataSpace (-UpdateInstances), shared by both.</summary>
    internal static class RenamedInInstances
    {
        /// <summary>
        /// After a rename: warns which instances still hold the old name, or with -UpdateInstances writes the new names
        /// into each one's env.php (ShouldProcess per instance; a failure is that instance's error, the others go on).
        /// </summary>
        internal static void Refresh(ConnectorCmdlet cmdlet, bool update, string mageId, string? projectId, string? projectName,
            string? dataSpaceId, string? dataSpaceName, string renameCommand)
        {
            var refresh = new NameRefresh(ConnectorSession.Default.OpenStore());
            var stale = refresh.Find(mageId, projectId, projectName, dataSpaceId, dataSpaceName);
            if (stale.Count == 0)
            {
                return;
            }
            if (!update)
            {
                cmdlet.WriteWarning(NameRefresh.Warning(stale, renameCommand));
                return;
            }
            var writer = ConnectorSession.Default.OpenWriter();
            foreach (var instance in stale)
            {
                cmdlet.RunItem(() =>
                {
                    var plan = refresh.Plan(mageId, instance);
                    if (plan == null || plan.Changes.Count == 0 || !cmdlet.ShouldProcess(plan.Target.Label, $"Refresh the names in env.php: {plan.Describe()}"))
                    {
                        return;
                    }
                    writer.Apply(plan);
                    cmdlet.WriteWarning(MagentoCli.StaleCacheWarning(plan.Target.Root));
                });
            }
        }
    }
}
