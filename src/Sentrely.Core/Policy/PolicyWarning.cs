namespace Sentrely.Policy;

/// <summary>Gets one semantic problem of a valid policy: it loads, but a rule cannot do what it seems to say.</summary>
/// <param name="Source">Where the rule was written (<c>file:line</c>).</param>
/// <param name="Field">The rule's field path, for example <c>policy.rules[3]</c>.</param>
/// <param name="RuleId">The rule id.</param>
/// <param name="Code">The stable code (see <see cref="PolicyWarningCodes"/>).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record PolicyWarning(string Source, string Field, string RuleId, string Code, string Message)
{
    /// <summary>Gets a value indicating whether this is a note: worth knowing, but not a mistake (<c>--strict</c> does not fail on notes).</summary>
    public bool IsNote { get; init; }

    /// <summary>Returns the warning as <c>file:line: warning CODE field (`id`): message</c> (<c>note</c> for notes).</summary>
    public override string ToString() => $"{Source}: {(IsNote ? "note" : "warning")} {Code} {Field} (`{RuleId}`): {Message}";
}
