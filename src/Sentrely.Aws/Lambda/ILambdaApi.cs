namespace Sentrely.Aws.Lambda;

/// <summary>
/// Gets the Lambda operations Sentrely's tools use. Implemented over Lambda's REST API because AWSSDK.Lambda
/// is not available; a client built on the SDK package can replace it later.
/// </summary>
public interface ILambdaApi : IDisposable
{
    /// <summary>Calls UpdateFunctionCode (<c>PUT /2015-03-31/functions/{name}/code</c>).</summary>
    /// <param name="request">The function and its new code.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <exception cref="LambdaApiException">Lambda refused the call or could not be reached.</exception>
    Task<FunctionConfigurationResponse> UpdateFunctionCodeAsync(UpdateFunctionCodeRequest request, CancellationToken cancellationToken);

    /// <summary>Calls GetFunctionConfiguration (<c>GET /2015-03-31/functions/{name}/configuration</c>).</summary>
    /// <param name="functionName">The function name or ARN.</param>
    /// <param name="qualifier">A version or alias; null for <c>$LATEST</c>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <exception cref="LambdaApiException">Lambda refused the call or could not be reached.</exception>
    Task<FunctionConfigurationResponse> GetFunctionConfigurationAsync(string functionName, string? qualifier, CancellationToken cancellationToken);

    /// <summary>Calls ListFunctions (<c>GET /2015-03-31/functions</c>).</summary>
    /// <param name="marker">The pagination marker from a previous page.</param>
    /// <param name="maxItems">The page size (1–10000).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <exception cref="LambdaApiException">Lambda refused the call or could not be reached.</exception>
    Task<ListFunctionsResponse> ListFunctionsAsync(string? marker, int? maxItems, CancellationToken cancellationToken);
}
