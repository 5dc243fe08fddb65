namespace CommerceConnector.Core.Instances
{
    /// <summary>One value a command will change: shown by -WhatIf, secrets as fingerprints.</summary>
    public sealed class ConfigChange
    {
        public ConfigChange(string path, string? oldDisplay, string? newDisplay, string? newValue) =>
            (Path, OldDisplay, NewDisplay, NewValue) = (path, oldDisplay, newDisplay, newValue);

        public string Path { get; }

        public string? OldDisplay { get; }

        public string? NewDisplay { get; }

        /// <summary>The value to write; null removes the path.</summary>
        internal string? NewValue { get; }

        [MemberNotNullWhen(false, nameof(NewValue))]
        public bool Removes => NewValue == null;

        public override string ToString() => $"{Path}: {OldDisplay ?? "(unset)"} -> {NewDisplay ?? "(removed)"}";
    }
}
