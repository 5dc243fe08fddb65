using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CommerceConnector.ModuleBuilder.Tests
{
    public class MamlWriterTests
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private const string Example2Code =
            "PS> $w = Get-CommerceWidget -Name 'a*'\n\tif ($w.Count -lt 3 -and $w) { \"<b>\" & 'x' }\n\n  $w | Get-CommerceWidget -PassThru   ";

        private static XElement WriteFull() => MamlWriter.Write(new[] { HelpDocument.Parse(Pages.Full) }).Root.Element(Command + "command");

        private static string[] Paras(XElement parent) => parent.Elements(Maml + "para").Select(p => p.Value).ToArray();

        [Fact]
        public void UsesTheMamlNamespacesAndThePrefixesPowerShellLooksFor()
        {
            XDocument doc = MamlWriter.Write(new[] { HelpDocument.Parse(Pages.Full), HelpDocument.Parse(Pages.Minimal("Set-Thing")) });
            string text = MamlWriter.ToText(doc);

            Assert.Equal(Msh + "helpItems", doc.Root.Name);
            Assert.Equal("maml", (string)doc.Root.Attribute("schema"));
            Assert.Equal("http://schemas.microsoft.com/maml/2004/10", MamlWriter.Maml.NamespaceName);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/command/2004/10", MamlWriter.Command.NamespaceName);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/2004/10", MamlWriter.Dev.NamespaceName);
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems schema=\"maml\" xmlns=\"http://msh\" " +
                "xmlns:maml=\"http://schemas.microsoft.com/maml/2004/10\" xmlns:command=\"http://schemas.microsoft.com/maml/dev/command/2004/10\" " +
                "xmlns:dev=\"http://schemas.microsoft.com/maml/dev/2004/10\">\n  <command:command>", text);

            // PowerShell's help loader matches the qualified name "command:command" of each child of helpItems.
            var xml = new XmlDocument();
            xml.LoadXml(text);
            Assert.Equal("helpItems", xml.DocumentElement.Name);
            Assert.Equal(new[] { "command:command", "command:command" }, xml.DocumentElement.ChildNodes.Cast<XmlNode>().Select(n => n.Name));
            Assert.Equal(new[] { "Get-CommerceWidget", "Set-Thing" },
                xml.DocumentElement.ChildNodes.Cast<XmlNode>().Select(n => n["command:details"]["command:name"].InnerText));
        }

        [Fact]
        public void WritesDetailsAndDescriptionParagraphs()
        {
            XElement command = WriteFull();
            XElement details = command.Element(Command + "details");

            Assert.Equal(new[] { Command + "name", Command + "verb", Command + "noun", Maml + "description" }, details.Elements().Select(e => e.Name));
            Assert.Equal("Get-CommerceWidget", details.Element(Command + "name").Value);
            Assert.Equal("Get", details.Element(Command + "verb").Value);
            Assert.Equal("CommerceWidget", details.Element(Command + "noun").Value);
            Assert.Equal(new[] { "Gets widgets from the registry." }, Paras(details.Element(Maml + "description")));
            Assert.Equal(
                new[] { "The Get-CommerceWidget cmdlet gets widgets by their names.", "- first item", "- second item continued", "Last paragraph with `code` & <angle> text." },
                Paras(command.Element(Maml + "description")));
            Assert.Equal(
                new[] { Command + "details", Maml + "description", Command + "syntax", Command + "parameters", Command + "inputTypes", Command + "returnValues",
                    Maml + "alertSet", Command + "examples", Maml + "relatedLinks" },
                command.Elements().Select(e => e.Name));
        }

        [Fact]
        public void WritesOneSyntaxItemPerSetInTheSyntaxLineOrder()
        {
            XElement[] items = WriteFull().Element(Command + "syntax").Elements(Command + "syntaxItem").ToArray();

            Assert.Equal(2, items.Length);
            Assert.All(items, i => Assert.Equal("Get-CommerceWidget", i.Element(Maml + "name").Value));
            Assert.Equal(new[] { "Name", "Environment", "PassThru" }, items[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name").Value));
            Assert.Equal(new[] { "InputObject", "Name", "PassThru" }, items[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name").Value));

            // -Name takes the attributes of the yaml block for each set.
            XElement nameByName = items[0].Elements(Command + "parameter").First();
            Assert.Equal("required=false variableLength=true globbing=true pipelineInput=True (ByPropertyName, ByValue) position=0 aliases=N, WidgetName",
                Attributes(nameByName));
            XElement nameByObject = items[1].Elements(Command + "parameter").ElementAt(1);
            Assert.Equal("required=false variableLength=true globbing=false pipelineInput=False position=named aliases=N, WidgetName", Attributes(nameByObject));
            Assert.Equal("required=true variableLength=true globbing=false pipelineInput=True (ByValue) position=named aliases=none",
                Attributes(items[1].Elements(Command + "parameter").First()));

            XElement value = nameByName.Element(Command + "parameterValue");
            Assert.Equal("String", value.Value);
            Assert.Equal("true", (string)value.Attribute("required"));

            // A switch shows as [-PassThru]: no value in the syntax.
            XElement passThru = items[0].Elements(Command + "parameter").Last();
            Assert.Null(passThru.Element(Command + "parameterValue"));
            Assert.Equal("SwitchParameter", passThru.Element(Dev + "type").Element(Maml + "name").Value);

            // Accepted values give Get-Help's {Production | Sandbox}.
            XElement environment = items[0].Elements(Command + "parameter").ElementAt(1);
            Assert.Equal(new[] { "Production", "Sandbox" },
                environment.Element(Command + "parameterValueGroup").Elements(Command + "parameterValue").Select(v => v.Value));
        }

        [Fact]
        public void WritesEveryParameterWithItsAttributesTypeAndDefault()
        {
            XElement[] parameters = WriteFull().Element(Command + "parameters").Elements(Command + "parameter").ToArray();

            Assert.Equal(new[] { "Name", "Environment", "InputObject", "PassThru" }, parameters.Select(p => p.Element(Maml + "name").Value));
            Assert.Equal(new[] { "The widget's name.", "Wildcards are allowed." }, Paras(parameters[0].Element(Maml + "description")));
            Assert.Equal("required=false variableLength=true globbing=true pipelineInput=True (ByPropertyName, ByValue) position=0 aliases=N, WidgetName",
                Attributes(parameters[0]));
            Assert.Equal("required=true variableLength=true globbing=false pipelineInput=True (ByValue) position=named aliases=none", Attributes(parameters[2]));
            Assert.Equal(new[] { "None", "Production", "None", "False" }, parameters.Select(p => p.Element(Dev + "defaultValue").Value));
            Assert.Equal(new[] { "String", "String", "Widget", "SwitchParameter" }, parameters.Select(p => p.Element(Dev + "type").Element(Maml + "name").Value));
            Assert.Equal(new[] { "true", "true", "true", "false" }, parameters.Select(p => (string)p.Element(Command + "parameterValue").Attribute("required")));
            Assert.Equal("SwitchParameter", parameters[3].Element(Command + "parameterValue").Value);
        }

        [Fact]
        public void WritesInputsOutputsNotesAndLinks()
        {
            XElement command = WriteFull();

            XElement[] inputs = command.Element(Command + "inputTypes").Elements(Command + "inputType").ToArray();
            Assert.Equal(new[] { "System.String", "Widget" }, inputs.Select(i => i.Element(Dev + "type").Element(Maml + "name").Value));
            Assert.Empty(Paras(inputs[0].Element(Maml + "description")));
            Assert.Equal(new[] { "A widget from Get-CommerceWidget." }, Paras(inputs[1].Element(Maml + "description")));
            Assert.Equal("CommerceConnector.Core.Widget",
                command.Element(Command + "returnValues").Element(Command + "returnValue").Element(Dev + "type").Element(Maml + "name").Value);
            Assert.Equal(new[] { "Widgets are cached." }, Paras(command.Element(Maml + "alertSet").Element(Maml + "alert")));

            XElement[] links = command.Element(Maml + "relatedLinks").Elements(Maml + "navigationLink").ToArray();
            Assert.Equal(new[] { "Online Version:", "Set-CommerceWidget", "Widget docs" }, links.Select(l => l.Element(Maml + "linkText").Value));
            Assert.Equal(new[] { "https://example.invalid/help/Get-CommerceWidget", string.Empty, "https://example.invalid/widgets" },
                links.Select(l => l.Element(Maml + "uri").Value));
        }

        [Fact]
        public void WritesExamplesWithTheirCodeExactly()
        {
            XElement[] examples = WriteFull().Element(Command + "examples").Elements(Command + "example").ToArray();

            Assert.Equal(2, examples.Length);
            Assert.Equal("---------- Example 1: Get every widget ----------", examples[0].Element(Maml + "title").Value);
            Assert.Equal("PS> Get-CommerceWidget", examples[0].Element(Dev + "code").Value);
            Assert.Equal(new[] { "Gets every widget.", "Second remark." }, Paras(examples[0].Element(Dev + "remarks")));
            Assert.Equal("---------- Example 2: Pipe ----------", examples[1].Element(Maml + "title").Value);
            Assert.Equal(Example2Code, examples[1].Element(Dev + "code").Value);
            Assert.Equal(new[] { "Before the code." }, Paras(examples[1].Element(Dev + "remarks")));
        }

        [Fact]
        public void SavedFileKeepsCodeByteForByte()
        {
            using var temp = new TempDirectory();
            string path = temp.Combine("en-US", "CommerceConnector.dll-Help.xml");
            MamlWriter.Save(MamlWriter.Write(new[] { HelpDocument.Parse(Pages.Full.Replace("\n", "\r\n")) }), path);

            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
            string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.Contains(
                "<dev:code>PS&gt; $w = Get-CommerceWidget -Name 'a*'\n\tif ($w.Count -lt 3 -and $w) { \"&lt;b&gt;\" &amp; 'x' }\n\n  $w | Get-CommerceWidget -PassThru   </dev:code>",
                text);

            XDocument reloaded = XDocument.Load(path);
            Assert.Equal(Example2Code, reloaded.Descendants(Dev + "code").ElementAt(1).Value);
        }

        [Fact]
        public void APageWithoutSyntaxOrNotesGetsOneSyntaxItemAndNoAlertSet()
        {
            HelpDocument page = HelpDocument.Parse(Pages.ReplaceOnce(Pages.Minimal("Set-Thing"),
                "## SYNTAX\n\n### __AllParameterSets\n```\nSet-Thing [-Id] <String> [<CommonParameters>]\n```\n", string.Empty));
            XElement command = MamlWriter.Write(new[] { page }).Root.Element(Command + "command");

            Assert.Empty(page.Syntax);
            XElement item = Assert.Single(command.Element(Command + "syntax").Elements(Command + "syntaxItem"));
            Assert.Equal("Id", item.Element(Command + "parameter").Element(Maml + "name").Value);
            Assert.Null(command.Element(Maml + "alertSet"));
            Assert.Equal(new[] { "None" }, command.Element(Command + "inputTypes").Descendants(Maml + "name").Select(n => n.Value));
        }

        private static string Attributes(XElement parameter) =>
            string.Join(" ", parameter.Attributes().Select(a => a.Name.LocalName + "=" + a.Value));
    }
}
