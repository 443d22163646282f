namespace Sentrely.Configuration;

/// <summary>Builds dotted field paths such as <c>policy.rules[2].resources</c>.</summary>
internal static class FieldPath
{
    /// <summary>Returns the path of a key under <paramref name="parent"/>.</summary>
    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    /// <summary>Returns the path of a list item under <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
