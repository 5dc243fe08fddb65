using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace CommerceConnector.Module.Tests
{
    /// <summary>
    /// The module loads its own dependencies from its own folder, even in a host that already loaded a
    /// Newtonsoft.Json of the same version: a separate process plays PowerShell 7, which ships one.
    /// </summary>
    public sealed class DependencyIsolationTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "cc-isolation-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public void CoreAndItsNewtonsoftJsonComeFromTheModulesDependencyFolderIntoAPrivateLoadContext()
        {
            // The module's layout: the cmdlet assembly at the top, everything it needs in dependencies/.
            string module = Path.Combine(_root, "CommerceConnector");
            string dependencies = Path.Combine(module, "dependencies");
            Directory.CreateDirectory(dependencies);
            foreach (string dll in Directory.GetFiles(CmdletMetadata.CmdletOutputPath, "*.dll"))
            {
                string name = Path.GetFileName(dll);
                File.Copy(dll, name == "CommerceConnector.dll" ? Path.Combine(module, name) : Path.Combine(dependencies, name));
            }

            var result = RunProbe(module, Path.Combine(_root, "registry"));

            Assert.Equal("13.0.0.0", result["hostJson"]);
            Assert.Equal(CmdletMetadata.ProbeOutputPath.TrimEnd('/'), result["hostJsonFolder"]);
            Assert.Equal("CommerceConnector", result["coreContext"]);
            Assert.Equal(dependencies, result["coreFolder"]);
            Assert.Equal("owner@example.com", result["accountOwner"]);
            Assert.StartsWith("13.", result["coreJson"]);
            Assert.Equal("CommerceConnector", result["coreJsonContext"]);
            Assert.Equal(dependencies, result["coreJsonFolder"]);
            Assert.Equal("{\"works\":true}", result["hostJsonStill"]);
        }

        private static Dictionary<string, string> RunProbe(string module, string registry)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(CmdletMetadata.ProbeOutputPath, "ModuleLoadProbe.dll"), module, registry },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            string output = process.StandardOutput.ReadToEnd();
            string errors = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "the probe did not finish");
            Assert.True(process.ExitCode == 0, $"probe failed:\n{output}\n{errors}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Trim().Split('=', 2))
                .ToDictionary(parts => parts[0], parts => parts[1]);
        }
    }
}
