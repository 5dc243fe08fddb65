using CommerceConnector.ModuleBuilder;

namespace CommerceConnector.Module.Tests
{
    /// <summary>Every cmdlet has a help page with synopsis, description, every parameter and a real example.</summary>
    public sealed class HelpPageTests
    {
        public static IEnumerable<object[]> Cmdlets() => CmdletMetadata.Cmdlets.Select(c => new object[] { c.Name });

        private static string PagePath(string name) => Path.Combine(CmdletMetadata.RepositoryRoot, "docs", "en-US", name + ".md");

        private static (CmdletDescription Cmdlet, HelpDocument Page) Load(string name)
        {
            string path = PagePath(name);
            Assert.True(File.Exists(path), $"{name} has no help page at docs/en-US/{name}.md");
            return (CmdletMetadata.Cmdlets.Single(c => c.Name == name), HelpDocument.Load(path));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void HasAPageWithSynopsisDescriptionAndAnExample(string name)
        {
            var (_, page) = Load(name);

            Assert.Equal(name, page.Name);
            Assert.False(string.IsNullOrWhiteSpace(page.Synopsis), $"{name}: empty SYNOPSIS");
            Assert.True(page.Description.Trim().Length >= 40, $"{name}: the DESCRIPTION says too little");
            Assert.NotEmpty(page.Examples);
            Assert.Contains(page.Examples, e => e.Code.Contains(name, StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void DocumentsEveryParameterAndNoOther(string name)
        {
            var (cmdlet, page) = Load(name);
            var expected = cmdlet.Parameters.Select(p => p.Name).ToList();
            if (cmdlet.SupportsShouldProcess)
            {
                expected.Add("WhatIf");
                expected.Add("Confirm");
            }

            Assert.Equal(expected.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), page.Parameters.Select(p => p.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
            foreach (var parameter in page.Parameters)
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{name} -{parameter.Name}: no description");
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ParameterTypesAndMandatoryFlagsMatchTheCode(string name)
        {
            var (cmdlet, page) = Load(name);
            foreach (var parameter in cmdlet.Parameters)
            {
                var documented = page.FindParameter(parameter.Name);
                string shortType = parameter.TypeName.Substring(parameter.TypeName.LastIndexOf('.') + 1).Replace('+', '.');
                Assert.True(documented.Type.EndsWith(shortType, StringComparison.Ordinal), $"{name} -{parameter.Name}: documented as {documented.Type}, declared as {parameter.TypeName}");
                if (parameter.Mandatory && documented.Blocks.Count == 1 && cmdlet.Parameters.Count(p => p.Name == parameter.Name) == 1)
                {
                    Assert.True(documented.Required, $"{name} -{parameter.Name} is mandatory but documented as optional");
                }
            }
        }
    }
}
