using Sentrely.Stores;
using System.CommandLine;
using Sentrely.Audit;
using Sentrely.Auth;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely tokens create|list|revoke</c>: the team server's bearer tokens; the secret is printed once, only its hash is stored.</summary>
internal static class TokensCommand
{
    /// <summary>The tool name of create and revoke audit records.</summary>
    public const string AuditTool = "sentrely:tokens";

    public static Command Create()
    {
        var list = new Command("list", "List tokens (never their secrets)") { SentrelyCli.JsonOption };
        list.SetAction((parse, ct) => WithStoreAsync(parse, (store, _) => ListAsync(store, parse.GetValue(SentrelyCli.JsonOption), ct)));
        var id = new Argument<string>("token-id") { Description = "The token id (tok_…)" };
        var revoke = new Command("revoke", "Revoke a token: its next request is refused") { id };
        revoke.SetAction((parse, ct) => WithStoreAsync(parse, (store, _) => RevokeAsync(store, parse.GetValue(id)!, ct)));
        return new Command("tokens", "Issue, list and revoke the team server's bearer tokens") { CreateCommand(), list, revoke };
    }

    private static Command CreateCommand()
    {
        var developer = new Option<string>("--developer") { Description = "The developer the token's sessions act for", Required = true };
        var project = new Option<string?>("--project") { Description = "The project (default: identity.project of the configuration)" };
        var name = new Option<string?>("--name") { Description = "A label" };
        var expires = new Option<string?>("--expires") { Description = "Lifetime: 30d, 12h, 90m; default never" };
        var tools = new Option<string[]>("--tools") { Description = "Tool globs the token may call (default: every tool; the policy still decides)", AllowMultipleArgumentsPerToken = true };
        var roles = new Option<string[]>("--role") { Description = "agent (default), reviewer, admin; repeatable", AllowMultipleArgumentsPerToken = true };
        var command = new Command("create", "Create a token and print it once") { developer, project, name, expires, tools, roles };
        command.SetAction((parse, ct) => WithStoreAsync(parse, async (store, config) =>
        {
            var request = TokenRequest.Validate(
                parse.GetValue(developer)!, parse.GetValue(project) ?? config.Identity.Project, parse.GetValue(name), parse.GetValue(expires),
                parse.GetValue(tools) ?? [], parse.GetValue(roles) ?? [], new SentrelyTools().Catalog);
            if (request.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"sentrely: {problem}").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var now = TimeProvider.System.GetUtcNow();
            var (tokenId, text, hash) = ApiTokenSecrets.Create();
            var token = request.ToToken(tokenId, hash, Environment.UserName, now);

            // Audit first: a token that works must be on the record.
            await store.Audit.AppendAsync(Record(token.Id, "create", $"token {token.Id} ({token.Name}) for {token.Developer}/{token.Project}, roles {string.Join(",", token.Roles)}"
                + (token.Tools is { } t ? $", tools {string.Join(",", t)}" : "") + (token.Expires is { } e ? $", expires {AuditTime.Format(e)}" : ""), now), ct).ConfigureAwait(false);
            await store.Tokens.CreateAsync(token, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(text).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"sentrely: created {token.Id} for {token.Developer}/{token.Project}. The token above is shown only once: store it now.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> ListAsync(ISentrelyStore store, bool json, CancellationToken cancellationToken)
    {
        var tokens = await store.Tokens.ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in TokensText.Lines(tokens, TimeProvider.System.GetUtcNow(), json))
        {
            await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> RevokeAsync(ISentrelyStore store, string id, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (!await store.Tokens.RevokeAsync(id, now, cancellationToken).ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync($"sentrely: no active token {id}; `sentrely tokens list` shows the tokens.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await store.Audit.AppendAsync(Record(id, "revoke", $"token {id} revoked", now), cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"revoked {id}: its next request is refused").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> WithStoreAsync(ParseResult parse, Func<ISentrelyStore, SentrelyConfig, Task<int>> action)
    {
        var config = CliConfiguration.Load(parse, new SentrelyTools().Catalog, required: false);
        if (config is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        await using var store = CliStore.Open(config, parse.GetValue(SentrelyCli.SandboxOption));
        return await action(store, config).ConfigureAwait(false);
    }

    private static AuditRecord Record(string tokenId, string verb, string reason, DateTimeOffset now) => new()
    {
        Id = Identifiers.NewAuditRecordId(),
        CallId = Identifiers.NewCallId(),
        Time = AuditTime.Truncate(now),
        Phase = "outcome",
        SessionId = "cli",
        Developer = StsNames.SourceIdentity(Environment.UserName),
        Project = "",
        Actor = "operator",
        Transport = "cli",
        Tool = AuditTool,
        Resources = [tokenId],
        Decision = AuditDecisions.Allow,
        Reason = $"{verb} by {Environment.UserName}: {reason}",
        Outcome = "ok",
    };
}
