using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sentrely.Sandbox;

namespace Sentrely.Mcp.Demo;

/// <summary>
/// The demo's approval act. Out of band: the refused terminate-instances carries an approval id; a reviewer approves it
/// with the real CLI (a separate <c>sentrely approvals approve</c> process); the same call then runs, once. In the
/// session: a client that declares elicitation is asked, answers yes, and the call runs.
/// </summary>
internal static class DemoApprovals
{
    /// <summary>Runs both flows; returns (expectations held, expectations checked).</summary>
    public static async Task<(int Held, int Total)> RunAsync(McpClient client, string? approvalId, TextWriter output, CancellationToken cancellationToken)
    {
        var held = 0;
        await output.WriteLineAsync("\nApproval, out of band (this client cannot elicit):");
        var terminate = DemoScript.Args(("instanceIds", new[] { SandboxAccount.CiRunner1 }));
        var cli = approvalId is null ? (ExitCode: 1, Output: "no approval id was returned") : await RunCliAsync(["approvals", "approve", approvalId, "--sandbox", "--reason", "demo: the runner is idle"], cancellationToken);
        held += Report(output, cli.ExitCode == 0, $"$ sentrely approvals approve {approvalId ?? "?"} --sandbox --reason \"demo: the runner is idle\"", cli.Output);

        var approved = await client.CallToolAsync("terminate-instances", terminate, cancellationToken: cancellationToken);
        held += Report(output, approved.IsError != true, "✔ the agent repeats exactly the same call: it runs", Text(approved));
        var reused = await client.CallToolAsync("terminate-instances", terminate, cancellationToken: cancellationToken);
        held += Report(output, reused.IsError == true && Text(reused).Contains("pending", StringComparison.Ordinal), "✖ and once more: refused, an approval is used once", Text(reused));

        await output.WriteLineAsync("\nApproval in the session (a client that declares elicitation, as Claude Code does):");
        var asked = 0;
        var options = new McpClientOptions
        {
            ClientInfo = new() { Name = "sentrely-demo-elicit", Version = "1.0" },
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = async (request, _) =>
                {
                    asked++;
                    foreach (var line in (request?.Message ?? "").Split('\n'))
                    {
                        await output.WriteLineAsync($"    │ {line}");
                    }

                    await output.WriteLineAsync("    └ the human answers: approve ✔");
                    return new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonDocument.Parse("true").RootElement.Clone() } };
                },
            },
        };
        await using var eliciting = await McpClient.CreateAsync(new StdioClientTransport(DemoCommand.ServerCommand()), options, cancellationToken: cancellationToken);
        var inSession = await eliciting.CallToolAsync("terminate-instances", DemoScript.Args(("instanceIds", new[] { SandboxAccount.CiRunner2 })), cancellationToken: cancellationToken);
        held += Report(output, asked == 1 && inSession.IsError != true, "✔ terminate ci-runner-2: the human was asked in the session and said yes", Text(inSession));
        return (held, 4);
    }

    private static int Report(TextWriter output, bool ok, string headline, string detail)
    {
        output.WriteLine($"{(ok ? " " : "!")} {headline}");
        output.WriteLine($"{"",35}{Shorten(detail)}{(ok ? "" : "   <-- NOT AS EXPECTED")}");
        return ok ? 1 : 0;
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(string[] args, CancellationToken cancellationToken)
    {
        var command = DemoCommand.ServerCommand();
        var info = new ProcessStartInfo(command.Command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (command.Arguments ?? []).TakeWhile(a => a != "serve").Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static string Shorten(string text, int max = 140) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
