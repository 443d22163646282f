using Amazon.Runtime;

namespace Sentrely.Aws.Tests.TestDoubles;

/// <summary>Makes an AWS SDK client send through a <see cref="CapturingHandler"/>.</summary>
internal sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
