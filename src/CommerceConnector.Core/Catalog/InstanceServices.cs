using CommerceConnector.Core.Instances;

namespace CommerceConnector.Core.Catalog
{
    /// <summary>The catalog joined with one installation: each service row with whether the instance's config.php enables its modules.</summary>
    public static class InstanceServices
    {
        /// <summary>
        /// <paramref name="rows"/> (from <see cref="ServiceCatalog.Find"/>) with the verdict for <paramref name="instance"/>:
        /// its app/etc/config.php is read once for all rows.
        /// </summary>
        public static IReadOnlyList<CommerceService> Join(IEnumerable<CommerceService> rows, CommerceInstance instance)
        {
            var modules = ConfigurationReader.EnabledModules(ConfigTarget.ForInstance(instance));
            return rows.Select(s => s.ForInstance(instance.Name, modules)).ToList();
        }
    }
}
