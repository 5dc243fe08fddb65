using System;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>A help page that does not follow the platyPS schema 2.0.0 layout. Names the file and the line.</summary>
    public sealed class HelpFormatException : Exception
    {
        /// <summary>Used in messages when a page was parsed from text that has no file.</summary>
        public const string NoFileName = "<markdown>";

        public HelpFormatException(string path, int lineNumber, string reason)
            : base($"{path ?? NoFileName}:{lineNumber}: {reason}")
        {
            Path = path;
            LineNumber = lineNumber;
            Reason = reason;
        }

        /// <summary>The page's file, or null when it was parsed from text.</summary>
        public string Path { get; }

        /// <summary>1-based line of the page where the problem is.</summary>
        public int LineNumber { get; }

        /// <summary>The problem, without the file and line.</summary>
        public string Reason { get; }
    }
}
