using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>A module that cannot be laid out: a missing input, a missing help page, an unsafe output folder.</summary>
    public sealed class LayoutException : Exception
    {
        public LayoutException(string message)
            : base(message)
        {
        }

        public LayoutException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }

    /// <summary>Where <see cref="ModuleLayout.Build"/> takes its inputs from and where it lays the module out.</summary>
    public sealed class LayoutOptions
    {
        /// <summary>The module manifest, copied unchanged; its file name is the module's name.</summary>
        public string ManifestPath { get; set; }

        /// <summary>The manifest's ModuleVersion (build.ps1 reads the manifest with Import-PowerShellDataFile).</summary>
        public string ModuleVersion { get; set; }

        /// <summary>The manifest's RootModule: the cmdlet assembly's file name.</summary>
        public string RootModule { get; set; }

        /// <summary>The manifest's FormatsToProcess, found in the build output.</summary>
        public IReadOnlyList<string> FormatsToProcess { get; set; } = Array.Empty<string>();

        /// <summary>The manifest's CmdletsToExport: each needs a help page.</summary>
        public IReadOnlyList<string> CmdletsToExport { get; set; } = Array.Empty<string>();

        /// <summary>The cmdlet project's build output (e.g. src/CommerceConnector/bin/Release/netstandard2.0).</summary>
        public string BinaryDirectory { get; set; }

        /// <summary>The help sources: Verb-Noun.md pages and about_*.help.txt topics (docs/en-US).</summary>
        public string DocsDirectory { get; set; }

        /// <summary>The licence file, shipped as LICENSE.</summary>
        public string LicensePath { get; set; }

        /// <summary>The module folder to (re)create, e.g. out/CommerceConnector.</summary>
        public string OutputDirectory { get; set; }

        /// <summary>The repository's usual paths for a build configuration; the output defaults to &lt;root&gt;/out/CommerceConnector.</summary>
        public static LayoutOptions ForRepository(string repositoryRoot, string configuration, string outputDirectory = null)
        {
            string root = Path.GetFullPath(repositoryRoot);
            return new LayoutOptions
            {
                ManifestPath = Path.Combine(root, "CommerceConnector.psd1"),
                BinaryDirectory = Path.Combine(root, "src", "CommerceConnector", "bin", configuration, "netstandard2.0"),
                DocsDirectory = Path.Combine(root, "docs", "en-US"),
                LicensePath = Path.Combine(root, "LICENSE"),
                OutputDirectory = outputDirectory == null ? Path.Combine(root, "out", "CommerceConnector") : Path.GetFullPath(outputDirectory),
            };
        }
    }

    /// <summary>What a layout produced.</summary>
    /// <param name="OutputDirectory">The module folder laid out.</param>
    /// <param name="ModuleName">The manifest's file name without .psd1.</param>
    /// <param name="ModuleVersion">The manifest's ModuleVersion.</param>
    /// <param name="Files">Every file of the module folder, relative, with '/' separators, in ordinal order.</param>
    /// <param name="HelpPages">The commands compiled into the MAML help file.</param>
    /// <param name="Warnings">Problems that did not stop the layout (e.g. a help page for a command the manifest does not export).</param>
    public sealed record LayoutResult(string OutputDirectory, string ModuleName, string ModuleVersion, IReadOnlyList<string> Files,
        IReadOnlyList<string> HelpPages, IReadOnlyList<string> Warnings);

    /// <summary>
    /// Lays out the importable module folder:
    /// <code>
    /// &lt;out&gt;/CommerceConnector.psd1                 the repository's manifest, unchanged
    /// &lt;out&gt;/CommerceConnector.dll                  the cmdlet assembly (the manifest's RootModule)
    /// &lt;out&gt;/*.dll                                  every other assembly of the build output, beside it (never System.Management.Automation.dll)
    /// &lt;out&gt;/CommerceConnector.Format.ps1xml        the manifest's FormatsToProcess
    /// &lt;out&gt;/en-US/CommerceConnector.dll-Help.xml   MAML compiled from docs/en-US/Verb-Noun.md
    /// &lt;out&gt;/en-US/about_*.help.txt                 copied from docs/en-US
    /// &lt;out&gt;/LICENSE
    /// </code>
    /// Everything is checked and built in a temporary sibling folder first; only a complete layout replaces the previous
    /// one (which is deleted as a whole), so a failed build leaves the previous output as it was.
    /// </summary>
    public static class ModuleLayout
    {
        public const string HelpCulture = "en-US";
        public const string LicenseFileName = "LICENSE";

        /// <summary>Assemblies PowerShell itself provides: never shipped.</summary>
        public static readonly IReadOnlyList<string> ExcludedAssemblies = new[] { "System.Management.Automation.dll" };

        private const string BuildingMark = ".building-";
        private const string PreviousMark = ".previous-";

        public static LayoutResult Build(LayoutOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }
            string manifestPath = FullPath(options.ManifestPath, nameof(options.ManifestPath));
            string binDirectory = FullPath(options.BinaryDirectory, nameof(options.BinaryDirectory));
            string docsDirectory = FullPath(options.DocsDirectory, nameof(options.DocsDirectory));
            string licensePath = FullPath(options.LicensePath, nameof(options.LicensePath));
            string output = FullPath(options.OutputDirectory, nameof(options.OutputDirectory));

            if (!File.Exists(manifestPath))
            {
                throw new LayoutException($"The module manifest {manifestPath} does not exist.");
            }
            string moduleName = Path.GetFileNameWithoutExtension(manifestPath);
            string rootModule = options.RootModule;
            if (string.IsNullOrEmpty(rootModule) || !rootModule.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ||
                rootModule.IndexOfAny(new[] { '/', '\\' }) >= 0)
            {
                throw new LayoutException($"{manifestPath}: RootModule must name the cmdlet assembly (e.g. '{moduleName}.dll'), not '{rootModule}'.");
            }
            if (!Directory.Exists(binDirectory))
            {
                throw new LayoutException($"The cmdlet build output {binDirectory} does not exist: build the cmdlet project first.");
            }
            string rootAssembly = Path.Combine(binDirectory, rootModule);
            if (!File.Exists(rootAssembly))
            {
                throw new LayoutException($"The cmdlet assembly {rootAssembly} (the manifest's RootModule) does not exist: build the cmdlet project first.");
            }
            var formats = new List<string>();
            foreach (string format in options.FormatsToProcess)
            {
                string path = Path.Combine(binDirectory, format);
                if (!File.Exists(path))
                {
                    throw new LayoutException($"The format file {path} (the manifest's FormatsToProcess) does not exist in the build output.");
                }
                formats.Add(path);
            }
            if (!File.Exists(licensePath))
            {
                throw new LayoutException($"The licence file {licensePath} does not exist.");
            }

            IReadOnlyList<string> cmdlets = options.CmdletsToExport;
            string[] wildcards = cmdlets.Where(c => c.IndexOfAny(new[] { '*', '?', '[' }) >= 0).ToArray();
            if (wildcards.Length > 0)
            {
                throw new LayoutException($"{manifestPath}: CmdletsToExport must list every cmdlet by name; found the wildcard(s) {string.Join(", ", wildcards)}.");
            }
            IReadOnlyList<HelpDocument> pages = HelpDocument.LoadDirectory(docsDirectory);
            string[] missing = cmdlets.Where(c => !pages.Any(p => string.Equals(p.Name, c, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (missing.Length > 0)
            {
                throw new LayoutException(
                    $"No help page for {missing.Length} exported cmdlet(s): {string.Join(", ", missing)}. " +
                    $"Every cmdlet in CmdletsToExport needs {Path.Combine(docsDirectory, "<Cmdlet-Name>.md")}.");
            }
            var warnings = new List<string>();
            var helpPages = new List<HelpDocument>();
            foreach (HelpDocument page in pages)
            {
                if (cmdlets.Contains(page.Name, StringComparer.OrdinalIgnoreCase))
                {
                    helpPages.Add(page);
                }
                else
                {
                    warnings.Add($"{page.SourcePath} documents {page.Name}, which the manifest's CmdletsToExport does not list; it is left out of the help file.");
                }
            }
            string[] aboutTopics = Directory.Exists(docsDirectory)
                ? Directory.GetFiles(docsDirectory, "about_*.help.txt").OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : Array.Empty<string>();
            string[] dependencies = Directory.GetFiles(binDirectory, "*.dll")
                .Where(f => !string.Equals(Path.GetFileName(f), rootModule, StringComparison.OrdinalIgnoreCase))
                .Where(f => !ExcludedAssemblies.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();

            CheckOutputIsSafe(output, moduleName, new[] { manifestPath, binDirectory, docsDirectory, licensePath });
            string parent = Path.GetDirectoryName(output);
            string leaf = Path.GetFileName(output);
            Directory.CreateDirectory(parent);
            RemoveLeftovers(parent, leaf, warnings);

            string staging = Path.Combine(parent, "." + leaf + BuildingMark + Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(staging);
                File.Copy(manifestPath, Path.Combine(staging, Path.GetFileName(manifestPath)));
                File.Copy(rootAssembly, Path.Combine(staging, rootModule));
                foreach (string format in formats)
                {
                    File.Copy(format, Path.Combine(staging, Path.GetFileName(format)));
                }
                // Every assembly sits beside the cmdlet assembly: PowerShell resolves what the cmdlets' public types
                // name (Core's enums, ...) from the module folder while it imports, before any module code runs.
                foreach (string dependency in dependencies)
                {
                    File.Copy(dependency, Path.Combine(staging, Path.GetFileName(dependency)));
                }
                string culture = Directory.CreateDirectory(Path.Combine(staging, HelpCulture)).FullName;
                MamlWriter.Save(MamlWriter.Write(helpPages.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)),
                    Path.Combine(culture, rootModule + "-Help.xml"));
                foreach (string topic in aboutTopics)
                {
                    File.Copy(topic, Path.Combine(culture, Path.GetFileName(topic)));
                }
                File.Copy(licensePath, Path.Combine(staging, LicenseFileName));
            }
            catch
            {
                TryDelete(staging);
                throw;
            }

            ReplaceOutput(staging, output, parent, leaf, warnings);

            string[] files = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            return new LayoutResult(output, moduleName, options.ModuleVersion, files,
                helpPages.Select(p => p.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray(), warnings);
        }

        private static string FullPath(string path, string name)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException($"LayoutOptions.{name} is required.", nameof(LayoutOptions));
            }
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }

        private static void CheckOutputIsSafe(string output, string moduleName, IEnumerable<string> inputs)
        {
            if (Path.GetDirectoryName(output) == null)
            {
                throw new LayoutException($"The output folder {output} is a drive's root; choose a folder of its own such as out/{moduleName}.");
            }
            foreach (string input in inputs)
            {
                if (IsSameOrInside(input, output))
                {
                    throw new LayoutException($"The output folder {output} holds the input {input}: it would be deleted. Choose a folder of its own such as out/{moduleName}.");
                }
            }
            if (File.Exists(output))
            {
                throw new LayoutException($"The output {output} is a file, not a folder.");
            }
            if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() &&
                !File.Exists(Path.Combine(output, moduleName + ".psd1")))
            {
                throw new LayoutException(
                    $"Refusing to replace {output}: it is not empty and holds no {moduleName}.psd1, so it is not an earlier layout of the module.");
            }
        }

        private static bool IsSameOrInside(string path, string folder)
        {
            StringComparison comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return string.Equals(path, folder, comparison) ||
                path.StartsWith(folder + Path.DirectorySeparatorChar, comparison) ||
                path.StartsWith(folder + Path.AltDirectorySeparatorChar, comparison);
        }

        // Folders an interrupted earlier run may have left beside the output.
        private static void RemoveLeftovers(string parent, string leaf, List<string> warnings)
        {
            foreach (string pattern in new[] { "." + leaf + BuildingMark + "*", "." + leaf + PreviousMark + "*" })
            {
                foreach (string folder in Directory.GetDirectories(parent, pattern))
                {
                    if (!TryDelete(folder, out string problem))
                    {
                        warnings.Add($"Could not delete {folder}, left by an earlier run: {problem}");
                    }
                }
            }
        }

        private static void ReplaceOutput(string staging, string output, string parent, string leaf, List<string> warnings)
        {
            string previous = null;
            if (Directory.Exists(output))
            {
                previous = Path.Combine(parent, "." + leaf + PreviousMark + Guid.NewGuid().ToString("N"));
                try
                {
                    Directory.Move(output, previous);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    TryDelete(staging);
                    throw new LayoutException(
                        $"Cannot replace {output}: {ex.Message} Is the module imported in a PowerShell session? Close that session and build again.", ex);
                }
            }
            try
            {
                Directory.Move(staging, output);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                if (previous != null)
                {
                    try
                    {
                        Directory.Move(previous, output);
                    }
                    catch (Exception restore) when (restore is IOException || restore is UnauthorizedAccessException)
                    {
                        warnings.Add($"The previous layout could not be put back; it is in {previous}.");
                    }
                }
                TryDelete(staging);
                throw new LayoutException($"Cannot move the new layout into {output}: {ex.Message}", ex);
            }
            if (previous != null && !TryDelete(previous, out string problem))
            {
                warnings.Add($"Could not delete the previous layout, moved aside to {previous}: {problem}");
            }
        }

        private static void TryDelete(string folder) => TryDelete(folder, out _);

        private static bool TryDelete(string folder, out string problem)
        {
            problem = null;
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problem = ex.Message;
                return false;
            }
        }
    }
}
