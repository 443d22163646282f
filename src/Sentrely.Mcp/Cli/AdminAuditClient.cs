using System.Globalization;
using System.Text;
using Sentrely.Audit;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely audit query|verify --server</c>: the admin API's audit endpoints, printed as the local commands print.</summary>
internal static class AdminAuditClient
{
    /// <summary>Prints the records of <paramref name="query"/> (JSON lines with <paramref name="json"/>, else readable lines).</summary>
    public static async Task<int> QueryAsync(AdminClient client, AuditQuery query, bool json, CancellationToken cancellationToken)
    {
        var path = new StringBuilder("/audit?");
        Add(path, "session", query.SessionId);
        Add(path, "tool", query.Tool);
        Add(path, "decision", query.Decision);
        Add(path, "since", query.Since?.ToString("O", CultureInfo.InvariantCulture));
        Add(path, "until", query.Until?.ToString("O", CultureInfo.InvariantCulture));
        Add(path, "limit", query.Limit?.ToString(CultureInfo.InvariantCulture));
        Add(path, "tail", query.Tail ? "true" : null);
        var (response, exit) = await client.GetAsync(path.ToString().TrimEnd('?', '&'), cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return exit;
        }

        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (AuditJson.FromJsonLine(line) is not { } record)
                {
                    await Console.Error.WriteLineAsync("sentrely: the server sent a line that is not an audit record").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                await Console.Out.WriteLineAsync(json ? AuditJson.ToJsonLine(record) : OperatorText.Escape(AuditText.Line(record))).ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Prints the server's verification of its chain; exit 0 when intact, 1 when not.</summary>
    public static async Task<int> VerifyAsync(AdminClient client, string? head, CancellationToken cancellationToken)
    {
        var (response, exit) = await client.GetAsync(head is null ? "/audit/verify" : "/audit/verify?head=" + Uri.EscapeDataString(head), cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return exit;
        }

        using (response)
        {
            using var body = await AdminClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            var ok = body.RootElement.GetProperty("ok").GetBoolean();
            await Console.Out.WriteLineAsync(OperatorText.Escape(body.RootElement.GetProperty("message").GetString() ?? "")).ConfigureAwait(false);
            return ok ? ExitCodes.Ok : ExitCodes.Failure;
        }
    }

    private static void Add(StringBuilder path, string name, string? value)
    {
        if (value is not null)
        {
            path.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }
    }
}
