using System.Text.Json.Serialization;

namespace Sentrely.Aws.Lambda;

/// <summary>Gets a FunctionConfiguration as Lambda sends it; only the fields Sentrely exposes are read.</summary>
internal sealed record FunctionConfigurationWire
{
    public string? FunctionName { get; init; }

    public string? FunctionArn { get; init; }

    public string? Runtime { get; init; }

    public string? Handler { get; init; }

    public long? CodeSize { get; init; }

    public string? CodeSha256 { get; init; }

    public string? Version { get; init; }

    public string? LastModified { get; init; }

    public string? RevisionId { get; init; }

    public string? State { get; init; }

    public string? LastUpdateStatus { get; init; }

    public string? LastUpdateStatusReason { get; init; }

    public int? MemorySize { get; init; }

    public int? Timeout { get; init; }

    public string? PackageType { get; init; }

    [JsonConverter(typeof(EnvironmentVariableNamesConverter))]
    public IReadOnlyList<string>? Environment { get; init; }

    public FunctionConfiguration ToConfiguration() => new()
    {
        FunctionName = FunctionName,
        FunctionArn = FunctionArn,
        Runtime = Runtime,
        Handler = Handler,
        CodeSize = CodeSize,
        CodeSha256 = CodeSha256,
        Version = Version,
        LastModified = LastModified,
        RevisionId = RevisionId,
        State = State,
        LastUpdateStatus = LastUpdateStatus,
        LastUpdateStatusReason = LastUpdateStatusReason,
        MemorySize = MemorySize,
        Timeout = Timeout,
        PackageType = PackageType,
        EnvironmentVariableNames = Environment ?? [],
    };
}
