namespace CommerceConnector
{
    // PowerShell reads a cmdlet's parameters from its class and the classes it derives from, in that order, and the
    // order is the one Get-Command -Syntax shows. A parameter group that cmdlets of different bases share is therefore
    // declared by each of them (a base class would either add it to cmdlets without it or move it in the syntax); what
    // it means and what is done with it are here and in ConnectorCmdlet, once.

    /// <summary>
    /// The -Remote parameter group (New-SaaSProject, Clear-DataSpace): -Remote asks the merchant registry first, signed
    /// with the key pair of -Instance or -ApiKey and -PrivateKeyPath, at -Gateway. See
    /// <see cref="ConnectorCmdlet.RunInContext(IRemoteRegistryParameters, Action{ConnectorContext})"/> and
    /// <see cref="ConnectorCmdlet.OpenRegistryEndpoint(ConnectorContext, IRemoteRegistryParameters)"/>.
    /// </summary>
    internal interface IRemoteRegistryParameters
    {
        SwitchParameter Remote { get; }

        string? Instance { get; }

        string? ApiKey { get; }

        string? PrivateKeyPath { get; }

        string? Gateway { get; }
    }

    /// <summary>
    /// The -NoDatabase and -DatabaseCredential parameters of the commands that read connector values (Get-,
    /// Test-ConnectorConfiguration, Set-DataSpace, Register-CommerceInstance, Export-ConnectorReport): where the values
    /// come from, env.php and config.php alone or core_config_data too. See
    /// <see cref="ConnectorCmdlet.OpenSources(IConfigurationSourceParameters)"/>.
    /// </summary>
    internal interface IConfigurationSourceParameters
    {
        /// <summary>Reads the files alone: no connection to the instance's database.</summary>
        SwitchParameter NoDatabase { get; }

        /// <summary>Another database user than env.php's (e.g. a read-only one) for reading core_config_data; the server and database stay env.php's; null for env.php's own.</summary>
        PSCredential? DatabaseCredential { get; }
    }
}
