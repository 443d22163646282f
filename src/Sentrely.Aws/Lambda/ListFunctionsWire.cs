namespace Sentrely.Aws.Lambda;

/// <summary>Gets a ListFunctions page as Lambda sends it.</summary>
internal sealed record ListFunctionsWire
{
    public IReadOnlyList<FunctionConfigurationWire>? Functions { get; init; }

    public string? NextMarker { get; init; }
}
