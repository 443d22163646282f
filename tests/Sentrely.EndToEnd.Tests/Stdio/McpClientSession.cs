using System.Collections.Concurrent;
using ModelContextProtocol.Client;

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

    public static async Task<McpClientSession> StartAsync(SandboxWorld world)
    {
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "sentrely",
            Command = "dotnet",
            Arguments = [SentrelyProcess.Dll, "serve", "--config", world.ConfigPath],
            WorkingDirectory = world.WorkFolder,
            EnvironmentVariables = world.ServerEnvironment.ToDictionary(),
            StandardErrorLines = stderr.Enqueue,
        });
        var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "sentrely-e2e", Version = "1.0" } });
        return new McpClientSession(client, stderr);
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
