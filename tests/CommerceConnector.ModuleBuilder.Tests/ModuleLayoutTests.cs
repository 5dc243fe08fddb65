using System.Xml.Linq;

namespace CommerceConnector.ModuleBuilder.Tests
{
    public class ModuleLayoutTests
    {
        [Fact]
        public void LaysOutTheExactModuleTree()
        {
            using var repo = new FakeRepository();

            LayoutResult result = ModuleLayout.Build(repo.Options());

            Assert.Equal(repo.Output, result.OutputDirectory);
            Assert.Equal(FakeRepository.ExpectedTree, result.Files);
            Assert.Equal(FakeRepository.ExpectedTree, FakeRepository.Tree(repo.Output));
            Assert.Equal(new[] { "en-US" }, Directory.GetDirectories(repo.Output).Select(Path.GetFileName).OrderBy(n => n));
            Assert.Equal(new[] { "CommerceConnector" }, repo.OutputSiblings());
            Assert.Equal("CommerceConnector", result.ModuleName);
            Assert.Equal("0.3.1", result.ModuleVersion);
            Assert.Equal(new[] { "Get-Thing", "Set-Thing" }, result.HelpPages);
            Assert.Empty(result.Warnings);

            Assert.Equal(File.ReadAllBytes(Path.Combine(repo.Root, "CommerceConnector.psd1")), File.ReadAllBytes(Path.Combine(repo.Output, "CommerceConnector.psd1")));
            Assert.Equal("cmdlet assembly", File.ReadAllText(Path.Combine(repo.Output, "CommerceConnector.dll")));
            Assert.Equal("core assembly", File.ReadAllText(Path.Combine(repo.Output, "CommerceConnector.Core.dll")));
            Assert.Equal("MIT License (test)\n", File.ReadAllText(Path.Combine(repo.Output, "LICENSE")));
            Assert.Equal("TOPIC\n    about_CommerceConnector\n", File.ReadAllText(Path.Combine(repo.Output, "en-US", "about_CommerceConnector.help.txt")));

            XDocument help = XDocument.Load(Path.Combine(repo.Output, "en-US", "CommerceConnector.dll-Help.xml"));
            Assert.Equal(new[] { "Get-Thing", "Set-Thing" },
                help.Root.Elements(MamlWriter.Command + "command").Select(c => c.Element(MamlWriter.Command + "details").Element(MamlWriter.Command + "name").Value));
            Assert.Equal("Value", help.Root.Elements(MamlWriter.Command + "command").Last()
                .Element(MamlWriter.Command + "parameters").Element(MamlWriter.Command + "parameter").Element(MamlWriter.Maml + "name").Value);
        }

        [Fact]
        public void ARebuildReplacesTheWholePreviousLayout()
        {
            using var repo = new FakeRepository();
            ModuleLayout.Build(repo.Options());
            File.WriteAllText(Path.Combine(repo.Output, "stale.txt"), "left from an old build");
            File.WriteAllText(Path.Combine(repo.Output, "Old.dll"), "old dependency");
            File.WriteAllText(Path.Combine(repo.Bin, "CommerceConnector.dll"), "cmdlet assembly v2");

            LayoutResult result = ModuleLayout.Build(repo.Options());

            Assert.Equal(FakeRepository.ExpectedTree, FakeRepository.Tree(repo.Output));
            Assert.Equal(FakeRepository.ExpectedTree, result.Files);
            Assert.Equal("cmdlet assembly v2", File.ReadAllText(Path.Combine(repo.Output, "CommerceConnector.dll")));
            Assert.Equal(new[] { "CommerceConnector" }, repo.OutputSiblings());
        }

        [Fact]
        public void AMissingHelpPageFailsAndLeavesThePreviousOutputUntouched()
        {
            using var repo = new FakeRepository();
            ModuleLayout.Build(repo.Options());
            string[] before = FakeRepository.Snapshot(repo.Output);
            File.Delete(Path.Combine(repo.Docs, "Set-Thing.md"));
            File.WriteAllText(Path.Combine(repo.Bin, "CommerceConnector.dll"), "cmdlet assembly v2");

            var ex = Assert.Throws<LayoutException>(() => ModuleLayout.Build(repo.Options()));

            Assert.StartsWith("No help page for 1 exported cmdlet(s): Set-Thing. Every cmdlet in CmdletsToExport needs ", ex.Message);
            Assert.Contains(Path.Combine(repo.Docs, "<Cmdlet-Name>.md"), ex.Message);
            Assert.Equal(before, FakeRepository.Snapshot(repo.Output));
            Assert.Equal(new[] { "CommerceConnector" }, repo.OutputSiblings());
        }

        [Fact]
        public void EveryMissingPageIsNamed()
        {
            using var repo = new FakeRepository();
            File.Delete(Path.Combine(repo.Docs, "Get-Thing.md"));
            File.Delete(Path.Combine(repo.Docs, "Set-Thing.md"));

            var ex = Assert.Throws<LayoutException>(() => ModuleLayout.Build(repo.Options()));

            Assert.StartsWith("No help page for 2 exported cmdlet(s): Get-Thing, Set-Thing.", ex.Message);
            Assert.False(Directory.Exists(repo.Output));
            Assert.Empty(repo.OutputSiblings());
        }

        [Fact]
        public void AMalformedHelpPageFailsAndLeavesThePreviousOutputUntouched()
        {
            using var repo = new FakeRepository();
            ModuleLayout.Build(repo.Options());
            string[] before = FakeRepository.Snapshot(repo.Output);
            string page = Pages.ReplaceOnce(Pages.Minimal("Set-Thing", "Value"), "Aliases:\n", "Aliases:\nAlias: V\n");
            string path = repo.WritePage("Set-Thing", page);

            var ex = Assert.Throws<HelpFormatException>(() => ModuleLayout.Build(repo.Options()));

            Assert.Equal(path, ex.Path);
            Assert.Equal(Pages.LineOf(page, "Alias: V"), ex.LineNumber);
            Assert.Equal(before, FakeRepository.Snapshot(repo.Output));
            Assert.Equal(new[] { "CommerceConnector" }, repo.OutputSiblings());
        }

        [Fact]
        public void APageForACommandTheManifestDoesNotExportIsLeftOutWithAWarning()
        {
            using var repo = new FakeRepository();
            string extra = repo.WritePage("Remove-Thing", Pages.Minimal("Remove-Thing"));

            LayoutResult result = ModuleLayout.Build(repo.Options());

            Assert.Equal(new[] { "Get-Thing", "Set-Thing" }, result.HelpPages);
            Assert.Equal($"{extra} documents Remove-Thing, which the manifest's CmdletsToExport does not list; it is left out of the help file.",
                Assert.Single(result.Warnings));
            XDocument help = XDocument.Load(Path.Combine(repo.Output, "en-US", "CommerceConnector.dll-Help.xml"));
            Assert.Equal(2, help.Root.Elements(MamlWriter.Command + "command").Count());
        }

        [Fact]
        public void RefusesAnOutputFolderThatHoldsTheInputs()
        {
            using var repo = new FakeRepository();

            var ex = Assert.Throws<LayoutException>(() => ModuleLayout.Build(repo.Options(repo.Root)));

            Assert.StartsWith($"The output folder {repo.Root} holds the input {Path.Combine(repo.Root, "CommerceConnector.psd1")}", ex.Message);
            Assert.True(File.Exists(Path.Combine(repo.Root, "CommerceConnector.psd1")));
            Assert.True(File.Exists(Path.Combine(repo.Bin, "CommerceConnector.dll")));
        }

        [Fact]
        public void RefusesToReplaceAFolderThatIsNotAModuleLayout()
        {
            using var repo = new FakeRepository();
            Directory.CreateDirectory(repo.Output);
            string precious = Path.Combine(repo.Output, "precious.txt");
            File.WriteAllText(precious, "keep me");

            var ex = Assert.Throws<LayoutException>(() => ModuleLayout.Build(repo.Options()));

            Assert.Equal($"Refusing to replace {repo.Output}: it is not empty and holds no CommerceConnector.psd1, so it is not an earlier layout of the module.",
                ex.Message);
            Assert.Equal("keep me", File.ReadAllText(precious));
        }

        [Fact]
        public void RefusesWildcardExports()
        {
            using var repo = new FakeRepository();
            LayoutOptions options = repo.Options();
            options.CmdletsToExport = new[] { "Get-Thing", "Set-*" };

            var ex = Assert.Throws<LayoutException>(() => ModuleLayout.Build(options));

            Assert.EndsWith("CmdletsToExport must list every cmdlet by name; found the wildcard(s) Set-*.", ex.Message);
        }

        [Fact]
        public void AMissingBuildOutputTellsToBuildFirst()
        {
            using var repo = new FakeRepository();

            var ex = Assert.Throws<LayoutException>(() => ModuleLayout.Build(FakeRepository.WithManifestValues(LayoutOptions.ForRepository(repo.Root, "Debug", repo.Output))));

            string bin = Path.Combine(repo.Root, "src", "CommerceConnector", "bin", "Debug", "netstandard2.0");
            Assert.Equal($"The cmdlet build output {bin} does not exist: build the cmdlet project first.", ex.Message);
        }

        [Fact]
        public void AMissingFormatFileIsAnError()
        {
            using var repo = new FakeRepository();
            File.Delete(Path.Combine(repo.Bin, "CommerceConnector.Format.ps1xml"));

            var ex = Assert.Throws<LayoutException>(() => ModuleLayout.Build(repo.Options()));

            Assert.Equal($"The format file {Path.Combine(repo.Bin, "CommerceConnector.Format.ps1xml")} (the manifest's FormatsToProcess) does not exist in the build output.",
                ex.Message);
        }

        [Fact]
        public void FoldersLeftByAnInterruptedRunAreRemoved()
        {
            using var repo = new FakeRepository();
            string parent = Path.GetDirectoryName(repo.Output);
            Directory.CreateDirectory(Path.Combine(parent, ".CommerceConnector.building-0123", "en-US"));
            Directory.CreateDirectory(Path.Combine(parent, ".CommerceConnector.previous-4567"));

            ModuleLayout.Build(repo.Options());

            Assert.Equal(new[] { "CommerceConnector" }, repo.OutputSiblings());
        }

        [Fact]
        public void ForRepositoryUsesTheRepositoryLayout()
        {
            LayoutOptions options = LayoutOptions.ForRepository("/r", "Debug");
            Assert.Equal(Path.GetFullPath("/r/CommerceConnector.psd1"), options.ManifestPath);
            Assert.Equal(Path.GetFullPath("/r/src/CommerceConnector/bin/Debug/netstandard2.0"), options.BinaryDirectory);
            Assert.Equal(Path.GetFullPath("/r/docs/en-US"), options.DocsDirectory);
            Assert.Equal(Path.GetFullPath("/r/LICENSE"), options.LicensePath);
            Assert.Equal(Path.GetFullPath("/r/out/CommerceConnector"), options.OutputDirectory);
        }
    }
}
