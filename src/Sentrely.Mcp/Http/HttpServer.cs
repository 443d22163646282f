using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Protocol;
using Sentrely.Auth;
using Sentrely.Mcp.Cli;
using Sentrely.Mcp.Hosting;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Http;

/// <summary>
/// The team server: Streamable HTTP at <c>/mcp</c> with stateful sessions (elicitation needs them, so a load balancer must
/// keep a session on one replica), <c>/healthz</c>, <c>/readyz</c>, and RFC 9728 metadata. Every request passes the
/// Host/Origin filter first; <c>/mcp</c> then needs a bearer token whose roles include <c>agent</c>, and passes
/// <see cref="McpRequestGuard"/> (request size, sessions per token), which also ends each session's registry row when the
/// session ends (DELETE, <c>server.sessions.idleTimeout</c>, shutdown).
/// </summary>
internal static partial class HttpServer
{
    private const string AgentPolicy = "agent";

    public static async Task<int> RunAsync(ServerSetup setup, IReadOnlyList<Uri> urls, bool insecureNoAuth, CancellationToken cancellationToken)
    {
        var (config, tools, transport, title, _, _, _) = setup;
        using var loggerFactory = StderrLogging.Create();
        var logger = loggerFactory.CreateLogger("Sentrely");
        var (jwksFileKeys, jwksProblem) = BearerSchemes.LoadJwksFile(config.Server.Auth);
        if (jwksProblem is not null)
        {
            await Console.Error.WriteLineAsync($"sentrely: {jwksProblem}");
            return ExitCodes.UsageOrConfig;
        }

        SentrelyRuntime created;
        try
        {
            created = await SentrelyRuntime.CreateAsync(setup, loggerFactory, TimeProvider.System);
        }
        catch (StartupAuditException ex)
        {
            await Console.Error.WriteLineAsync($"sentrely: {ex.Message}");
            return ExitCodes.Failure;
        }

        await using var runtime = created;
        using var telemetry = TelemetryExport.Start(config.Telemetry);

        // An empty builder: no appsettings.json or ASPNETCORE_* settings from the working directory can loosen this server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(string.Join(';', urls.Select(u => u.GetLeftPart(UriPartial.Authority))));
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRouting();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ITokenStore>(runtime.Store.Tokens);
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = BearerSchemes.SchemeName;
                o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
            })
            .AddSentrelyBearer(config.Server.Auth, jwksFileKeys, config.Identity.Project, TimeProvider.System)
            .AddMcp(o => o.Events.OnResourceMetadataRequest = context =>
            {
                // The Host was checked against server.allowedHosts before authentication ran.
                var request = context.HttpContext.Request;
                context.ResourceMetadata = new ProtectedResourceMetadata
                {
                    Resource = $"{request.Scheme}://{request.Host}/mcp",
                    BearerMethodsSupported = ["header"],
                    ResourceName = "Sentrely",
                };
                if (config.Server.Auth.Jwt is { } jwt)
                {
                    context.ResourceMetadata.AuthorizationServers.Add(jwt.Issuer);
                }

                return Task.CompletedTask;
            });
        var guard = new McpRequestGuard(
            runtime.Sessions, runtime.Sessions.Quotas!, runtime.Store.Audit, config.Identity, TimeProvider.System, loggerFactory.CreateLogger("Sentrely.Sessions"));
        builder.Services.AddAuthorization(o => o.AddPolicy(AgentPolicy, p => p.RequireAuthenticatedUser().RequireRole(CallerRoles.Agent)));
        builder.Services
            .AddMcpServer(o => o.ServerInfo = McpToolSetup.ServerInfo(title))
            .WithHttpTransport(o =>
            {
                o.SessionMode = HttpServerSessionMode.Stateful;
#pragma warning disable MCP9006 // Stateful sessions are what elicitation needs; their idle timeout is obsolete with them.
                o.IdleTimeout = config.Server.Sessions.IdleTimeout;
#pragma warning restore MCP9006
#pragma warning disable MCPEXP002 // Experimental in SDK 2.4, and the one hook that sees every session end (DELETE, idle expiry, shutdown).
                o.RunSessionHandler = guard.RunSessionAsync;
#pragma warning restore MCPEXP002
            })
            .WithSentrelyTools(McpToolSetup.Describe(tools), runtime);

        // Last: authentication and the MCP server add data protection too, and would bring the startup key ring back.
        DataProtectionInMemory.Configure(builder.Services);
        await using var app = builder.Build();
        app.Use(HostOriginFilter.Create(config.Server));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(guard.Middleware);
        app.MapGet("/healthz", new RequestDelegate(context => context.Response.WriteAsync("ok\n", context.RequestAborted)));
        app.MapGet("/readyz", new RequestDelegate(async context =>
        {
            var ready = await runtime.Store.IsReachableAsync(context.RequestAborted);
            context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync(ready ? "ready\n" : "the audit store does not answer\n", context.RequestAborted);
        }));
        AdminApi.Map(app, runtime, config, TimeProvider.System);
        var mcp = app.MapMcp("/mcp").WithMetadata(McpEndpoint.Instance);
        if (insecureNoAuth)
        {
            LogInsecure(logger);
        }
        else
        {
            mcp.RequireAuthorization(AgentPolicy);
        }

        await app.StartAsync(cancellationToken);
        LogStarted(logger, string.Join(", ", app.Urls), transport, config.SourcePath ?? "(built-in)", runtime.Store.Description);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Sentrely team server listening on {Urls} over {Transport} (config {Config}, audit store {Store})")]
    private static partial void LogStarted(ILogger logger, string urls, string transport, string config, string store);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "--insecure-no-auth: /mcp accepts unauthenticated requests (loopback only); sessions use the local identity rules")]
    private static partial void LogInsecure(ILogger logger);
}
