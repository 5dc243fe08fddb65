using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace CommerceConnector.ModuleBuilder.Tests
{
    public class ModuleManifestTests
    {
        [Fact]
        public void ReadsStringsListsCommentsHereStringsAndNestedTables()
        {
            const string text = """
                <# A block comment with 'quotes' and CmdletsToExport = 'Nope' #>
                @{
                    # ModuleVersion = '9.9.9'
                    ModuleVersion = '1.2.3'   # trailing comment
                    RootModule = "Thing.dll"
                    Description = 'It''s a "thing"'
                    Notes = @'
                Line one
                Line two
                '@
                    CmdletsToExport = @(
                        'Get-Thing'
                        'Set-Thing', 'Remove-Thing'
                    )
                    FunctionsToExport = @()
                    AliasesToExport = 'a', 'b'
                    PowerShellVersion = 5.1
                    PrivateData = @{ PSData = @{ Tags = @('x', 'y'); ProjectUri = 'https://example.invalid' } }
                }
                """;
            ModuleManifest manifest = ModuleManifest.Parse(text);

            Assert.Equal("1.2.3", manifest.ModuleVersion);
            Assert.Equal("Thing.dll", manifest.RootModule);
            Assert.Equal("It's a \"thing\"", manifest.GetString("description"));
            Assert.Equal("Line one\nLine two", manifest.GetString("Notes"));
            Assert.Equal(new[] { "Get-Thing", "Set-Thing", "Remove-Thing" }, manifest.CmdletsToExport);
            Assert.Empty(manifest.GetStringList("FunctionsToExport"));
            Assert.Equal(new[] { "a", "b" }, manifest.GetStringList("AliasesToExport"));
            Assert.Equal("5.1", manifest.GetString("PowerShellVersion"));
            Assert.Empty(manifest.FormatsToProcess);
            var data = (IReadOnlyDictionary<string, object>)((IReadOnlyDictionary<string, object>)manifest.Values["PrivateData"])["PSData"];
            Assert.Equal(new object[] { "x", "y" }, (IReadOnlyList<object>)data["Tags"]);
            Assert.Equal(new[] { "ModuleVersion", "RootModule", "Description", "Notes", "CmdletsToExport", "FunctionsToExport", "AliasesToExport",
                "PowerShellVersion", "PrivateData" }, manifest.Values.Keys);
        }

        [Theory]
        [InlineData("@{\n  A = 'x'\n  A = 'y'\n}", "<manifest>:3: the key 'A' appears twice.")]
        [InlineData("@{\n  A = 'x\n}", "<manifest>:2: the string opened here is never closed.")]
        [InlineData("@{\n  A = @('x'\n", "<manifest>:2: the array opened here with '@(' is never closed.")]
        [InlineData("@{\n  A 'x'\n}", "<manifest>:2: expected '=', found 'x'.")]
        [InlineData("'x'", "<manifest>:1: expected '@{', found 'x'.")]
        [InlineData("@{ A = \"$env:X\" }", "<manifest>:1: variables in double-quoted strings are not allowed in a manifest; use single quotes.")]
        public void MalformedManifestsNameTheLine(string text, string message)
        {
            var ex = Assert.Throws<LayoutException>(() => ModuleManifest.Parse(text));
            Assert.Equal(message, ex.Message);
        }

        [Fact]
        public void AListWhereAStringBelongsIsAnError()
        {
            ModuleManifest manifest = ModuleManifest.Parse("@{ RootModule = 'a.dll', 'b.dll' }", "/x/M.psd1");
            var ex = Assert.Throws<LayoutException>(() => manifest.RootModule);
            Assert.Equal("/x/M.psd1: 'RootModule' must be a single string.", ex.Message);
            Assert.Equal("M", manifest.ModuleName);
        }

        [Fact]
        public void ReadsTheRepositoryManifest()
        {
            ModuleManifest manifest = ModuleManifest.Load(Path.Combine(RepositoryPaths.Root, "CommerceConnector.psd1"));

            Assert.Equal("CommerceConnector", manifest.ModuleName);
            Assert.Equal("CommerceConnector.dll", manifest.RootModule);
            Assert.Equal(new[] { "CommerceConnector.Format.ps1xml" }, manifest.FormatsToProcess);
            Assert.Matches(@"^\d+\.\d+\.\d+$", manifest.ModuleVersion);
            Assert.NotEmpty(manifest.CmdletsToExport);
            Assert.All(manifest.CmdletsToExport, c => Assert.Matches(new Regex("^[A-Z][a-z]+-[A-Z][A-Za-z]+$"), c));
            Assert.Equal(manifest.CmdletsToExport.Count, manifest.CmdletsToExport.Distinct().Count());
        }
    }
}
