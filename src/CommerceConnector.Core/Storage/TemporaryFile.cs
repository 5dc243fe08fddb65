using System.Runtime.InteropServices;

namespace CommerceConnector.Core.Storage
{
    /// <summary>A written temporary file, held open until <see cref="Commit"/> renames it; disposing an uncommitted one deletes it.</summary>
    internal sealed class TemporaryFile : IDisposable
    {
        private FileStream? _stream;
        private bool _committed;

        internal TemporaryFile(string path, FileStream stream) =>
            (Path, _stream) = (path, stream);

        public string Path { get; }

        /// <summary>Renames the file into place with <paramref name="rename"/> (given this file's path).</summary>
        public void Commit(Action<string> rename)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // Windows renames no file that is open without delete sharing.
                Close();
            }
            rename(Path);
            _committed = true;
            Close();
        }

        public void Dispose()
        {
            Close();
            if (!_committed)
            {
                AtomicFile.TryDelete(Path);
            }
        }

        private void Close()
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
