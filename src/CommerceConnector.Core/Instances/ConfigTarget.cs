namespace CommerceConnector.Core.Instances
{
    /// <summary>Which installation a command works on: a registered instance, or a Magento root given by path.</summary>
    public sealed class ConfigTarget
    {
        private ConfigTarget(string root, CommerceInstance? instance) =>
            (Root, Instance) = (root, instance);

        public string Root { get; }

        /// <summary>The registered instance, or null for a bare path (whose role is unknown).</summary>
        public CommerceInstance? Instance { get; }

        public string EnvPhp => Path.Combine(Root, "app", "etc", "env.php");

        public string ConfigPhp => Path.Combine(Root, "app", "etc", "config.php");

        public string Label => Instance != null ? $"instance '{Instance.Name}' ({Root})" : Root;

        public static ConfigTarget ForInstance(CommerceInstance instance) => new ConfigTarget(instance.Path, instance);

        public static ConfigTarget ForPath(string path) => new ConfigTarget(InstanceInventory.MagentoRoot(path), null);
    }
}
