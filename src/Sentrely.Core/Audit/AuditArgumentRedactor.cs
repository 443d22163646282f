using System.Text.Json;

namespace Sentrely.Audit;

// Placeholder until the audit branch lands: same API.
public static class AuditArgumentRedactor
{
    public static string Redact(JsonElement? arguments, IReadOnlyCollection<string> blobArguments, IReadOnlyCollection<string> maskedArguments, int maxStringLength = 1024)
        => arguments?.GetRawText() ?? "null";
}
