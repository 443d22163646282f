namespace Sentrely.Policy;

/// <summary>
/// Notes a deny rule whose patterns have letters but compare case-sensitively (<see cref="PolicyWarningCodes.CaseSensitiveDeny"/>):
/// <c>*prod*</c> lets <c>builds/PROD/…</c> and fullwidth <c>ｐｒｏｄ</c> through. Only the part of an ARN pattern after its
/// service, region and account counts: AWS writes the rest in lower case.
/// </summary>
internal static class CaseSensitiveDenyCheck
{
    private const int ArnFixedFields = 5;

    public static PolicyWarning? Check(PolicyRule rule, string field)
    {
        if (rule.Effect != PolicyEffect.Deny || rule.CaseInsensitive)
        {
            return null;
        }

        var lettered = (rule.Resources ?? []).Where(p => ResourcePart(p).Any(char.IsLetter))
            .Concat(rule.When.SelectMany(Values).Where(v => v.Any(char.IsLetter) && v is not ("true" or "false")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return lettered.Count == 0
            ? null
            : new PolicyWarning(rule.Source, field, rule.Id, PolicyWarningCodes.CaseSensitiveDeny,
                $"[{string.Join(", ", lettered)}] compare case-sensitively, so other spellings (upper case, fullwidth letters) pass this deny; add `caseInsensitive: true` to catch them")
            {
                IsNote = true,
            };
    }

    private static string ResourcePart(string pattern)
    {
        var at = 0;
        for (var i = 0; i < ArnFixedFields && at >= 0; i++)
        {
            at = pattern.IndexOf(':', at) is var colon and >= 0 ? colon + 1 : -1;
        }

        return at >= 0 ? pattern[at..] : pattern;
    }

    // Only what a spelling could slip past: values, prefixes and map keys (not digests, numbers or booleans, skipped above).
    private static IEnumerable<string> Values(ArgumentCondition condition) =>
        (condition.AnyOf ?? []).Concat(condition.Prefix is { } prefix ? [prefix] : [])
            .Concat((condition.Entries ?? []).SelectMany(e => Values(e).Append(e.Argument)));
}
