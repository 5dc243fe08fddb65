using System.Text;
using CommerceConnector.Core.Php;

namespace CommerceConnector.Core.Tests
{
    /// <summary>
    /// env.php as no installer writes it: nested 20,000 deep (PHP itself cannot load that; the module crashed the whole
    /// PowerShell session with a stack overflow), megabytes large, or with escapes PHP refuses. Each is a module error or
    /// a correct edit, promptly (a generous bound guards against hangs; no timing is asserted).
    /// </summary>
    public sealed class HostileEnvPhpTests
    {
        private static readonly IReadOnlyList<string> ProjectId = ConfigPaths.EnvPhpKeys(ConfigPaths.ProjectId);

        private static string Outcome(string what, string text) =>
            HostileKeyTests.WithinHangBound(what, () =>
            {
                try
                {
                    var file = PhpConfigFile.Parse(text, "env.php").Set(ProjectId, "p");
                    return file.Get(ProjectId).Text == "p" ? "edited" : "wrong edit";
                }
                catch (ConnectorException e)
                {
                    return "error:" + e.ErrorId;
                }
            });

        public static IEnumerable<object[]> DeepNesting() => new[]
        {
            new object[] { "short arrays", "<?php\nreturn [" + string.Concat(Enumerable.Repeat("[", 20000)) + string.Concat(Enumerable.Repeat("]", 20000)) + "];\n" },
            new object[] { "long arrays", "<?php\nreturn array(" + string.Concat(Enumerable.Repeat("array(", 20000)) + new string(')', 20001) + ";\n" },
            new object[] { "keyed arrays", "<?php\nreturn ['a' => " + string.Concat(Enumerable.Repeat("['a' => ", 20000)) + "1" + new string(']', 20001) + ";\n" },
            new object[] { "parentheses", "<?php\nreturn ['a' => " + new string('(', 20000) + "1" + new string(')', 20000) + "];\n" },
            new object[] { "unclosed", "<?php\nreturn [" + new string('[', 1024 * 1024) },
            new object[] { "just past the limit", "<?php\nreturn " + new string('[', PhpConfigFile.MaxNesting + 1) + new string(']', PhpConfigFile.MaxNesting + 1) + ";\n" },
        };

        [Theory]
        [MemberData(nameof(DeepNesting))]
        public void NestingDeeperThanTheLimitIsRefusedWithItsOwnErrorInsteadOfOverflowingTheStack(string shape, string text)
        {
            Assert.Equal("error:" + ErrorIds.PhpNestingTooDeep, Outcome(shape, text));
        }

        [Fact]
        public void NestingUpToTheLimitIsReadAndEdited()
        {
            string text = "<?php\nreturn ['deep' => " + string.Concat(Enumerable.Repeat("['a' => ", PhpConfigFile.MaxNesting - 2)) + "1" + new string(']', PhpConfigFile.MaxNesting - 2) + "];\n";
            Assert.Equal("edited", Outcome("at the limit", text));
            Assert.Equal("1", PhpConfigFile.Parse(text).Get(new[] { "deep" }.Concat(Enumerable.Repeat("a", PhpConfigFile.MaxNesting - 2)).ToList()).Text);
        }

        public static IEnumerable<object[]> HostileShapes() => new[]
        {
            new object[] { "a number of 1 MiB digits", "<?php\nreturn ['n' => " + new string('7', 1024 * 1024) + "];\n" },
            new object[] { "a hex number of 1 MiB", "<?php\nreturn ['n' => 0x" + new string('f', 1024 * 1024) + "];\n" },
            new object[] { "1 MiB of unterminated \\u{", "<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_id' => ['project_id' => \"" + string.Concat(Enumerable.Repeat("\\u{", 300000)) + "\"]]]]];\n" },
            new object[] { "a code point past U+10FFFF", "<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_id' => ['project_id' => \"\\u{FFFFFFFFFF}\"]]]]];\n" },
            new object[] { "an empty \\u{}", "<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_id' => ['project_id' => \"\\u{}\"]]]]];\n" },
            new object[] { "a surrogate \\u{D800}", "<?php\nreturn ['system' => ['default' => ['services_connector' => ['services_id' => ['project_id' => \"\\u{D800}\"]]]]];\n" },
            new object[] { "1 MiB of commas", "<?php\nreturn [" + new string(',', 1024 * 1024) + "];\n" },
            new object[] { "1 MiB of operators", "<?php\nreturn ['a' => 1" + string.Concat(Enumerable.Repeat(" + 1", 256 * 1024)) + "];\n" },
            new object[] { "1 MiB of open tags", string.Concat(Enumerable.Repeat("<?php ", 170000)) },
            new object[] { "1 MiB of heredoc lines", "<?php\nreturn ['a' => <<<EOT\n" + string.Concat(Enumerable.Repeat("EOTX\n", 200000)) },
            new object[] { "1 MiB of vertical tabs", "<?php\nreturn [" + new string('\v', 1024 * 1024) + "];\n" },
        };

        [Theory]
        [MemberData(nameof(HostileShapes))]
        public void HostileShapesAreAModuleErrorOrACorrectEdit(string shape, string text)
        {
            string outcome = Outcome(shape, text);
            Assert.True(outcome == "edited" || outcome.StartsWith("error:" + ErrorIds.PhpSyntaxUnsupported, StringComparison.Ordinal) || outcome == "error:" + ErrorIds.PhpNestingTooDeep, shape + ": " + outcome);
        }

        [Fact]
        public void AFiveMegabyteFileIsEditedLosslessly()
        {
            // Twenty edits of 5 MB: the bound is a hang guard for a loaded machine, not a performance figure.
            var builder = new StringBuilder("<?php\nreturn [\n    'bulk' => [\n");
            for (int i = 0; builder.Length < 5 * 1024 * 1024; i++)
            {
                builder.Append("        'key_").Append(i).Append("' => ['a' => 'value ").Append(i).Append("', 'b' => ").Append(i).Append(", 'c' => true],\n");
            }
            string original = builder.Append("    ],\n];\n").ToString();

            var file = HostileKeyTests.WithinHangBound("5 MB edit", () =>
            {
                var edited = PhpConfigFile.Parse(original);
                foreach (string path in ConfigPaths.All.Where(p => !ConfigPaths.Secrets.Contains(p)))
                {
                    edited = edited.Set(ConfigPaths.EnvPhpKeys(path), "v-" + path);
                }
                foreach (string path in ConfigPaths.All.Where(p => !ConfigPaths.Secrets.Contains(p)))
                {
                    edited = edited.Set(ConfigPaths.EnvPhpKeys(path), "w-" + path);
                }
                return edited;
            }, seconds: 120);

            Assert.StartsWith(original.Substring(0, original.Length - 3), file.Text);
            Assert.All(ConfigPaths.All.Where(p => !ConfigPaths.Secrets.Contains(p)), p => Assert.Equal("w-" + p, file.Get(ConfigPaths.EnvPhpKeys(p)).Text));
            Assert.Equal("value 12345", file.Get(new[] { "bulk", "key_12345", "a" }).Text);
            var removed = ConfigPaths.All.Aggregate(file, (f, p) => f.Remove(ConfigPaths.EnvPhpKeys(p), keepDepth: 0));
            Assert.Equal(original, removed.Text);
        }
    }
}
