using System.Text;
using System.Text.Json;

namespace Sentrely.Credentials;

/// <summary>Writes a session policy as minified IAM JSON (no Sid, no whitespace) so it fits STS's 2,048-character budget.</summary>
public static class SessionPolicyWriter
{
    /// <summary>Gets the most characters STS accepts for inline session policies.</summary>
    public const int MaxLength = 2048;

    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns the policy document JSON of <paramref name="statements"/>.</summary>
    /// <param name="statements">The statements, all Allow.</param>
    public static string Write(IReadOnlyList<SessionPolicyStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("Version", "2012-10-17");
            w.WriteStartArray("Statement");
            foreach (var s in statements)
            {
                w.WriteStartObject();
                w.WriteString("Effect", "Allow");
                WriteOneOrMany(w, "Action", s.Actions);
                WriteOneOrMany(w, "Resource", s.Resources);
                if (s.Conditions.Count > 0)
                {
                    w.WriteStartObject("Condition");
                    foreach (var op in s.Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
                    {
                        w.WriteStartObject(op.Key);
                        foreach (var c in op)
                        {
                            WriteOneOrMany(w, c.Key, c.Values);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteOneOrMany(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            w.WriteString(name, values[0]);
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
