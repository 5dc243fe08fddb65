namespace CommerceConnector.Core.Instances
{
    /// <summary>The changes a command would make, checked and ready to apply; -WhatIf shows them.</summary>
    public sealed class ConfigurationPlan
    {
        internal ConfigurationPlan(ConfigTarget target, string originalText, string newText, IReadOnlyList<ConfigChange> changes, IReadOnlyList<string> warnings, string? assignDataSpace, bool releaseDataSpace, DataSpaceReading? dataSpaceReading = null) =>
            (Target, OriginalText, NewText, Changes, Warnings, AssignDataSpace, ReleaseDataSpace, DataSpaceReading) =
            (target, originalText, newText, changes, warnings, assignDataSpace, releaseDataSpace, dataSpaceReading);

        public ConfigTarget Target { get; }

        internal string OriginalText { get; }

        /// <summary>The file as the plan writes it: edited once, while planning.</summary>
        internal string NewText { get; }

        public IReadOnlyList<ConfigChange> Changes { get; }

        public IReadOnlyList<string> Warnings { get; }

        internal string? AssignDataSpace { get; }

        internal bool ReleaseDataSpace { get; }

        /// <summary>What the testing data space guard read from the other instances' env.php while planning.</summary>
        internal DataSpaceReading? DataSpaceReading { get; }

        /// <summary>What the plan changes, in words fit for -WhatIf; private keys appear as fingerprints.</summary>
        public string Describe() => Changes.Count == 0 ? "no change" : string.Join("; ", Changes.Select(c => c.ToString()));
    }
}
