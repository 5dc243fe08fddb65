using System;
using System.Diagnostics;
using System.Linq;
using CommerceConnector.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommerceConnector.RegistryServer
{
    /// <summary>
    /// Builds the stand-in: Kestrel with tight limits (headers within <see cref="ServerOptions.HeaderTimeout"/> and
    /// <see cref="ServerOptions.MaxHeaderBytes"/>, bodies within <see cref="ServerOptions.MaxBodyBytes"/>), an
    /// unauthenticated <c>/healthz</c>, and the registry routes behind <see cref="GatewayAuthenticator"/>. Tests and the
    /// benchmark start it in their own process on a free loopback port.
    /// </summary>
    public static class RegistryServerApp
    {
        public static WebApplication Create(string[] args, Action<ServerOptions>? configure = null)
        {
            // The content root is the server's own folder, not the working directory (which may be a large tree to watch).
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
            var options = ServerOptions.From(builder.Configuration);
            configure?.Invoke(options);

            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxHeaderBytes;
                kestrel.Limits.MaxRequestLineSize = 8 * 1024;
                kestrel.Limits.RequestHeadersTimeout = options.HeaderTimeout;
                kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            });

            var app = builder.Build();
            var view = new RegistryView(new FileRegistryStore(options.RegistryFolder));
            app.Lifetime.ApplicationStopped.Register(view.Dispose);
            var authenticator = new GatewayAuthenticator(view, options.ClockSkew, null, options.CacheVerifiedTokens);
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CommerceConnector.RegistryServer");

            app.Use(async (context, next) =>
            {
                var watch = Stopwatch.StartNew();
                string? refused = null;
                if (context.Request.Path.StartsWithSegments(options.BasePath, StringComparison.OrdinalIgnoreCase))
                {
                    var outcome = await authenticator.AuthenticateAsync(context.Request);
                    if (outcome.Succeeded)
                    {
                        context.Items[RegistryEndpoints.KeyItem] = outcome.Key;
                    }
                    else
                    {
                        refused = outcome.Reason;
                        context.Response.StatusCode = outcome.Status;
                        context.Response.ContentType = "application/json";
                        await context.Response.WriteAsync(outcome.Body);
                    }
                }
                if (refused == null)
                {
                    await next(context);
                }
                if (options.LogRequests)
                {
                    // Method, path, status, time and the key's id: never a header value, token or body.
                    log.LogInformation("{Method} {Path} {Status} {ElapsedMs} ms key={KeyId} {Refusal}",
                        context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, watch.ElapsedMilliseconds,
                        RegistryEndpoints.FindKey(context)?.Id ?? "-", refused ?? string.Empty);
                }
            });

            app.MapGet("/healthz", () => Results.Text("ok", "text/plain"));
            RegistryEndpoints.Map(app, view, options);

            app.Lifetime.ApplicationStarted.Register(() =>
                log.LogInformation("Merchant registry stand-in on {Urls}{BasePath}/ over the registry in {Folder}",
                    string.Join(", ", app.Urls.ToArray()), options.BasePath, options.RegistryFolder));
            return app;
        }
    }
}
