using System.Xml.Linq;

namespace CommerceConnector.ModuleBuilder.Tests
{
    /// <summary>The repository's own help pages (docs/en-US) parse and compile; there may be none yet.</summary>
    public class RealDocsTests
    {
        [Fact]
        public void EveryRealHelpPageParsesAndCompiles()
        {
            string docs = Path.Combine(RepositoryPaths.Root, "docs", "en-US");
            string[] files = Directory.Exists(docs)
                ? Directory.GetFiles(docs, "*-*.md").Where(f => HelpDocument.IsCommandPageFileName(Path.GetFileName(f))).ToArray()
                : new string[0];

            // Throws HelpFormatException (file:line) on the first malformed page, or on a title that differs from the file name.
            var pages = HelpDocument.LoadDirectory(docs);

            Assert.Equal(files.Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, System.StringComparer.OrdinalIgnoreCase), pages.Select(p => p.Name));
            XDocument maml = MamlWriter.Write(pages);
            Assert.Equal(pages.Select(p => p.Name),
                maml.Root.Elements(MamlWriter.Command + "command").Select(c => c.Element(MamlWriter.Command + "details").Element(MamlWriter.Command + "name").Value));
        }

        [Fact]
        public void LoadingAFolderFailsOnAMalformedPage()
        {
            using var temp = new TempDirectory();
            temp.Write("Get-Thing.md", Pages.Minimal("Get-Thing"));
            string bad = temp.Write("Set-Thing.md", Pages.ReplaceOnce(Pages.Minimal("Set-Thing"), "Position: 0\n", "Position: 0\nMandatory: True\n"));
            temp.Write("about_Thing.help.txt", "TOPIC\n");
            temp.Write("README.md", "# not a page\n");

            var ex = Assert.Throws<HelpFormatException>(() => HelpDocument.LoadDirectory(temp.Path));
            Assert.Equal(Path.GetFullPath(bad), ex.Path);
            Assert.Equal(Pages.LineOf(Pages.Minimal("Set-Thing"), "Position: 0") + 1, ex.LineNumber);
        }

        [Fact]
        public void LoadingAFolderChecksTitlesAgainstFileNamesAndSkipsOtherFiles()
        {
            using var temp = new TempDirectory();
            temp.Write("Get-Thing.md", Pages.Minimal("Get-Thing"));
            temp.Write("about_Thing.help.txt", "TOPIC\n");
            temp.Write("README.md", "# not a page\n");
            Assert.Equal(new[] { "Get-Thing" }, HelpDocument.LoadDirectory(temp.Path).Select(p => p.Name));

            string wrong = temp.Write("Set-Thing.md", Pages.Minimal("Set-Other"));
            var ex = Assert.Throws<HelpFormatException>(() => HelpDocument.LoadDirectory(temp.Path));
            Assert.Equal(Path.GetFullPath(wrong), ex.Path);
            Assert.Equal(Pages.LineOf(Pages.Minimal("Set-Other"), "# Set-Other"), ex.LineNumber);
            Assert.Equal("the title '# Set-Other' does not match the file name; expected '# Set-Thing'.", ex.Reason);
        }

        [Fact]
        public void AMissingFolderHasNoPages()
        {
            using var temp = new TempDirectory();
            Assert.Empty(HelpDocument.LoadDirectory(temp.Combine("nothing-here")));
        }
    }
}
