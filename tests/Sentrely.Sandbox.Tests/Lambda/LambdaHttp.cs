using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Sentrely.Sandbox.Tests.Lambda;

/// <summary>A SigV4-signed HttpClient for Lambda's rest-json API (notes/aws.md §2), as the server builds it.</summary>
internal sealed class LambdaHttp(AwsTestDouble aws, AWSCredentials credentials) : IDisposable
{
    private readonly HttpClient _http = new(new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(aws.Region), "lambda",
        new SocketsHttpHandler { AllowAutoRedirect = false }))
    {
        BaseAddress = aws.Endpoint,
    };

    public async Task<(int Status, JsonElement Body, string? ErrorType)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var message = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            message.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.Single() : null;
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return ((int)response.StatusCode, document.RootElement.Clone(), errorType);
    }

    public void Dispose() => _http.Dispose();
}
