using System.Text;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>
/// Over HTTP, MCP client roots name the caller's disk, not the server's: the team server never uses them, and <c>path</c>
/// reads only inside <c>server.files.roots</c> (none by default).
/// </summary>
public sealed class HttpServerRootsTests(HttpWorld http) : IClassFixture<HttpWorld>
{
    [Fact]
    public async Task ClientRootAtFileSystemRoot_PathToServerCredentials_RefusedAndNothingUploaded()
    {
        // Arrange: the server's own credentials file, and a client that declares every folder of "its" disk.
        var credentials = ServerCredentials(http.World);
        var token = await http.CreateTokenAsync("--developer", "mallory");
        await using var client = await http.ConnectAsync(token, roots: ["file:///"]);

        // Act
        var result = await client.CallToolAsync("put-build-artifact", new Dictionary<string, object?>
        {
            ["bucket"] = SandboxWorld.Bucket, ["key"] = "builds/1.0/stolen", ["path"] = credentials,
        });

        // Assert
        Assert.True(result.IsError);
        Assert.Equal("deny", result.StructuredContent!.Value.GetProperty("decision").GetString());
        Assert.Contains("server.files.roots", result.StructuredContent.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Null(http.World.Double.State.GetObject(SandboxWorld.Bucket, "builds/1.0/stolen"));
        var outcome = Assert.Single(await http.AuditAsync(new() { Tool = "put-build-artifact" }), r => r.Developer == "mallory" && r.Phase == "outcome");
        Assert.Equal(("deny", "PathNotServed"), (outcome.Decision, outcome.ErrorCode));
    }

    [Fact]
    public async Task ServerFilesRoots_PathInsideUploaded_OutsideRefusedDespiteClientRoot()
    {
        // Arrange
        var world = await HttpWorld.StartAsync(null, w => $"""
            server:
              files:
                roots: ["{w.WorkFolder}"]
            """);
        try
        {
            var inside = Path.Combine(world.World.WorkFolder, "app.txt");
            await File.WriteAllTextAsync(inside, "build output");
            var credentials = ServerCredentials(world.World);
            await using var client = await world.ConnectAsync(await world.CreateTokenAsync("--developer", "erin"), roots: ["file:///"]);

            // Act
            var uploaded = await client.CallToolAsync("put-build-artifact", new Dictionary<string, object?>
            {
                ["bucket"] = SandboxWorld.Bucket, ["key"] = "builds/2.0/app.txt", ["path"] = inside,
            });
            var outside = await client.CallToolAsync("put-build-artifact", new Dictionary<string, object?>
            {
                ["bucket"] = SandboxWorld.Bucket, ["key"] = "builds/2.0/stolen", ["path"] = credentials,
            });

            // Assert
            Assert.NotEqual(true, uploaded.IsError);
            Assert.Equal("build output", Encoding.UTF8.GetString(world.World.Double.State.GetObject(SandboxWorld.Bucket, "builds/2.0/app.txt")!));
            Assert.True(outside.IsError);
            Assert.Contains("outside the allowed folders", outside.StructuredContent!.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Null(world.World.Double.State.GetObject(SandboxWorld.Bucket, "builds/2.0/stolen"));
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    // The server runs with HOME set to the world's folder: this is "its" ~/.aws/credentials.
    private static string ServerCredentials(SandboxWorld world)
    {
        var path = Path.Combine(world.Folder, ".aws", "credentials");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "[default]\naws_secret_access_key = server-broker-secret\n");
        return path;
    }
}
