namespace Sentrely.Sandbox.IamCheck;

/// <summary>One action on one resource pattern that a tool needs and the role policy does not (surely) allow.</summary>
/// <param name="Tool">The tool whose calls will fail.</param>
/// <param name="RuleId">The allow rule the grant comes from.</param>
/// <param name="Action">The IAM action.</param>
/// <param name="Resource">The resource pattern, as the plan grants it.</param>
/// <param name="Kind">Why it is missing.</param>
/// <param name="Reason">The explanation for people, naming the statement or condition operator involved.</param>
public sealed record MissingGrant(string Tool, string RuleId, string Action, string Resource, MissingKind Kind, string Reason);
