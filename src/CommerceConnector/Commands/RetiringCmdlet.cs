namespace CommerceConnector.Commands
{
    /// <summary>
    /// The commands that retire a registry entry something may still use (an API key configured in instances, an
    /// instance whose env.php names a data space): -Force retires it even so, -PassThru outputs what was retired.
    /// </summary>
    public abstract class RetiringCmdlet : ConnectorCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }
    }
}
