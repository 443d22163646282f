namespace Sentrely.Aws.Lambda;

/// <summary>Gets one page of ListFunctions.</summary>
/// <param name="Functions">The functions on this page.</param>
/// <param name="NextMarker">The marker of the next page; null on the last page.</param>
/// <param name="RequestId">The AWS request id (<c>x-amzn-RequestId</c>).</param>
public sealed record ListFunctionsResponse(IReadOnlyList<FunctionConfiguration> Functions, string? NextMarker, string? RequestId);
