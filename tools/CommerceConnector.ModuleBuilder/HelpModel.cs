using System;
using System.Collections.Generic;
using System.Linq;

namespace CommerceConnector.ModuleBuilder
{
    /// <summary>One <c>### SetName</c> block of the SYNTAX section.</summary>
    /// <param name="ParameterSetName">The set's name without the " (Default)" mark.</param>
    /// <param name="IsDefault">True when the heading was marked " (Default)".</param>
    /// <param name="Text">The syntax line(s) of the code block, e.g. <c>Get-X [[-Name] &lt;String&gt;] [&lt;CommonParameters&gt;]</c>.</param>
    /// <param name="LineNumber">Line of the <c>### SetName</c> heading.</param>
    public sealed record HelpSyntax(string ParameterSetName, bool IsDefault, string Text, int LineNumber)
    {
        /// <summary>The name used for a command that has a single, unnamed parameter set.</summary>
        public const string AllParameterSets = "__AllParameterSets";

        /// <summary>The parameter names (without dash) the syntax text names, in order of appearance.</summary>
        public IReadOnlyList<string> ParameterNames => HelpParser.SyntaxParameterNames(Text);
    }

    /// <summary>One <c>### Example</c> block.</summary>
    /// <param name="Title">The heading text, e.g. "Example 1: Get every account".</param>
    /// <param name="Introduction">Text between the heading and the first code block (usually empty).</param>
    /// <param name="Code">The code block's text exactly as written (several blocks are joined by a blank line), lines separated by "\n".</param>
    /// <param name="Remarks">The text after the code block.</param>
    public sealed record HelpExample(string Title, string Introduction, string Code, string Remarks);

    /// <summary>The attributes of one <c>```yaml</c> block of a parameter (platyPS writes one block per group of parameter sets).</summary>
    /// <param name="LineNumber">Line of the opening <c>```yaml</c> fence.</param>
    /// <param name="Type">The parameter's type as written.</param>
    /// <param name="ParameterSets">"(All)" or the set names.</param>
    /// <param name="Aliases">The aliases; empty when none.</param>
    /// <param name="Required">The "Required" value.</param>
    /// <param name="Position">"Named" or a 0-based position such as "0".</param>
    /// <param name="DefaultValue">"None" when the page gives none.</param>
    /// <param name="PipelineInput">As written, e.g. "True (ByPropertyName, ByValue)" or "False".</param>
    /// <param name="Wildcards">The "Accept wildcard characters" value.</param>
    /// <param name="AcceptedValues">The "Accepted values" list (ValidateSet or enum values); empty when not given.</param>
    /// <param name="Applicable">platyPS's optional "Applicable" key; null when not given.</param>
    public sealed record HelpParameterBlock(int LineNumber, string Type, IReadOnlyList<string> ParameterSets, IReadOnlyList<string> Aliases,
        bool Required, string Position, string DefaultValue, string PipelineInput, bool Wildcards, IReadOnlyList<string> AcceptedValues,
        string Applicable)
    {
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
    /// <param name="Name">The type's name as written.</param>
    /// <param name="Description">Empty when the page gives none.</param>
    public sealed record HelpTypeInfo(string Name, string Description);

    /// <summary>A line of RELATED LINKS: <c>[text](uri)</c>, or plain text (then Uri is empty).</summary>
    /// <param name="Text">The link's text.</param>
    /// <param name="Uri">As written: an absolute address, a relative page such as "Get-X.md", or empty.</param>
    public sealed record HelpRelatedLink(string Text, string Uri)
    {
        /// <summary>True for http:// and https:// addresses.</summary>
        public bool IsWebAddress => Uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }
}
