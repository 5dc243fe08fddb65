namespace CommerceConnector.Core.Storage
{
    /// <summary>A file's Unix mode bits, owner and group.</summary>
    public sealed class UnixOwnership
    {
        public UnixOwnership(int mode, uint uid, uint gid) =>
            (Mode, Uid, Gid) = (mode, uid, gid);

        public int Mode { get; }

        public uint Uid { get; }

        public uint Gid { get; }
    }
}
