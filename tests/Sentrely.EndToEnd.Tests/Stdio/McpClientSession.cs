using System.Collections.Concurrent;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>The C# SDK's MCP client connected to a real <c>sentrely serve</c> child process over stdio.</summary>
internal sealed class McpClientSession : IAsyncDisposable
{
    private McpClientSession(McpClient client, ConcurrentQueue<string> stderr)
    {
        Client = client;
        Stderr = stderr;
    }

    public McpClient Client { get; }

    public ConcurrentQueue<string> Stderr { get; }

    /// <summary>
    /// Starts a server and connects; with <paramref name="roots"/>, the client declares the roots capability and answers roots/list;
    /// with <paramref name="elicitation"/>, it declares elicitation and answers with it.
    /// </summary>
    public static async Task<McpClientSession> StartAsync(
        SandboxWorld world,
        IReadOnlyList<string>? roots = null,
        Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>>? elicitation = null,
        string? configPath = null)
    {
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "sentrely",
            Command = SentrelyProcess.Command,
            Arguments = SentrelyProcess.Arguments("serve", "--config", configPath ?? world.ConfigPath),
            WorkingDirectory = world.WorkFolder,
            EnvironmentVariables = world.ServerEnvironment.ToDictionary(),
            StandardErrorLines = stderr.Enqueue,
        });
        var options = new McpClientOptions { ClientInfo = new() { Name = "sentrely-e2e", Version = "1.0" } };
        if (roots is not null || elicitation is not null)
        {
            options.Capabilities = new ClientCapabilities
            {
                Roots = roots is null ? null : new RootsCapability(),
                Elicitation = elicitation is null ? null : new ElicitationCapability(),
            };
            options.Handlers = new McpClientHandlers
            {
                RootsHandler = roots is null
                    ? null
                    : (_, _) => ValueTask.FromResult(new ListRootsResult { Roots = roots.Select(r => new Root { Uri = new Uri(r).AbsoluteUri, Name = Path.GetFileName(r) }).ToList() }),
                ElicitationHandler = elicitation,
            };
        }

        var client = await McpClient.CreateAsync(transport, options);
        return new McpClientSession(client, stderr);
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
