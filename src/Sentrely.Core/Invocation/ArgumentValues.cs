using System.Globalization;
using Sentrely.Arguments;

namespace Sentrely.Invocation;

/// <summary>Collects a call's checked argument values (for templates and conditions) and the problems found.</summary>
public sealed class ArgumentValues
{
    /// <summary>The derived value holding the SHA-256 (hex) of the content a call sends.</summary>
    public const string ContentSha256 = "contentSha256";

    private readonly Dictionary<string, IReadOnlyList<string>> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContentDigest> _contents = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];

    /// <summary>Gets the problems found so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Adds a problem unless <paramref name="error"/> is null; returns whether the value was valid.</summary>
    /// <param name="error">A validator's answer.</param>
    public bool Check(string? error)
    {
        if (error is not null)
        {
            _errors.Add(error);
        }

        return error is null;
    }

    /// <summary>Records a string value when <paramref name="error"/> is null, else the problem.</summary>
    /// <param name="name">The argument (or derived value) name.</param>
    /// <param name="value">The value; null records nothing.</param>
    /// <param name="error">The validator's answer for it.</param>
    public void Set(string name, string? value, string? error = null)
    {
        if (value is not null && Check(error))
        {
            _values[name] = [value];
        }
    }

    /// <summary>Records a number.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="value">The value; null records nothing.</param>
    public void Set(string name, long? value)
    {
        if (value is { } v)
        {
            _values[name] = [v.ToString(CultureInfo.InvariantCulture)];
        }
    }

    /// <summary>Records a list of values, each checked by <paramref name="check"/>.</summary>
    /// <param name="name">The argument name.</param>
    /// <param name="values">The values; null records nothing.</param>
    /// <param name="check">The validator of one value.</param>
    public void SetAll(string name, IReadOnlyList<string>? values, Func<string, string?> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (values is null)
        {
            return;
        }

        var ok = true;
        foreach (var value in values)
        {
            ok &= Check(check(value));
        }

        if (ok)
        {
            _values[name] = values.Distinct(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>
    /// Records the content <paramref name="argument"/> carries, as the derived value <c>contentSha256</c> (so an approval
    /// binds to these bytes, not just to the path or text that named them) and as its <see cref="ContentDigest"/> (policy).
    /// </summary>
    /// <param name="argument">The argument that carried the content.</param>
    /// <param name="content">The decoded bytes that will be sent.</param>
    public void SetContent(string argument, ReadOnlySpan<byte> content)
    {
        var digest = ContentDigest.Of(content);
        _contents[argument] = digest;
        _values[ContentSha256] = [digest.Sha256];
    }

    /// <summary>Returns the digests of content arguments, by argument name.</summary>
    public IReadOnlyDictionary<string, ContentDigest> Contents => _contents;

    /// <summary>Returns the recorded values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDictionary() => _values;

    /// <summary>Returns the recorded values of <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name.</param>
    public IReadOnlyList<string>? Get(string name) => _values.GetValueOrDefault(name);
}
