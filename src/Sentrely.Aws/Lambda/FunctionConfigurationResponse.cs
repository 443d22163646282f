namespace Sentrely.Aws.Lambda;

/// <summary>Gets the result of UpdateFunctionCode or GetFunctionConfiguration.</summary>
/// <param name="Configuration">The function's configuration.</param>
/// <param name="RequestId">The AWS request id (<c>x-amzn-RequestId</c>).</param>
public sealed record FunctionConfigurationResponse(FunctionConfiguration Configuration, string? RequestId);
