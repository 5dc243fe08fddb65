namespace CommerceConnector.Core.Instances
{
    /// <summary>The outcome of Register-CommerceInstance: the instance, and what its env.php showed that needs attention.</summary>
    public sealed class RegisteredInstance
    {
        internal RegisteredInstance(CommerceInstance instance, IReadOnlyList<string> warnings) =>
            (Instance, Warnings) = (instance, warnings);

        /// <summary>The registered instance, with the connector values found and the unknown or adopted records.</summary>
        public CommerceInstance Instance { get; }

        /// <summary>What the registry did not know, or what contradicts it: one sentence each, with the command to run.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
