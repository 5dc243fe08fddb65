using System.Text.RegularExpressions;

namespace CommerceConnector.Module.Tests
{
    /// <summary>The rules every cmdlet of the module follows, checked on the built assembly.</summary>
    public sealed class CmdletRulesTests
    {
        /// <summary>Verbs that change state: each must support -WhatIf/-Confirm.</summary>
        private static readonly string[] StateChangingVerbs =
        {
            "New", "Set", "Add", "Remove", "Rename", "Revoke", "Clear", "Register", "Unregister", "Update", "Reset",
            "Start", "Stop", "Send", "Connect", "Disconnect", "Repair", "Export", "Import", "Enable", "Disable", "Sync", "Move", "Copy", "Invoke",
        };

        /// <summary>Connecting and disconnecting change only the session, like Connect-AzAccount: no confirmation.</summary>
        private static readonly string[] ShouldProcessExempt = { "Connect-CommerceAccount", "Disconnect-CommerceAccount" };

        /// <summary>Cmdlets that write no objects, and therefore declare no OutputType.</summary>
        private static readonly string[] WritesNothing = { "Disconnect-CommerceAccount" };

        public static IEnumerable<object[]> Cmdlets() => CmdletMetadata.Cmdlets.Select(c => new object[] { c.Name });

        private static CmdletDescription Cmdlet(string name) => CmdletMetadata.Cmdlets.Single(c => c.Name == name);

        [Fact]
        public void TheAssemblyHasCmdlets()
        {
            Assert.True(CmdletMetadata.Cmdlets.Count >= 8, "found: " + string.Join(", ", CmdletMetadata.Cmdlets.Select(c => c.Name)));
            Assert.Contains("Get", CmdletMetadata.ApprovedVerbs);
            Assert.DoesNotContain("Generate", CmdletMetadata.ApprovedVerbs);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void UsesAnApprovedVerb(string name)
        {
            Assert.Contains(Cmdlet(name).Verb, CmdletMetadata.ApprovedVerbs);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void AStateChangingVerbSupportsShouldProcess(string name)
        {
            var cmdlet = Cmdlet(name);
            if (StateChangingVerbs.Contains(cmdlet.Verb) && !ShouldProcessExempt.Contains(name))
            {
                Assert.True(cmdlet.SupportsShouldProcess, $"{name} changes state but does not declare SupportsShouldProcess.");
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ForceComesOnlyWithShouldProcess(string name)
        {
            var cmdlet = Cmdlet(name);
            if (cmdlet.Parameters.Any(p => p.Name == "Force"))
            {
                Assert.True(cmdlet.SupportsShouldProcess, $"{name} has -Force without SupportsShouldProcess.");
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void DeclaresItsOutputTypeAsAModuleType(string name)
        {
            var cmdlet = Cmdlet(name);
            if (WritesNothing.Contains(name))
            {
                Assert.Empty(cmdlet.OutputTypes);
                return;
            }
            Assert.NotEmpty(cmdlet.OutputTypes);
            // A -Quiet switch returns one boolean for runbooks (as Test-Connection -Quiet does); everything else is a module type.
            // An Export- cmdlet writes its text as a string, so that '> file' and Set-Content write exactly that text.
            bool quiet = cmdlet.Parameters.Any(p => p.Name == "Quiet");
            bool export = cmdlet.Verb == "Export";
            Assert.All(cmdlet.OutputTypes, type => Assert.True(type.StartsWith("CommerceConnector.", StringComparison.Ordinal) || (quiet && type == "System.Boolean") || (export && type == "System.String"),
                $"{name} declares {type}"));
            Assert.Contains(cmdlet.OutputTypes, type => type.StartsWith("CommerceConnector.", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ParametersAreNotLooselyTyped(string name)
        {
            foreach (var parameter in Cmdlet(name).Parameters)
            {
                Assert.NotEqual("System.Object", parameter.TypeName);
                Assert.NotEqual("System.Management.Automation.PSObject", parameter.TypeName);
            }
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ClassNameFollowsTheVerbNounCommandConvention(string name)
        {
            Assert.Equal("CommerceConnector.Commands." + name.Replace("-", string.Empty) + "Command", Cmdlet(name).ClassName);
        }

        [Fact]
        public void TheManifestExportsExactlyTheCmdletClasses()
        {
            var exported = CmdletMetadata.ManifestCmdlets();
            Assert.Equal(exported.Distinct().Count(), exported.Count);
            Assert.Equal(CmdletMetadata.Cmdlets.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal), exported.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void TheManifestExportsNoFunctionsAliasesOrVariablesAndNoWildcards()
        {
            string manifest = File.ReadAllText(Path.Combine(CmdletMetadata.RepositoryRoot, "CommerceConnector.psd1"));
            foreach (string key in new[] { "FunctionsToExport", "AliasesToExport", "VariablesToExport" })
            {
                Assert.Matches(new Regex(key + @"\s*=\s*@\(\)"), manifest);
            }
            Assert.DoesNotContain(CmdletMetadata.ManifestCmdlets(), n => n.Contains('*'));
            Assert.Matches(@"RootModule\s*=\s*'CommerceConnector\.dll'", manifest);
            Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", manifest);
            Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Desktop',\s*'Core'\)", manifest);
            Assert.Matches(@"FormatsToProcess\s*=\s*@\('CommerceConnector\.Format\.ps1xml'\)", manifest);
        }
    }
}
