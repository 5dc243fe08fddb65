using CommerceConnector.Core.Keys;

namespace CommerceConnector.Core.Instances
{
    /// <summary>One verdict of Test-ConnectorConfiguration.</summary>
    public sealed class ConfigCheck
    {
        public ConfigCheck(string instance, string name, CheckVerdict verdict, string message, string? fix = null) =>
            (Instance, Name, Verdict, Message, Fix) = (instance, name, verdict, message, fix);

        public string Instance { get; }

        public string Name { get; }

        public CheckVerdict Verdict { get; }

        public string Message { get; }

        public string? Fix { get; }

        public override string ToString() => $"{Instance} {Name}: {Verdict}";
    }
}
