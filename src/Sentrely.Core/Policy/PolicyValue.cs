using Sentrely.Arguments;

namespace Sentrely.Policy;

/// <summary>One argument of a call as <c>when</c> conditions see it.</summary>
/// <param name="Items">The value, or a list's elements: strings, numbers as <see cref="Number"/> spells them, <c>true</c>/<c>false</c>.</param>
/// <param name="Entries">A map's entries (<c>tags</c>; <c>filters</c> as name → values); null for other arguments.</param>
/// <param name="Content">The digest of a content argument's decoded bytes; null for other arguments.</param>
public sealed record PolicyValue(IReadOnlyList<string> Items, IReadOnlyDictionary<string, IReadOnlyList<string>>? Entries = null, ContentDigest? Content = null)
{
    /// <summary>Returns a value of strings (one value, or a list's elements).</summary>
    /// <param name="items">The strings.</param>
    public static PolicyValue Of(params IReadOnlyList<string> items) => new(items);

    /// <summary>Returns the one spelling of <paramref name="number"/> that values compare in: <c>10</c>, <c>10.0</c> and <c>1E1</c> alike.</summary>
    /// <param name="number">The number, from a rule or from a call.</param>
    public static string Number(decimal number) => number.ToString("G29", System.Globalization.CultureInfo.InvariantCulture);
}
