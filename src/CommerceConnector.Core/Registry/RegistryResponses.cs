using System.Net.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
namespace CommerceConnector.Core.Registry
{
    /// <summary>Reads the registry's answers: JSON bodies, bounded in depth, into <see cref="RegistryRow"/>s; anything else is GatewayResponseInvalid.</summary>
    internal static class RegistryResponses
    {
        internal static async Task<string> ReadBodyAsync(HttpResponseMessage response) =>
            response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);

        internal static async Task<JToken> ReadJsonAsync(HttpResponseMessage response)
        {
            string body = await ReadBodyAsync(response).ConfigureAwait(false);
            try
            {
                using (var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 })
                {
                    var token = JToken.ReadFrom(reader);
                    if (reader.Read())
                    {
                        throw new JsonReaderException("text after the JSON value");
                    }
                    return token;
                }
            }
            catch (JsonException)
            {
                throw InvalidResponse(response, "the answer is not JSON");
            }
        }

        internal static IReadOnlyList<RegistryRow> ToRows(JToken json, HttpResponseMessage response)
        {
            if (!(json is JObject obj) || !(obj["results"] is JArray results))
            {
                throw InvalidResponse(response, "the answer has no 'results' array");
            }
            return results.Select(r => r is JObject row ? ToRow(row, response) : throw InvalidResponse(response, "a row of 'results' is not an object")).ToList();
        }

        internal static RegistryRow ToRow(JObject obj, HttpResponseMessage response)
        {
            var row = new RegistryRow
            {
                ProjectId = Text(obj, "projectId", response),
                ProjectName = Text(obj, "projectName", response),
                EnvironmentId = Text(obj, "environmentId", response),
                EnvironmentName = Text(obj, "environmentName", response),
                EnvironmentType = Text(obj, "environmentType", response),
                CloudId = Text(obj, "cloudId", response),
            };
            if (string.IsNullOrEmpty(row.ProjectId))
            {
                throw InvalidResponse(response, "a row has no projectId");
            }
            return row;
        }

        internal static string? Text(JObject obj, string name, HttpResponseMessage response)
        {
            var value = obj[name];
            if (value == null || value.Type == JTokenType.Null)
            {
                return null;
            }
            if (value.Type != JTokenType.String && value.Type != JTokenType.Integer)
            {
                throw InvalidResponse(response, $"'{name}' is not text");
            }
            return (string?)value;
        }

        internal static RegistryException InvalidResponse(HttpResponseMessage response, string why)
        {
            var uri = response.RequestMessage?.RequestUri;
            return new RegistryException(RegistryFailure.InvalidResponse, ErrorIds.GatewayResponseInvalid, ConnectorErrorCategory.InvalidData, uri?.AbsoluteUri, (int)response.StatusCode, null,
                $"{uri?.Scheme}://{uri?.Authority} answered HTTP {(int)response.StatusCode} but not as the registry protocol does ({why}): check that the gateway URL points at a merchant registry.");
        }
    }
}
