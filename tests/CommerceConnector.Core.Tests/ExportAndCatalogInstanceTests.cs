using CommerceConnector.Core.Catalog;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.Core.Tests
{
    public sealed class ExportAndCatalogInstanceTests : IDisposable
    {
        // Not a key: the base64 of "NOT A REAL KEY", shaped like PEM; the export only moves text.
        private const string Pem = "-----BEGIN PRIVATE KEY-----\nTk9UIEEgUkVBTCBLRVk=\n-----END PRIVATE KEY-----\n";
        private static readonly IReadOnlyList<KeyValuePair<string, string>> Variables = new[]
        {
            new KeyValuePair<string, string>("CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_ID__PROJECT_NAME", "Luma's \"EU\" $shop \\ store"),
            new KeyValuePair<string, string>("CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_CONNECTOR_INTEGRATION__PRODUCTION_PRIVATE_KEY", Pem),
        };

        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        [Fact]
        public void ShellExportsReadBackExactlyInARealShell()
        {
            string script = _temp.Combine("env.sh");
            File.WriteAllText(script, ConnectorExport.Render(ExportFormat.EnvironmentVariables, Variables));

            foreach (var pair in Variables)
            {
                var (exitCode, output, _) = ExternalTool.Run("sh", "-c", $". '{script}'; printf '%s' \"${pair.Key}\"");
                Assert.Equal(0, exitCode);
                Assert.Equal(pair.Value, output);
            }
        }

        [Fact]
        public void JsonExportsParseToTheSameValues()
        {
            var json = JObject.Parse(ConnectorExport.Render(ExportFormat.Json, Variables));
            Assert.Equal(Variables.Select(p => p.Value), Variables.Select(p => (string)json[p.Key]));
        }

        [Fact]
        public void DotenvExportsEscapeLineBreaksQuotesAndDollars()
        {
            string text = ConnectorExport.Render(ExportFormat.Dotenv, Variables);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(2, lines.Length);
            Assert.Equal("CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_ID__PROJECT_NAME=\"Luma's \\\"EU\\\" \\$shop \\\\ store\"", lines[0]);
            Assert.Equal("CONFIG__DEFAULT__SERVICES_CONNECTOR__SERVICES_CONNECTOR_INTEGRATION__PRODUCTION_PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\\nTk9UIEEgUkVBTCBLRVk=\\n-----END PRIVATE KEY-----\\n\"", lines[1]);
            Assert.Equal(new ConnectorExport(ExportFormat.Dotenv, text, null, true, null).ToString(), text);
        }

        [Fact]
        public void AKeyPairNeedsBothHalves()
        {
            Assert.Null(KeyPairInput.Create(ApiKeyEnvironment.Production, null, null));
            Assert.Equal("id", KeyPairInput.Create(ApiKeyEnvironment.Production, "id", Pem).ApiKey);
            var error = Assert.Throws<ConnectorException>(() => KeyPairInput.Create(ApiKeyEnvironment.Sandbox, "id", null));
            Assert.Equal(ErrorIds.ApiKeyPairIncomplete, error.ErrorId);
            Assert.Contains("-SandboxPrivateKey", error.Message);
            Assert.Equal(ErrorIds.ApiKeyPairIncomplete, Assert.Throws<ConnectorException>(() => KeyPairInput.Create(ApiKeyEnvironment.Production, null, Pem)).ErrorId);
        }

        [Fact]
        public void AServiceIsEnabledInAnInstanceWhenTheConnectorAndItsModulesAre()
        {
            var payment = ServiceCatalog.All.Single(s => s.Name == "Payment Services");
            var swat = ServiceCatalog.All.Single(s => s.Name == "Site-Wide Analysis Tool");
            var connectorOnly = new HashSet<string> { "Magento_ServicesId", "Magento_ServicesConnector" };
            var withPayments = new HashSet<string>(connectorOnly) { "Magento_PaymentServicesBase" };

            Assert.Equal(("shop", false), (payment.ForInstance("shop", connectorOnly).Instance, payment.ForInstance("shop", connectorOnly).EnabledInInstance.Value));
            Assert.True(payment.ForInstance("shop", withPayments).EnabledInInstance);
            Assert.True(swat.ForInstance("shop", connectorOnly).EnabledInInstance);
            Assert.False(swat.ForInstance("shop", new HashSet<string> { "Magento_ServicesId" }).EnabledInInstance);
            Assert.Null(payment.EnabledInInstance);
        }
    }
}
