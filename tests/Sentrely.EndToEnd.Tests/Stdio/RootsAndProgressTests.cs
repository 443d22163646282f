using System.Collections.Concurrent;
using System.Text;
using ModelContextProtocol;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary><c>path</c> arguments resolved against the client's MCP roots, and progress notifications while a deploy settles.</summary>
public sealed class RootsAndProgressTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public RootsAndProgressTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task PutBuildArtifact_RelativePath_ResolvedAgainstFirstMcpRoot_EscapesRefused()
    {
        var project = Path.Combine(_world.Folder, "project-x");
        Directory.CreateDirectory(Path.Combine(project, "dist"));
        await File.WriteAllTextAsync(Path.Combine(project, "dist", "app.txt"), "from the project");
        File.CreateSymbolicLink(Path.Combine(project, "dist", "escape.txt"), _world.ConfigPath);
        await using var session = await McpClientSession.StartAsync(_world, [project]);

        var ok = await session.Client.CallToolAsync("put-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/roots/app.txt"), ("path", "dist/app.txt")));
        var traversal = await session.Client.CallToolAsync("put-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/roots/x"), ("path", "../config/sentrely.yaml")));
        var link = await session.Client.CallToolAsync("put-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/roots/y"), ("path", "dist/escape.txt")));

        Assert.NotEqual(true, ok.IsError);
        Assert.Equal("from the project", Encoding.UTF8.GetString(_world.Double.State.GetObject(SandboxWorld.Bucket, "builds/roots/app.txt")!));
        Assert.True(traversal.IsError);
        Assert.True(link.IsError);
        Assert.Null(_world.Double.State.GetObject(SandboxWorld.Bucket, "builds/roots/x"));
        Assert.Null(_world.Double.State.GetObject(SandboxWorld.Bucket, "builds/roots/y"));
    }

    [Fact]
    public async Task UpdateFunctionCode_SendsProgressNotificationsUntilSuccessful()
    {
        await using var session = await McpClientSession.StartAsync(_world);
        var progress = new ConcurrentQueue<ProgressNotificationValue>();

        var result = await session.Client.CallToolAsync(
            "update-function-code",
            Args(("functionName", SandboxWorld.Function), ("zipBase64", Convert.ToBase64String(Encoding.UTF8.GetBytes("v2")))),
            new Progress(progress));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("Successful", result.StructuredContent!.Value.GetProperty("function").GetProperty("lastUpdateStatus").GetString());
        Assert.Contains(progress, p => p.Message?.Contains("InProgress", StringComparison.Ordinal) == true);
    }

    // IProgress<T> that records synchronously (Progress<T> posts to the thread pool and may run late).
    private sealed class Progress(ConcurrentQueue<ProgressNotificationValue> sink) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => sink.Enqueue(value);
    }
}
