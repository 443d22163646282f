namespace Sentrely.Credentials;

/// <summary>Gets temporary credentials scoped to one call, by STS AssumeRole or from a cache of identical scopes.</summary>
public interface ICredentialVendor
{
    /// <summary>Returns credentials for <paramref name="request"/>; throws <see cref="CredentialVendingException"/> when STS refuses.</summary>
    /// <param name="request">The scope.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ScopedCredentials> VendAsync(CredentialRequest request, CancellationToken cancellationToken);
}
