using System.Text;

namespace Sentrely.Policy;

/// <summary>
/// What <c>caseInsensitive: true</c> compares: Unicode NFKC normalisation, then invariant lower-casing, of both the
/// pattern and the value, so <c>PROD</c>, <c>Prod</c> and fullwidth <c>ｐｒｏｄ</c> all meet <c>*prod*</c>.
/// </summary>
/// <remarks>
/// The binary runs in globalization-invariant mode, where the runtime's NFKC leaves text unchanged; the fullwidth
/// forms (U+FF01–U+FF5E, the compatibility characters an agent can most easily slip past a glob) are therefore
/// mapped to ASCII here, which is exactly what NFKC does to them.
/// </remarks>
internal static class CaseFolding
{
    private const char FullwidthFirst = '\uFF01';
    private const char FullwidthLast = '\uFF5E';
    private const int FullwidthOffset = 0xFEE0;

    public static string Fold(string value)
    {
        string normalized;
        try
        {
            normalized = value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not valid UTF-16 (a lone surrogate): nothing to normalise, still compare without case.
            normalized = value;
        }

        return string.Create(normalized.Length, normalized, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                span[i] = char.ToLowerInvariant(c is >= FullwidthFirst and <= FullwidthLast ? (char)(c - FullwidthOffset) : c);
            }
        });
    }

    public static IReadOnlyList<string> Fold(IReadOnlyList<string> values) => values.Select(Fold).ToArray();
}
