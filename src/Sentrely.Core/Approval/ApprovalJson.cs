using System.Text.Json;

namespace Sentrely.Approval;

/// <summary>JSON writing shared by everything that shows an approval request (webhooks, <c>approvals list --json</c>).</summary>
public static class ApprovalJson
{
    /// <summary>
    /// Writes a request's arguments — kept as the audit log's JSON text — as JSON. Text that is not JSON (it never
    /// should be) is written as a string rather than dropped or breaking the document.
    /// </summary>
    /// <param name="writer">The writer, positioned for a value.</param>
    /// <param name="arguments">The stored arguments text.</param>
    public static void WriteArguments(Utf8JsonWriter writer, string arguments)
    {
        ArgumentNullException.ThrowIfNull(writer);
        try
        {
            using var document = JsonDocument.Parse(arguments);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(arguments);
        }
    }
}
