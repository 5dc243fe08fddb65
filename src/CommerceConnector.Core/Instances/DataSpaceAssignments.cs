using System.Collections.Concurrent;
using System.IO;
using CommerceConnector.Core.Php;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Storage;

namespace CommerceConnector.Core.Instances
{
    /// <summary>The registry's memory of which instance uses which data space, and the guard that a testing data space serves one installation.</summary>
    internal static class DataSpaceAssignments
    {
        /// <summary>
        /// Makes the registry's memory of assignments (in <paramref name="document"/>) what the instances' env.php files
        /// hold, for every instance but the one at <paramref name="exceptRoot"/>. env.php is the truth: a crash between
        /// replacing it and recording the change leaves the registry behind, never the file. An instance whose env.php
        /// cannot be read keeps its record.
        /// </summary>
        internal static void Reconcile(RegistryDocument document, string exceptRoot)
        {
            foreach (var instance in document.Instances.Where(i => !InstanceInventory.SamePath(i.Path, exceptRoot)))
            {
                string? held;
                try
                {
                    held = DataSpaceIn(instance.EnvPhpPath);
                }
                catch (ConnectorException)
                {
                    continue;
                }
                var space = held == null ? null : document.DataSpaces.FirstOrDefault(d => string.Equals(d.DataSpaceId, held, StringComparison.OrdinalIgnoreCase));
                instance.AssignedDataSpaceId = space?.DataSpaceId;
            }
        }

        /// <summary>
        /// The data space id an env.php holds as a literal (null for none); a ConnectorException when it cannot be read.
        /// A file is read and parsed only when its stamp (<see cref="Stamp"/>) differs from the one it had when it was
        /// last read here: the guard of one Set-DataSpace looks at every registered instance's env.php, and at 1,000
        /// instances parsing them all cost about 130 ms per look, a stat each about 3 ms.
        /// </summary>
        private static string? DataSpaceIn(string envPhpPath)
        {
            var stamp = Stamp.Of(envPhpPath);
            if (stamp != null && Held.TryGetValue(envPhpPath, out var known) && known.Stamp.Equals(stamp))
            {
                return known.DataSpaceId;
            }
            var value = PhpConfigFile.Parse(ConfigFileWriter.Read(envPhpPath), envPhpPath).Get(ConfigPaths.EnvPhpKeys(ConfigPaths.DataSpaceId));
            string? held = value != null && value.Kind == PhpValueKind.String ? value.Text : null;
            if (stamp != null && stamp.Settled)
            {
                Held[envPhpPath] = (stamp, held);
            }
            else
            {
                Held.TryRemove(envPhpPath, out _);
            }
            return held;
        }

        /// <summary>What <see cref="DataSpaceIn"/> read, per env.php path, with the stamp the file had before it was read.</summary>
        private static readonly ConcurrentDictionary<string, (Stamp Stamp, string? DataSpaceId)> Held = new ConcurrentDictionary<string, (Stamp, string?)>(StringComparer.Ordinal);

        /// <summary>
        /// A file's identity for the cache above: the file a symbolic link points to, its length and its last write
        /// time. Every writer of env.php (this module's by a rename, Magento's, an editor's) moves the last write time
        /// forward, so a changed file has another stamp, with one exception that <see cref="Settled"/> rules out: two
        /// writes within the file system's timestamp granularity (a few ms on ext4, 2 s on FAT). Only a stamp whose
        /// time lies more than 2 s before it was taken is kept; a later write then necessarily gets a later time.
        /// (Only a file given back its old time on purpose, with the same length and another data space, would go
        /// unseen; Test-ConnectorConfiguration -All reads every file regardless.)
        /// </summary>
        private sealed class Stamp : IEquatable<Stamp>
        {
            private static readonly TimeSpan Granularity = TimeSpan.FromSeconds(2);

            private Stamp(string target, long length, DateTime written, bool settled)
            {
                Target = target;
                Length = length;
                Written = written;
                Settled = settled;
            }

            public string Target { get; }

            public long Length { get; }

            public DateTime Written { get; }

            public bool Settled { get; }

            /// <summary>The stamp of <paramref name="path"/>'s file, or null when it cannot be taken (the file is then read, and fails there if it must).</summary>
            public static Stamp? Of(string path)
            {
                try
                {
                    var now = DateTime.UtcNow;
                    FileInfo? file = new FileInfo(path);
                    if (!file.Exists)
                    {
                        return null;
                    }
                    if ((file.Attributes & FileAttributes.ReparsePoint) != 0)
                    {
                        // The link's own stamp says nothing about its target: stamp the file it points to.
                        string? target = FileLinks.ResolveTarget(path);
                        file = target == null ? null : new FileInfo(target);
                        if (file == null || !file.Exists)
                        {
                            return null;
                        }
                    }
                    var written = file.LastWriteTimeUtc;
                    return new Stamp(file.FullName, file.Length, written, written < now - Granularity);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
                {
                    return null;
                }
            }

            public bool Equals(Stamp? other) => other != null && Length == other.Length && Written == other.Written && string.Equals(Target, other.Target, StringComparison.Ordinal);

            public override bool Equals(object? obj) => Equals(obj as Stamp);

            public override int GetHashCode() => Length.GetHashCode() ^ Written.GetHashCode();
        }

        internal static void CheckNotInUse(RegistryDocument document, DataSpace space, ConfigTarget target)
        {
            var other = document.Instances.FirstOrDefault(i => string.Equals(i.AssignedDataSpaceId, space.DataSpaceId, StringComparison.OrdinalIgnoreCase)
                && !InstanceInventory.SamePath(i.Path, target.Root));
            if (other != null)
            {
                throw new ConnectorException(ErrorIds.DataSpaceInUse, ConnectorErrorCategory.ResourceBusy, space.DataSpaceId,
                    $"Testing data space '{space.DataSpaceName}' is assigned to instance '{other.Name}' ({other.Path}); one testing data space must not serve two environments. " +
                    $"Release it (Clear-ConnectorConfiguration -Instance '{other.Name}' or assign '{other.Name}' another data space), clean it up with Clear-DataSpace, then assign it here.");
            }
        }
    }
}
