using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>
    /// Writes the MAML help file PowerShell's Get-Help reads (<c>&lt;Assembly&gt;.dll-Help.xml</c>), in the shape
    /// platyPS produces: one <c>command:command</c> per page under <c>&lt;helpItems schema="maml" xmlns="http://msh"&gt;</c>.
    /// PowerShell finds commands by the qualified element name "command:command", so the prefixes maml, command and dev
    /// are fixed.
    /// </summary>
    public static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>The dashes put around an example's title, as Get-Help shows them.</summary>
        public const string ExampleTitleDashes = "----------";

        public static XDocument Write(IEnumerable<HelpDocument> commands)
        {
            if (commands == null)
            {
                throw new ArgumentNullException(nameof(commands));
            }
            var root = new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute("xmlns", Msh.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName));
            foreach (HelpDocument page in commands)
            {
                root.Add(CommandElement(page));
            }
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        /// <summary>Saves as indented UTF-8 (with a byte order mark, as Windows PowerShell's tools expect of help files).</summary>
        public static void Save(XDocument document, string path)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path));
            Directory.CreateDirectory(directory);
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(true), NewLineChars = "\n" };
            using (XmlWriter writer = XmlWriter.Create(path, settings))
            {
                document.Save(writer);
            }
        }

        /// <summary>The document as text, exactly as <see cref="Save"/> writes it (without the byte order mark).</summary>
        public static string ToText(XDocument document)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            using (var stream = new MemoryStream())
            {
                using (XmlWriter writer = XmlWriter.Create(stream, settings))
                {
                    document.Save(writer);
                }
                return new UTF8Encoding(false).GetString(stream.ToArray());
            }
        }

        private static XElement CommandElement(HelpDocument page)
        {
            return new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", page.Name),
                    new XElement(Command + "verb", page.Verb),
                    new XElement(Command + "noun", page.Noun),
                    Description(Maml + "description", page.Synopsis)),
                Description(Maml + "description", page.Description),
                SyntaxElement(page),
                new XElement(Command + "parameters", page.Parameters.Select(p => ParameterElement(p, p.Blocks[0], forSyntax: false))),
                new XElement(Command + "inputTypes", page.Inputs.Select(t => TypeElement(Command + "inputType", t))),
                new XElement(Command + "returnValues", page.Outputs.Select(t => TypeElement(Command + "returnValue", t))),
                page.Notes.Length == 0 ? null : new XElement(Maml + "alertSet", Description(Maml + "alert", page.Notes)),
                new XElement(Command + "examples", page.Examples.Select(ExampleElement)),
                RelatedLinksElement(page));
        }

        private static XElement Description(XName name, string markdown) =>
            new XElement(name, MarkdownText.Paragraphs(markdown).Select(p => new XElement(Maml + "para", MarkdownText.Wrap(p))));

        private static XElement SyntaxElement(HelpDocument page)
        {
            var syntax = new XElement(Command + "syntax");
            if (page.Syntax.Count == 0)
            {
                if (page.Parameters.Count > 0)
                {
                    syntax.Add(new XElement(Command + "syntaxItem",
                        new XElement(Maml + "name", page.Name),
                        page.Parameters.Select(p => ParameterElement(p, p.Blocks[0], forSyntax: true))));
                }
                return syntax;
            }
            foreach (HelpSyntax item in page.Syntax)
            {
                // The syntax line's order first (it is what Get-Help shows), then any other parameter of the set.
                var members = new List<HelpParameter>();
                foreach (string name in item.ParameterNames)
                {
                    HelpParameter parameter = page.FindParameter(name);
                    if (parameter != null && !members.Contains(parameter))
                    {
                        members.Add(parameter);
                    }
                }
                foreach (HelpParameter parameter in page.Parameters)
                {
                    if (!members.Contains(parameter) && parameter.BlockFor(item.ParameterSetName) != null)
                    {
                        members.Add(parameter);
                    }
                }
                syntax.Add(new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", page.Name),
                    members.Select(p => ParameterElement(p, p.BlockFor(item.ParameterSetName) ?? p.Blocks[0], forSyntax: true))));
            }
            return syntax;
        }

        private static XElement ParameterElement(HelpParameter parameter, HelpParameterBlock block, bool forSyntax)
        {
            var element = new XElement(Command + "parameter",
                new XAttribute("required", block.Required ? "true" : "false"),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", block.Wildcards ? "true" : "false"),
                new XAttribute("pipelineInput", block.PipelineInput),
                new XAttribute("position", block.Position == "Named" ? "named" : block.Position),
                new XAttribute("aliases", block.Aliases.Count == 0 ? "none" : string.Join(", ", block.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(Maml + "description", parameter.Description));
            if (block.AcceptedValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup",
                    block.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
            }
            // A switch has no value: leaving it out of the syntax makes Get-Help show [-PassThru], not [-PassThru <SwitchParameter>].
            if (!(forSyntax && parameter.IsSwitch))
            {
                element.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", parameter.IsSwitch ? "false" : "true"),
                    new XAttribute("variableLength", "false"),
                    block.Type));
            }
            element.Add(
                new XElement(Dev + "type", new XElement(Maml + "name", block.Type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", block.DefaultValue));
            return element;
        }

        private static XElement TypeElement(XName name, HelpTypeInfo type) =>
            new XElement(name,
                new XElement(Dev + "type", new XElement(Maml + "name", type.Name)),
                Description(Maml + "description", type.Description));

        private static XElement ExampleElement(HelpExample example)
        {
            string prose = example.Introduction.Length == 0 ? example.Remarks
                : example.Remarks.Length == 0 ? example.Introduction
                : example.Introduction + "\n\n" + example.Remarks;
            return new XElement(Command + "example",
                new XElement(Maml + "title", ExampleTitleDashes + " " + example.Title + " " + ExampleTitleDashes),
                new XElement(Dev + "code", example.Code),
                Description(Dev + "remarks", prose));
        }

        private static XElement RelatedLinksElement(HelpDocument page)
        {
            var links = new XElement(Maml + "relatedLinks");
            if (page.OnlineVersion.Length > 0)
            {
                links.Add(Link("Online Version:", page.OnlineVersion));
            }
            foreach (HelpRelatedLink link in page.RelatedLinks)
            {
                // Pages of this folder ("Get-X.md") mean nothing once installed: the text alone names the command.
                links.Add(Link(link.Text, link.IsWebAddress ? link.Uri : string.Empty));
            }
            return links;
        }

        private static XElement Link(string text, string uri) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));
    }
}
