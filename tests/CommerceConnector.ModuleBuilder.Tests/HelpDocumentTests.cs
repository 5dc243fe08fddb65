namespace CommerceConnector.ModuleBuilder.Tests
{
    public class HelpDocumentTests
    {
        [Fact]
        public void ParsesTheFrontMatterTitleSynopsisAndDescription()
        {
            HelpDocument page = HelpDocument.Parse(Pages.Full);

            Assert.Null(page.SourcePath);
            Assert.Equal("Get-CommerceWidget", page.Name);
            Assert.Equal(Pages.LineOf(Pages.Full, "# Get-CommerceWidget"), page.NameLineNumber);
            Assert.Equal("Get", page.Verb);
            Assert.Equal("CommerceWidget", page.Noun);
            Assert.Equal("CommerceConnector.dll-Help.xml", page.Metadata["external help file"]);
            Assert.Equal("CommerceConnector", page.Metadata["module name"]);
            Assert.Equal("2.0.0", page.Metadata["schema"]);
            Assert.Equal("https://example.invalid/help/Get-CommerceWidget", page.OnlineVersion);
            Assert.Equal("Gets widgets from the registry.", page.Synopsis);
            Assert.Equal(
                "The Get-CommerceWidget cmdlet gets widgets\nby their names.\n\n- first item\n- second item\n  continued\n\n" +
                "Last paragraph with `code` & <angle> text.",
                page.Description);
            Assert.Equal("Widgets are cached.", page.Notes);
        }

        [Fact]
        public void ParsesTheSyntaxBlocksAndTheDefaultSetMark()
        {
            HelpDocument page = HelpDocument.Parse(Pages.Full);

            Assert.Equal(2, page.Syntax.Count);
            Assert.Equal("ByName", page.Syntax[0].ParameterSetName);
            Assert.True(page.Syntax[0].IsDefault);
            Assert.Equal("Get-CommerceWidget [[-Name] <String>] [-Environment <String>] [-PassThru] [<CommonParameters>]", page.Syntax[0].Text);
            Assert.Equal(new[] { "Name", "Environment", "PassThru" }, page.Syntax[0].ParameterNames);
            Assert.Equal("ByObject", page.Syntax[1].ParameterSetName);
            Assert.False(page.Syntax[1].IsDefault);
            Assert.Equal(new[] { "InputObject", "Name", "PassThru" }, page.Syntax[1].ParameterNames);
            Assert.Equal(Pages.LineOf(Pages.Full, "### ByObject"), page.Syntax[1].LineNumber);
        }

        [Fact]
        public void ParsesExamplesKeepingTheCodeExactly()
        {
            HelpDocument page = HelpDocument.Parse(Pages.Full);

            Assert.Equal(2, page.Examples.Count);
            HelpExample first = page.Examples[0];
            Assert.Equal("Example 1: Get every widget", first.Title);
            Assert.Equal(string.Empty, first.Introduction);
            Assert.Equal("PS> Get-CommerceWidget", first.Code);
            Assert.Equal("Gets every widget.\n\nSecond remark.", first.Remarks);

            HelpExample second = page.Examples[1];
            Assert.Equal("Example 2: Pipe", second.Title);
            Assert.Equal("Before the code.", second.Introduction);
            Assert.Equal(
                "PS> $w = Get-CommerceWidget -Name 'a*'\n\tif ($w.Count -lt 3 -and $w) { \"<b>\" & 'x' }\n\n  $w | Get-CommerceWidget -PassThru   ",
                second.Code);
            Assert.Equal(string.Empty, second.Remarks);
        }

        [Fact]
        public void ParsesParametersFromTheirYamlBlocksAndSkipsCommonParameters()
        {
            HelpDocument page = HelpDocument.Parse(Pages.Full);

            Assert.Equal(new[] { "Name", "Environment", "InputObject", "PassThru" }, page.Parameters.Select(p => p.Name));

            HelpParameter name = page.Parameters[0];
            Assert.Equal("The widget's name.\n\nWildcards are allowed.", name.Description);
            Assert.Equal(Pages.LineOf(Pages.Full, "### -Name"), name.LineNumber);
            Assert.Equal("String", name.Type);
            Assert.Equal(new[] { "ByName", "ByObject" }, name.ParameterSets);
            Assert.Equal(new[] { "N", "WidgetName" }, name.Aliases);
            Assert.False(name.Required);
            Assert.Equal("0", name.Position);
            Assert.Equal("None", name.DefaultValue);
            Assert.Equal("True (ByPropertyName, ByValue)", name.PipelineInput);
            Assert.True(name.Wildcards);
            Assert.Empty(name.AcceptedValues);
            Assert.False(name.IsSwitch);
            Assert.Equal(2, name.Blocks.Count);
            Assert.Equal("Named", name.BlockFor("ByObject").Position);
            Assert.Equal("False", name.BlockFor("ByObject").PipelineInput);
            Assert.False(name.BlockFor("ByObject").Wildcards);
            Assert.Same(name.Blocks[0], name.BlockFor("ByName"));

            HelpParameter environment = page.Parameters[1];
            Assert.Equal(new[] { "Production", "Sandbox" }, environment.AcceptedValues);
            Assert.Empty(environment.Aliases);
            Assert.Equal("Named", environment.Position);
            Assert.Equal("Production", environment.DefaultValue);
            Assert.Equal("False", environment.PipelineInput);

            HelpParameter input = page.Parameters[2];
            Assert.True(input.Required);
            Assert.Equal("Widget", input.Type);
            Assert.Equal("True (ByValue)", input.PipelineInput);
            Assert.Null(input.BlockFor("ByName"));

            HelpParameter passThru = page.Parameters[3];
            Assert.True(passThru.IsSwitch);
            Assert.Equal(new[] { "(All)" }, passThru.ParameterSets);
            Assert.Same(passThru.Blocks[0], passThru.BlockFor("ByName"));
            Assert.Same(passThru.Blocks[0], passThru.BlockFor("ByObject"));
            Assert.Null(page.FindParameter("CommonParameters"));
        }

        [Fact]
        public void ParsesInputsOutputsAndRelatedLinks()
        {
            HelpDocument page = HelpDocument.Parse(Pages.Full);

            Assert.Equal(new[] { "System.String", "Widget" }, page.Inputs.Select(i => i.Name));
            Assert.Equal(new[] { string.Empty, "A widget from Get-CommerceWidget." }, page.Inputs.Select(i => i.Description));
            Assert.Equal("CommerceConnector.Core.Widget", Assert.Single(page.Outputs).Name);
            Assert.Equal(new[] { "Set-CommerceWidget", "Widget docs" }, page.RelatedLinks.Select(l => l.Text));
            Assert.Equal(new[] { "Set-CommerceWidget.md", "https://example.invalid/widgets" }, page.RelatedLinks.Select(l => l.Uri));
            Assert.Equal(new[] { false, true }, page.RelatedLinks.Select(l => l.IsWebAddress));
        }

        [Fact]
        public void CrLfLineEndingsAndAByteOrderMarkParseTheSame()
        {
            HelpDocument lf = HelpDocument.Parse(Pages.Full);
            HelpDocument crlf = HelpDocument.Parse("\uFEFF" + Pages.Full.Replace("\n", "\r\n"));

            Assert.Equal(lf.Name, crlf.Name);
            Assert.Equal(lf.Description, crlf.Description);
            Assert.Equal(lf.Examples[1].Code, crlf.Examples[1].Code);
            Assert.Equal(lf.Parameters.Select(p => p.Name + "|" + p.Type + "|" + p.Position), crlf.Parameters.Select(p => p.Name + "|" + p.Type + "|" + p.Position));
            Assert.Equal(lf.Parameters[1].LineNumber, crlf.Parameters[1].LineNumber);
        }

        [Fact]
        public void APageWithoutFrontMatterAndWithOnlyATitleIsValid()
        {
            HelpDocument page = HelpDocument.Parse("\n# Get-Thing\n");

            Assert.Equal("Get-Thing", page.Name);
            Assert.Equal(2, page.NameLineNumber);
            Assert.Empty(page.Metadata);
            Assert.Equal(string.Empty, page.Synopsis);
            Assert.Empty(page.Parameters);
            Assert.Empty(page.Syntax);
            Assert.Equal(string.Empty, page.OnlineVersion);
        }

        [Fact]
        public void LoadNamesTheFileInErrors()
        {
            using var temp = new TempDirectory();
            string good = temp.Write("Get-CommerceWidget.md", Pages.Full);
            string bad = temp.Write("Get-Broken.md", "---\nschema: 2.0.0\n---\n\n## SYNOPSIS\nNo title.\n");

            Assert.Equal(Path.GetFullPath(good), HelpDocument.Load(good).SourcePath);
            var ex = Assert.Throws<HelpFormatException>(() => HelpDocument.Load(bad));
            Assert.Equal(Path.GetFullPath(bad), ex.Path);
            Assert.Equal(5, ex.LineNumber);
            Assert.StartsWith(Path.GetFullPath(bad) + ":5: ", ex.Message);
        }
    }
}
