namespace CommerceConnector.ModuleBuilder.Tests
{
    /// <summary>Every malformed page fails with the line of the problem.</summary>
    public class HelpFormatErrorTests
    {
        private static HelpFormatException Fails(string page)
        {
            var ex = Assert.Throws<HelpFormatException>(() => HelpDocument.Parse(page));
            Assert.Null(ex.Path);
            Assert.Equal($"<markdown>:{ex.LineNumber}: {ex.Reason}", ex.Message);
            return ex;
        }

        [Fact]
        public void AMissingTitleNamesTheFirstSection()
        {
            string page = Pages.ReplaceOnce(Pages.Full, "# Get-CommerceWidget\n", string.Empty);
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "## SYNOPSIS"), ex.LineNumber);
            Assert.Contains("'# <command name>'", ex.Reason);
        }

        [Fact]
        public void AnEmptyPageHasNoTitle()
        {
            HelpFormatException ex = Fails("---\nschema: 2.0.0\n---\n\n");
            Assert.Equal(3, ex.LineNumber);
            Assert.Equal("the page has no '# <command name>' title.", ex.Reason);
        }

        /// <summary>
        /// One part of the full page changed (Find replaced by Replacement): the error names the line of Marker, moved by
        /// Offset lines, and says Reason.
        /// </summary>
        public static TheoryData<string, string, string, int, string> BrokenParts => new TheoryData<string, string, string, int, string>
        {
            // AParameterWithoutAYamlBlockNamesItsHeading
            { "A widget.\n\n```yaml\nType: Widget\nParameter Sets: ByObject\nAliases:\n\nRequired: True\nPosition: Named\nDefault value: None\nAccept pipeline input: True (ByValue)\nAccept wildcard characters: False\n```\n", "A widget.\n\n", "### -InputObject", 0, "the parameter -InputObject has no ```yaml block with its attributes." },
            // AnUnterminatedYamlBlockNamesItsOpeningLine
            { "Accept wildcard characters: False\n```\n\n### CommonParameters", "Accept wildcard characters: False\n\n### CommonParameters", "### -PassThru", 3, "the code block opened here with ``` is never closed." },
            // AMissingRequiredYamlKeyNamesTheFence
            { "Type: Widget\n", string.Empty, "### -InputObject", 3, "the yaml block of -InputObject has no 'Type' key." },
            // AParameterHeadingWithoutADashIsRejected
            { "### -PassThru\n", "### PassThru\n", "### PassThru", 0, "expected '### -<ParameterName>' or '### CommonParameters', found '### PassThru'." },
            // ASyntaxThatNamesAnUndocumentedParameterIsRejected
            { "[-PassThru] [<CommonParameters>]\n```\n\n### ByObject", "[-PassThru] [-Force] [<CommonParameters>]\n```\n\n### ByObject", "### ByName (Default)", 0, "the syntax of 'ByName' names -Force, which has no '### -Force' in PARAMETERS." },
            // AParameterSetMissingFromTheSyntaxIsRejected
            { "Parameter Sets: ByObject\nAliases:\n\nRequired: True", "Parameter Sets: ByWidget\nAliases:\n\nRequired: True", "Parameter Sets: ByWidget", -2, "-InputObject names the parameter set 'ByWidget', which has no '### ByWidget' in SYNTAX." },
            // ASyntaxSetWithoutACodeBlockIsRejected
            { "```\nGet-CommerceWidget -InputObject <Widget> [-Name <String>] [-PassThru] [<CommonParameters>]\n```\n", string.Empty, "### ByObject", 0, "the syntax '### ByObject' has no code block." },
            // AnExampleWithoutCodeIsRejected
            { "```powershell\nPS> Get-CommerceWidget\n```\n", string.Empty, "### Example 1: Get every widget", 0, "the example '### Example 1: Get every widget' has no code block." },
            // ASubheadingInTheDescriptionIsRejected
            { "by their names.\n", "by their names.\n\n### Details\n", "### Details", 0, "unexpected '### Details' heading in DESCRIPTION." },
        };

        [Theory]
        [MemberData(nameof(BrokenParts))]
        public void ABrokenPartOfTheFullPageIsNamedByItsLine(string find, string replacement, string marker, int offset, string reason)
        {
            string page = Pages.ReplaceOnce(Pages.Full, find, replacement);
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, marker) + offset, ex.LineNumber);
            Assert.Equal(reason, ex.Reason);
        }

        [Fact]
        public void AnUnknownYamlKeyNamesItsLine()
        {
            string page = Pages.ReplaceOnce(Pages.Full, "Default value: Production\n", "Default value: Production\nDynamic: True\n");
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "Dynamic: True"), ex.LineNumber);
            Assert.StartsWith("unknown key 'Dynamic' in the yaml block of -Environment", ex.Reason);
        }

        [Fact]
        public void AnUnterminatedCodeFenceNamesItsOpeningLine()
        {
            string page = Pages.Minimal("Get-Thing") + "\n```powershell\nPS> Get-Thing\n";
            HelpFormatException ex = Fails(page);
            Assert.Equal(page.Split('\n').Length - 2, ex.LineNumber);
            Assert.Equal("the code block opened here with ``` is never closed.", ex.Reason);
        }

        [Fact]
        public void AnUnterminatedFrontMatterNamesLineOne()
        {
            HelpFormatException ex = Fails("---\nschema: 2.0.0\n\n# Get-Thing\n");
            Assert.Equal(1, ex.LineNumber);
            Assert.Equal("the front matter opened here is never closed by a '---' line.", ex.Reason);
        }

        [Fact]
        public void AnUnknownSectionIsRejected()
        {
            string page = Pages.ReplaceOnce(Pages.Full, "## NOTES\n", "## REMARKS\n");
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "## REMARKS"), ex.LineNumber);
            Assert.StartsWith("unknown section '## REMARKS'", ex.Reason);
        }

        [Fact]
        public void ADuplicateSectionIsRejected()
        {
            string page = Pages.Full + "\n\n## NOTES\nMore.\n";
            HelpFormatException ex = Fails(page);
            Assert.Equal(page.Split('\n').Length - 2, ex.LineNumber);
            Assert.Equal($"a second '## NOTES' section (the first is on line {Pages.LineOf(page, "## NOTES")}).", ex.Reason);
        }

        [Fact]
        public void ASecondTitleIsRejected()
        {
            string page = Pages.Full + "\n# Set-CommerceWidget\n";
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "# Set-CommerceWidget"), ex.LineNumber);
        }

        [Fact]
        public void TextBeforeTheFirstSectionIsRejected()
        {
            string page = Pages.ReplaceOnce(Pages.Full, "# Get-CommerceWidget\n", "# Get-CommerceWidget\nStray text.\n");
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "Stray text."), ex.LineNumber);
        }

        [Theory]
        [InlineData("Required: True\n", "Required: Yes\n", "Required: Yes", "'Required' of -InputObject must be True or False, not 'Yes'.")]
        [InlineData("Position: 0\n", "Position: first\n", "Position: first", "the 'Position' of -Name must be Named or a number, not 'first'.")]
        [InlineData("Accept pipeline input: True (ByValue)\n", "Accept pipeline input: Maybe\n", "Accept pipeline input: Maybe",
            "'Accept pipeline input' of -InputObject must be False or True (ByValue, ByPropertyName ...), not 'Maybe'.")]
        [InlineData("Accept wildcard characters: True\n", "Accept wildcard characters: sometimes\n", "Accept wildcard characters: sometimes",
            "'Accept wildcard characters' of -Name must be True or False, not 'sometimes'.")]
        [InlineData("Type: Widget\n", "Type: Widget\nType: Widget\n", "Type: Widget",
            "the key 'Type' appears twice in the yaml block of -InputObject (first on line {0}).")]
        [InlineData("Aliases: N, WidgetName\n", "Aliases N\n", "Aliases N", "expected 'Key: value' in the yaml block of -Name, found 'Aliases N'.")]
        public void BadYamlValuesNameTheirLine(string oldText, string newText, string badLine, string reason)
        {
            string page = Pages.ReplaceOnce(Pages.Full, oldText, newText);
            HelpFormatException ex = Fails(page);
            int expectedLine = Pages.LineOf(page, badLine);
            if (newText == "Type: Widget\nType: Widget\n")
            {
                reason = string.Format(reason, expectedLine);
                expectedLine++;
            }
            Assert.Equal(expectedLine, ex.LineNumber);
            Assert.Equal(reason, ex.Reason);
        }

        [Fact]
        public void TextAfterTheYamlBlockIsRejected()
        {
            string page = Pages.ReplaceOnce(Pages.Full, "### -PassThru\n", "Afterthought.\n\n### -PassThru\n");
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "Afterthought."), ex.LineNumber);
            Assert.StartsWith("unexpected 'Afterthought.' after the yaml block of -InputObject", ex.Reason);
        }

        [Fact]
        public void AParameterDocumentedTwiceIsRejected()
        {
            string page = Pages.ReplaceOnce(Pages.Full, "### -PassThru\n", "### -Name\nAgain.\n\n```yaml\nType: String\nParameter Sets: (All)\nRequired: False\nPosition: Named\n```\n\n### -PassThru\n");
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "Again.") - 1, ex.LineNumber);
            Assert.Equal($"the parameter -Name is documented twice (first on line {Pages.LineOf(page, "### -Name")}).", ex.Reason);
        }

        [Fact]
        public void TextBeforeTheFirstParameterIsRejected()
        {
            string page = Pages.ReplaceOnce(Pages.Full, "## PARAMETERS\n", "## PARAMETERS\nIntro.\n");
            HelpFormatException ex = Fails(page);
            Assert.Equal(Pages.LineOf(page, "Intro."), ex.LineNumber);
        }

        [Fact]
        public void AFenceInsideASectionHidesHeadingLikeLines()
        {
            // "## NOTES" inside a code block is code, not a second NOTES section.
            string page = Pages.ReplaceOnce(Pages.Full, "Last paragraph", "```\n## NOTES\n# Get-Other\n```\n\nLast paragraph");
            HelpDocument parsed = HelpDocument.Parse(page);
            Assert.Equal("Get-CommerceWidget", parsed.Name);
            Assert.Contains("```\n## NOTES\n# Get-Other\n```", parsed.Description);
            Assert.Equal("Widgets are cached.", parsed.Notes);
        }
    }
}
