using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>The production composition (embedded manifests, real stages, SQLite, STS vendor, AWS SDK clients) in this process, against a <see cref="SandboxWorld"/>.</summary>
internal sealed class InProcessSentrely : IAsyncDisposable, IFileRootProvider, IProgressReporter
{
    private readonly SandboxWorld _world;
    private readonly SentrelyRuntime _runtime;

    private InProcessSentrely(SandboxWorld world, SentrelyRuntime runtime)
    {
        _world = world;
        _runtime = runtime;
        Session = new SessionContext(Identifiers.NewSessionId(), "jordan", "backend-api", "agent", "integration-tests", "1.0", "stdio");
    }

    public SessionContext Session { get; }

    /// <summary>Gets the composed runtime (tests reach its audit store to inject faults).</summary>
    public SentrelyRuntime Runtime => _runtime;

    public List<string> ProgressMessages { get; } = [];

    public static async Task<InProcessSentrely> StartAsync(SandboxWorld world, string? configPath = null, TimeProvider? time = null)
    {
        var tools = new SentrelyTools();
        var config = SentrelyConfigLoader.Load(configPath ?? world.ConfigPath, tools.Catalog);
        var setup = new ServerSetup(
            config, tools, "stdio", "Sentrely", config.Store.Sqlite!, () => new BasicAWSCredentials(world.Double.BaseAccessKeyId, world.Double.BaseSecretAccessKey));
        var runtime = await SentrelyRuntime.CreateAsync(setup, NullLoggerFactory.Instance, time ?? TimeProvider.System);
        return new InProcessSentrely(world, runtime);
    }

    public ValueTask<ToolCallOutcome> CallAsync(string tool, string argumentsJson, IApprovalPrompt? prompt = null) =>
        _runtime.Pipeline.RunAsync(new ToolCallRequest(Session, tool, JsonDocument.Parse(argumentsJson).RootElement, this, this, prompt), default);

    public ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([_world.WorkFolder]);

    public void Report(double progress, double? total, string message)
    {
        lock (ProgressMessages)
        {
            ProgressMessages.Add(message);
        }
    }

    public ValueTask DisposeAsync() => _runtime.DisposeAsync();
}
