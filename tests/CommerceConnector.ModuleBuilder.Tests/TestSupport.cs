namespace CommerceConnector.ModuleBuilder.Tests
{
    /// <summary>A fresh folder under the system's temp folder, deleted on dispose.</summary>
    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ccmb-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

        /// <summary>Writes a file (creating its folder) and returns its full path.</summary>
        public string Write(string relativePath, string text)
        {
            string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full));
            File.WriteAllText(full, text);
            return full;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    internal static class Pages
    {
        /// <summary>A complete page: two parameter sets, accepted values, a switch, a parameter with two yaml blocks.</summary>
        /// <remarks>Line endings are "\n" whatever the checkout did to this source file.</remarks>
        public static readonly string Full = FullText.Replace("\r\n", "\n");

        private const string FullText = """
            ---
            external help file: CommerceConnector.dll-Help.xml
            Module Name: CommerceConnector
            online version: https://example.invalid/help/Get-CommerceWidget
            schema: 2.0.0
            ---

            # Get-CommerceWidget

            ## SYNOPSIS
            Gets widgets from the registry.

            ## SYNTAX

            ### ByName (Default)
            ```
            Get-CommerceWidget [[-Name] <String>] [-Environment <String>] [-PassThru] [<CommonParameters>]
            ```

            ### ByObject
            ```
            Get-CommerceWidget -InputObject <Widget> [-Name <String>] [-PassThru] [<CommonParameters>]
            ```

            ## DESCRIPTION
            The Get-CommerceWidget cmdlet gets widgets
            by their names.

            - first item
            - second item
              continued

            Last paragraph with `code` & <angle> text.

            ## EXAMPLES

            ### Example 1: Get every widget
            ```powershell
            PS> Get-CommerceWidget
            ```

            Gets every widget.

            Second remark.

            ### Example 2: Pipe
            Before the code.

            ```powershell
            PS> $w = Get-CommerceWidget -Name 'a*'
            	if ($w.Count -lt 3 -and $w) { "<b>" & 'x' }

              $w | Get-CommerceWidget -PassThru   
            ```

            ## PARAMETERS

            ### -Name
            The widget's name.

            Wildcards are allowed.

            ```yaml
            Type: String
            Parameter Sets: ByName
            Aliases: N, WidgetName

            Required: False
            Position: 0
            Default value: None
            Accept pipeline input: True (ByPropertyName, ByValue)
            Accept wildcard characters: True
            ```

            ```yaml
            Type: String
            Parameter Sets: ByObject
            Aliases: N, WidgetName

            Required: False
            Position: Named
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### -Environment
            The environment.

            ```yaml
            Type: String
            Parameter Sets: ByName
            Aliases:
            Accepted values: Production, Sandbox

            Required: False
            Position: Named
            Default value: Production
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### -InputObject
            A widget.

            ```yaml
            Type: Widget
            Parameter Sets: ByObject
            Aliases:

            Required: True
            Position: Named
            Default value: None
            Accept pipeline input: True (ByValue)
            Accept wildcard characters: False
            ```

            ### -PassThru
            Returns the widget.

            ```yaml
            Type: SwitchParameter
            Parameter Sets: (All)
            Aliases:

            Required: False
            Position: Named
            Default value: False
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### CommonParameters
            This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

            ## INPUTS

            ### System.String

            ### Widget
            A widget from Get-CommerceWidget.

            ## OUTPUTS

            ### CommerceConnector.Core.Widget

            ## NOTES
            Widgets are cached.

            ## RELATED LINKS

            [Set-CommerceWidget](Set-CommerceWidget.md)

            [Widget docs](https://example.invalid/widgets)
            """;

        /// <summary>The smallest valid page for a command: one parameter, one example.</summary>
        public static string Minimal(string name, string parameter = "Id") => MinimalText(name, parameter).Replace("\r\n", "\n");

        private static string MinimalText(string name, string parameter) => $$"""
            ---
            external help file: CommerceConnector.dll-Help.xml
            Module Name: CommerceConnector
            online version:
            schema: 2.0.0
            ---

            # {{name}}

            ## SYNOPSIS
            Synopsis of {{name}}.

            ## SYNTAX

            ### __AllParameterSets
            ```
            {{name}} [-{{parameter}}] <String> [<CommonParameters>]
            ```

            ## DESCRIPTION
            Description of {{name}}.

            ## EXAMPLES

            ### Example 1: Run it
            ```powershell
            PS> {{name}} -{{parameter}} x
            ```

            Runs it.

            ## PARAMETERS

            ### -{{parameter}}
            The {{parameter}}.

            ```yaml
            Type: String
            Parameter Sets: (All)
            Aliases:

            Required: True
            Position: 0
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### CommonParameters
            This cmdlet supports the common parameters.

            ## INPUTS

            ### None

            ## OUTPUTS

            ### System.Object

            ## NOTES

            ## RELATED LINKS
            """;

        /// <summary>1-based line number of the first line of <paramref name="text"/> that equals <paramref name="line"/>.</summary>
        public static int LineOf(string text, string line)
        {
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            int index = Array.IndexOf(lines, line);
            if (index < 0)
            {
                throw new ArgumentException($"'{line}' is not a line of the page.", nameof(line));
            }
            return index + 1;
        }

        /// <summary>The text with the first occurrence of <paramref name="oldText"/> replaced (which must occur).</summary>
        public static string ReplaceOnce(string text, string oldText, string newText)
        {
            int at = text.IndexOf(oldText, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new ArgumentException($"'{oldText}' does not occur.", nameof(oldText));
            }
            return text.Substring(0, at) + newText + text.Substring(at + oldText.Length);
        }
    }
}
