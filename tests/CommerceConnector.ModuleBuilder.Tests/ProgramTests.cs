using System.Xml.Linq;

namespace CommerceConnector.ModuleBuilder.Tests
{
    public class ProgramTests
    {
        private static (int Code, string Out, string Err) Run(params string[] args)
        {
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            int code = Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        [Fact]
        public void NoCommandPrintsUsageAndFails()
        {
            var (code, output, error) = Run();
            Assert.Equal(1, code);
            Assert.Equal(string.Empty, output);
            Assert.Equal("error: no command given.\n" + Program.Usage + "\n", error);
        }

        [Theory]
        [InlineData(new[] { "pack" }, "error: unknown command 'pack'.")]
        [InlineData(new[] { "layout", "--out", "x" }, "error: unknown option '--out' for layout; it takes --root, --configuration, --output, --version, --root-module, --formats, --cmdlets.")]
        [InlineData(new[] { "layout", "--root" }, "error: --root needs a value.")]
        [InlineData(new[] { "layout", "--root", "a", "--root=b" }, "error: --root is given twice.")]
        [InlineData(new[] { "help", "--docs", "d" }, "error: help needs --output <file.xml>.")]
        [InlineData(new[] { "layout", "--version", "1.0.0", "--root-module", "M.dll" }, "error: layout needs --cmdlets.")]
        [InlineData(new[] { "help", "stray" }, "error: unexpected argument 'stray'.")]
        public void BadArgumentsFailWithAClearMessage(string[] args, string firstLine)
        {
            var (code, _, error) = Run(args);
            Assert.Equal(1, code);
            Assert.Equal(firstLine, error.Split('\n')[0]);
        }

        [Fact]
        public void HelpCompilesAFolderOfPages()
        {
            using var temp = new TempDirectory();
            temp.Write("docs/Get-Thing.md", Pages.Minimal("Get-Thing"));
            temp.Write("docs/Set-Thing.md", Pages.Minimal("Set-Thing"));
            string file = temp.Combine("out", "help.xml");

            var (code, output, error) = Run("help", "--docs", temp.Combine("docs"), "--output", file);

            Assert.Equal(0, code);
            Assert.Equal(string.Empty, error);
            Assert.Equal($"Wrote help for 2 command(s) to {file}: Get-Thing, Set-Thing.\n", output);
            Assert.Equal(2, XDocument.Load(file).Root.Elements(MamlWriter.Command + "command").Count());
        }

        [Fact]
        public void HelpFailsOnAMalformedPageNamingFileAndLine()
        {
            using var temp = new TempDirectory();
            string bad = temp.Write("docs/Get-Thing.md", Pages.Minimal("Get-Thing").Replace("Position: 0\n", "Position: zero\n"));

            var (code, _, error) = Run("help", "--docs", temp.Combine("docs"), "--output", temp.Combine("help.xml"));

            Assert.Equal(1, code);
            int line = Pages.LineOf(Pages.Minimal("Get-Thing"), "Position: 0");
            Assert.Equal($"error: {bad}:{line}: the 'Position' of -Id must be Named or a number, not 'zero'.\n", error);
            Assert.False(File.Exists(temp.Combine("help.xml")));
        }

        [Fact]
        public void LayoutBuildsTheModuleAndListsItsFiles()
        {
            using var repo = new FakeRepository();

            var (code, output, error) = Run(new[] { "layout", "--root", repo.Root, "--configuration", "Release", "--output", repo.Output }
                .Concat(FakeRepository.ManifestArguments).ToArray());

            Assert.Equal(0, code);
            Assert.Equal(string.Empty, error);
            string expected = $"Laid out CommerceConnector 0.3.1 (Release) in {repo.Output}:\n" +
                string.Concat(FakeRepository.ExpectedTree.Select(f => "  " + f + "\n")) +
                "Help compiled for 2 cmdlet(s).\n";
            Assert.Equal(expected, output);
        }

        [Fact]
        public void LayoutFailsWithExitCodeOneWhenAPageIsMissing()
        {
            using var repo = new FakeRepository();
            File.Delete(Path.Combine(repo.Docs, "Get-Thing.md"));

            var (code, output, error) = Run(new[] { "layout", "--root", repo.Root, "--output", repo.Output }.Concat(FakeRepository.ManifestArguments).ToArray());

            Assert.Equal(1, code);
            Assert.Equal(string.Empty, output);
            Assert.StartsWith("error: No help page for 1 exported cmdlet(s): Get-Thing.", error);
            Assert.False(Directory.Exists(repo.Output));
        }
    }
}
