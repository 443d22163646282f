namespace Sentrely.Aws.Tests.TestDoubles;

/// <summary>Fails every request as an unreachable host would.</summary>
internal sealed class FailingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Connection refused (lambda.internal.example:443)");
}
