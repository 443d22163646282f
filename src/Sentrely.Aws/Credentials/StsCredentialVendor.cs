using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Sentrely.Credentials;

namespace Sentrely.Aws.Credentials;

/// <summary>Vends call-scoped credentials with STS AssumeRole: session policy, session tags, SourceIdentity.</summary>
/// <remarks>Throttling is retried up to three times with jittered exponential backoff; every other error fails the call.</remarks>
public sealed class StsCredentialVendor : ICredentialVendor
{
    private const int MaxThrottlingRetries = 3;
    private static readonly TimeSpan s_baseDelay = TimeSpan.FromMilliseconds(200);

    private readonly IAmazonSecurityTokenService _sts;
    private readonly TimeProvider _timeProvider;
    private readonly Func<int, TimeSpan> _backoff;

    /// <summary>Initializes a new instance of the <see cref="StsCredentialVendor"/> class.</summary>
    /// <param name="sts">An STS client signed with the base credentials (<see cref="AwsClientFactory.CreateSts"/>); not disposed by the vendor.</param>
    /// <param name="timeProvider">The clock used for backoff delays.</param>
    public StsCredentialVendor(IAmazonSecurityTokenService sts, TimeProvider timeProvider)
        : this(sts, timeProvider, JitteredBackoff)
    {
    }

    internal StsCredentialVendor(IAmazonSecurityTokenService sts, TimeProvider timeProvider, Func<int, TimeSpan> backoff)
    {
        ArgumentNullException.ThrowIfNull(sts);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sts = sts;
        _timeProvider = timeProvider;
        _backoff = backoff;
    }

    /// <inheritdoc />
    public async ValueTask<ScopedCredentials> VendAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var assumeRole = new AssumeRoleRequest
        {
            RoleArn = request.RoleArn,
            RoleSessionName = request.RoleSessionName,
            Policy = request.SessionPolicy,
            SourceIdentity = request.SourceIdentity,
            DurationSeconds = request.DurationSeconds,
            // SDK v4 leaves collections null; build the list so every tag is sent.
            Tags = request.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
        };

        var response = await WithThrottlingRetryAsync(ct => _sts.AssumeRoleAsync(assumeRole, ct), cancellationToken).ConfigureAwait(false);
        return ToScopedCredentials(request, response);
    }

    /// <summary>Returns the identity of the base credentials (for <c>sentrely doctor</c>).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <exception cref="CredentialVendingException">STS refused or could not be reached.</exception>
    public async Task<AwsCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var response = await WithThrottlingRetryAsync(
            ct => _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), cancellationToken).ConfigureAwait(false);
        return new AwsCallerIdentity(response.Account ?? "", response.Arn ?? "", response.UserId ?? "",
            StsErrorMapper.SafeRequestId(response.ResponseMetadata?.RequestId));
    }

    private static AwsScopedCredentials ToScopedCredentials(CredentialRequest request, AssumeRoleResponse response)
    {
        var requestId = StsErrorMapper.SafeRequestId(response.ResponseMetadata?.RequestId);
        var issued = response.Credentials;
        if (issued is null || string.IsNullOrEmpty(issued.AccessKeyId) || string.IsNullOrEmpty(issued.SecretAccessKey)
            || string.IsNullOrEmpty(issued.SessionToken) || issued.Expiration is not { } expiration)
        {
            throw new CredentialVendingException("STS returned an incomplete AssumeRole response; no credentials were issued for this call.")
            {
                AwsRequestId = requestId,
            };
        }

        return new AwsScopedCredentials(new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken))
        {
            RoleArn = request.RoleArn,
            RoleSessionName = request.RoleSessionName,
            // STS reports the SourceIdentity the session really carries (it is immutable once set on a chain).
            SourceIdentity = string.IsNullOrEmpty(response.SourceIdentity) ? request.SourceIdentity : response.SourceIdentity,
            Expiration = ToUtc(expiration),
            AssumeRoleRequestId = requestId,
        };
    }

    private async Task<T> WithThrottlingRetryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException ex) when (ex.ErrorCode == StsErrorMapper.Throttling && attempt < MaxThrottlingRetries)
            {
                var delay = _backoff(attempt);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AmazonServiceException ex)
            {
                throw StsErrorMapper.FromServiceError(ex);
            }
            catch (AmazonClientException ex)
            {
                throw StsErrorMapper.FromClientError(ex);
            }
            catch (HttpRequestException ex)
            {
                throw StsErrorMapper.FromClientError(ex);
            }
        }
    }

    private static DateTimeOffset ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
    };

    // Equal jitter: half the exponential step fixed, half random, so retries of parallel calls spread out.
    private static TimeSpan JitteredBackoff(int attempt)
    {
        var step = s_baseDelay * Math.Pow(2, attempt);
        return (step / 2) + (step / 2 * Random.Shared.NextDouble());
    }
}
