namespace Sentrely.Sandbox.IamCheck;

/// <summary>Why a grant Sentrely needs is not (surely) allowed by the role policy.</summary>
public enum MissingKind
{
    /// <summary>No Allow statement matches: the tool's call fails with AccessDenied.</summary>
    NotAllowed,

    /// <summary>A Deny statement matches (explicit deny wins).</summary>
    ExplicitlyDenied,

    /// <summary>The answer depends on a condition operator Sentrely cannot evaluate; treated as failing.</summary>
    NotConfirmed,
}
