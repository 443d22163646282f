namespace Sentrely.Sandbox.Policy;

/// <summary>The set qualifier of a condition operator.</summary>
internal enum ConditionSet
{
    /// <summary>No qualifier: a single-valued key.</summary>
    None,

    /// <summary><c>ForAllValues:</c> every value of the key must match.</summary>
    ForAllValues,

    /// <summary><c>ForAnyValue:</c> some value of the key must match.</summary>
    ForAnyValue,
}
