using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>An IAM policy document (identity, trust or boundary policy), written as AWS reads it.</summary>
/// <param name="Statements">The statements, in order.</param>
public sealed record IamPolicyDocument(IReadOnlyList<IamStatement> Statements)
{
    /// <summary>Writes the document as a JSON object.</summary>
    /// <param name="writer">The writer, positioned for a value.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("Version", "2012-10-17");
        writer.WriteStartArray("Statement");
        foreach (var statement in Statements)
        {
            statement.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Returns the document as JSON text.</summary>
    /// <param name="indented">Whether to indent (for people); IAM's size quotas count the minified form.</param>
    public string ToJson(bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Gets the size IAM counts against its quotas: characters of the minified JSON.</summary>
    public int Size => ToJson().Length;
}

/// <summary>One statement of an <see cref="IamPolicyDocument"/>.</summary>
/// <param name="Sid">The statement id (letters and digits), or null.</param>
/// <param name="Effect"><c>Allow</c> or <c>Deny</c>.</param>
/// <param name="Actions">The actions.</param>
/// <param name="Resources">The resources; empty for trust policies (which name a principal instead).</param>
/// <param name="Conditions">The conditions, all of which must hold.</param>
public sealed record IamStatement(string? Sid, string Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyList<IamCondition> Conditions)
{
    /// <summary>Gets the AWS principal ARN of a trust-policy statement; null for identity policies.</summary>
    public string? PrincipalAws { get; init; }

    /// <summary>Writes the statement as a JSON object.</summary>
    /// <param name="writer">The writer, positioned for a value.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Sid is not null)
        {
            writer.WriteString("Sid", Sid);
        }

        writer.WriteString("Effect", Effect);
        if (PrincipalAws is not null)
        {
            writer.WriteStartObject("Principal");
            writer.WriteString("AWS", PrincipalAws);
            writer.WriteEndObject();
        }

        WriteOneOrMany(writer, "Action", Actions);
        if (Resources.Count > 0)
        {
            WriteOneOrMany(writer, "Resource", Resources);
        }

        if (Conditions.Count > 0)
        {
            writer.WriteStartObject("Condition");
            foreach (var group in Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
            {
                writer.WriteStartObject(group.Key);
                foreach (var condition in group)
                {
                    WriteOneOrMany(writer, condition.Key, condition.Values);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteOneOrMany(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}

/// <summary>One condition of an <see cref="IamStatement"/>: <c>{ Operator: { Key: Values } }</c>.</summary>
/// <param name="Operator">The condition operator, for example <c>StringLike</c> or <c>ForAllValues:StringEquals</c>.</param>
/// <param name="Key">The condition key.</param>
/// <param name="Values">The values (any of them may match).</param>
public sealed record IamCondition(string Operator, string Key, IReadOnlyList<string> Values);
