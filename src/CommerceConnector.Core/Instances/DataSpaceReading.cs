using System.Diagnostics;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Instances
{
    /// <summary>
    /// What one pass of <see cref="DataSpaceAssignments.Reconcile(RegistryDocument, string)"/> found in the other instances' env.php files: the
    /// assignments the registry had wrong, and the registry version it was read against. A plan carries it to the
    /// registry's lock, where it stands in for a second pass over the files while it still holds: the same version (the
    /// same rows, and no change begun since, so no command was killed between replacing an env.php and recording it),
    /// and taken less than <see cref="MaxAgeSeconds"/> s before.
    /// </summary>
    internal sealed class DataSpaceReading
    {
        /// <summary>How long a reading stands in for the files: long enough for a command, not for a -Confirm prompt left open.</summary>
        internal const int MaxAgeSeconds = 2;

        private readonly RegistryVersion? _version;
        private readonly IReadOnlyList<(string Path, string? DataSpaceId)> _corrections;
        private readonly long _taken = Stopwatch.GetTimestamp();

        internal DataSpaceReading(RegistryVersion? version, IReadOnlyList<(string Path, string? DataSpaceId)> corrections)
        {
            _version = version;
            _corrections = corrections;
        }

        /// <summary>Whether this reading still tells what the files hold for <paramref name="document"/>, read under the registry's lock.</summary>
        internal bool StillHolds(RegistryDocument document) =>
            _version != null && _version.Same(document.Version) && Stopwatch.GetTimestamp() - _taken < MaxAgeSeconds * Stopwatch.Frequency;

        /// <summary>Records in <paramref name="document"/> what the reading found in the files.</summary>
        internal void ApplyTo(RegistryDocument document)
        {
            foreach (var (path, dataSpaceId) in _corrections)
            {
                foreach (var instance in document.Instances.Where(i => InstanceInventory.SamePath(i.Path, path)))
                {
                    instance.AssignedDataSpaceId = dataSpaceId;
                }
            }
        }
    }
}
