namespace CommerceConnector.Core.Text
{
    /// <summary>Builds the PowerShell commands that checks and warnings offer as their fix, ready to paste.</summary>
    public static class CommandText
    {
        /// <summary>A single-quoted PowerShell string literal: embedded single quotes doubled.</summary>
        public static string Quote(string? value) => "'" + (value ?? string.Empty).Replace("'", "''") + "'";

        /// <summary>A command line from a cmdlet name and its arguments; null or empty arguments are left out.</summary>
        public static string Command(string cmdlet, params string[] arguments) =>
            string.Join(" ", new[] { cmdlet }.Concat(arguments.Where(a => !string.IsNullOrEmpty(a))));
    }
}
