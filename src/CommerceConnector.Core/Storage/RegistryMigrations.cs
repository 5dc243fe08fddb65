namespace CommerceConnector.Core.Storage
{
    /// <summary>The migrations this build knows, oldest first. Schema 1 is the first released schema.</summary>
    public static class RegistryMigrations
    {
        public static IReadOnlyList<RegistryMigration> All { get; } = new RegistryMigration[0];
    }
}
