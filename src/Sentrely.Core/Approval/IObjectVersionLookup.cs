using Sentrely.Credentials;

namespace Sentrely.Approval;

/// <summary>Looks up the current version of one S3 object (HeadObject), with credentials scoped to exactly that lookup.</summary>
public interface IObjectVersionLookup
{
    /// <summary>Returns the object's current version, or why it could not be read.</summary>
    /// <param name="credentials">Read-role credentials whose session policy allows reading only this object.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The object key.</param>
    /// <param name="expectedOwner">The account that must own the bucket (S3 refuses the request otherwise).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ObjectVersionResult> GetCurrentVersionAsync(ScopedCredentials credentials, string bucket, string key, string expectedOwner, CancellationToken cancellationToken);
}
