using System.Management.Automation;

namespace CommerceConnector
{
    /// <summary>Hooks dependency resolution when the module is imported and unhooks it when removed. Nothing else runs at import.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyResolver.Register();

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
    }
}
