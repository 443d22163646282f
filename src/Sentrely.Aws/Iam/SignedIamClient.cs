using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Sentrely.Aws.Iam;

/// <summary>
/// Calls IAM's query API (2010-05-08) with form POSTs signed by AWSSDK.Core's SigV4 handler (no IAM SDK package
/// is served). IAM is global: requests are signed for the partition's IAM region (us-east-1 in <c>aws</c>).
/// </summary>
/// <remarks>Bound to one credential set: build one per use and dispose it.</remarks>
public sealed class SignedIamClient : IDisposable
{
    private const long MaxResponseBytes = 1024 * 1024;
    private readonly HttpClient _http;
    private readonly string _region;

    /// <summary>Initializes a new instance of the <see cref="SignedIamClient"/> class.</summary>
    /// <param name="credentials">The broker's base credentials.</param>
    /// <param name="signingRegion">The IAM signing region.</param>
    /// <param name="endpoint">The IAM endpoint.</param>
    /// <param name="innerHandler">The transport; it must not follow redirects, which would not be re-signed.</param>
    internal SignedIamClient(AWSCredentials credentials, string signingRegion, Uri endpoint, HttpMessageHandler innerHandler)
    {
        _region = signingRegion;
        _http = new HttpClient(new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(signingRegion), "iam", innerHandler))
        {
            BaseAddress = endpoint,
            MaxResponseContentBufferSize = MaxResponseBytes,
            Timeout = TimeSpan.FromMinutes(1),
        };
    }

    /// <summary>Creates or replaces an inline policy of a role (<c>iam:PutRolePolicy</c>).</summary>
    /// <param name="roleName">The role name (1–64, <c>[\w+=,.@-]+</c>), not its ARN.</param>
    /// <param name="policyName">The inline policy name (1–128, same characters).</param>
    /// <param name="policyDocument">The policy JSON (at most 131072 characters).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The AWS request id, if IAM sent one.</returns>
    /// <exception cref="IamApiException">IAM refused the call or could not be reached.</exception>
    public async Task<string?> PutRolePolicyAsync(string roleName, string policyName, string policyDocument, CancellationToken cancellationToken)
    {
        IamNames.CheckName(roleName, 64, nameof(roleName));
        IamNames.CheckName(policyName, 128, nameof(policyName));
        ArgumentException.ThrowIfNullOrEmpty(policyDocument);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(policyDocument.Length, 131072, nameof(policyDocument));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "PutRolePolicy",
            ["Version"] = "2010-05-08",
            ["RoleName"] = roleName,
            ["PolicyName"] = policyName,
            ["PolicyDocument"] = policyDocument,
        });
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative)) { Content = content };
        message.Options.Set(new HttpRequestOptionsKey<string>(SigV4SigningHandler.RegionOptionKey), _region);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new IamApiException("IAM could not be reached; check the network and aws.endpoints.iam.", ex) { ErrorCode = "RequestFailed" };
        }

        using (response)
        {
            var headerId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw IamErrorParser.Parse((int)response.StatusCode, body, headerId);
            }

            var fields = IamErrorParser.Read(body, "RequestId");
            return fields.TryGetValue("RequestId", out var id) ? id : headerId;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
