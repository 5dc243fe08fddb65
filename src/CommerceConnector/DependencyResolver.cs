using System.IO;
using System.Reflection;

namespace CommerceConnector
{
    /// <summary>
    /// Stands in for the binding redirects that Windows PowerShell 5.1 (.NET Framework) cannot take from a module:
    /// when one of the module's assemblies asks for a library that ships in the module folder (System.Memory,
    /// System.Buffers, ... pulled in by the netstandard2.0 builds) at an assembly version other than the one shipped,
    /// the shipped file is loaded. On PowerShell 7 (.NET) nothing is registered: the runtime and PowerShell already
    /// resolve every assembly the module needs, from PowerShell's own folder or from the module folder, where every
    /// assembly sits beside the cmdlet assembly. No private load context: PowerShell reflects over the cmdlet
    /// assembly's public types while it imports, before any initializer runs, so whatever those types name must
    /// load from the module folder by PowerShell's own rules (see docs/design.md).
    /// </summary>
    public static class DependencyResolver
    {
        private static readonly object Gate = new object();
        private static string? s_folder;
        private static Dictionary<string, string>? s_assemblies;
        private static bool s_registered;

        /// <summary>True where the runtime is .NET Framework, the only one that needs the resolver.</summary>
        public static bool IsNeeded => typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") == null;

        /// <summary>Registers the resolver for the folder of the cmdlet assembly, on .NET Framework only.</summary>
        public static void Register()
        {
            if (IsNeeded)
            {
                Register(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location));
            }
        }

        /// <summary>Registers the resolver for the assemblies of <paramref name="folder"/>, whatever the runtime.</summary>
        public static void Register(string folder)
        {
            lock (Gate)
            {
                if (s_registered)
                {
                    return;
                }
                s_folder = Path.GetFullPath(folder);
                s_assemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string path in Directory.GetFiles(s_folder, "*.dll"))
                {
                    s_assemblies[Path.GetFileNameWithoutExtension(path)] = path;
                }
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                s_registered = true;
            }
        }

        public static void Unregister()
        {
            lock (Gate)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                s_registered = false;
            }
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name;
            if (s_assemblies == null || !s_assemblies.TryGetValue(name, out string path))
            {
                return null;
            }
            // Only requests made by the module's own assemblies are answered; other modules keep their own rules.
            Assembly? requesting = args.RequestingAssembly;
            if (requesting != null && !IsInModuleFolder(requesting))
            {
                return null;
            }
            return Assembly.LoadFrom(path);
        }

        private static bool IsInModuleFolder(Assembly assembly)
        {
            string? location = assembly.IsDynamic ? null : assembly.Location;
            return !string.IsNullOrEmpty(location) &&
                string.Equals(Path.GetDirectoryName(location), s_folder, StringComparison.OrdinalIgnoreCase);
        }
    }
}
