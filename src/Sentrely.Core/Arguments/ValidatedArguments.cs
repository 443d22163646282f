namespace Sentrely.Arguments;

/// <summary>Gets a call's arguments after validation: the typed record and the values templates and conditions read.</summary>
public sealed record ValidatedArguments
{
    /// <summary>Gets the handler's typed arguments record.</summary>
    public required object Typed { get; init; }

    /// <summary>
    /// Gets the argument values by name, as strings (numbers in invariant culture; lists as several values;
    /// absent arguments have no entry). Handlers add derived values here (for example <c>functionArn</c>).
    /// Manifest templates and policy <c>when</c> conditions read only these.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; init; }

    /// <summary>
    /// Gets the digest of the content each content argument carries (<c>text</c>, <c>contentBase64</c>, <c>zipBase64</c>,
    /// or the file a <c>path</c> names), by argument name: what the policy's <c>sha256</c> and <c>size</c> conditions read.
    /// </summary>
    public IReadOnlyDictionary<string, ContentDigest> Contents { get; init; } = new Dictionary<string, ContentDigest>();
}

/// <summary>Gets the outcome of validating a call's arguments.</summary>
public sealed record ArgumentValidationResult
{
    /// <summary>Gets the validated arguments; null when invalid.</summary>
    public ValidatedArguments? Arguments { get; init; }

    /// <summary>Gets the problems found, each naming the argument; empty when valid.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Returns a valid result.</summary>
    public static ArgumentValidationResult Valid(ValidatedArguments arguments) => new() { Arguments = arguments };

    /// <summary>Returns an invalid result.</summary>
    public static ArgumentValidationResult Invalid(params IReadOnlyList<string> errors) => new() { Errors = errors };
}
