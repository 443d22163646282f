using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Sentrely.Sandbox.Http;

namespace Sentrely.Sandbox.Services;

/// <summary>Query-protocol parameters (STS, EC2): the form body merged with the query string.</summary>
internal sealed class FormParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private FormParameters()
    {
    }

    /// <summary>Gets whether some parameter was given more than once (refused: ambiguous input).</summary>
    public bool HasDuplicates { get; private set; }

    public string? this[string name] => _values.TryGetValue(name, out var value) ? value : null;

    public static FormParameters From(SandboxCall call)
    {
        var parameters = new FormParameters();
        parameters.AddAll(call.RawQuery);
        if (call.Header("content-type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            parameters.AddAll(Encoding.UTF8.GetString(call.Body));
        }

        return parameters;
    }

    /// <summary>Reads <c>Prefix.1</c>, <c>Prefix.2</c>, … until the first gap.</summary>
    public List<string> List(string prefix)
    {
        var list = new List<string>();
        for (var i = 1; this[$"{prefix}.{i}"] is { } value; i++)
        {
            list.Add(value);
        }

        return list;
    }

    private void AddAll(string encoded)
    {
        foreach (var (name, values) in QueryHelpers.ParseQuery(encoded))
        {
            if (values.Count != 1 || !_values.TryAdd(name, values.ToString()))
            {
                HasDuplicates = true;
            }
        }
    }
}
