using CommerceConnector.Core.Keys;
using CommerceConnector.Core.Php;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Exported configuration: the text of the chosen format and the variables it holds. An export written to a file
    /// carries the file's path and the variables' names instead of the text, so private keys are never in the result.
    /// </summary>
    public sealed class ConnectorExport
    {
        public ConnectorExport(ExportFormat format, string? text, IReadOnlyList<string> variables, bool includesSecrets, string? outFile) =>
            (Format, Text, Variables, IncludesSecrets, OutFile) = (format, text, variables, includesSecrets, outFile);

        public ExportFormat Format { get; }

        public string? Text { get; }

        public IReadOnlyList<string> Variables { get; }

        public bool IncludesSecrets { get; }

        public string? OutFile { get; }

        /// <summary>
        /// The connector settings as Magento reads them from the environment (CONFIG__DEFAULT__...), for container and
        /// cloud deployments. Private keys only with <paramref name="includeSecrets"/>.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ReadVariables(ConfigTarget target, bool includeSecrets)
        {
            var env = PhpConfigFile.Parse(ConfigFileWriter.Read(target.EnvPhp), target.EnvPhp);
            var variables = new List<KeyValuePair<string, string>>();
            foreach (string path in ConfigPaths.All)
            {
                if (ConfigPaths.Secrets.Contains(path) && !includeSecrets)
                {
                    continue;
                }
                var value = env.Get(ConfigPaths.EnvPhpKeys(path));
                if (value != null && value.Kind != PhpValueKind.Expression && value.Kind != PhpValueKind.Array && value.Text != null)
                {
                    variables.Add(new KeyValuePair<string, string>(ConfigPaths.EnvironmentVariable(path), value.Text));
                }
            }
            return variables;
        }

        /// <summary>The export as text: in the result, for the caller to use.</summary>
        public static ConnectorExport AsText(ExportFormat format, IReadOnlyList<KeyValuePair<string, string>> variables, bool includesSecrets) =>
            new ConnectorExport(format, Render(format, variables), Names(variables), includesSecrets, null);

        /// <summary>
        /// Writes the export to <paramref name="outFile"/> (owner-only, whole or not at all, an existing file only with
        /// <paramref name="force"/>) and returns what was written: path, format and variable names, without the text.
        /// </summary>
        public static ConnectorExport WriteFile(string outFile, ExportFormat format, IReadOnlyList<KeyValuePair<string, string>> variables, bool includesSecrets, bool force)
        {
            PrivateKeyFile.Write(outFile, Render(format, variables), force);
            return new ConnectorExport(format, null, Names(variables), includesSecrets, outFile);
        }

        /// <summary>The text itself, so that <c>Export-ConnectorConfiguration ... | Set-Content</c> writes the export; the path for a written file.</summary>
        public override string ToString() => (Text ?? OutFile)!; // an export is either text or a file

        private static IReadOnlyList<string> Names(IReadOnlyList<KeyValuePair<string, string>> variables) => variables.Select(v => v.Key).ToList();

        /// <summary>Renders variables in a format, quoting so that every value (a multi-line PEM too) reads back exactly.</summary>
        public static string Render(ExportFormat format, IReadOnlyList<KeyValuePair<string, string>> variables)
        {
            switch (format)
            {
                case ExportFormat.Json:
                    var json = new JObject();
                    foreach (var pair in variables)
                    {
                        json[pair.Key] = pair.Value;
                    }
                    return json.ToString(Formatting.Indented) + "\n";
                case ExportFormat.Dotenv:
                    return string.Concat(variables.Select(p => p.Key + "=\"" + EscapeDouble(p.Value) + "\"\n"));
                default:
                    return string.Concat(variables.Select(p => "export " + p.Key + "='" + p.Value.Replace("'", "'\\''") + "'\n"));
            }
        }

        private static string EscapeDouble(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\\': builder.Append("\\\\"); break;
                    case '"': builder.Append("\\\""); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '$': builder.Append("\\$"); break;
                    default: builder.Append(c); break;
                }
            }
            return builder.ToString();
        }
    }
}
