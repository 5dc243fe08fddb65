namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Export-ConnectorConfiguration without -OutFile outputs the export's text itself, so that '> .env', Out-File and
    /// Set-Content write exactly the variables; these facts ride along on it as properties.
    /// </summary>
    public static class ExportedText
    {
        /// <summary>The properties of the text output, in order: Instance, Path, Format, Variables, IncludesSecrets, OutFile (always null), Text.</summary>
        public static IReadOnlyList<KeyValuePair<string, object?>> Facts(ConnectorExport export, ConfigTarget target) => new[]
        {
            new KeyValuePair<string, object?>("Instance", target.Instance?.Name),
            new KeyValuePair<string, object?>("Path", target.Root),
            new KeyValuePair<string, object?>("Format", export.Format),
            new KeyValuePair<string, object?>("Variables", export.Variables),
            new KeyValuePair<string, object?>("IncludesSecrets", export.IncludesSecrets),
            new KeyValuePair<string, object?>("OutFile", null),
            new KeyValuePair<string, object?>("Text", export.Text),
        };
    }
}
