using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace CommerceConnector.Module.Tests
{
    /// <summary>A cmdlet as its attributes describe it, read without loading PowerShell.</summary>
    public sealed record CmdletDescription(
        string Name,
        string Verb,
        string ClassName,
        bool SupportsShouldProcess,
        string ConfirmImpact,
        IReadOnlyList<string> OutputTypes,
        IReadOnlyList<ParameterDescription> Parameters);

    public sealed record ParameterDescription(string Name, string TypeName, bool Mandatory, bool FromPipeline, bool FromPipelineByPropertyName);

    /// <summary>Reads the built cmdlet assembly with MetadataLoadContext.</summary>
    public static class CmdletMetadata
    {
        private static readonly Lazy<Snapshot> Loaded = new Lazy<Snapshot>(Load);

        public static IReadOnlyList<CmdletDescription> Cmdlets => Loaded.Value.Cmdlets;

        /// <summary>Every approved verb, read from System.Management.Automation's Verbs* classes.</summary>
        public static IReadOnlySet<string> ApprovedVerbs => Loaded.Value.ApprovedVerbs;

        public static string RepositoryRoot => Path.GetFullPath(Setting("RepositoryRoot"));

        public static string CmdletOutputPath => Path.GetFullPath(Setting("CmdletOutputPath"));

        private static string Setting(string key) =>
            typeof(CmdletMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;

        private sealed record Snapshot(IReadOnlyList<CmdletDescription> Cmdlets, IReadOnlySet<string> ApprovedVerbs);

        private static Snapshot Load()
        {
            string cmdletDll = Path.Combine(CmdletOutputPath, "CommerceConnector.dll");
            var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
                .Concat(Directory.GetFiles(CmdletOutputPath, "*.dll"))
                .Append(Setting("SmaReferencePath"));
            var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
            Assembly module = context.LoadFromAssemblyPath(cmdletDll);
            Assembly sma = context.LoadFromAssemblyName("System.Management.Automation");

            var verbs = new HashSet<string>(StringComparer.Ordinal);
            foreach (string verbClass in new[] { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsSecurity", "VerbsOther" })
            {
                foreach (var field in sma.GetType("System.Management.Automation." + verbClass, throwOnError: true).GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    verbs.Add((string)field.GetRawConstantValue());
                }
            }

            var cmdlets = new List<CmdletDescription>();
            foreach (Type type in module.GetTypes().Where(t => t.IsClass && !t.IsAbstract))
            {
                var cmdlet = type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
                if (cmdlet == null)
                {
                    continue;
                }
                string verb = (string)cmdlet.ConstructorArguments[0].Value;
                string noun = (string)cmdlet.ConstructorArguments[1].Value;
                bool shouldProcess = cmdlet.NamedArguments.Where(n => n.MemberName == "SupportsShouldProcess").Select(n => (bool)n.TypedValue.Value).FirstOrDefault();
                string impact = cmdlet.NamedArguments.Where(n => n.MemberName == "ConfirmImpact")
                    .Select(n => Enum.GetName(typeof(ConfirmImpactName), (int)n.TypedValue.Value)).FirstOrDefault() ?? "Medium";

                var outputs = new List<string>();
                foreach (var output in type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute"))
                {
                    foreach (var argument in output.ConstructorArguments)
                    {
                        var values = argument.Value as IEnumerable<CustomAttributeTypedArgument> ?? new[] { argument };
                        outputs.AddRange(values.Select(v => v.Value is Type t ? t.FullName : v.Value?.ToString()));
                    }
                }

                var parameters = new List<ParameterDescription>();
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    var parameterAttributes = property.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").ToList();
                    if (parameterAttributes.Count == 0)
                    {
                        continue;
                    }
                    bool Named(string name) => parameterAttributes.Any(a => a.NamedArguments.Any(n => n.MemberName == name && (bool)n.TypedValue.Value));
                    parameters.Add(new ParameterDescription(property.Name, property.PropertyType.FullName, Named("Mandatory"), Named("ValueFromPipeline"), Named("ValueFromPipelineByPropertyName")));
                }

                cmdlets.Add(new CmdletDescription($"{verb}-{noun}", verb, type.FullName, shouldProcess, impact, outputs, parameters));
            }
            return new Snapshot(cmdlets.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(), verbs);
        }

        /// <summary>The names of System.Management.Automation.ConfirmImpact by value.</summary>
        private enum ConfirmImpactName
        {
            None = 0,
            Low = 1,
            Medium = 2,
            High = 3,
        }

        /// <summary>The CmdletsToExport list of the repository's manifest.</summary>
        public static IReadOnlyList<string> ManifestCmdlets()
        {
            string manifest = File.ReadAllText(Path.Combine(RepositoryRoot, "CommerceConnector.psd1"));
            var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)", RegexOptions.Singleline);
            if (!block.Success)
            {
                throw new InvalidDataException("CommerceConnector.psd1 has no CmdletsToExport = @( ... ) list.");
            }
            return Regex.Matches(block.Groups["list"].Value, @"'([^']+)'").Select(m => m.Groups[1].Value).ToList();
        }
    }
}
