using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Storage
{
    /// <summary>One step of forward migration: turns a document of schema <see cref="From"/> into schema From + 1.</summary>
    public sealed class RegistryMigration
    {
        public RegistryMigration(int from, Action<JObject> apply)
        {
            From = from;
            Apply = apply ?? throw new ArgumentNullException(nameof(apply));
        }

        public int From { get; }

        public Action<JObject> Apply { get; }
    }
}
