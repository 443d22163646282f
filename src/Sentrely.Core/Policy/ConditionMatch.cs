using System.Globalization;

namespace Sentrely.Policy;

/// <summary>
/// Decides one <c>when</c> condition against one argument, for both matchers (<see cref="CompiledRule"/> decides,
/// <see cref="RuleMatcher"/> explains). An allow needs every element of a list to satisfy the condition, a deny one
/// element; an absent argument satisfies nothing but <c>{ absent: true }</c>. <c>not</c> compares case-sensitively even
/// under case folding: folding may only widen a deny, never narrow it.
/// </summary>
internal static class ConditionMatch
{
    /// <summary>Returns whether <paramref name="condition"/> holds for <paramref name="value"/> (null: the argument is absent).</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="value">The argument as the policy sees it.</param>
    /// <param name="deny">Whether the rule is a deny (any element suffices) rather than an allow (every element must).</param>
    /// <param name="fold">Whether globs compare after <see cref="CaseFolding"/>.</param>
    public static bool Holds(ArgumentCondition condition, PolicyValue? value, bool deny, bool fold)
    {
        if (condition.Absent is { } absent)
        {
            return (value is null) == absent;
        }

        if (value is null)
        {
            return false;
        }

        if (condition.Entries is { } entries)
        {
            if (value.Entries is not { } map)
            {
                return false;
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (!EntryHolds(entries[i], map, deny, fold))
                {
                    return false;
                }
            }

            return true;
        }

        if (value.Content is { } content)
        {
            return (condition.Sha256 is not { } digests || AnyMatch(digests, content.Sha256, fold: false)) && InRange(condition, content.Size);
        }

        return ItemsHold(condition, value.Items, deny, fold);
    }

    /// <summary>Returns whether the elements satisfy <paramref name="condition"/>: every one for an allow, one for a deny; none never.</summary>
    public static bool ItemsHold(ArgumentCondition condition, IReadOnlyList<string> items, bool deny, bool fold)
    {
        if (items.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var satisfied = Satisfies(condition, items[i], fold);
            if (deny == satisfied)
            {
                return deny;
            }
        }

        return !deny;
    }

    /// <summary>Returns whether one element satisfies the value tests (list, <c>not</c>, <c>prefix</c>, <c>min</c>/<c>max</c>).</summary>
    public static bool Satisfies(ArgumentCondition condition, string value, bool fold)
    {
        var compared = fold ? CaseFolding.Fold(value) : value;
        if (condition.AnyOf is { } anyOf && !AnyMatch(anyOf, compared, fold))
        {
            return false;
        }

        if (condition.NoneOf is { } noneOf && AnyMatch(noneOf, value, fold: false))
        {
            return false;
        }

        if (condition.Prefix is { } prefix && !compared.StartsWith(fold ? CaseFolding.Fold(prefix) : prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (condition.Min is null && condition.Max is null)
        {
            return true;
        }

        return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && InRange(condition, number);
    }

    // A map condition: the entries whose key matches the key glob are tested like a list's elements.
    private static bool EntryHolds(ArgumentCondition entry, IReadOnlyDictionary<string, IReadOnlyList<string>> map, bool deny, bool fold)
    {
        // `absent: true` fires when the key is missing: folding there would find `owner` for `Owner` and narrow the deny.
        fold &= entry.Absent is not true;
        var key = fold ? CaseFolding.Fold(entry.Argument) : entry.Argument;
        var found = false;
        foreach (var (name, values) in map)
        {
            if (!Glob.IsMatch(key, fold ? CaseFolding.Fold(name) : name))
            {
                continue;
            }

            found = true;
            if (entry.Absent is null && ItemsHold(entry, values, deny, fold) == deny)
            {
                return deny;
            }
        }

        return entry.Absent is { } absent ? found != absent : found && !deny;
    }

    // Loops rather than LINQ: this runs for every value of every rule on the decision path.
    private static bool AnyMatch(IReadOnlyList<string> patterns, string value, bool fold)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (Glob.IsMatch(fold ? CaseFolding.Fold(patterns[i]) : patterns[i], value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InRange(ArgumentCondition condition, decimal number) =>
        (condition.Min is not { } min || number >= min) && (condition.Max is not { } max || number <= max);
}
