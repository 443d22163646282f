using System.Collections.Concurrent;
using Sentrely.Credentials;

namespace Sentrely.TestUtilities;

/// <summary>A credential vendor that records requests and issues fake handles (for Core tests that need no STS).</summary>
public sealed class RecordingCredentialVendor(TimeProvider time) : ICredentialVendor
{
    private readonly ConcurrentQueue<CredentialRequest> _requests = new();

    public IReadOnlyList<CredentialRequest> Requests => _requests.ToArray();

    public ValueTask<ScopedCredentials> VendAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return ValueTask.FromResult<ScopedCredentials>(new FakeScopedCredentials
        {
            RoleArn = request.RoleArn,
            RoleSessionName = request.RoleSessionName,
            SourceIdentity = request.SourceIdentity,
            Expiration = time.GetUtcNow().AddSeconds(request.DurationSeconds),
        });
    }

    private sealed class FakeScopedCredentials : ScopedCredentials;
}
