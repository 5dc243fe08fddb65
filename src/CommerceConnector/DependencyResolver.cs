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
        private static Dictionary<string, Assembly> s_private;

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
            if (s_loadContext == null)
            {
                return Assembly.LoadFrom(path);
            }
            LoadPrivateDependencies();
            return s_private.TryGetValue(requested.Name, out Assembly loaded) ? loaded : LoadPrivately(path);
        }

        /// <summary>
        /// Loads the module's own libraries (everything but the System.* polyfills) into the private context before
        /// any of them runs. A context answers from what it has already loaded before it asks PowerShell's default
        /// context, so Core binds to the module's Newtonsoft.Json even when PowerShell has one of the same version.
        /// System.* polyfills are left to the runtime, whose own copies are newer and must be shared.
        /// </summary>
        private static void LoadPrivateDependencies()
        {
            lock (Gate)
            {
                if (s_private != null)
                {
                    return;
                }
                var loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
                foreach (var dependency in s_dependencies)
                {
                    if (!dependency.Key.StartsWith("System.", StringComparison.OrdinalIgnoreCase))
                    {
                        loaded[dependency.Key] = LoadPrivately(dependency.Value);
                    }
                }
                s_private = loaded;
            }
        }

        private static Assembly LoadPrivately(string path) => (Assembly)s_loadFromPath.Invoke(s_loadContext, new object[] { path });

        private static bool IsOurs(Assembly assembly)
        {
            string location = assembly.IsDynamic ? null : assembly.Location;
            return !string.IsNullOrEmpty(location) &&
                string.Equals(Path.GetDirectoryName(location), s_folder, StringComparison.OrdinalIgnoreCase);
        }
    }
}
