using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>The real server over stdio, driven by the C# SDK's MCP client.</summary>
public sealed class StdioServerTests : IClassFixture<SandboxWorld>
{
    private static readonly string[] CuratedTools =
    [
        "describe-instances", "get-build-artifact", "get-function", "list-build-artifacts", "list-functions", "list-permissions",
        "put-build-artifact", "run-instances", "start-instances", "stop-instances", "terminate-instances", "update-function-code",
    ];

    private readonly SandboxWorld _world;

    public StdioServerTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task ListTools_EveryCuratedToolWithStrictSchemasAndExplicitAnnotations()
    {
        await using var session = await McpClientSession.StartAsync(_world);

        var tools = await session.Client.ListToolsAsync();

        Assert.Equal(CuratedTools, tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        var put = tools.Single(t => t.Name == "put-build-artifact").ProtocolTool;
        Assert.Equal("Put build artifact", put.Title);
        Assert.False(put.InputSchema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["bucket", "contentBase64", "contentType", "key", "path", "text"], put.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["bucket", "key"], put.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrEmpty(put.InputSchema.GetProperty("properties").GetProperty("key").GetProperty("description").GetString()));
        Assert.NotNull(put.OutputSchema);
        AssertHints(tools, "describe-instances", readOnly: true, destructive: false);
        AssertHints(tools, "put-build-artifact", readOnly: false, destructive: false);
        AssertHints(tools, "terminate-instances", readOnly: false, destructive: true);
    }

    [Fact]
    public async Task CallTool_Allowed_StructuredContentAndAudit()
    {
        await using var session = await McpClientSession.StartAsync(_world);

        var result = await session.Client.CallToolAsync("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/notes.txt")));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("release notes", result.StructuredContent!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task HostileCalls_RefusedAudited_AndTheServerKeepsServing()
    {
        await using var session = await McpClientSession.StartAsync(_world);
        var huge = new string('a', 1024 * 1024);
        (string Tool, Dictionary<string, object?> Args)[] hostile =
        [
            ("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/*"))),
            ("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/${aws:username}"))),
            ("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/../../etc/passwd"))),
            ("get-build-artifact", Args(("bucket", "my-app-deployments/builds"), ("key", "x"))),
            ("get-function", Args(("functionName", "arn:aws:lambda:us-east-1:999999999999:function:webhooks-handler"))),
            ("get-function", Args(("functionName", "arn:aws-cn:lambda:cn-north-1:111122223333:function:webhooks-handler"))),
            ("run-instances", Args(("imageId", SandboxWorld.Image), ("instanceType", "t3.micro"), ("count", "1"))),
            ("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", huge))),
            ("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/notes.txt"), ("acl", "public-read"))),
            ("s3-delete-bucket", Args(("bucket", SandboxWorld.Bucket))),
        ];

        foreach (var (tool, args) in hostile)
        {
            var refused = await session.Client.CallToolAsync(tool, args);
            Assert.True(refused.IsError, $"{tool} was not refused");
            Assert.Equal("deny", refused.StructuredContent!.Value.GetProperty("decision").GetString());
            Assert.DoesNotContain(huge, Text(refused), StringComparison.Ordinal);
        }

        var ok = await session.Client.CallToolAsync("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/notes.txt")));
        Assert.NotEqual(true, ok.IsError);
        await using var store = new SqliteAuditStore(_world.StorePath, TimeProvider.System);
        var denied = new List<AuditRecord>();
        await foreach (var record in store.ReadAsync(new AuditQuery { Decision = "deny" }, default))
        {
            denied.Add(record);
        }

        Assert.Contains(denied, r => r.Tool == "s3-delete-bucket" && r.Phase == "outcome" && r.ErrorCode == "UnknownTool");
        Assert.True(denied.Count(r => r.ErrorCode == "InvalidArguments") >= hostile.Length - 1);
        Assert.All(denied, r => Assert.True((r.Arguments?.Length ?? 0) < 8 * 1024, "a huge argument must not be stored whole"));
    }

    [Fact]
    public async Task Credentials_NeverAppearInResultsLogsOrStore()
    {
        var texts = new List<string>();
        await using (var session = await McpClientSession.StartAsync(_world))
        {
            foreach (var (tool, args) in new (string, Dictionary<string, object?>)[]
            {
                ("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/notes.txt"))),
                ("put-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/leak-check.txt"), ("text", "x"))),
                ("get-function", Args(("functionName", SandboxWorld.Function))),
                ("describe-instances", Args()),
                ("put-build-artifact", Args(("bucket", SandboxWorld.OtherBucket), ("key", "x"), ("text", "x"))),
            })
            {
                var result = await session.Client.CallToolAsync(tool, args);
                texts.Add(Text(result));
                texts.Add(result.StructuredContent?.GetRawText() ?? "");
            }

            texts.AddRange(session.Stderr);
        }

        var storeFiles = Directory.GetFiles(Path.GetDirectoryName(_world.StorePath)!).Select(f => File.ReadAllText(f));
        var secrets = _world.Double.AllCredentialStrings();
        Assert.True(secrets.Count >= 5, "the calls must have vended credentials");
        foreach (var haystack in texts.Concat(storeFiles))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, haystack, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(SandboxWorld.EnvironmentSecret, haystack, StringComparison.Ordinal);
        }
    }

    private static void AssertHints(IList<McpClientTool> tools, string name, bool readOnly, bool destructive)
    {
        var annotations = tools.Single(t => t.Name == name).ProtocolTool.Annotations!;
        Assert.Equal(readOnly, annotations.ReadOnlyHint);
        Assert.Equal(destructive, annotations.DestructiveHint);
    }

    internal static Dictionary<string, object?> Args(params (string Name, object? Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
