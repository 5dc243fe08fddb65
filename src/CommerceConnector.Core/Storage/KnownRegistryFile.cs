using CommerceConnector.Core.Storage.Records;

namespace CommerceConnector.Core.Storage
{
    /// <summary>
    /// A registry file's exact bytes and the records they parse to, kept by <see cref="FileRegistryStore"/> for the file
    /// this process read or wrote last: a read that finds the same bytes maps these records to a new document instead of
    /// parsing the JSON again (at 1,000 instances about 5 ms of CPU per read, and most of a command's garbage).
    /// </summary>
    /// <remarks>
    /// The records are never handed out, only copied (<see cref="RecordMapping.ToDocument"/>), so they stay what the bytes
    /// say. A read compares the file with the known bytes in 64 KB pieces, and a write keeps what it wrote in pieces of that
    /// size (a file read once and parsed keeps the array it was read into), so neither a read that finds the file unchanged
    /// nor a write allocates anything large: a 650 KB array per read and per write was what made every command pay for a
    /// full garbage collection.
    /// </remarks>
    internal sealed class KnownRegistryFile
    {
        private const int PieceSize = 64 * 1024;

        [ThreadStatic]
        private static byte[]? _buffer;

        private readonly string _path;
        private readonly int _schemaVersion;
        private readonly object _migrations;
        private readonly IReadOnlyList<byte[]> _pieces;
        private readonly long _length;

        private KnownRegistryFile(string path, int schemaVersion, object migrations, IReadOnlyList<byte[]> pieces, long length, RegistryFile file, RegistryFileText? text) =>
            (_path, _schemaVersion, _migrations, _pieces, _length, File, Text) =
            (path, schemaVersion, migrations, pieces, length, file, text);

        public RegistryFile File { get; }

        /// <summary>Each record's text, for a file this process wrote (the next write keeps the text of what did not change).</summary>
        public RegistryFileText? Text { get; }

        /// <summary>A file read whole and parsed.</summary>
        public static KnownRegistryFile Read(string path, int schemaVersion, object migrations, byte[] bytes, RegistryFile file) =>
            new KnownRegistryFile(path, schemaVersion, migrations, new[] { bytes }, bytes.Length, file, null);

        /// <summary>A file just written through <paramref name="recorder"/> from <paramref name="file"/>.</summary>
        public static KnownRegistryFile Written(string path, int schemaVersion, object migrations, Recorder recorder, RegistryFile file, RegistryFileText text) =>
            new KnownRegistryFile(path, schemaVersion, migrations, recorder.Pieces(), recorder.Length, file, text);

        /// <summary>Whether <paramref name="stream"/>, from its start, holds exactly these bytes for a store of this path and schema.</summary>
        public bool Matches(string path, int schemaVersion, object migrations, Stream stream)
        {
            if (_path != path || _schemaVersion != schemaVersion || !ReferenceEquals(_migrations, migrations) || stream.Length != _length)
            {
                return false;
            }
            var buffer = _buffer ?? (_buffer = new byte[PieceSize]);
            foreach (byte[] piece in _pieces)
            {
                for (int offset = 0; offset < piece.Length;)
                {
                    int read = stream.Read(buffer, 0, Math.Min(buffer.Length, piece.Length - offset));
                    if (read <= 0 || !buffer.AsSpan(0, read).SequenceEqual(piece.AsSpan(offset, read)))
                    {
                        return false;
                    }
                    offset += read;
                }
            }
            return stream.Read(buffer, 0, 1) == 0;
        }

        /// <summary>Writes through to a file and keeps a copy of every byte, in pieces of at most 64 KB.</summary>
        internal sealed class Recorder : Stream
        {
            private readonly Stream _inner;
            private readonly List<byte[]> _pieces = new List<byte[]>();
            private byte[] _current = Array.Empty<byte>();
            private int _used;
            private long _length;

            public Recorder(Stream inner)
            {
                _inner = inner;
            }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => _length;

            public override long Position
            {
                get => _length;
                set => throw new NotSupportedException();
            }

            /// <summary>What was written, the last piece cut to its length.</summary>
            public IReadOnlyList<byte[]> Pieces()
            {
                var pieces = new List<byte[]>(_pieces);
                if (_used < _current.Length)
                {
                    pieces[pieces.Count - 1] = _current.AsSpan(0, _used).ToArray();
                }
                return pieces;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                _inner.Write(buffer, offset, count);
                _length += count;
                while (count > 0)
                {
                    if (_used == _current.Length)
                    {
                        _current = new byte[PieceSize];
                        _pieces.Add(_current);
                        _used = 0;
                    }
                    int take = Math.Min(count, _current.Length - _used);
                    Buffer.BlockCopy(buffer, offset, _current, _used, take);
                    _used += take;
                    offset += take;
                    count -= take;
                }
            }

            public override void Flush() => _inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
