using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>One <c>### SetName</c> block of the SYNTAX section.</summary>
    public sealed class HelpSyntax
    {
        /// <summary>The name used for a command that has a single, unnamed parameter set.</summary>
        public const string AllParameterSets = "__AllParameterSets";

        public HelpSyntax(string parameterSetName, bool isDefault, string text, int lineNumber)
        {
            ParameterSetName = parameterSetName;
            IsDefault = isDefault;
            Text = text;
            LineNumber = lineNumber;
        }

        /// <summary>The set's name without the " (Default)" mark.</summary>
        public string ParameterSetName { get; }

        /// <summary>True when the heading was marked " (Default)".</summary>
        public bool IsDefault { get; }

        /// <summary>The syntax line(s) of the code block, e.g. <c>Get-X [[-Name] &lt;String&gt;] [&lt;CommonParameters&gt;]</c>.</summary>
        public string Text { get; }

        public int LineNumber { get; }

        /// <summary>The parameter names (without dash) the syntax text names, in order of appearance.</summary>
        public IReadOnlyList<string> ParameterNames => HelpParser.SyntaxParameterNames(Text);
    }

    /// <summary>One <c>### Example</c> block.</summary>
    public sealed class HelpExample
    {
        public HelpExample(string title, string introduction, string code, string remarks)
        {
            Title = title;
            Introduction = introduction;
            Code = code;
            Remarks = remarks;
        }

        /// <summary>The heading text, e.g. "Example 1: Get every account".</summary>
        public string Title { get; }

        /// <summary>Text between the heading and the first code block (usually empty).</summary>
        public string Introduction { get; }

        /// <summary>The code block's text exactly as written (several blocks are joined by a blank line), lines separated by "\n".</summary>
        public string Code { get; }

        /// <summary>The text after the code block.</summary>
        public string Remarks { get; }
    }

    /// <summary>The attributes of one <c>```yaml</c> block of a parameter (platyPS writes one block per group of parameter sets).</summary>
    public sealed class HelpParameterBlock
    {
        internal HelpParameterBlock(int lineNumber, string type, IReadOnlyList<string> parameterSets, IReadOnlyList<string> aliases,
            bool required, string position, string defaultValue, string pipelineInput, bool wildcards,
            IReadOnlyList<string> acceptedValues, string applicable)
        {
            LineNumber = lineNumber;
            Type = type;
            ParameterSets = parameterSets;
            Aliases = aliases;
            Required = required;
            Position = position;
            DefaultValue = defaultValue;
            PipelineInput = pipelineInput;
            Wildcards = wildcards;
            AcceptedValues = acceptedValues;
            Applicable = applicable;
        }

        /// <summary>Line of the opening <c>```yaml</c> fence.</summary>
        public int LineNumber { get; }

        public string Type { get; }

        /// <summary>"(All)" or the set names.</summary>
        public IReadOnlyList<string> ParameterSets { get; }

        public IReadOnlyList<string> Aliases { get; }

        public bool Required { get; }

        /// <summary>"Named" or a 0-based position such as "0".</summary>
        public string Position { get; }

        /// <summary>"None" when the page gives none.</summary>
        public string DefaultValue { get; }

        /// <summary>As written, e.g. "True (ByPropertyName, ByValue)" or "False".</summary>
        public string PipelineInput { get; }

        public bool Wildcards { get; }

        /// <summary>The "Accepted values" list (ValidateSet or enum values); empty when not given.</summary>
        public IReadOnlyList<string> AcceptedValues { get; }

        /// <summary>platyPS's optional "Applicable" key; null when not given.</summary>
        public string Applicable { get; }

        /// <summary>True when this block covers the named parameter set.</summary>
        public bool AppliesTo(string parameterSetName) =>
            ParameterSets.Any(s => s == HelpParameter.AllSets || string.Equals(s, parameterSetName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>One <c>### -Name</c> block of the PARAMETERS section.</summary>
    public sealed class HelpParameter
    {
        /// <summary>The "Parameter Sets" value meaning every set.</summary>
        public const string AllSets = "(All)";

        internal HelpParameter(string name, string description, int lineNumber, IReadOnlyList<HelpParameterBlock> blocks)
        {
            Name = name;
            Description = description;
            LineNumber = lineNumber;
            Blocks = blocks;
            ParameterSets = blocks.SelectMany(b => b.ParameterSets).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>The parameter's name without the dash.</summary>
        public string Name { get; }

        public string Description { get; }

        /// <summary>Line of the <c>### -Name</c> heading.</summary>
        public int LineNumber { get; }

        /// <summary>Every yaml block, in page order (usually one).</summary>
        public IReadOnlyList<HelpParameterBlock> Blocks { get; }

        /// <summary>Every set named by any yaml block.</summary>
        public IReadOnlyList<string> ParameterSets { get; }

        // The remaining attributes are the first yaml block's.
        public string Type => Blocks[0].Type;
        public IReadOnlyList<string> Aliases => Blocks[0].Aliases;
        public bool Required => Blocks[0].Required;
        public string Position => Blocks[0].Position;
        public string DefaultValue => Blocks[0].DefaultValue;
        public string PipelineInput => Blocks[0].PipelineInput;
        public bool Wildcards => Blocks[0].Wildcards;
        public IReadOnlyList<string> AcceptedValues => Blocks[0].AcceptedValues;

        /// <summary>True for [switch] parameters.</summary>
        public bool IsSwitch => string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);

        /// <summary>The yaml block that covers the named set, or null.</summary>
        public HelpParameterBlock BlockFor(string parameterSetName) => Blocks.FirstOrDefault(b => b.AppliesTo(parameterSetName));
    }

    /// <summary>A <c>### TypeName</c> entry of INPUTS or OUTPUTS.</summary>
    public sealed class HelpTypeInfo
    {
        public HelpTypeInfo(string name, string description)
        {
            Name = name;
            Description = description;
        }

        public string Name { get; }

        /// <summary>Empty when the page gives none.</summary>
        public string Description { get; }
    }

    /// <summary>A line of RELATED LINKS: <c>[text](uri)</c>, or plain text (then Uri is empty).</summary>
    public sealed class HelpRelatedLink
    {
        public HelpRelatedLink(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }

        /// <summary>As written: an absolute address, a relative page such as "Get-X.md", or empty.</summary>
        public string Uri { get; }

        /// <summary>True for http:// and https:// addresses.</summary>
        public bool IsWebAddress => Uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }
}
