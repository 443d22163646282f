namespace Sentrely.Policy;

/// <summary>How a tool argument appears to <c>when</c> conditions, derived from the tool's input schema and manifest.</summary>
public enum ArgumentKind
{
    /// <summary>A string: list, <c>not</c> and <c>prefix</c> conditions.</summary>
    Text,

    /// <summary>A number: <c>{ min, max }</c>, or a list of values.</summary>
    Number,

    /// <summary>A boolean: <c>[true]</c> or <c>[false]</c>.</summary>
    Boolean,

    /// <summary>A list of strings: each element is tested (an allow needs every element, a deny any).</summary>
    TextList,

    /// <summary>A map of keys to values (<c>tags</c>, or <c>filters</c> as name → values): <c>{ KEY: condition }</c>.</summary>
    TextMap,

    /// <summary>Content (<c>text</c>, <c>contentBase64</c>, <c>zipBase64</c>, and the file a <c>path</c> names): <c>{ sha256: [...], size: { min, max } }</c> of the bytes sent.</summary>
    Blob,
}
