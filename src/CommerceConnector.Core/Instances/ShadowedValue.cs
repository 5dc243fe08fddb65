namespace CommerceConnector.Core.Instances
{
    /// <summary>A lower value of a connector path that Magento does not use, because a higher source sets the path.</summary>
    public sealed class ShadowedValue
    {
        public ShadowedValue(ConfigSource source, string? location, string? value, bool differs) =>
            (Source, Location, Value, Differs) = (source, location, value, differs);

        public ConfigSource Source { get; }

        /// <summary>Where exactly: "app/etc/config.php line 12", "core_config_data config_id 7".</summary>
        public string? Location { get; }

        /// <summary>The value as shown (a private key as its fingerprint).</summary>
        public string? Value { get; }

        /// <summary>Whether it differs from the value Magento uses (computed values count as differing only when known).</summary>
        public bool Differs { get; }

        public override string ToString() => $"{Source}: {Value}";
    }
}
