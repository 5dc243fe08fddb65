namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// A registry record named by the connector values of an env.php: an API key, the project or the data space, as
    /// Register-CommerceInstance reports what the registry does not know yet (with the command that brings it in) and
    /// what -Adopt brought in.
    /// </summary>
    public sealed class ConnectorRecord
    {
        public ConnectorRecord(ConnectorRecordKind kind, string id, string? name, string? detail, string? fix) =>
            (Kind, Id, Name, Detail, Fix) = (kind, id, name, detail, fix);

        public ConnectorRecordKind Kind { get; }

        /// <summary>The id exactly as env.php holds it.</summary>
        public string Id { get; }

        /// <summary>The name env.php holds for a project or data space; null for keys.</summary>
        public string? Name { get; }

        /// <summary>For a key its environment (Production, Sandbox), for a data space its type.</summary>
        public string? Detail { get; }

        /// <summary>The command that brings the record into the registry; null for a record already brought in.</summary>
        public string? Fix { get; }

        public override string ToString() => $"{Kind} {Id}";
    }
}
