namespace Sentrely.Configuration;

/// <summary>Gets one problem found in a configuration or manifest file.</summary>
/// <param name="File">The file the problem is in.</param>
/// <param name="Line">The 1-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">The 1-based column, or 0 when the problem concerns the whole file.</param>
/// <param name="Field">The dotted field path, for example <c>policy.rules[2].resources</c>; empty for the whole file.</param>
/// <param name="Code">The stable error code (<c>SEN1xxx</c>, see <see cref="ConfigErrorCodes"/>).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ConfigError(string File, int Line, int Column, string Field, string Code, string Message)
{
    /// <summary>Returns the error as <c>file:line:column: code field: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Code} {Field}: {Message}";
}
