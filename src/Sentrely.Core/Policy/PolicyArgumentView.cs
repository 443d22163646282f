using System.Text.Json;
using Sentrely.Arguments;

namespace Sentrely.Policy;

/// <summary>
/// Builds what <c>when</c> conditions see of a call, in one place for every tool: each argument the call gives, from the
/// raw JSON and the tool's <see cref="ArgumentKinds"/>. A value the handler recorded while validating (a function
/// name given as an ARN is recorded as the name) wins over the raw text, so a rule matches the canonical value; a
/// content argument is seen as the digest of its decoded bytes. Kept apart from <see cref="ValidatedArguments.Values"/>,
/// which feed ARNs and session policies and must never carry free text.
/// </summary>
public static class PolicyArgumentView
{
    /// <summary>Returns the policy's view of a validated call's arguments, by name; absent and null arguments have no entry.</summary>
    /// <param name="raw">The raw <c>arguments</c> object; null when none were sent.</param>
    /// <param name="kinds">The tool's argument kinds.</param>
    /// <param name="validated">The validated arguments.</param>
    /// <exception cref="InvalidOperationException">A content argument has no digest: its handler did not record one (a bug; the call fails closed).</exception>
    public static IReadOnlyDictionary<string, PolicyValue> Of(JsonElement? raw, IReadOnlyDictionary<string, ArgumentKind> kinds, ValidatedArguments validated)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(validated);
        var view = new Dictionary<string, PolicyValue>(StringComparer.Ordinal);
        if (raw is not { ValueKind: JsonValueKind.Object } arguments)
        {
            return view;
        }

        foreach (var property in arguments.EnumerateObject())
        {
            // Validation has refused unknown arguments; null means "not given" to the typed binding too.
            if (!kinds.TryGetValue(property.Name, out var kind) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            view[property.Name] = kind switch
            {
                ArgumentKind.Blob => new PolicyValue([], Content: validated.Contents.GetValueOrDefault(property.Name)
                    ?? throw new InvalidOperationException($"the handler recorded no digest of content argument `{property.Name}`")),
                ArgumentKind.TextMap => new PolicyValue([], Entries: Entries(property.Value)),
                _ => PolicyValue.Of(validated.Values.GetValueOrDefault(property.Name) ?? Items(property.Value)),
            };
        }

        return view;
    }

    private static string[] Items(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select(Scalar).ToArray()
        : [Scalar(value)];

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number when value.TryGetDecimal(out var number) => PolicyValue.Number(number),
        _ => value.GetRawText(),
    };

    // `{ KEY: value }` (tags), or `[{ name, values }]` (filters); a key given twice collects both values.
    private static Dictionary<string, IReadOnlyList<string>> Entries(JsonElement value)
    {
        var entries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, IEnumerable<string> values)
        {
            if (!entries.TryGetValue(key, out var list))
            {
                entries[key] = list = [];
            }

            list.AddRange(values);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in value.EnumerateObject())
            {
                Add(entry.Name, Items(entry.Value));
            }
        }
        else
        {
            foreach (var filter in value.EnumerateArray())
            {
                Add(filter.GetProperty(ArgumentKinds.FilterName).GetString()!, Items(filter.GetProperty(ArgumentKinds.FilterValues)));
            }
        }

        return entries.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal);
    }
}
