using System;
using System.IO;

namespace CommerceConnector.TestSupport
{
    /// <summary>A fresh folder under the system temp directory (or under <c>parent</c>), deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder(string prefix = "cc-tests-", string parent = null)
        {
            Path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
