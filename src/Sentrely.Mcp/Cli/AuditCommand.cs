using System.CommandLine;
using System.Globalization;
using Sentrely.Audit;
using Sentrely.Mcp.Hosting;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely audit tail|query|export|verify|head</c>: read and check the audit log.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var count = new Option<int>("-n", "--lines") { Description = "How many records", DefaultValueFactory = _ => 20 };
        var tail = new Command("tail", "Print the newest records") { count, SentrelyCli.JsonOption };
        tail.SetAction((parse, ct) => Query(parse, new AuditQuery { Limit = parse.GetValue(count), Tail = true }, parse.GetValue(SentrelyCli.JsonOption), ct));

        var session = new Option<string?>("--session") { Description = "Only this session id" };
        var tool = new Option<string?>("--tool") { Description = "Only this tool" };
        var decision = new Option<string?>("--decision") { Description = "Only this decision (allow, deny, …)" };
        var since = new Option<string?>("--since") { Description = "From this time (ISO 8601, UTC)" };
        var until = new Option<string?>("--until") { Description = "Before this time (ISO 8601, UTC)" };
        var limit = new Option<int?>("--limit") { Description = "At most this many records" };
        var query = new Command("query", "Print the records matching filters") { session, tool, decision, since, until, limit, SentrelyCli.JsonOption };
        query.SetAction((parse, ct) =>
            Times(parse, since, until) is not { } range
                ? Task.FromResult(ExitCodes.UsageOrConfig)
                : Query(
                    parse,
                    new AuditQuery
                    {
                        SessionId = parse.GetValue(session),
                        Tool = parse.GetValue(tool),
                        Decision = parse.GetValue(decision),
                        Since = range.Since,
                        Until = range.Until,
                        Limit = parse.GetValue(limit),
                    },
                    parse.GetValue(SentrelyCli.JsonOption),
                    ct));

        var format = new Option<string>("--format") { Description = "jsonl (JSON Lines)", DefaultValueFactory = _ => "jsonl" };
        var export = new Command("export", "Stream records as JSON Lines to stdout") { since, until, format };
        export.SetAction((parse, ct) =>
            parse.GetValue(format) != "jsonl" || Times(parse, since, until) is not { } range
                ? Task.FromResult(ExitCodes.UsageOrConfig)
                : Query(parse, new AuditQuery { Since = range.Since, Until = range.Until }, json: true, ct));

        var expected = new Option<string?>("--head") { Description = "A head printed earlier by `audit head` (SEQ:HASH) that the log must still contain" };
        var verify = new Command("verify", "Check the hash chain; names the first altered, inserted or missing record") { expected };
        verify.SetAction((parse, ct) => AdminClient.OrLocalAsync(
            parse, c => AdminAuditClient.VerifyAsync(c, parse.GetValue(expected), ct), () => VerifyAsync(parse, parse.GetValue(expected), ct)));

        var head = new Command("head", "Print the chain head as SEQ:HASH, to keep elsewhere and check later");
        head.SetAction((parse, ct) => AdminClient.OrLocalAsync(parse, _ => NotRemoteAsync("audit head"), () => HeadAsync(parse, ct)));

        return new Command("audit", "Read and verify the audit log") { tail, query, export, verify, head, AdminClient.ServerOption, AdminClient.TokenOption };
    }

    private static async Task<int> NotRemoteAsync(string command)
    {
        await Console.Error.WriteLineAsync($"sentrely: `{command}` does not work through --server; `audit verify --server` checks the chain there").ConfigureAwait(false);
        return ExitCodes.UsageOrConfig;
    }

    private static Task<int> Query(ParseResult parse, AuditQuery query, bool json, CancellationToken cancellationToken) =>
        AdminClient.OrLocalAsync(parse, c => AdminAuditClient.QueryAsync(c, query, json, cancellationToken), () => PrintAsync(parse, query, json, cancellationToken));

    private static async Task<int> PrintAsync(ParseResult parse, AuditQuery query, bool json, CancellationToken cancellationToken)
    {
        await using var store = Open(parse);
        if (store is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        await foreach (var record in store.Audit.ReadAsync(query, cancellationToken).ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync(json ? AuditJson.ToJsonLine(record) : AuditText.Line(record)).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyAsync(ParseResult parse, string? expectedHead, CancellationToken cancellationToken)
    {
        AuditHead? head = null;
        if (expectedHead is not null)
        {
            var parts = expectedHead.Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || parts[1].Length != 64)
            {
                await Console.Error.WriteLineAsync("sentrely: --head takes SEQ:HASH as printed by `sentrely audit head`").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            head = new AuditHead(seq, parts[1]);
        }

        AuditSigner? signer;
        try
        {
            signer = AuditSigner.FromEnvironment(Environment.GetEnvironmentVariable);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"sentrely: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        await using var store = Open(parse);
        if (store is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var result = await AuditVerifier.VerifyAsync(store.Audit.ReadAsync(new AuditQuery(), cancellationToken), head, signer, cancellationToken).ConfigureAwait(false);
        if (result.Ok)
        {
            var signatures = result.SignaturesChecked
                ? "every record signed by the configured key"
                : $"signatures were not checked ({AuditSigner.KeyVariable} is not set)";
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ok: {result.Checked} records, chain intact, {signatures}, head {result.Head?.ToString() ?? "(empty)"}")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await Console.Out.WriteLineAsync($"TAMPERED: {result.Problem}").ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    private static async Task<int> HeadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var store = Open(parse);
        if (store is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var head = await store.Audit.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(head?.ToString() ?? "0:" + AuditHashChain.GenesisHash).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static Stores.ISentrelyStore? Open(ParseResult parse) => CliStore.Open(parse);

    private static (DateTimeOffset? Since, DateTimeOffset? Until)? Times(ParseResult parse, Option<string?> since, Option<string?> until)
    {
        DateTimeOffset? Parse(string? text, string name)
        {
            if (text is null)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            {
                return t;
            }

            throw new FormatException($"{name} takes an ISO 8601 time such as 2026-11-27T10:00:00Z");
        }

        try
        {
            return (Parse(parse.GetValue(since), "--since"), Parse(parse.GetValue(until), "--until"));
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"sentrely: {ex.Message}");
            return null;
        }
    }
}
