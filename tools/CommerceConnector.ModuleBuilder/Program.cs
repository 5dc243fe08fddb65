using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>
    /// <c>layout --root &lt;repo&gt; --configuration Release --output &lt;out/CommerceConnector&gt;</c> lays out the module;
    /// <c>help --docs &lt;dir&gt; --output &lt;file.xml&gt;</c> compiles help pages alone. Exit code 0 on success, 1 on any error.
    /// </summary>
    public static class Program
    {
        public const string Usage =
            "Usage:\n" +
            "  CommerceConnector.ModuleBuilder layout --version <ModuleVersion> --root-module <RootModule> --cmdlets <A,B,...>\n" +
            "      [--formats <X.ps1xml,...>] [--root <repository root>] [--configuration <Release|Debug>] [--output <module folder>]\n" +
            "      Lays out the importable module from src/CommerceConnector/bin/<configuration>/netstandard2.0, the manifest,\n" +
            "      docs/en-US and LICENSE. build.ps1 reads the manifest (Import-PowerShellDataFile) and passes its values.\n" +
            "      Defaults: --root . --configuration Release --output <root>/out/CommerceConnector\n" +
            "  CommerceConnector.ModuleBuilder help --docs <folder of Verb-Noun.md pages> --output <file.xml>\n" +
            "      Compiles the help pages into one MAML file.";

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            try
            {
                if (args.Length == 0)
                {
                    throw new UsageException("no command given.");
                }
                if (args[0] == "--help" || args[0] == "-h" || args[0] == "-?" || args[0] == "/?")
                {
                    output.WriteLine(Usage);
                    return 0;
                }
                switch (args[0])
                {
                    case "layout":
                        return Layout(ReadOptions(args, "root", "configuration", "output", "version", "root-module", "formats", "cmdlets"), output, error);
                    case "help":
                        return Help(ReadOptions(args, "docs", "output"), output);
                    default:
                        throw new UsageException($"unknown command '{args[0]}'.");
                }
            }
            catch (UsageException ex)
            {
                error.WriteLine("error: " + ex.Message);
                error.WriteLine(Usage);
                return 1;
            }
            catch (Exception ex) when (ex is HelpFormatException || ex is LayoutException || ex is IOException || ex is UnauthorizedAccessException)
            {
                error.WriteLine("error: " + ex.Message);
                return 1;
            }
        }

        private static int Layout(Dictionary<string, string> options, TextWriter output, TextWriter error)
        {
            string root = options.TryGetValue("root", out string r) ? r : ".";
            string configuration = options.TryGetValue("configuration", out string c) ? c : "Release";
            options.TryGetValue("output", out string folder);
            if (!Directory.Exists(root))
            {
                throw new LayoutException($"The repository root {Path.GetFullPath(root)} does not exist.");
            }
            LayoutOptions layout = LayoutOptions.ForRepository(root, configuration, folder);
            layout.ModuleVersion = Required(options, "version");
            layout.RootModule = Required(options, "root-module");
            layout.CmdletsToExport = List(Required(options, "cmdlets"));
            layout.FormatsToProcess = options.TryGetValue("formats", out string formats) ? List(formats) : Array.Empty<string>();
            LayoutResult result = ModuleLayout.Build(layout);
            foreach (string warning in result.Warnings)
            {
                error.WriteLine("warning: " + warning);
            }
            output.WriteLine($"Laid out {result.ModuleName} {result.ModuleVersion} ({configuration}) in {result.OutputDirectory}:");
            foreach (string file in result.Files)
            {
                output.WriteLine("  " + file);
            }
            output.WriteLine($"Help compiled for {result.HelpPages.Count} cmdlet(s).");
            return 0;
        }

        private static int Help(Dictionary<string, string> options, TextWriter output)
        {
            if (!options.TryGetValue("docs", out string docs))
            {
                throw new UsageException("help needs --docs <folder>.");
            }
            if (!options.TryGetValue("output", out string file))
            {
                throw new UsageException("help needs --output <file.xml>.");
            }
            if (!Directory.Exists(docs))
            {
                throw new LayoutException($"The help folder {Path.GetFullPath(docs)} does not exist.");
            }
            IReadOnlyList<HelpDocument> pages = HelpDocument.LoadDirectory(docs);
            if (pages.Count == 0)
            {
                throw new LayoutException($"The help folder {Path.GetFullPath(docs)} has no Verb-Noun.md pages.");
            }
            string path = Path.GetFullPath(file);
            MamlWriter.Save(MamlWriter.Write(pages), path);
            output.WriteLine($"Wrote help for {pages.Count} command(s) to {path}: {string.Join(", ", pages.Select(p => p.Name))}.");
            return 0;
        }

        private static string Required(Dictionary<string, string> options, string name) =>
            options.TryGetValue(name, out string value) ? value : throw new UsageException($"layout needs --{name}.");

        private static string[] List(string value) =>
            value.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToArray();

        private static Dictionary<string, string> ReadOptions(string[] args, params string[] allowed)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 1; i < args.Length; i++)
            {
                string arg = args[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"unexpected argument '{arg}'.");
                }
                string name = arg.Substring(2);
                string value = null;
                int equals = name.IndexOf('=');
                if (equals >= 0)
                {
                    value = name.Substring(equals + 1);
                    name = name.Substring(0, equals);
                }
                if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new UsageException($"unknown option '--{name}' for {args[0]}; it takes {string.Join(", ", allowed.Select(a => "--" + a))}.");
                }
                if (value == null)
                {
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new UsageException($"--{name} needs a value.");
                    }
                    value = args[++i];
                }
                if (value.Length == 0)
                {
                    throw new UsageException($"--{name} needs a value.");
                }
                if (options.ContainsKey(name))
                {
                    throw new UsageException($"--{name} is given twice.");
                }
                options[name] = value;
            }
            return options;
        }

        private sealed class UsageException : Exception
        {
            public UsageException(string message)
                : base(message)
            {
            }
        }
    }
}
