using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace CommerceConnector
{
    /// <summary>
    /// Loads the module's own dependencies (CommerceConnector.Core, Newtonsoft.Json, ...) from its
    /// <c>dependencies</c> folder and from nowhere else. On PowerShell 7 they go into a private
    /// AssemblyLoadContext, so a different Newtonsoft.Json loaded by PowerShell or another module never clashes
    /// with ours; on Windows PowerShell they are loaded by path. Only requests for assemblies that are in that
    /// folder, made by this module or its dependencies, are answered. Holds no PowerShell types, so it can be
    /// exercised without a PowerShell host.
    /// </summary>
    public static class DependencyResolver
    {
        public const string DependencyFolderName = "dependencies";

        private static readonly object Gate = new object();
        private static string s_folder;
        private static Dictionary<string, string> s_dependencies;
        private static object s_loadContext;
        private static MethodInfo s_loadFromPath;
        private static bool s_registered;

        /// <summary>The private load context's object on PowerShell 7 (.NET), null on .NET Framework.</summary>
        public static object LoadContext => s_loadContext;

        public static void Register() => Register(Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location), DependencyFolderName));

        public static void Register(string folder)
        {
            lock (Gate)
            {
                if (s_registered)
                {
                    return;
                }
                s_folder = folder;
                s_dependencies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (Directory.Exists(folder))
                {
                    foreach (string path in Directory.GetFiles(folder, "*.dll"))
                    {
                        s_dependencies[Path.GetFileNameWithoutExtension(path)] = path;
                    }
                }
                CreateLoadContext();
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

        private static void CreateLoadContext()
        {
            if (s_loadContext != null)
            {
                return;
            }
            // AssemblyLoadContext is not part of netstandard2.0; reach it by reflection where the runtime has it.
            Type alc = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            if (alc == null)
            {
                return;
            }
            ConstructorInfo ctor = alc.GetConstructor(new[] { typeof(string), typeof(bool) });
            s_loadFromPath = alc.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (ctor == null || s_loadFromPath == null)
            {
                return;
            }
            s_loadContext = ctor.Invoke(new object[] { "CommerceConnector", false });
        }

        private static Assembly OnAssemblyResolve(object sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            if (!s_dependencies.TryGetValue(requested.Name, out string path))
            {
                return null;
            }
            Assembly requesting = args.RequestingAssembly;
            if (requesting != null && requesting != typeof(DependencyResolver).Assembly && !IsOurs(requesting))
            {
                return null;
            }
            return s_loadContext != null
                ? (Assembly)s_loadFromPath.Invoke(s_loadContext, new object[] { path })
                : Assembly.LoadFrom(path);
        }

        private static bool IsOurs(Assembly assembly)
        {
            string location = assembly.IsDynamic ? null : assembly.Location;
            return !string.IsNullOrEmpty(location) &&
                string.Equals(Path.GetDirectoryName(location), s_folder, StringComparison.OrdinalIgnoreCase);
        }
    }
}
