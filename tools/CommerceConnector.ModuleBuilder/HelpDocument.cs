using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>
    /// One cmdlet help page in platyPS's markdown layout (schema 2.0.0): front matter, <c># Name</c>, then the
    /// SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS sections.
    /// Prose is kept as markdown text (lines joined by "\n", outer blank lines removed).
    /// </summary>
    /// <param name="SourcePath">The file the page was loaded from, or null when parsed from text.</param>
    /// <param name="Metadata">The front matter's keys and values (case-insensitive keys), e.g. "external help file", "Module Name".</param>
    /// <param name="Name">The command name from the <c># Name</c> title.</param>
    /// <param name="NameLineNumber">Line of the <c># Name</c> title.</param>
    /// <param name="Synopsis">The SYNOPSIS text.</param>
    /// <param name="Description">The DESCRIPTION text.</param>
    /// <param name="Syntax">The SYNTAX blocks, one per parameter set.</param>
    /// <param name="Examples">The EXAMPLES.</param>
    /// <param name="Parameters">The documented parameters, in page order; CommonParameters is not one of them.</param>
    /// <param name="Inputs">The INPUTS types.</param>
    /// <param name="Outputs">The OUTPUTS types.</param>
    /// <param name="Notes">The NOTES text.</param>
    /// <param name="RelatedLinks">The RELATED LINKS.</param>
    public sealed record HelpDocument(string SourcePath, IReadOnlyDictionary<string, string> Metadata, string Name, int NameLineNumber,
        string Synopsis, string Description, IReadOnlyList<HelpSyntax> Syntax, IReadOnlyList<HelpExample> Examples,
        IReadOnlyList<HelpParameter> Parameters, IReadOnlyList<HelpTypeInfo> Inputs, IReadOnlyList<HelpTypeInfo> Outputs,
        string Notes, IReadOnlyList<HelpRelatedLink> RelatedLinks)
    {
        private static readonly Regex CommandPageName = new Regex(@"^[A-Za-z]+-[A-Za-z0-9]+\.md$", RegexOptions.CultureInvariant);

        /// <summary>The front matter's "online version", or empty.</summary>
        public string OnlineVersion => Metadata.TryGetValue("online version", out string value) ? value : string.Empty;

        /// <summary>The part of Name before the first dash.</summary>
        public string Verb => Name.IndexOf('-') < 0 ? Name : Name.Substring(0, Name.IndexOf('-'));

        /// <summary>The part of Name after the first dash.</summary>
        public string Noun => Name.IndexOf('-') < 0 ? string.Empty : Name.Substring(Name.IndexOf('-') + 1);

        /// <summary>The parameter of that name (without dash, case-insensitive), or null.</summary>
        public HelpParameter FindParameter(string name) =>
            Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>Parses a page's text. Errors name the page as "&lt;markdown&gt;".</summary>
        public static HelpDocument Parse(string markdownText) => Parse(markdownText, null);

        /// <summary>Parses a page's text; <paramref name="sourcePath"/> is used to name the page in errors.</summary>
        public static HelpDocument Parse(string markdownText, string sourcePath)
        {
            if (markdownText == null)
            {
                throw new ArgumentNullException(nameof(markdownText));
            }
            return new HelpParser(markdownText, sourcePath).Parse();
        }

        /// <summary>Reads and parses one page.</summary>
        public static HelpDocument Load(string path)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            return Parse(File.ReadAllText(fullPath), fullPath);
        }

        /// <summary>
        /// The command pages of a help folder: every <c>Verb-Noun.md</c> file (about topics and other files are left
        /// out), sorted by name. Each page's title must match its file name. A missing folder has no pages.
        /// </summary>
        public static IReadOnlyList<HelpDocument> LoadDirectory(string directory)
        {
            var pages = new List<HelpDocument>();
            if (!Directory.Exists(directory))
            {
                return pages;
            }
            IEnumerable<string> files = Directory.GetFiles(directory, "*-*.md")
                .Where(f => IsCommandPageFileName(System.IO.Path.GetFileName(f)))
                .OrderBy(f => f, StringComparer.OrdinalIgnoreCase);
            foreach (string file in files)
            {
                HelpDocument page = Load(file);
                string expected = System.IO.Path.GetFileNameWithoutExtension(file);
                if (!string.Equals(page.Name, expected, StringComparison.Ordinal))
                {
                    throw new HelpFormatException(page.SourcePath, page.NameLineNumber,
                        $"the title '# {page.Name}' does not match the file name; expected '# {expected}'.");
                }
                pages.Add(page);
            }
            return pages;
        }

        /// <summary>True for file names of the form Verb-Noun.md (not about_ topics).</summary>
        public static bool IsCommandPageFileName(string fileName) =>
            CommandPageName.IsMatch(fileName) && !fileName.StartsWith("about_", StringComparison.OrdinalIgnoreCase);
    }
}
