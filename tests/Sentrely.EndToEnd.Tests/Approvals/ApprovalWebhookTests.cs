using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sentrely.EndToEnd.Tests.Stdio;
using static Sentrely.EndToEnd.Tests.Approvals.ApprovalWorld;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Approvals;

/// <summary>A pending approval is POSTed to <c>approvals.webhooks</c>: a real local HTTP listener receives what a Slack relay would.</summary>
public sealed class ApprovalWebhookTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public ApprovalWebhookTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task PendingApproval_PostedOnceToTheWebhookWithTheApproveCommand()
    {
        // Arrange
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveAsync(listener);
        var config = WriteConfig(_world, "webhooks.yaml", WorldRules, $"""
            approvals:
              expiry: 10m
              webhooks: ["http://127.0.0.1:{port}/hooks/T000/B000/secret-part"]
            """);
        await using var session = await McpClientSession.StartAsync(_world, configPath: config);

        // Act
        var pending = await session.Client.CallToolAsync("terminate-instances", Args(("instanceIds", new[] { _world.InstanceId })));
        var repeated = await session.Client.CallToolAsync("terminate-instances", Args(("instanceIds", new[] { _world.InstanceId })));
        var (path, contentType, body) = await received.WaitAsync(TimeSpan.FromSeconds(20));

        // Assert
        var approvalId = ApprovalId(pending)!;
        Assert.Equal(approvalId, ApprovalId(repeated));
        Assert.Equal("/hooks/T000/B000/secret-part", path);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(approvalId, root.GetProperty("approvalId").GetString());
        Assert.Equal("terminate-instances", root.GetProperty("tool").GetString());
        Assert.Equal("jordan", root.GetProperty("developer").GetString());
        Assert.Contains($"sentrely approvals approve {approvalId}", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(_world.InstanceId, root.GetProperty("arguments").GetProperty("instanceIds")[0].GetString());
        var second = ReceiveAsync(listener);
        await Task.Delay(1000);
        Assert.False(second.IsCompleted, "a repeated pending call must not notify reviewers again");
    }

    private const string WorldRules = """
        - id: instance-ops
          effect: allow
          tools: [terminate-instances]
          resources: ["arn:aws:ec2:us-east-1:111122223333:instance/*"]
        """;

    private static async Task<(string Path, string ContentType, string Body)> ReceiveAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        var result = (context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body);
        context.Response.StatusCode = 200;
        context.Response.Close();
        return result;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
