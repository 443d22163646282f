using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>A server run with <c>SENTRELY_AUDIT_HMAC_KEY</c> signs its records; <c>audit verify</c> with the key catches a writer without it.</summary>
public sealed class AuditSignatureCommandTests : IClassFixture<SandboxWorld>
{
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private readonly SandboxWorld _world;

    public AuditSignatureCommandTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task AuditVerify_SignedServer_ThenChainRebuiltWithoutKey_CaughtOnlyWithKey()
    {
        // Arrange: a real server with the key makes a call.
        var environment = _world.ServerEnvironment.ToDictionary();
        environment[AuditSigner.KeyVariable] = Key;
        var transport = new StdioClientTransport(new()
        {
            Command = SentrelyProcess.Command,
            Arguments = SentrelyProcess.Arguments("serve", "--config", _world.ConfigPath),
            WorkingDirectory = _world.WorkFolder,
            EnvironmentVariables = environment,
        });
        await using (var client = await McpClient.CreateAsync(transport))
        {
            await client.CallToolAsync("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/app.zip")));
        }

        // Act 1: verify the signed log with and without the key.
        var signedWithKey = await VerifyAsync(Key);
        var signedWithoutKey = await VerifyAsync(null);

        // Act 2: an attacker with the file but not the key replaces the whole log with a consistent chain.
        Rebuild();
        await using (var forger = new SqliteAuditStore(_world.StorePath, TimeProvider.System))
        {
            await forger.AppendAsync(Forged(), CancellationToken.None);
            await forger.AppendAsync(Forged(), CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        var forgedWithKey = await VerifyAsync(Key);
        var forgedWithoutKey = await VerifyAsync(null);

        // Assert
        Assert.True(signedWithKey.ExitCode == 0, signedWithKey.Stdout + signedWithKey.Stderr);
        Assert.Contains("every record signed by the configured key", signedWithKey.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, signedWithoutKey.ExitCode);
        Assert.Contains("signatures were not checked", signedWithoutKey.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, forgedWithKey.ExitCode);
        Assert.Contains("record 1 is not signed by the configured key", forgedWithKey.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, forgedWithoutKey.ExitCode);
        Assert.DoesNotContain(Key, signedWithKey.Stdout + signedWithKey.Stderr + forgedWithKey.Stdout + forgedWithKey.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_MalformedKey_UsageErrorWithoutTheValue()
    {
        const string bad = "short-key!";

        var result = await VerifyAsync(bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(AuditSigner.KeyVariable, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(bad, result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_KeyShorterThan32Bytes_RefusesToStartWithoutTheValue()
    {
        const string bad = "00112233445566778899aabbccddeeff"; // 16 bytes of hex

        var result = await RunAsync(bad, "serve", "--config", _world.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("at least 32 are required", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(bad, result.Stderr, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> VerifyAsync(string? key) =>
        RunAsync(key, "audit", "verify", "--config", _world.ConfigPath);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? key, params string[] args)
    {
        var info = SentrelyProcess.StartInfo(_world, args);
        if (key is null)
        {
            info.Environment.Remove(AuditSigner.KeyVariable);
        }
        else
        {
            info.Environment[AuditSigner.KeyVariable] = key;
        }

        return await ChildProcess.RunAsync(info, TimeSpan.FromSeconds(60));
    }

    private void Rebuild()
    {
        using var connection = new SqliteConnection($"Data Source={_world.StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER audit_records_no_delete; DELETE FROM audit_records;";
        command.ExecuteNonQuery();
    }

    private static AuditRecord Forged() => new()
    {
        Id = Sentrely.Sessions.Identifiers.NewAuditRecordId(),
        CallId = Sentrely.Sessions.Identifiers.NewCallId(),
        Time = default,
        Phase = "intent",
        SessionId = "sess_forged",
        Developer = "someone-else",
        Project = "backend-api",
        Actor = "agent",
        Transport = "stdio",
        Tool = "get-build-artifact",
        Decision = "deny",
    };
}
