namespace Sentrely.Sandbox.IamCheck;

/// <summary>One way a role policy statement allows more than the role's tools need.</summary>
/// <param name="Statement">The statement: its Sid, else its 1-based position (<c>#2</c>), prefixed by the policy when several are checked.</param>
/// <param name="Kind">How it is wider.</param>
/// <param name="Action">The action pattern involved, or the NotAction patterns.</param>
/// <param name="Resource">The resource pattern involved, or null.</param>
/// <param name="Condition">The plan condition the statement lacks (or the unevaluable one it has), or null.</param>
/// <param name="Reason">The explanation for people.</param>
public sealed record ExcessGrant(string Statement, ExcessKind Kind, string? Action, string? Resource, string? Condition, string Reason);
