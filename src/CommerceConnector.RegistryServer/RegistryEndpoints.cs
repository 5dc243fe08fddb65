using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CommerceConnector.Core.Errors;
using CommerceConnector.Core.Projects;
using CommerceConnector.Core.Registry;
using CommerceConnector.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CommerceConnector.RegistryServer
{
    /// <summary>
    /// The merchant registry's routes, answered from the module's registry store for the authenticated key's account
    /// only: another account's project or data space is 404, exactly as one that does not exist.
    /// </summary>
    public static class RegistryEndpoints
    {
        internal const string KeyItem = "CommerceConnector.GatewayKey";

        // Ids are GUIDs for projects and data spaces, short alphanumerics for Cloud projects: nothing else reaches the store.
        private static readonly Regex IdPattern = new Regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$", RegexOptions.CultureInvariant);

        public static void Map(WebApplication app, RegistryView view, ServerOptions options)
        {
            var group = app.MapGroup(options.BasePath);
            group.MapGet("/ping", () => Ping);

            group.MapGet("/registry", (HttpContext context) =>
                Rows(view.Document, Key(context).MageId, _ => true));

            group.MapGet("/registry/projects/{projectId}", (HttpContext context, string projectId) =>
            {
                var key = Key(context);
                if (!IdPattern.IsMatch(projectId))
                {
                    return BadId();
                }
                var document = view.Document;
                bool mine = document.Projects.Any(p => Same(p.MageId, key.MageId) && Same(p.ProjectId, projectId));
                return mine ? Rows(document, key.MageId, d => Same(d.ProjectId, projectId)) : NotFound("Project not found");
            });

            group.MapGet("/registry/environments/{environmentId}", (HttpContext context, string environmentId) =>
            {
                var key = Key(context);
                if (!IdPattern.IsMatch(environmentId))
                {
                    return BadId();
                }
                var document = view.Document;
                var space = FindDataSpace(document, key.MageId, environmentId);
                return space == null ? NotFound("Environment not found") : Json(200, JObject.FromObject(ToRow(document, space)));
            });

            group.MapPost("/registry/initialize", async (HttpContext context) =>
            {
                var key = Key(context);
                var (body, refusal) = await ReadJsonBodyAsync(context.Request, options.MaxBodyBytes, required: true);
                if (refusal != null)
                {
                    return refusal;
                }
                if (!(body is JObject obj) || !(obj["projectName"] is JValue { Type: JTokenType.String, Value: string projectName }))
                {
                    return Message(400, "The body must be {\"projectName\": \"...\"}");
                }
                return Store(view, () =>
                {
                    var project = new ProjectRegistry(view.Store).NewProject(key.MageId, "api-key:" + key.Id, projectName);
                    return Rows(view.Store.Read(), key.MageId, d => Same(d.ProjectId, project.ProjectId));
                });
            });

            group.MapPost("/registry/environments/{environmentId}/cleanup", async (HttpContext context, string environmentId) =>
            {
                var key = Key(context);
                if (!IdPattern.IsMatch(environmentId))
                {
                    return BadId();
                }
                var (_, refusal) = await ReadJsonBodyAsync(context.Request, options.MaxBodyBytes, required: false);
                if (refusal != null)
                {
                    return refusal;
                }
                if (FindDataSpace(view.Document, key.MageId, environmentId) == null)
                {
                    return NotFound("Environment not found");
                }
                return Store(view, () =>
                {
                    // By id only: the module's ClearDataSpace would also take a name, the protocol never does.
                    _ = new ProjectRegistry(view.Store).ClearDataSpace(key.MageId, "api-key:" + key.Id, null, environmentId);
                    return Message(200, "Cleanup successfully requested");
                });
            });

            group.MapPut("/registry/environments/{environmentId}/cloudid/{cloudId}", async (HttpContext context, string environmentId, string cloudId) =>
            {
                var key = Key(context);
                if (!IdPattern.IsMatch(environmentId) || !IdPattern.IsMatch(cloudId))
                {
                    return BadId();
                }
                var (_, refusal) = await ReadJsonBodyAsync(context.Request, options.MaxBodyBytes, required: false);
                if (refusal != null)
                {
                    return refusal;
                }
                return Store(view, () => view.Store.Update(document =>
                {
                    var space = FindDataSpace(document, key.MageId, environmentId);
                    if (space == null)
                    {
                        return NotFound("Environment not found");
                    }
                    space.CloudId = cloudId;
                    return Json(200, JObject.FromObject(ToRow(document, space)));
                }));
            });

            // Anything else under the registry path, once authenticated, does not exist.
            group.Map("/{**rest}", () => NotFound("Not found"));
        }

        private static readonly IResult Ping = Results.Text("{\"message\":\"Keys accepted\"}", "application/json", Encoding.UTF8, 200);

        /// <summary>The key the authenticator accepted for this request; null before authentication or outside the registry path.</summary>
        internal static GatewayKey? FindKey(HttpContext context) => context.Items[KeyItem] as GatewayKey;

        /// <summary>The accepted key of a request to a registry route (the authenticator answers every other one itself).</summary>
        private static GatewayKey Key(HttpContext context) =>
            FindKey(context) ?? throw new InvalidOperationException("A registry route ran for a request the authenticator did not accept.");

        internal static IResult Message(int status, string message) => Json(status, new JObject { ["message"] = message });

        internal static IResult Json(int status, JToken body) =>
            Results.Text(body.ToString(Formatting.None), "application/json", Encoding.UTF8, status);

        private static IResult BadId() => Message(400, "Invalid id");

        private static IResult NotFound(string message) => Message(404, message);

        private static IResult Rows(RegistryDocument document, string mageId, Func<DataSpace, bool> which)
        {
            var rows = document.DataSpaces
                .Where(d => Same(d.MageId, mageId) && which(d))
                .Select(d => ToRow(document, d))
                .OrderBy(r => r.ProjectName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.EnvironmentType).ThenBy(r => r.EnvironmentName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            return Json(200, new JObject { ["results"] = JArray.FromObject(rows) });
        }

        private static RegistryRow ToRow(RegistryDocument document, DataSpace space) => new RegistryRow
        {
            ProjectId = space.ProjectId,
            ProjectName = document.Projects.FirstOrDefault(p => Same(p.ProjectId, space.ProjectId))?.ProjectName,
            EnvironmentId = space.DataSpaceId,
            EnvironmentName = space.DataSpaceName,
            EnvironmentType = space.Type == DataSpaceType.Production ? "production" : "testing",
            CloudId = space.CloudId,
        };

        private static DataSpace? FindDataSpace(RegistryDocument document, string mageId, string id) =>
            document.DataSpaces.FirstOrDefault(d => Same(d.MageId, mageId) && Same(d.DataSpaceId, id));

        /// <summary>Runs a store write; Core's refusals become the protocol's answers, and the cached view is refreshed.</summary>
        private static IResult Store(RegistryView view, Func<IResult> write)
        {
            try
            {
                return write();
            }
            catch (ConnectorException e)
            {
                switch (e.Category)
                {
                    case ConnectorErrorCategory.InvalidArgument:
                        return Message(400, e.Message);
                    case ConnectorErrorCategory.ResourceExists:
                        return Message(409, e.Message);
                    case ConnectorErrorCategory.ObjectNotFound:
                        return Message(404, e.Message);
                    default:
                        return e.ErrorId == ErrorIds.RegistryLocked ? Message(503, "The registry is busy; try again") : Message(500, "The registry could not be changed");
                }
            }
            finally
            {
                view.Invalidate();
            }
        }

        /// <summary>
        /// Reads a JSON body within the limit. A body must be declared application/json (415 otherwise), fit the limit
        /// (413) and parse (400). Without a body, <paramref name="required"/> decides.
        /// </summary>
        private static async Task<(JToken? Body, IResult? Refusal)> ReadJsonBodyAsync(HttpRequest request, long maxBytes, bool required)
        {
            if (request.ContentLength > maxBytes)
            {
                return (null, Message(413, $"The body is larger than {maxBytes} bytes"));
            }
            bool hasBody = request.ContentLength > 0 || (request.ContentLength == null && request.Headers.TransferEncoding.Count > 0);
            if (!hasBody)
            {
                return required ? (null, Message(400, "A JSON body is required")) : (null, null);
            }
            if (!IsJson(request.ContentType))
            {
                return (null, Message(415, "The body must be application/json"));
            }
            string text;
            try
            {
                using var reader = new StreamReader(request.Body, new UTF8Encoding(false, true));
                var buffer = new char[8192];
                var builder = new StringBuilder();
                int read;
                while ((read = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0)
                {
                    builder.Append(buffer, 0, read);
                    if (builder.Length > maxBytes)
                    {
                        return (null, Message(413, $"The body is larger than {maxBytes} bytes"));
                    }
                }
                text = builder.ToString();
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, Message(413, $"The body is larger than {maxBytes} bytes"));
            }
            catch (DecoderFallbackException)
            {
                return (null, Message(400, "The body is not UTF-8"));
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                return required ? (null, Message(400, "A JSON body is required")) : (null, null);
            }
            try
            {
                using var json = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 16 };
                var token = JToken.ReadFrom(json);
                if (json.Read())
                {
                    return (null, Message(400, "The body is not one JSON value"));
                }
                return (token, null);
            }
            catch (JsonException)
            {
                return (null, Message(400, "The body is not valid JSON"));
            }
        }

        private static bool IsJson(string? contentType)
        {
            if (string.IsNullOrEmpty(contentType))
            {
                return false;
            }
            string media = contentType.Split(';')[0].Trim();
            return string.Equals(media, "application/json", StringComparison.OrdinalIgnoreCase);
        }

        private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
