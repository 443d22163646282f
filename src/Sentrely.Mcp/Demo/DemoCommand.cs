using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sentrely.Audit;
using Sentrely.Mcp.Cli;
using Sentrely.Mcp.Sandbox;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Demo;

/// <summary>
/// <c>sentrely demo</c>: a scripted agent session through the real MCP protocol — this executable started as
/// <c>serve --sandbox</c> over stdio and driven by the MCP C# SDK client — then the session's audit trail and
/// the chain check. Exit 0 only when every scripted expectation held.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run a scripted agent session against the sandbox and show every decision and the audit trail");
        command.SetAction((_, ct) => RunAsync(ct));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var output = Console.Out;
        await output.WriteLineAsync("Sentrely demo: a scripted agent session against the sandbox (an in-process AWS test double; no AWS account is used)\n");
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(ServerCommand()), new McpClientOptions { ClientInfo = new() { Name = "sentrely-demo", Version = "1.0" } }, cancellationToken: cancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        await output.WriteLineAsync($"server: {client.ServerInfo?.Title} {client.ServerInfo?.Version}; {tools.Count} curated tools listed\n");

        var held = 0;
        string? callId = null;
        string? approvalId = null;
        foreach (var step in DemoScript.Steps)
        {
            var result = await client.CallToolAsync(step.Tool, step.Arguments, cancellationToken: cancellationToken);
            var (ok, line) = Judge(step, result);
            held += ok ? 1 : 0;
            callId ??= Field(result, "callId");
            approvalId ??= Field(result, "approvalId");
            await output.WriteLineAsync(line);
        }

        var (approvalsHeld, approvalsTotal) = await DemoApprovals.RunAsync(client, approvalId, output, cancellationToken);
        held += approvalsHeld;
        await client.DisposeAsync();
        var verified = await PrintAuditAsync(output, callId, cancellationToken);
        var total = DemoScript.Steps.Count + approvalsTotal;
        await output.WriteLineAsync(held == total && verified
            ? $"\nAll {total} expectations held; the audit chain verifies. Try it in Claude Code: claude mcp add sentrely -- sentrely serve --sandbox"
            : $"\n{total - held} of {total} expectations FAILED{(verified ? "" : "; the audit chain does not verify")}.");
        return held == total && verified ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static (bool Held, string Line) Judge(DemoStep step, CallToolResult result)
    {
        var allowed = result.IsError != true;
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        var detail = allowed && step.Summary is not null && result.StructuredContent is { } structured ? step.Summary(structured) : Shorten(text);
        var held = allowed == step.ExpectAllowed && (step.ExpectInReason is null || text.Contains(step.ExpectInReason, StringComparison.Ordinal));
        var verdict = allowed ? "✔ ALLOWED" : "✖ REFUSED";
        var mark = held ? " " : "!";
        return (held, $"{mark} {verdict}  {step.Tool,-22} {step.Story}\n{"",35}{detail}{(held ? "" : "   <-- NOT AS EXPECTED")}");
    }

    private static async Task<bool> PrintAuditAsync(TextWriter output, string? callId, CancellationToken cancellationToken)
    {
        await using var store = new SqliteAuditStore(StorePaths.Sandbox(), TimeProvider.System);
        string? sessionId = null;
        await foreach (var record in store.ReadAsync(new AuditQuery { Limit = 200, Tail = true }, cancellationToken))
        {
            sessionId = record.CallId == callId ? record.SessionId : sessionId;
        }

        await output.WriteLineAsync($"\nAudit trail of session {sessionId} ({StorePaths.Sandbox()}):");
        await foreach (var record in store.ReadAsync(new AuditQuery { SessionId = sessionId ?? "-" }, cancellationToken))
        {
            await output.WriteLineAsync("  " + Shorten(AuditText.Line(record), 180));
        }

        var verification = await AuditVerifier.VerifyAsync(store.ReadAsync(new AuditQuery(), cancellationToken), null, cancellationToken);
        await output.WriteLineAsync(verification.Ok
            ? string.Create(CultureInfo.InvariantCulture, $"\nsentrely audit verify --sandbox: ok: {verification.Checked} records, chain intact, head {verification.Head}")
            : $"\nsentrely audit verify --sandbox: TAMPERED: {verification.Problem}");
        return verification.Ok && sessionId is not null;
    }

    private static string? Field(CallToolResult result, string name) =>
        result.StructuredContent is { } s && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var value) ? value.GetString() : null;

    // This very executable, as `serve --sandbox`: the native binary or apphost, else `dotnet sentrely.dll`.
    internal static StdioClientTransportOptions ServerCommand()
    {
        var self = Environment.ProcessPath!;
        var viaDotnet = Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        string[] serve = ["serve", "--sandbox"];
        return new StdioClientTransportOptions
        {
            Name = "sentrely",
            Command = self,
            Arguments = viaDotnet ? [Path.Combine(AppContext.BaseDirectory, "sentrely.dll"), .. serve] : serve,
            StandardErrorLines = _ => { },
        };
    }

    private static string Shorten(string text, int max = 140) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
