namespace Sentrely.Manifests;

/// <summary>Gets one piece of a parsed template: literal text, or a placeholder with an optional default.</summary>
/// <param name="Text">The literal text, or the placeholder's name.</param>
/// <param name="IsPlaceholder">Whether this is a placeholder.</param>
/// <param name="Default">The default of <c>{name|default}</c>; null when none.</param>
internal sealed record TemplateSegment(string Text, bool IsPlaceholder, string? Default = null);
