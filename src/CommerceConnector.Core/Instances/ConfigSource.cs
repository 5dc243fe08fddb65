namespace CommerceConnector.Core.Instances
{
    /// <summary>Where Magento takes a connector value from, highest first: env.php, config.php, the database, the module's default.</summary>
    public enum ConfigSource
    {
        /// <summary>app/etc/env.php 'system' => 'default' (what config:set --lock-env writes).</summary>
        EnvPhp,

        /// <summary>app/etc/config.php 'system' => 'default'.</summary>
        ConfigPhp,

        /// <summary>The database table core_config_data at default scope (what the Admin saves).</summary>
        Database,

        /// <summary>The module's default (environment production, the registry API path).</summary>
        Default,
    }
}
