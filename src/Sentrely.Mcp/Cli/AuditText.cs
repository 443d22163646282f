using System.Globalization;
using Sentrely.Audit;

namespace Sentrely.Mcp.Cli;

/// <summary>Formats an audit record as one readable line: agent-written fields cannot forge a line or drive the terminal.</summary>
internal static class AuditText
{
    public static string Line(AuditRecord r) => OperatorText.Escape(string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Seq,6} {r.Time:yyyy-MM-ddTHH:mm:ss.fffZ} {r.Phase,-7} {r.Decision,-16} {r.Outcome ?? "-",-7} {r.Tool,-22} {r.SessionId} {r.Developer}/{r.Project} {string.Join(",", r.Resources)} {(r.ErrorCode is null ? "" : "[" + r.ErrorCode + "] ")}{r.Reason}"));
}
