using Sentrely.Configuration;
using Sentrely.Credentials;

namespace Sentrely.Aws.Credentials;

/// <summary>
/// The production vendor: resolves the broker's base credentials on first use (so a server without them
/// still starts and explains every refusal) and vends through STS with them. The base credentials are used
/// for AssumeRole only and never reach a tool.
/// </summary>
public sealed class BrokerCredentialVendor : ICredentialVendor, IDisposable
{
    private readonly AwsClientFactory _clients;
    private readonly Func<Amazon.Runtime.AWSCredentials> _baseCredentials;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Amazon.SecurityToken.IAmazonSecurityTokenService? _sts;
    private StsCredentialVendor? _vendor;

    /// <summary>Initializes a new instance of the <see cref="BrokerCredentialVendor"/> class.</summary>
    /// <param name="clients">Creates the STS client.</param>
    /// <param name="baseCredentials">Resolves the base credentials (normally <see cref="BaseCredentialsResolver.Resolve(AwsConfig)"/>).</param>
    /// <param name="time">The clock.</param>
    public BrokerCredentialVendor(AwsClientFactory clients, Func<Amazon.Runtime.AWSCredentials> baseCredentials, TimeProvider time)
    {
        _clients = clients;
        _baseCredentials = baseCredentials;
        _time = time;
    }

    /// <inheritdoc />
    public ValueTask<ScopedCredentials> VendAsync(CredentialRequest request, CancellationToken cancellationToken) =>
        Vendor().VendAsync(request, cancellationToken);

    /// <summary>Returns the identity of the base credentials (for <c>sentrely doctor</c>).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    public Task<AwsCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) => Vendor().GetCallerIdentityAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _sts?.Dispose();

    private StsCredentialVendor Vendor()
    {
        lock (_gate)
        {
            if (_vendor is null)
            {
                try
                {
                    _sts = _clients.CreateSts(_baseCredentials());
                }
                catch (BaseCredentialsException ex)
                {
                    throw new CredentialVendingException(ex.Message, ex) { AwsErrorCode = "NoBaseCredentials" };
                }

                _vendor = new StsCredentialVendor(_sts, _time);
            }

            return _vendor;
        }
    }
}
