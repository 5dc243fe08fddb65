namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// A backup of env.php that a configuration command took before it wrote (<c>env.php.cc-backup-&lt;UTC time&gt;</c>,
    /// beside the file env.php is or links to). It holds the private keys of that time.
    /// </summary>
    public sealed class ConfigurationBackup
    {
        internal ConfigurationBackup(string? instance, string root, string name, string path, DateTimeOffset createdAt, long length, bool? readableByOthers) =>
            (Instance, Root, Name, Path, CreatedAt, Length, ReadableByOthers) =
            (instance, root, name, path, createdAt, length, readableByOthers);

        /// <summary>The backups of <paramref name="target"/>'s env.php, newest first.</summary>
        // BackupTime has a value: Backups lists only files whose names carry their time.
        public static IReadOnlyList<ConfigurationBackup> List(ConfigTarget target) =>
            ConfigFileWriter.Backups(target.EnvPhp).Select(path => new ConfigurationBackup(target.Instance?.Name, target.Root, System.IO.Path.GetFileName(path), path,
                ConfigFileWriter.BackupTime(path)!.Value, ConfigFileWriter.Length(path), ConfigFileWriter.ReadableByOthers(path))).ToList();

        /// <summary>The registered instance's name; null for a Magento root given by path.</summary>
        public string? Instance { get; }

        /// <summary>The Magento root.</summary>
        public string Root { get; }

        /// <summary>The backup's file name, as Restore-ConnectorConfiguration -Backup takes it.</summary>
        public string Name { get; }

        public string Path { get; }

        /// <summary>When the backup was taken (the write that followed it), from its name.</summary>
        public DateTimeOffset CreatedAt { get; }

        public long Length { get; }

        /// <summary>Whether group or others can read it (then it should be made owner-only); null where that cannot be told.</summary>
        public bool? ReadableByOthers { get; }

        public override string ToString() => Name;
    }
}
