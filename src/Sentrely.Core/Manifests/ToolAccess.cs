namespace Sentrely.Manifests;

/// <summary>Gets how much a tool can change: it decides the MCP annotations and the default role.</summary>
public enum ToolAccess
{
    /// <summary>Reads only; annotated <c>readOnlyHint: true</c>.</summary>
    Read,

    /// <summary>Changes state without destroying it; <c>readOnlyHint: false, destructiveHint: false</c>.</summary>
    Write,

    /// <summary>Destroys state; <c>destructiveHint: true</c>.</summary>
    Destructive,
}
