namespace CommerceConnector.Core.Keys
{
    /// <summary>One check of a key pair, with what to do when it failed.</summary>
    public sealed class KeyCheck
    {
        public KeyCheck(string name, CheckVerdict verdict, string message, string? fix = null) =>
            (Name, Verdict, Message, Fix) = (name, verdict, message, fix);

        public string Name { get; }

        public CheckVerdict Verdict { get; }

        public string Message { get; }

        public string? Fix { get; }

        public override string ToString() => $"{Name}: {Verdict}";
    }
}
