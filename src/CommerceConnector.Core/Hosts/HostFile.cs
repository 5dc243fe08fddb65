using CommerceConnector.Core.Text;

namespace CommerceConnector.Core.Hosts
{
    /// <summary>What reading one file on a host found: its bytes and identity, or why there are none.</summary>
    public sealed class HostFile
    {
        /// <summary>The path as asked for.</summary>
        public string Path { get; set; } = null!;

        /// <summary>The file read: the path itself, or the target of the symbolic link it is.</summary>
        public string? Target { get; set; }

        public bool IsLink { get; set; }

        /// <summary>The permission bits (e.g. 0640 as 416).</summary>
        public int Mode { get; set; }

        public long Uid { get; set; }

        public long Gid { get; set; }

        /// <summary>The owner's and group's names where the host can tell (php's posix extension); otherwise null.</summary>
        public string? Owner { get; set; }

        public string? Group { get; set; }

        public long Size { get; set; }

        /// <summary>SHA-256 of the content, lower-case hex.</summary>
        public string? Sha256 { get; set; }

        public byte[]? Content { get; set; }

        /// <summary>Null when the file was read; otherwise <see cref="HostFileError"/>.</summary>
        public HostFileError? Error { get; set; }

        /// <summary>What the host said about the error.</summary>
        public string? ErrorMessage { get; set; }

        /// <summary>For a missing file: whether its folder exists.</summary>
        public bool FolderExists { get; set; }

        /// <summary>The content decoded losslessly (<see cref="LosslessText"/>).</summary>
        public string? Text => Content == null ? null : LosslessText.Decode(Content);

        /// <summary>The mode as octal text, e.g. <c>0640</c>.</summary>
        public string ModeText => "0" + Convert.ToString(Mode, 8).PadLeft(3, '0');
    }
}
