using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Sentrely.Aws.Lambda;

/// <summary>Calls Lambda's REST API (2015-03-31) with requests signed by AWSSDK.Core's SigV4 handler.</summary>
/// <remarks>Bound to one credential set: build one per call and dispose it.</remarks>
internal sealed partial class SignedLambdaClient : ILambdaApi
{
    private const string FunctionsPath = "2015-03-31/functions";
    private const long MaxResponseBytes = 4 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly string _region;

    /// <summary>Initializes a new instance of the <see cref="SignedLambdaClient"/> class.</summary>
    /// <param name="credentials">The call's credentials.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="endpoint">The Lambda endpoint, ending in <c>/</c>.</param>
    /// <param name="innerHandler">The transport; it must not follow redirects, which would not be re-signed.</param>
    internal SignedLambdaClient(AWSCredentials credentials, string region, Uri endpoint, HttpMessageHandler innerHandler)
    {
        _region = region;
        _http = new HttpClient(new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(region), "lambda", innerHandler))
        {
            BaseAddress = endpoint,
            MaxResponseContentBufferSize = MaxResponseBytes,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>Creates the production transport: no redirects, no cookies; pooled connections are renewed every few minutes so DNS changes are seen.</summary>
    internal static HttpMessageHandler CreateTransport() =>
        new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <inheritdoc />
    public async Task<FunctionConfigurationResponse> UpdateFunctionCodeAsync(UpdateFunctionCodeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"{FunctionsPath}/{EscapeFunctionName(request.FunctionName, maxLength: 140)}/code";
        using var message = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative))
        {
            Content = new ByteArrayContent(WriteUpdateBody(request)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var (body, requestId) = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new FunctionConfigurationResponse(ParseConfiguration(body, requestId), requestId);
    }

    /// <inheritdoc />
    public async Task<FunctionConfigurationResponse> GetFunctionConfigurationAsync(string functionName, string? qualifier, CancellationToken cancellationToken)
    {
        var path = $"{FunctionsPath}/{EscapeFunctionName(functionName, maxLength: 256)}/configuration";
        if (qualifier is not null)
        {
            path += "?Qualifier=" + Uri.EscapeDataString(CheckQualifier(qualifier));
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        var (body, requestId) = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return new FunctionConfigurationResponse(ParseConfiguration(body, requestId), requestId);
    }

    /// <inheritdoc />
    public async Task<ListFunctionsResponse> ListFunctionsAsync(string? marker, int? maxItems, CancellationToken cancellationToken)
    {
        var query = new List<string>(2);
        if (marker is not null)
        {
            query.Add("Marker=" + Uri.EscapeDataString(CheckMarker(marker)));
        }

        if (maxItems is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxItems));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 10000, nameof(maxItems));
            query.Add("MaxItems=" + max.ToString(CultureInfo.InvariantCulture));
        }

        var path = query.Count == 0 ? FunctionsPath : FunctionsPath + "?" + string.Join('&', query);
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        var (body, requestId) = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var page = Deserialize(body, LambdaJsonContext.Default.ListFunctionsWire, requestId);
        var functions = page.Functions?.Select(f => f.ToConfiguration()).ToList() ?? [];
        return new ListFunctionsResponse(functions, string.IsNullOrEmpty(page.NextMarker) ? null : page.NextMarker, requestId);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<(byte[] Body, string? RequestId)> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        // A string key: the signer silently ignores a RegionEndpoint-typed option.
        message.Options.Set(new HttpRequestOptionsKey<string>(SigV4SigningHandler.RegionOptionKey), _region);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(ex);
        }

        using (response)
        {
            var requestId = LambdaErrorParser.RequestIdOf(response);
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw Unreachable(ex);
            }

            return response.IsSuccessStatusCode
                ? (body, requestId)
                : throw LambdaErrorParser.Parse(response, body, requestId);
        }
    }

    private static FunctionConfiguration ParseConfiguration(byte[] body, string? requestId) =>
        Deserialize(body, LambdaJsonContext.Default.FunctionConfigurationWire, requestId).ToConfiguration();

    private static T Deserialize<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string? requestId)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new LambdaApiException("Lambda's response could not be read.", ex)
            {
                ErrorType = "InvalidResponse",
                StatusCode = 200,
                RequestId = requestId,
            };
        }
    }

    private static byte[] WriteUpdateBody(UpdateFunctionCodeRequest request)
    {
        CheckCodeSource(request);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (request.ZipFile is { } zip)
            {
                writer.WriteBase64String("ZipFile", zip.Span);
            }

            WriteIfSet(writer, "S3Bucket", request.S3Bucket);
            WriteIfSet(writer, "S3Key", request.S3Key);
            WriteIfSet(writer, "S3ObjectVersion", request.S3ObjectVersion);
            WriteIfSet(writer, "ImageUri", request.ImageUri);
            writer.WriteBoolean("Publish", request.Publish);
            writer.WriteBoolean("DryRun", request.DryRun);
            WriteIfSet(writer, "RevisionId", request.RevisionId);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static LambdaApiException Unreachable(Exception cause) =>
        new("Lambda could not be reached. Retry shortly; if it persists the operator should check the network and aws.endpoints.lambda.", cause)
        {
            ErrorType = "RequestFailed",
        };
}
