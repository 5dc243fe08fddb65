using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>Reads one platyPS (schema 2.0.0) page. Every structural problem fails with the page's file and line.</summary>
    internal sealed class HelpParser
    {
        private static readonly string[] KnownSections =
            { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        private const string KeyType = "Type";
        private const string KeyParameterSets = "Parameter Sets";
        private const string KeyAliases = "Aliases";
        private const string KeyRequired = "Required";
        private const string KeyPosition = "Position";
        private const string KeyDefaultValue = "Default value";
        private const string KeyPipelineInput = "Accept pipeline input";
        private const string KeyWildcards = "Accept wildcard characters";
        private const string KeyAcceptedValues = "Accepted values";
        private const string KeyApplicable = "Applicable";

        private static readonly string[] KnownYamlKeys =
        {
            KeyType, KeyParameterSets, KeyAliases, KeyRequired, KeyPosition, KeyDefaultValue, KeyPipelineInput, KeyWildcards,
            KeyAcceptedValues, KeyApplicable,
        };

        private static readonly string[] RequiredYamlKeys = { KeyType, KeyParameterSets, KeyRequired, KeyPosition };

        private static readonly Regex FenceOpen = new Regex(@"^( {0,3})(`{3,}|~{3,})(.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex FenceClose = new Regex(@"^ {0,3}(`{3,}|~{3,})[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex Heading = new Regex(@"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex DefaultSetMark = new Regex(@"^(.*?)\s*\(Default\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex ParameterHeading = new Regex(@"^-([A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant);
        private static readonly Regex PipelineInputValue = new Regex(@"^(True|False)(\s*\(.*\))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex MarkdownLink = new Regex(@"\[([^\]]+)\]\(([^)]*)\)", RegexOptions.CultureInvariant);
        private static readonly Regex SyntaxParameter = new Regex(@"(?<=[\[\s])-([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

        private enum Kind
        {
            Blank,
            Text,
            Heading,
            Fence,
        }

        private sealed class Block
        {
            public Kind Kind;
            public int Line;
            public int Level;
            public string Text;
            public string Info;
            public List<string> Content;
            public List<string> Raw;

            public bool IsYamlFence => Kind == Kind.Fence && string.Equals(Info, "yaml", StringComparison.OrdinalIgnoreCase);
        }

        private sealed class Section
        {
            public Block Heading;
            public List<Block> Body;
        }

        private readonly string _path;
        private readonly string[] _lines;

        public HelpParser(string text, string path)
        {
            _path = path;
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }
            _lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        }

        /// <summary>Parameter names (without dash) a syntax line names, in order, each once.</summary>
        public static IReadOnlyList<string> SyntaxParameterNames(string syntaxText)
        {
            var names = new List<string>();
            foreach (Match m in SyntaxParameter.Matches(syntaxText ?? string.Empty))
            {
                string name = m.Groups[1].Value;
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(name);
                }
            }
            return names;
        }

        public HelpDocument Parse()
        {
            int start = ReadFrontMatter(out Dictionary<string, string> metadata);
            List<Block> blocks = Tokenize(start);

            int i = 0;
            while (i < blocks.Count && blocks[i].Kind == Kind.Blank)
            {
                i++;
            }
            if (i == blocks.Count)
            {
                throw Error(Math.Max(1, start), "the page has no '# <command name>' title.");
            }
            Block title = blocks[i];
            if (title.Kind != Kind.Heading || title.Level != 1)
            {
                throw Error(title.Line, $"expected the '# <command name>' title here, found '{Describe(title)}'.");
            }
            if (string.IsNullOrWhiteSpace(title.Text))
            {
                throw Error(title.Line, "the '# ' title is empty; it must be the command name.");
            }
            i++;

            var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
            while (i < blocks.Count)
            {
                Block b = blocks[i];
                if (b.Kind == Kind.Blank)
                {
                    i++;
                    continue;
                }
                if (b.Kind == Kind.Heading && b.Level == 1)
                {
                    throw Error(b.Line, $"a second '# ' title ('# {b.Text}'); a page documents one command.");
                }
                if (b.Kind != Kind.Heading || b.Level != 2)
                {
                    throw Error(b.Line, $"unexpected '{Describe(b)}' before the first '## ' section.");
                }
                string key = Regex.Replace(b.Text.Trim(), @"\s+", " ").ToUpperInvariant();
                if (!KnownSections.Contains(key))
                {
                    throw Error(b.Line, $"unknown section '## {b.Text}'; the sections are: {string.Join(", ", KnownSections)}.");
                }
                if (sections.TryGetValue(key, out Section first))
                {
                    throw Error(b.Line, $"a second '## {key}' section (the first is on line {first.Heading.Line}).");
                }
                var body = new List<Block>();
                i++;
                while (i < blocks.Count && !(blocks[i].Kind == Kind.Heading && blocks[i].Level <= 2))
                {
                    body.Add(blocks[i]);
                    i++;
                }
                sections[key] = new Section { Heading = b, Body = body };
            }

            string synopsis = sections.TryGetValue("SYNOPSIS", out Section s) ? Prose(s.Body, "SYNOPSIS") : string.Empty;
            string description = sections.TryGetValue("DESCRIPTION", out s) ? Prose(s.Body, "DESCRIPTION") : string.Empty;
            string notes = sections.TryGetValue("NOTES", out s) ? Prose(s.Body, "NOTES") : string.Empty;
            List<HelpSyntax> syntax = sections.TryGetValue("SYNTAX", out s) ? ParseSyntax(s.Body) : new List<HelpSyntax>();
            List<HelpExample> examples = sections.TryGetValue("EXAMPLES", out s) ? ParseExamples(s.Body) : new List<HelpExample>();
            List<HelpParameter> parameters = sections.TryGetValue("PARAMETERS", out s) ? ParseParameters(s.Body) : new List<HelpParameter>();
            List<HelpTypeInfo> inputs = sections.TryGetValue("INPUTS", out s) ? ParseTypes(s.Body, "INPUTS") : new List<HelpTypeInfo>();
            List<HelpTypeInfo> outputs = sections.TryGetValue("OUTPUTS", out s) ? ParseTypes(s.Body, "OUTPUTS") : new List<HelpTypeInfo>();
            List<HelpRelatedLink> links = sections.TryGetValue("RELATED LINKS", out s) ? ParseLinks(s.Body) : new List<HelpRelatedLink>();

            CheckSyntaxAgainstParameters(syntax, parameters);

            return new HelpDocument(_path, metadata, title.Text, title.Line, synopsis, description, syntax, examples, parameters,
                inputs, outputs, notes, links);
        }

        private HelpFormatException Error(int line, string reason) => new HelpFormatException(_path, line, reason);

        private static string Describe(Block b)
        {
            switch (b.Kind)
            {
                case Kind.Heading:
                    return new string('#', b.Level) + " " + b.Text;
                case Kind.Fence:
                    return "```" + b.Info + " code block";
                default:
                    string text = b.Text.Trim();
                    return text.Length > 40 ? text.Substring(0, 40) + "..." : text;
            }
        }

        private int ReadFrontMatter(out Dictionary<string, string> metadata)
        {
            metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (_lines[0].TrimEnd() != "---")
            {
                return 0;
            }
            int end = -1;
            for (int k = 1; k < _lines.Length; k++)
            {
                if (_lines[k].TrimEnd() == "---")
                {
                    end = k;
                    break;
                }
            }
            if (end < 0)
            {
                throw Error(1, "the front matter opened here is never closed by a '---' line.");
            }
            for (int k = 1; k < end; k++)
            {
                string line = _lines[k];
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw Error(k + 1, $"the front matter line '{line.Trim()}' is not 'key: value'.");
                }
                string key = line.Substring(0, colon).Trim();
                if (metadata.ContainsKey(key))
                {
                    throw Error(k + 1, $"the front matter key '{key}' appears twice.");
                }
                metadata[key] = line.Substring(colon + 1).Trim();
            }
            return end + 1;
        }

        private List<Block> Tokenize(int start)
        {
            var blocks = new List<Block>();
            int i = start;
            while (i < _lines.Length)
            {
                string line = _lines[i];
                int lineNumber = i + 1;
                Match fence = FenceOpen.Match(line);
                if (fence.Success && !(fence.Groups[2].Value[0] == '`' && fence.Groups[3].Value.Contains('`')))
                {
                    int indent = fence.Groups[1].Length;
                    string marker = fence.Groups[2].Value;
                    var content = new List<string>();
                    var raw = new List<string> { line };
                    int k = i + 1;
                    bool closed = false;
                    for (; k < _lines.Length; k++)
                    {
                        Match close = FenceClose.Match(_lines[k]);
                        raw.Add(_lines[k]);
                        if (close.Success && close.Groups[1].Value[0] == marker[0] && close.Groups[1].Length >= marker.Length)
                        {
                            closed = true;
                            break;
                        }
                        content.Add(RemoveIndent(_lines[k], indent));
                    }
                    if (!closed)
                    {
                        throw Error(lineNumber, $"the code block opened here with {marker} is never closed.");
                    }
                    blocks.Add(new Block { Kind = Kind.Fence, Line = lineNumber, Info = fence.Groups[3].Value.Trim(), Content = content, Raw = raw });
                    i = k + 1;
                    continue;
                }
                Match heading = Heading.Match(line);
                if (heading.Success && heading.Groups[1].Length <= 3)
                {
                    string text = heading.Groups[2].Success ? heading.Groups[2].Value : string.Empty;
                    text = Regex.Replace(text, @"[ \t]+#+$", string.Empty);
                    blocks.Add(new Block { Kind = Kind.Heading, Line = lineNumber, Level = heading.Groups[1].Length, Text = text.Trim(), Raw = new List<string> { line } });
                }
                else if (line.Trim().Length == 0)
                {
                    blocks.Add(new Block { Kind = Kind.Blank, Line = lineNumber, Text = string.Empty, Raw = new List<string> { string.Empty } });
                }
                else
                {
                    blocks.Add(new Block { Kind = Kind.Text, Line = lineNumber, Text = line, Raw = new List<string> { line.TrimEnd() } });
                }
                i++;
            }
            return blocks;
        }

        private static string RemoveIndent(string line, int indent)
        {
            int n = 0;
            while (n < indent && n < line.Length && line[n] == ' ')
            {
                n++;
            }
            return line.Substring(n);
        }

        /// <summary>The blocks' source lines joined by "\n", without leading and trailing blank lines.</summary>
        private static string JoinRaw(IEnumerable<Block> blocks)
        {
            List<string> lines = blocks.SelectMany(b => b.Raw).ToList();
            int first = 0;
            while (first < lines.Count && lines[first].Trim().Length == 0)
            {
                first++;
            }
            int last = lines.Count - 1;
            while (last >= first && lines[last].Trim().Length == 0)
            {
                last--;
            }
            return string.Join("\n", lines.Skip(first).Take(last - first + 1));
        }

        private string Prose(List<Block> body, string section)
        {
            Block heading = body.FirstOrDefault(b => b.Kind == Kind.Heading);
            if (heading != null)
            {
                throw Error(heading.Line, $"unexpected '### {heading.Text}' heading in {section}.");
            }
            return JoinRaw(body);
        }

        private List<Section> Subsections(List<Block> body, string section, string expected)
        {
            var result = new List<Section>();
            foreach (Block b in body)
            {
                if (b.Kind == Kind.Heading)
                {
                    result.Add(new Section { Heading = b, Body = new List<Block>() });
                }
                else if (result.Count > 0)
                {
                    result[result.Count - 1].Body.Add(b);
                }
                else if (b.Kind != Kind.Blank)
                {
                    throw Error(b.Line, $"unexpected '{Describe(b)}' in {section} before the first '### ' heading; expected {expected}.");
                }
            }
            return result;
        }

        private List<HelpSyntax> ParseSyntax(List<Block> body)
        {
            var result = new List<HelpSyntax>();
            foreach (Section sub in Subsections(body, "SYNTAX", "'### <parameter set name>' and its code block"))
            {
                string name = sub.Heading.Text;
                bool isDefault = false;
                Match mark = DefaultSetMark.Match(name);
                if (mark.Success)
                {
                    name = mark.Groups[1].Value;
                    isDefault = true;
                }
                if (name.Length == 0)
                {
                    throw Error(sub.Heading.Line, "the parameter set heading has no name.");
                }
                HelpSyntax twin = result.FirstOrDefault(x => string.Equals(x.ParameterSetName, name, StringComparison.OrdinalIgnoreCase));
                if (twin != null)
                {
                    throw Error(sub.Heading.Line, $"the parameter set '{name}' appears twice in SYNTAX (first on line {twin.LineNumber}).");
                }
                Block code = null;
                foreach (Block b in sub.Body)
                {
                    if (b.Kind == Kind.Blank)
                    {
                        continue;
                    }
                    if (b.Kind != Kind.Fence)
                    {
                        throw Error(b.Line, $"unexpected '{Describe(b)}' in the syntax of '{name}'; only its code block belongs there.");
                    }
                    if (code != null)
                    {
                        throw Error(b.Line, $"a second code block in the syntax of '{name}'.");
                    }
                    code = b;
                }
                if (code == null)
                {
                    throw Error(sub.Heading.Line, $"the syntax '### {sub.Heading.Text}' has no code block.");
                }
                string text = string.Join("\n", code.Content).Trim();
                if (text.Length == 0)
                {
                    throw Error(code.Line, $"the syntax code block of '{name}' is empty.");
                }
                result.Add(new HelpSyntax(name, isDefault, text, sub.Heading.Line));
            }
            return result;
        }

        private List<HelpExample> ParseExamples(List<Block> body)
        {
            var result = new List<HelpExample>();
            foreach (Section sub in Subsections(body, "EXAMPLES", "'### Example 1: <title>'"))
            {
                if (sub.Heading.Text.Length == 0)
                {
                    throw Error(sub.Heading.Line, "the example heading has no title.");
                }
                int firstCode = sub.Body.FindIndex(b => b.Kind == Kind.Fence);
                if (firstCode < 0)
                {
                    throw Error(sub.Heading.Line, $"the example '### {sub.Heading.Text}' has no code block.");
                }
                string intro = JoinRaw(sub.Body.Take(firstCode));
                string code = string.Join("\n\n", sub.Body.Where(b => b.Kind == Kind.Fence).Select(b => string.Join("\n", b.Content)));
                string remarks = JoinRaw(sub.Body.Skip(firstCode).Where(b => b.Kind != Kind.Fence));
                result.Add(new HelpExample(sub.Heading.Text, intro, code, remarks));
            }
            return result;
        }

        private List<HelpParameter> ParseParameters(List<Block> body)
        {
            var result = new List<HelpParameter>();
            foreach (Section sub in Subsections(body, "PARAMETERS", "'### -<ParameterName>'"))
            {
                string heading = sub.Heading.Text;
                if (string.Equals(heading, "CommonParameters", StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(heading, "WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                Match m = ParameterHeading.Match(heading);
                if (!m.Success)
                {
                    throw Error(sub.Heading.Line, $"expected '### -<ParameterName>' or '### CommonParameters', found '### {heading}'.");
                }
                string name = m.Groups[1].Value;
                HelpParameter twin = result.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (twin != null)
                {
                    throw Error(sub.Heading.Line, $"the parameter -{name} is documented twice (first on line {twin.LineNumber}).");
                }
                int firstYaml = sub.Body.FindIndex(b => b.IsYamlFence);
                if (firstYaml < 0)
                {
                    throw Error(sub.Heading.Line, $"the parameter -{name} has no ```yaml block with its attributes.");
                }
                var blocks = new List<HelpParameterBlock>();
                foreach (Block b in sub.Body.Skip(firstYaml))
                {
                    if (b.Kind == Kind.Blank)
                    {
                        continue;
                    }
                    if (!b.IsYamlFence)
                    {
                        throw Error(b.Line, $"unexpected '{Describe(b)}' after the yaml block of -{name}; the description goes before it.");
                    }
                    blocks.Add(ParseYaml(b, name));
                }
                string description = JoinRaw(sub.Body.Take(firstYaml));
                result.Add(new HelpParameter(name, description, sub.Heading.Line, blocks));
            }
            return result;
        }

        private HelpParameterBlock ParseYaml(Block fence, string parameter)
        {
            var values = new Dictionary<string, KeyValuePair<string, int>>(StringComparer.Ordinal);
            for (int k = 0; k < fence.Content.Count; k++)
            {
                string line = fence.Content[k];
                int lineNumber = fence.Line + 1 + k;
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw Error(lineNumber, $"expected 'Key: value' in the yaml block of -{parameter}, found '{line.Trim()}'.");
                }
                string written = line.Substring(0, colon).Trim();
                string key = KnownYamlKeys.FirstOrDefault(x => string.Equals(x, written, StringComparison.OrdinalIgnoreCase));
                if (key == null)
                {
                    throw Error(lineNumber, $"unknown key '{written}' in the yaml block of -{parameter}; the keys are: {string.Join(", ", KnownYamlKeys)}.");
                }
                if (values.TryGetValue(key, out KeyValuePair<string, int> earlier))
                {
                    throw Error(lineNumber, $"the key '{key}' appears twice in the yaml block of -{parameter} (first on line {earlier.Value}).");
                }
                values[key] = new KeyValuePair<string, int>(line.Substring(colon + 1).Trim(), lineNumber);
            }
            foreach (string key in RequiredYamlKeys)
            {
                if (!values.ContainsKey(key))
                {
                    throw Error(fence.Line, $"the yaml block of -{parameter} has no '{key}' key.");
                }
            }

            string type = values[KeyType].Key;
            if (type.Length == 0)
            {
                throw Error(values[KeyType].Value, $"the 'Type' of -{parameter} is empty.");
            }
            List<string> sets = SplitList(values[KeyParameterSets].Key);
            if (sets.Count == 0)
            {
                throw Error(values[KeyParameterSets].Value, $"the 'Parameter Sets' of -{parameter} is empty; write (All) or the set names.");
            }
            bool required = ParseBool(values[KeyRequired], KeyRequired, parameter);
            string position = values[KeyPosition].Key;
            if (string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase))
            {
                position = "Named";
            }
            else if (int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                position = index.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                throw Error(values[KeyPosition].Value, $"the 'Position' of -{parameter} must be Named or a number, not '{position}'.");
            }
            string defaultValue = Value(values, KeyDefaultValue);
            if (defaultValue.Length == 0)
            {
                defaultValue = "None";
            }
            string pipelineInput = Value(values, KeyPipelineInput);
            if (pipelineInput.Length == 0)
            {
                pipelineInput = "False";
            }
            else if (!PipelineInputValue.IsMatch(pipelineInput))
            {
                throw Error(values[KeyPipelineInput].Value,
                    $"'Accept pipeline input' of -{parameter} must be False or True (ByValue, ByPropertyName ...), not '{pipelineInput}'.");
            }
            bool wildcards = values.TryGetValue(KeyWildcards, out KeyValuePair<string, int> wild) && ParseBool(wild, KeyWildcards, parameter);
            string applicable = values.TryGetValue(KeyApplicable, out KeyValuePair<string, int> app) ? app.Key : null;
            return new HelpParameterBlock(fence.Line, type, sets, SplitList(Value(values, KeyAliases)), required, position, defaultValue,
                pipelineInput, wildcards, SplitList(Value(values, KeyAcceptedValues)), applicable);
        }

        private static string Value(Dictionary<string, KeyValuePair<string, int>> values, string key) =>
            values.TryGetValue(key, out KeyValuePair<string, int> v) ? v.Key : string.Empty;

        private bool ParseBool(KeyValuePair<string, int> value, string key, string parameter)
        {
            if (string.Equals(value.Key, "True", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (string.Equals(value.Key, "False", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            throw Error(value.Value, $"'{key}' of -{parameter} must be True or False, not '{value.Key}'.");
        }

        private static List<string> SplitList(string value) =>
            value.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();

        private List<HelpTypeInfo> ParseTypes(List<Block> body, string section)
        {
            var result = new List<HelpTypeInfo>();
            foreach (Section sub in Subsections(body, section, "'### <type name>'"))
            {
                if (sub.Heading.Text.Length == 0)
                {
                    throw Error(sub.Heading.Line, $"a '### ' heading in {section} without a type name.");
                }
                result.Add(new HelpTypeInfo(sub.Heading.Text, JoinRaw(sub.Body)));
            }
            return result;
        }

        private List<HelpRelatedLink> ParseLinks(List<Block> body)
        {
            var result = new List<HelpRelatedLink>();
            foreach (Block b in body)
            {
                switch (b.Kind)
                {
                    case Kind.Blank:
                        continue;
                    case Kind.Heading:
                        throw Error(b.Line, $"unexpected '### {b.Text}' heading in RELATED LINKS.");
                    case Kind.Fence:
                        throw Error(b.Line, "unexpected code block in RELATED LINKS; write one [text](address) per line.");
                }
                MatchCollection links = MarkdownLink.Matches(b.Text);
                if (links.Count == 0)
                {
                    result.Add(new HelpRelatedLink(b.Text.Trim(), string.Empty));
                    continue;
                }
                foreach (Match link in links)
                {
                    result.Add(new HelpRelatedLink(link.Groups[1].Value.Trim(), link.Groups[2].Value.Trim()));
                }
            }
            return result;
        }

        private void CheckSyntaxAgainstParameters(List<HelpSyntax> syntax, List<HelpParameter> parameters)
        {
            foreach (HelpSyntax item in syntax)
            {
                foreach (string name in item.ParameterNames)
                {
                    if (!parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw Error(item.LineNumber, $"the syntax of '{item.ParameterSetName}' names -{name}, which has no '### -{name}' in PARAMETERS.");
                    }
                }
            }
            if (syntax.Count == 0)
            {
                return;
            }
            foreach (HelpParameter parameter in parameters)
            {
                foreach (HelpParameterBlock block in parameter.Blocks)
                {
                    foreach (string set in block.ParameterSets)
                    {
                        if (set != HelpParameter.AllSets &&
                            !syntax.Any(x => string.Equals(x.ParameterSetName, set, StringComparison.OrdinalIgnoreCase)))
                        {
                            throw Error(block.LineNumber, $"-{parameter.Name} names the parameter set '{set}', which has no '### {set}' in SYNTAX.");
                        }
                    }
                }
            }
        }
    }
}
