using ModelContextProtocol.Client;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>Live reload in the real server: the policy file is edited while an MCP client keeps calling.</summary>
public sealed class ConfigReloadTests : IClassFixture<SandboxWorld>
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, object?> Notes = StdioServerTests.Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/notes.txt"));

    private const string BuildsRead = """
        - id: builds-read
          effect: allow
          tools: [get-build-artifact]
          resources: ["arn:aws:s3:::my-app-deployments/builds/*"]
        """;

    private const string NoNotes = """
        - id: no-notes
          effect: deny
          tools: [get-build-artifact]
          resources: ["arn:aws:s3:::my-app-deployments/builds/*/notes.txt"]
        """;

    // `resource` is misspelt: applied, the rule would deny every call; strict loading rejects it instead.
    private const string MisspeltDeny = """
        - id: deny-everything
          effect: deny
          tools: ["*"]
          resource: ["*"]
        """;

    private readonly SandboxWorld _world;

    public ConfigReloadTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Reload_DenyThenAllowThenInvalid_AppliesValidKeepsPreviousAndAuditsEachAttempt()
    {
        // Arrange
        await File.WriteAllTextAsync(_world.ConfigPath, _world.ConfigWithRules(BuildsRead + "\n" + NoNotes));
        await using var session = await McpClientSession.StartAsync(_world);
        var denied = await CallAsync(session);

        // Act 1: the same call, allowed once the edited file is in force (written in place, as most editors do).
        await File.WriteAllTextAsync(_world.ConfigPath, _world.ConfigWithRules(BuildsRead));
        var allowed = await PollAsync(session, r => r.Decision == "allow");

        // Act 2: an invalid file keeps the previous policy.
        var invalid = _world.ConfigWithRules(BuildsRead + "\n" + MisspeltDeny);
        var line = invalid.Split('\n').ToList().FindIndex(l => l.TrimStart().StartsWith("resource:", StringComparison.Ordinal)) + 1;
        await File.WriteAllTextAsync(_world.ConfigPath, invalid);
        var logged = await WaitAsync(() => session.Stderr.Any(l => l.Contains($"{_world.ConfigPath}:{line}:", StringComparison.Ordinal)));
        var afterInvalid = await CallAsync(session);

        // Assert
        Assert.Equal(("deny", "no-notes"), (denied.Decision, denied.RuleIds));
        Assert.Equal("allow", allowed.Decision);
        Assert.True(logged, "stderr did not name the invalid file's line:\n" + string.Join("\n", session.Stderr));
        Assert.Contains(session.Stderr, l => l.Contains("policy.rules[1].resource", StringComparison.Ordinal));
        Assert.Equal("allow", afterInvalid.Decision);

        var records = await RecordsAsync(session, ConfigAuditor.Tool);
        Assert.StartsWith($"configuration loaded: {_world.ConfigPath} sha256 ", records[0].Reason, StringComparison.Ordinal);
        Assert.Contains(records, r => r.Decision == "allow" && r.Reason!.StartsWith($"configuration reloaded: {_world.ConfigPath}", StringComparison.Ordinal) && r.Reason.EndsWith("(1 rules)", StringComparison.Ordinal));
        var rejected = Assert.Single(records, r => r.Decision == "deny");
        Assert.Equal(("ConfigRejected", "error", "operator", "outcome"), (rejected.ErrorCode, rejected.Outcome, rejected.Actor, rejected.Phase));
        Assert.Contains($"{_world.ConfigPath}:{line}:", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(("jordan", "backend-api", "stdio"), (rejected.Developer, rejected.Project, rejected.Transport));
    }

    [Fact]
    public async Task Reload_FileRewrittenRepeatedlyDuringCalls_EveryDecisionIsOneWholePolicys()
    {
        // Arrange: the two policies decide the call differently, each with its own rule ids.
        var allowing = _world.ConfigWithRules(BuildsRead + "\n" + BuildsRead.Replace("builds-read", "builds-read-2", StringComparison.Ordinal));
        var denying = _world.ConfigWithRules(BuildsRead + "\n" + NoNotes);
        await File.WriteAllTextAsync(_world.ConfigPath, allowing);
        await using var session = await McpClientSession.StartAsync(_world);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            // Temp file + rename, as editors with atomic saves do, spaced beyond the debounce. The last write
            // (denying) differs from the start, so even a loaded machine that supersedes every earlier reload ends
            // with both policies seen.
            for (var i = 0; i < 9; i++)
            {
                var temp = _world.ConfigPath + ".tmp";
                await File.WriteAllTextAsync(temp, i % 2 == 0 ? denying : allowing);
                File.Move(temp, _world.ConfigPath, overwrite: true);
                await Task.Delay(500);
            }

            await stop.CancelAsync();
        });

        // Act
        var calls = 0;
        var results = new HashSet<(string, string)>();
        var settle = System.Diagnostics.Stopwatch.StartNew();
        while (!stop.IsCancellationRequested || (results.Count < 2 && settle.Elapsed < TimeSpan.FromSeconds(15)))
        {
            results.Add(await CallAsync(session));
            calls++;
        }

        await writer;

        // Assert: the audit log has every call's decision and deciding rules.
        var decided = (await RecordsAsync(session, "get-build-artifact")).Where(r => r.Phase == "outcome").Select(r => (r.Decision, string.Join(",", r.RuleIds))).ToList();
        Assert.Equal(calls, decided.Count);
        Assert.All(decided, d => Assert.Contains(d, new[] { ("allow", "builds-read,builds-read-2"), ("deny", "no-notes") }));
        Assert.Equal(2, decided.Distinct().Count());
    }

    [Fact]
    public async Task Serve_AuditStoreCannotRecordStartupLoad_Exit1()
    {
        // Arrange: the store's folder would have to be created inside a regular file.
        var blocker = Path.Combine(_world.Folder, "blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var config = Path.Combine(_world.Folder, "config", "unwritable-store.yaml");
        await File.WriteAllTextAsync(config, _world.ConfigWithRules(BuildsRead).Replace(_world.StorePath, Path.Combine(blocker, "sentrely.db"), StringComparison.Ordinal));

        // Act
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "serve", "--config", config);

        // Assert
        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains("cannot record the configuration load", stderr, StringComparison.Ordinal);
    }

    private static async Task<(string Decision, string RuleIds)> CallAsync(McpClientSession session)
    {
        var result = await session.Client.CallToolAsync("get-build-artifact", Notes);
        var structured = result.StructuredContent!.Value;

        // A success carries the tool's output, not the deciding rules: those are in the audit log.
        return result.IsError == true
            ? (structured.GetProperty("decision").GetString()!, string.Join(",", structured.GetProperty("ruleIds").EnumerateArray().Select(e => e.GetString())))
            : ("allow", "");
    }

    private static async Task<(string Decision, string RuleIds)> PollAsync(McpClientSession session, Func<(string Decision, string RuleIds), bool> until)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var last = await CallAsync(session);
        while (!until(last) && waited.Elapsed < ReloadWait)
        {
            await Task.Delay(100);
            last = await CallAsync(session);
        }

        return last;
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < ReloadWait)
        {
            await Task.Delay(100);
        }

        return condition();
    }

    private async Task<List<AuditRecord>> RecordsAsync(McpClientSession session, string tool)
    {
        // The server names its session on stderr; the store is shared with this class's other tests.
        var started = session.Stderr.First(l => l.Contains("serving session ", StringComparison.Ordinal));
        var sessionId = started[(started.IndexOf("serving session ", StringComparison.Ordinal) + "serving session ".Length)..].Split(' ')[0];
        await using var store = new SqliteAuditStore(_world.StorePath, TimeProvider.System);
        var records = new List<AuditRecord>();
        await foreach (var record in store.ReadAsync(new AuditQuery { SessionId = sessionId, Tool = tool }, default))
        {
            records.Add(record);
        }

        return records;
    }
}
