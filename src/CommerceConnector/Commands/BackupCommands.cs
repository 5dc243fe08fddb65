namespace CommerceConnector.Commands
{
    [Cmdlet(VerbsCommon.Get, "ConnectorConfigurationBackup", DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationBackup))]
    public sealed class GetConnectorConfigurationBackupCommand : InstanceTargetCmdlet
    {
        protected override void ProcessRecord()
        {
            Run(() => WriteObject(ConfigurationBackup.List(ResolveTarget()), enumerateCollection: true));
        }
    }

    [Cmdlet(VerbsData.Restore, "ConnectorConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Instance")]
    [OutputType(typeof(ConfigurationResult))]
    public sealed class RestoreConnectorConfigurationCommand : ConfigurationWriterCmdlet
    {
        /// <summary>The backup's file name (or the time stamp after .cc-backup-); the newest when omitted.</summary>
        [Parameter(Position = 1)]
        public string? Backup { get; set; }

        protected override string Action => "Restore env.php from a backup";

        protected override ConfigurationPlan Plan(ConfigurationPlanner planner, ConfigTarget target) =>
            planner.PlanRestore(target, Backup);
    }
}
