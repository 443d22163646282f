using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Sentrely.Policy;

/// <summary>
/// Derives how each argument of a tool appears to the policy from the source-generated metadata of its typed
/// arguments record (the same metadata the MCP input schema comes from) and the manifest's content arguments, so a
/// new argument is visible to <c>when</c> without anyone listing it.
/// </summary>
public static class ArgumentKinds
{
    /// <summary>The key member of AWS's filter idiom, <c>[{ "name": N, "values": [...] }]</c>, which reads as the map N → values.</summary>
    internal const string FilterName = "name";

    /// <summary>The values member of AWS's filter idiom.</summary>
    internal const string FilterValues = "values";

    /// <summary>
    /// The argument that names a local file whose bytes are sent (put-build-artifact, update-function-code). The policy
    /// sees it as content, like the inline arguments: its digest and size, never its spelling, which could dodge a prefix
    /// (<c>/allowed/../other</c>) or carry the same bytes past a content deny.
    /// </summary>
    internal const string FileArgument = "path";

    /// <summary>Returns the kind of every argument, by name; an argument of a shape the policy cannot read is left out.</summary>
    /// <param name="arguments">The typed arguments record's metadata.</param>
    /// <param name="blobs">The manifest's content arguments (<c>redact.blobs</c>); <see cref="FileArgument"/> is content too.</param>
    public static IReadOnlyDictionary<string, ArgumentKind> Of(JsonTypeInfo arguments, IReadOnlyCollection<string> blobs)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(blobs);
        var kinds = new Dictionary<string, ArgumentKind>(StringComparer.Ordinal);
        foreach (var property in InputProperties(arguments))
        {
            if (blobs.Contains(property.Name) || property.Name == FileArgument)
            {
                kinds[property.Name] = ArgumentKind.Blob;
            }
            else if (KindOf(arguments.Options, property.PropertyType) is { } kind)
            {
                kinds[property.Name] = kind;
            }
        }

        return kinds;
    }

    /// <summary>Returns the properties of the arguments record that its input schema lists (not the <c>[JsonIgnore]</c> state a handler keeps).</summary>
    /// <param name="arguments">The typed arguments record's metadata.</param>
    public static IReadOnlyList<JsonPropertyInfo> InputProperties(JsonTypeInfo arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var listed = arguments.GetJsonSchemaAsNode()["properties"] is JsonObject properties
            ? properties.Select(p => p.Key).ToHashSet(StringComparer.Ordinal)
            : [];
        return arguments.Properties.Where(p => listed.Contains(p.Name)).ToArray();
    }

    private static ArgumentKind? KindOf(System.Text.Json.JsonSerializerOptions options, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return ArgumentKind.Text;
        }

        if (type == typeof(bool))
        {
            return ArgumentKind.Boolean;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double))
        {
            return ArgumentKind.Number;
        }

        if (TypeInfo(options, type) is not { } info)
        {
            return null;
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Dictionary when info.KeyType == typeof(string) && info.ElementType == typeof(string) => ArgumentKind.TextMap,
            JsonTypeInfoKind.Enumerable when info.ElementType == typeof(string) => ArgumentKind.TextList,
            JsonTypeInfoKind.Enumerable when info.ElementType is { } element && TypeInfo(options, element) is { } item && IsNameValues(item) => ArgumentKind.TextMap,
            _ => null,
        };
    }

    // A type the tool's JSON context does not describe cannot be read by `when`, which says so at load (SEN1037).
    private static JsonTypeInfo? TypeInfo(System.Text.Json.JsonSerializerOptions options, Type type)
    {
        try
        {
            return options.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static bool IsNameValues(JsonTypeInfo element) =>
        element.Kind == JsonTypeInfoKind.Object
        && element.Properties.Count == 2
        && element.Properties.Any(p => p.Name == FilterName && p.PropertyType == typeof(string))
        && element.Properties.Any(p => p.Name == FilterValues && typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType));
}
