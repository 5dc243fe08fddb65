namespace CommerceConnector.Core.DataExport
{
    /// <summary>One line of saas:resync's output, read.</summary>
    public sealed class ResyncLine
    {
        internal ResyncLine(string text, ResyncLineKind kind, TimeSpan? duration, string? lockedBy) =>
            (Text, Kind, Duration, LockedBy) = (text, kind, duration, lockedBy);

        public string Text { get; }

        public ResyncLineKind Kind { get; }

        /// <summary>From "... complete in HH:MM:SS" (or "N day(s) HH:MM:SS").</summary>
        public TimeSpan? Duration { get; }

        /// <summary>From "Feed sync skipped, resource occupied by another process: &lt;lockedBy&gt;".</summary>
        public string? LockedBy { get; }

        public override string ToString() => Text;
    }
}
