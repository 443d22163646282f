namespace Sentrely.Sandbox.IamCheck;

/// <summary>How an Allow statement grants more than Sentrely needs.</summary>
public enum ExcessKind
{
    /// <summary>The statement uses NotAction: it allows every action except a few.</summary>
    NotAction,

    /// <summary>The statement uses NotResource: it allows every resource except a few.</summary>
    NotResource,

    /// <summary>An action pattern with a wildcard matches actions the role does not need.</summary>
    WildcardAction,

    /// <summary>An action no tool of the role needs.</summary>
    UnneededAction,

    /// <summary>A needed action on resources outside the plan's resource patterns for it.</summary>
    WiderResource,

    /// <summary>A needed action without a condition the plan puts on it.</summary>
    MissingCondition,

    /// <summary>A condition Sentrely cannot evaluate stands where the plan's condition should be; treated as absent.</summary>
    UnevaluableCondition,
}
