using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CommerceConnector.TestSupport;

namespace CommerceConnector.Module.Tests
{
    /// <summary>
    /// The laid-out module (out/CommerceConnector, made by ./build.ps1) imported into a real PowerShell 7.6 runspace
    /// hosted in this process, the way Import-Module does it in pwsh: PowerShell reflects over the cmdlet assembly
    /// before any module code runs. A module that cannot load or bind fails here in seconds, before the Pester suite.
    /// </summary>
    public sealed class BuiltModuleTests : IDisposable
    {
        private readonly TempFolder _home = new TempFolder("cc-hosted-");
        private readonly Runspace _runspace;

        public BuiltModuleTests()
        {
            Assert.True(File.Exists(ManifestPath),
                $"{ManifestPath} does not exist: lay the module out first (./build.ps1, or ./build.ps1 -Task Test).");
            InitialSessionState state = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            Invoke("Import-Module -Name $args[0] -ErrorAction Stop", ManifestPath);
        }

        private static string ManifestPath =>
            Path.Combine(CmdletMetadata.RepositoryRoot, "out", "CommerceConnector", "CommerceConnector.psd1");

        public void Dispose()
        {
            _runspace.Dispose();
            _home.Dispose();
        }

        private Collection<PSObject> Invoke(string script, params object[] arguments)
        {
            using PowerShell shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            foreach (object argument in arguments)
            {
                shell.AddArgument(argument);
            }
            Collection<PSObject> output = shell.Invoke();
            if (shell.HadErrors)
            {
                throw new Xunit.Sdk.XunitException(string.Join(Environment.NewLine,
                    shell.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
            }
            return output;
        }

        [Fact]
        public void ExportsEveryCmdletOfTheManifest()
        {
            string[] exported = Invoke("(Get-Command -Module CommerceConnector -CommandType Cmdlet).Name | Sort-Object")
                .Select(o => (string)o.BaseObject).ToArray();
            string[] listed = Invoke("(Import-PowerShellDataFile -LiteralPath $args[0]).CmdletsToExport | Sort-Object", ManifestPath)
                .Select(o => (string)o.BaseObject).ToArray();

            Assert.Equal(listed, exported);
            Assert.Equal(CmdletMetadata.Cmdlets.Count, exported.Length);
        }

        [Fact]
        public void ResolvesEveryParameterAndOutputTypeOfEveryCmdlet()
        {
            // Reading each parameter's type and each declared output type makes PowerShell load every assembly they name.
            Collection<PSObject> names = Invoke(@"
                foreach ($command in Get-Command -Module CommerceConnector -CommandType Cmdlet) {
                    foreach ($parameter in $command.Parameters.Values) { $parameter.ParameterType.FullName }
                    foreach ($output in $command.OutputType) { $output.Type.FullName }
                }");

            Assert.Contains("CommerceConnector.Core.Keys.ApiKeyEnvironment", names.Select(n => (string)n.BaseObject));
            Assert.DoesNotContain(names, n => n == null || string.IsNullOrEmpty((string)n.BaseObject));
        }

        [Fact]
        public void LoadsItsCoreLibraryFromTheModuleFolder()
        {
            string location = (string)Invoke(@"
                $null = Get-Command -Name Set-DataSpace -Syntax
                ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'CommerceConnector.Core' }).Location").Single().BaseObject;

            Assert.Equal(Path.GetDirectoryName(ManifestPath), Path.GetDirectoryName(location));
        }

        [Fact]
        public void RunsAnAccountAndKeyRoundTrip()
        {
            string keyFile = _home.Combine("keys", "prod.pem");
            Collection<PSObject> output = Invoke(@"
                param($registry, $keyFile)
                $env:COMMERCE_CONNECTOR_HOME = $registry
                try {
                    $null = New-Item -ItemType Directory -Path (Split-Path $keyFile) -Force
                    $null = New-CommerceAccount -MageId MAG900000001 -Edition AdobeCommerce -Owner owner@example.com
                    $null = Connect-CommerceAccount -MageId MAG900000001
                    $key = New-ConnectorApiKey -Environment Production -Name prod -OutFile $keyFile
                    (Get-ConnectorApiKey -Environment Production).Id -eq $key.Id
                    (Get-CommerceService).Count
                    Disconnect-CommerceAccount
                }
                finally { $env:COMMERCE_CONNECTOR_HOME = $null }",
                _home.Combine("registry"), keyFile);

            Assert.Equal(new object[] { true, 7 }, output.Select(o => o.BaseObject).ToArray());
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyFile));
        }
    }
}
