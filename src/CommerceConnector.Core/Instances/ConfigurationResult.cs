namespace CommerceConnector.Core.Instances
{
    /// <summary>The outcome of a write: what changed, and the backup taken before.</summary>
    public sealed class ConfigurationResult
    {
        internal ConfigurationResult(string? instance, string path, IReadOnlyList<ConfigChange> changes, string? backupPath, IReadOnlyList<string> warnings) =>
            (Instance, Path, Changes, BackupPath, Warnings) =
            (instance, path, changes, backupPath, warnings);

        public string? Instance { get; }

        public string Path { get; }

        public IReadOnlyList<ConfigChange> Changes { get; }

        /// <summary>The backup of env.php taken before the write; null when nothing changed.</summary>
        public string? BackupPath { get; }

        public IReadOnlyList<string> Warnings { get; }
    }
}
