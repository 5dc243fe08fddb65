namespace CommerceConnector.ModuleBuilder.Tests
{
    /// <summary>A repository-shaped temp folder: manifest, a fake cmdlet build output, help pages and a licence.</summary>
    internal sealed class FakeRepository : IDisposable
    {
        public const string Manifest = """
            @{
                ModuleVersion = '0.3.1'
                RootModule = 'CommerceConnector.dll'
                FormatsToProcess = @('CommerceConnector.Format.ps1xml')
                CmdletsToExport = @(
                    'Get-Thing'
                    'Set-Thing'
                )
                FunctionsToExport = @()
            }
            """;

        private readonly TempDirectory _temp = new TempDirectory();

        public FakeRepository()
        {
            _temp.Write("repo/CommerceConnector.psd1", Manifest);
            _temp.Write("repo/LICENSE", "MIT License (test)\n");
            foreach (KeyValuePair<string, string> file in BinFiles)
            {
                _temp.Write(Path.Combine("repo", "src", "CommerceConnector", "bin", "Release", "netstandard2.0", file.Key), file.Value);
            }
            WritePage("Get-Thing", Pages.Minimal("Get-Thing"));
            WritePage("Set-Thing", Pages.Minimal("Set-Thing", "Value"));
            _temp.Write("repo/docs/en-US/about_CommerceConnector.help.txt", "TOPIC\n    about_CommerceConnector\n");
            _temp.Write("repo/docs/en-US/README.md", "# Help sources\n");
        }

        /// <summary>The fake build output: what dotnet build leaves in bin/Release/netstandard2.0.</summary>
        public static readonly IReadOnlyDictionary<string, string> BinFiles = new Dictionary<string, string>
        {
            ["CommerceConnector.dll"] = "cmdlet assembly",
            ["CommerceConnector.pdb"] = "symbols",
            ["CommerceConnector.deps.json"] = "{}",
            ["CommerceConnector.Format.ps1xml"] = "<Configuration />",
            ["CommerceConnector.Core.dll"] = "core assembly",
            ["CommerceConnector.Core.xml"] = "<doc />",
            ["Newtonsoft.Json.dll"] = "json assembly",
            ["System.Management.Automation.dll"] = "powershell itself",
        };

        /// <summary>The module folder a layout of this repository must produce, in ordinal order.</summary>
        public static readonly string[] ExpectedTree =
        {
            "CommerceConnector.Core.dll",
            "CommerceConnector.Format.ps1xml",
            "CommerceConnector.dll",
            "CommerceConnector.psd1",
            "LICENSE",
            "Newtonsoft.Json.dll",
            "en-US/CommerceConnector.dll-Help.xml",
            "en-US/about_CommerceConnector.help.txt",
        };

        public string Root => _temp.Combine("repo");

        public string Docs => _temp.Combine("repo", "docs", "en-US");

        public string Bin => _temp.Combine("repo", "src", "CommerceConnector", "bin", "Release", "netstandard2.0");

        /// <summary>out/CommerceConnector, outside the repository folder.</summary>
        public string Output => _temp.Combine("out", "CommerceConnector");

        public LayoutOptions Options(string output = null) => WithManifestValues(LayoutOptions.ForRepository(Root, "Release", output ?? Output));

        /// <summary>The values of <see cref="Manifest"/>, as build.ps1 reads them with Import-PowerShellDataFile.</summary>
        public static LayoutOptions WithManifestValues(LayoutOptions options)
        {
            options.ModuleVersion = "0.3.1";
            options.RootModule = "CommerceConnector.dll";
            options.FormatsToProcess = new[] { "CommerceConnector.Format.ps1xml" };
            options.CmdletsToExport = new[] { "Get-Thing", "Set-Thing" };
            return options;
        }

        /// <summary>The builder's command line for the values of <see cref="Manifest"/>.</summary>
        public static readonly string[] ManifestArguments =
        {
            "--version", "0.3.1", "--root-module", "CommerceConnector.dll", "--formats", "CommerceConnector.Format.ps1xml", "--cmdlets", "Get-Thing,Set-Thing",
        };

        public string WritePage(string name, string text) => _temp.Write(Path.Combine("repo", "docs", "en-US", name + ".md"), text);

        /// <summary>Every file under the folder (relative, '/' separators) with its content, in ordinal order.</summary>
        public static string[] Snapshot(string folder) =>
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/') + " => " + File.ReadAllText(f))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();

        public static string[] Tree(string folder) =>
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();

        /// <summary>The names in the output's parent folder: only the module folder once a layout is done.</summary>
        public string[] OutputSiblings() =>
            Directory.Exists(Path.GetDirectoryName(Output))
                ? Directory.GetFileSystemEntries(Path.GetDirectoryName(Output)).Select(Path.GetFileName).OrderBy(s => s, StringComparer.Ordinal).ToArray()
                : new string[0];

        public void Dispose() => _temp.Dispose();
    }
}
