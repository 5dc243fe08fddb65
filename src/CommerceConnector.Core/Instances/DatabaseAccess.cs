namespace CommerceConnector.Core.Instances
{
    /// <summary>Whether commands read an instance's database (core_config_data) besides its files.</summary>
    public enum DatabaseAccess
    {
        /// <summary>Read env.php, config.php and then the database, as Magento does.</summary>
        On,

        /// <summary>Judge the files alone; never connect.</summary>
        Off,
    }
}
