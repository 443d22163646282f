namespace Sentrely.Harness;

/// <summary>Cold-start figures of one variant: spawn → <c>initialize</c> answered, spawn → <c>tools/list</c> answered.</summary>
internal sealed record ColdStartResult(string Label, Stats Initialize, Stats ToolsList, int Tools);
