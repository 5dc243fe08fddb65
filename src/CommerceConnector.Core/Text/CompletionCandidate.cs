namespace CommerceConnector.Core.Text
{
    /// <summary>One thing tab completion may insert: the value, what the list shows, and the tooltip.</summary>
    public sealed class CompletionCandidate
    {
        public CompletionCandidate(string value, string label, string toolTip) =>
            (Value, Label, ToolTip) = (value, label ?? value, toolTip ?? value);

        /// <summary>The text inserted (quoted where PowerShell needs it, once completed).</summary>
        public string Value { get; }

        /// <summary>What the completion list shows; typing a prefix of it also finds the candidate.</summary>
        public string Label { get; }

        public string ToolTip { get; }
    }
}
