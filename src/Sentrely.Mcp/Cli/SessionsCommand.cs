using System.CommandLine;
using Sentrely.Audit;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely sessions list|kill|unkill</c>: see the sessions and stop them, through the store every server reads.</summary>
internal static class SessionsCommand
{
    /// <summary>The tool name of kill and unkill audit records.</summary>
    public const string AuditTool = "sentrely:sessions";

    public static Command Create()
    {
        var list = new Command("list", "List live and recent sessions and the kill rules in force") { SentrelyCli.JsonOption };
        list.SetAction((parse, ct) => AdminClient.OrLocalAsync(parse, c => c.ListAsync("/sessions", parse.GetValue(SentrelyCli.JsonOption), ct), () => ListAsync(parse, ct)));
        return new Command("sessions", "List sessions; stop (kill) and resume (unkill) them")
        {
            list, Target("kill", kill: true), Target("unkill", kill: false), AdminClient.ServerOption, AdminClient.TokenOption,
        };
    }

    private static Command Target(string name, bool kill)
    {
        var session = new Argument<string?>("session-id") { Description = "The session id (sess_…)", Arity = ArgumentArity.ZeroOrOne };
        var developer = new Option<string?>("--developer") { Description = "Every session of this developer" };
        var project = new Option<string?>("--project") { Description = "Every session of this project" };
        var all = new Option<bool>("--all") { Description = "Every session" };
        var reason = new Option<string?>("--reason") { Description = "Why (shown to the agent and recorded in the audit log)" };
        var description = kill
            ? "Refuse every further call of the targeted sessions (takes effect at their next call, in every server sharing the store)"
            : "Remove a kill rule (same target as the kill)";
        var command = new Command(name, description) { session, developer, project, all, reason };
        command.SetAction(async (parse, ct) =>
        {
            var targets = new List<KillTarget>();
            if (parse.GetValue(session) is { } id)
            {
                targets.Add(new KillTarget(KillTargetKind.Session, id));
            }

            if (parse.GetValue(developer) is { } dev)
            {
                targets.Add(new KillTarget(KillTargetKind.Developer, dev));
            }

            if (parse.GetValue(project) is { } proj)
            {
                targets.Add(new KillTarget(KillTargetKind.Project, proj));
            }

            if (parse.GetValue(all))
            {
                targets.Add(KillTarget.All);
            }

            if (targets.Count != 1 || targets[0].Value.Length is 0 or > 256)
            {
                await Console.Error.WriteLineAsync($"sentrely: `sessions {name}` takes exactly one target: <session-id>, --developer D, --project P or --all").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            return await AdminClient.OrLocalAsync(
                parse,
                c => c.PostAsync($"/sessions/{name}", w => { w.WriteString("kind", targets[0].KindName); w.WriteString("target", targets[0].Value); w.WriteString("reason", parse.GetValue(reason)); }, ct),
                () => ApplyAsync(parse, targets[0], kill, parse.GetValue(reason), ct)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ApplyAsync(ParseResult parse, KillTarget target, bool kill, string? reason, CancellationToken cancellationToken)
    {
        await using var store = Open(parse);
        if (store is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var registry = store.Sessions;
        var now = TimeProvider.System.GetUtcNow();
        var by = Environment.UserName;
        reason = string.IsNullOrWhiteSpace(reason) ? (kill ? "stopped by an operator" : "resumed by an operator") : reason.Trim();
        if (kill)
        {
            // Audit first: a kill that is in force must be on the record (the record is what an incident review reads).
            await store.Audit.AppendAsync(Record(target, AuditDecisions.Killed, reason, by, now), cancellationToken).ConfigureAwait(false);
            await registry.KillAsync(new KillRule(target, reason, by, now), cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"killed {target}: its calls are refused from the next one on. Undo with `sentrely sessions unkill`.").ConfigureAwait(false);
            if (target.Kind == KillTargetKind.Session && (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).All(s => s.SessionId != target.Value))
            {
                await Console.Error.WriteLineAsync($"sentrely: warning: no session {target.Value} is registered in this store; the rule applies if it appears.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }

        if (!await registry.UnkillAsync(target, cancellationToken).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"sentrely: no kill rule targets {target}; `sentrely sessions list` shows the rules in force.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await store.Audit.AppendAsync(Record(target, AuditDecisions.Allow, reason, by, now), cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"unkilled {target}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var store = Open(parse);
        if (store is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var registry = store.Sessions;
        var sessions = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var kills = await registry.ListKillsAsync(cancellationToken).ConfigureAwait(false);
        var json = parse.GetValue(SentrelyCli.JsonOption);
        foreach (var line in SessionsText.Lines(sessions, kills, SessionLifecycle.IsAlive, Environment.MachineName, json))
        {
            await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static AuditRecord Record(KillTarget target, string decision, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Identifiers.NewAuditRecordId(),
        CallId = Identifiers.NewCallId(),
        Time = AuditTime.Truncate(now),
        Phase = "outcome",
        SessionId = target.Kind == KillTargetKind.Session ? target.Value : "cli",
        Developer = target.Kind == KillTargetKind.Developer ? target.Value : by,
        Project = target.Kind == KillTargetKind.Project ? target.Value : "",
        Actor = "operator",
        Transport = "cli",
        Tool = AuditTool,
        Resources = [target.ToString()],
        Decision = decision,
        Reason = $"{(decision == AuditDecisions.Killed ? "kill" : "unkill")} {target} by {by}: {reason}",
        Outcome = "ok",
    };

    private static Stores.ISentrelyStore? Open(ParseResult parse) => CliStore.Open(parse);
}
