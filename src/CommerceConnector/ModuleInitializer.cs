namespace CommerceConnector
{
    /// <summary>
    /// Hooks dependency resolution when the module is imported and unhooks it when removed, and names the PostgreSQL
    /// registry backend to Core (a reference only: Npgsql loads when a command first uses a server registry).
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
            DependencyResolver.Register();
            CommerceConnector.Registry.PostgreSql.PostgresBackend.Register();
        }

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
    }
}
