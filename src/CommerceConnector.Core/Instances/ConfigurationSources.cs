using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// Which sources one command reads an installation's connector values from: the files always, the database
    /// (core_config_data) when a database reader is given and the instance's <see cref="CommerceInstance.DatabaseAccess"/>
    /// (or, unset, the default) allows it. A database that cannot be read is said once per database in
    /// <see cref="Warnings"/>, and the command judges what the files hold.
    /// </summary>
    public sealed class ConfigurationSources
    {
        private readonly IStoreConfigDatabase? _database;
        private readonly DatabaseAccess _default;
        private readonly List<string> _warnings = new List<string>();
        private readonly HashSet<string> _warned = new HashSet<string>(StringComparer.Ordinal);

        /// <param name="database">Reads core_config_data; null judges the files alone.</param>
        /// <param name="defaultAccess">For instances without their own setting and for Magento roots given by path.</param>
        public ConfigurationSources(IStoreConfigDatabase? database, DatabaseAccess defaultAccess = DatabaseAccess.On) =>
            (_database, _default) = (database, defaultAccess);

        /// <summary>The files alone, as before the database was read (and as -NoDatabase asks).</summary>
        public static ConfigurationSources FilesOnly { get; } = new ConfigurationSources(null, DatabaseAccess.Off);

        /// <summary>What could not be read, once per database, for the command to show as warnings.</summary>
        public IReadOnlyList<string> Warnings => _warnings;

        /// <summary>Whether the database of <paramref name="target"/> is to be read.</summary>
        [MemberNotNullWhen(true, nameof(_database))]
        public bool UsesDatabase(ConfigTarget target) =>
            _database != null && (target.Instance?.DatabaseAccess ?? _default) == DatabaseAccess.On;

        /// <summary>
        /// The connector rows of <paramref name="target"/>'s database; null when the database is not to be read, env.php
        /// names none, or it cannot be read (then a warning is recorded).
        /// </summary>
        internal IReadOnlyList<StoreConfigRow>? Read(ConfigTarget target, PhpConfigFile env)
        {
            if (!UsesDatabase(target))
            {
                return null;
            }
            try
            {
                return _database.Read(env);
            }
            catch (ConnectorException e) when (e.ErrorId == ErrorIds.DatabaseSettingsMissing)
            {
                return null;
            }
            catch (ConnectorException e) when (IsDatabaseFailure(e.ErrorId))
            {
                string warning = $"The database of {target.Label} was not read, so its core_config_data values were not judged; only the files were ({e.ErrorId}): {e.Message}";
                if (_warned.Add(e.ErrorId + "|" + target.Root))
                {
                    _warnings.Add(warning);
                }
                return null;
            }
        }

        private static bool IsDatabaseFailure(string errorId) =>
            errorId == ErrorIds.DatabaseUnreachable || errorId == ErrorIds.DatabaseAccessDenied || errorId == ErrorIds.DatabaseNotFound ||
            errorId == ErrorIds.DatabaseTableMissing || errorId == ErrorIds.DatabaseQueryFailed || errorId == ErrorIds.InvalidTablePrefix ||
            errorId == ErrorIds.HostPortForwardFailed;
    }
}
