using Sentrely.Arguments;
using Sentrely.Credentials;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Approval;

/// <summary>
/// Binds an approved deploy from S3 to exact bytes (DESIGN.md: approvals bind content). When a call that reads an S3
/// package (<c>s3Bucket</c> + <c>s3Key</c>, and a handler that takes <see cref="ValueName"/>) needs approval, looks up the
/// object's current version with read-role credentials scoped to that one object, and adds it to the call's values:
/// the approval fingerprint covers it, and the deploy names it (<c>S3ObjectVersion</c>), so an object overwritten
/// after the approval is neither the approved call nor what is deployed. An unversioned bucket is refused.
/// </summary>
/// <remarks>
/// The lookup is read-only and comes before the intent record; it is listed in every audit record of the call
/// (<see cref="ToolCallContext.Lookups"/>), as invariant 3 asks.
/// </remarks>
public sealed class PackageVersionStage : IToolCallStage
{
    /// <summary>The derived value holding the pinned object version.</summary>
    public const string ValueName = "s3ObjectVersion";

    private const string ReadRole = "read";
    private readonly ICredentialVendor _vendor;
    private readonly IObjectVersionLookup _lookup;

    /// <summary>Initializes a new instance of the <see cref="PackageVersionStage"/> class.</summary>
    /// <param name="vendor">Vends the lookup's credentials.</param>
    /// <param name="lookup">Reads the object's version.</param>
    public PackageVersionStage(ICredentialVendor vendor, IObjectVersionLookup lookup)
    {
        _vendor = vendor;
        _lookup = lookup;
    }

    /// <inheritdoc />
    public int Order => StageOrder.ContentPin;

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tool = context.Tool ?? throw new InvalidOperationException("the tool must be resolved before pinning content");
        var arguments = context.Arguments ?? throw new InvalidOperationException("arguments must be validated before pinning content");
        if (context.Decision is not { Approval.Level: not ApprovalLevel.None }
            || !tool.Handler.DerivedValues.Contains(ValueName)
            || !arguments.Values.TryGetValue("s3Bucket", out var buckets)
            || !arguments.Values.TryGetValue("s3Key", out var keys))
        {
            return null;
        }

        var aws = context.Configuration.Config.Aws;
        if (!aws.Roles.TryGetValue(ReadRole, out var roleArn) || aws.AccountId is not { } account)
        {
            return ToolCallRejection.Deny("NotConfigured", $"an approved `{tool.Manifest.Name}` from S3 pins the package's version with the read role, but aws.roles.read is not configured; add it to sentrely.yaml");
        }

        var (bucket, key) = (buckets[0], keys[0]);
        var objectArn = ArnBuilder.S3Object(aws.Partition, bucket, key);
        var session = context.Request.Session;
        var policy = SessionPolicyWriter.Write(
            [new SessionPolicyStatement(["s3:GetObject"], [objectArn], [new SessionPolicyCondition("StringEquals", "s3:ResourceAccount", [account])])]);
        var request = new CredentialRequest(
            roleArn, policy, SessionTags.For(session, tool.Manifest.Name), StsNames.SourceIdentity(session.Developer),
            StsNames.RoleSessionName(session.SessionId, context.CallId), aws.Credentials.DurationSeconds);
        ObjectVersionResult found;
        try
        {
            var credentials = await _vendor.VendAsync(request, cancellationToken).ConfigureAwait(false);
            found = await _lookup.GetCurrentVersionAsync(credentials, bucket, key, account, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialVendingException ex)
        {
            context.Lookups.Add($"s3:HeadObject {objectArn} as {request.RoleSessionName} ({roleArn}): STS refused: {ex.AwsErrorCode ?? "unknown"}");
            return ToolCallRejection.Deny("PackageVersionUnknown", $"the version of `{objectArn}` could not be looked up (STS did not issue read credentials: {ex.Message}), so the deploy cannot be bound to the approved bytes");
        }

        var what = $"s3:HeadObject {objectArn} as {request.RoleSessionName} ({roleArn}){(found.RequestId is { } id ? ", request " + id : "")}";
        if (found.ErrorCode is { } error)
        {
            context.Lookups.Add($"{what}: {error}");
            return ToolCallRejection.Deny("PackageVersionUnknown", $"the version of `{objectArn}` could not be looked up ({error}), so the deploy cannot be bound to the approved bytes; check that the object exists in a bucket of account {account}");
        }

        if (found.VersionId is not { } version)
        {
            context.Lookups.Add($"{what}: unversioned");
            return ToolCallRejection.Deny(
                "UnversionedPackage",
                $"`{tool.Manifest.Name}` needs approval, and an approval must bind the exact package, but bucket `{bucket}` is not versioned: the object could be replaced after the approval. Enable versioning on the bucket, or deploy with `zipBase64` or `path`");
        }

        // The id reaches a session-policy condition: never let AWS's answer carry a policy variable or wildcard.
        if (version.Length > 1024 || version.AsSpan().IndexOfAny("*?$") >= 0 || version.Any(char.IsControl))
        {
            context.Lookups.Add($"{what}: an unusable version id");
            return ToolCallRejection.Deny("PackageVersionUnknown", $"S3 answered a version id for `{objectArn}` that cannot be pinned safely");
        }

        context.Lookups.Add($"{what}: version {version}");
        Pin(context, arguments, version);
        return null;
    }

    private static void Pin(ToolCallContext context, ValidatedArguments arguments, string version)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(arguments.Values, StringComparer.Ordinal) { [ValueName] = [version] };
        context.Arguments = arguments with { Values = values };
        context.TemplateValues = new Dictionary<string, IReadOnlyList<string>>(context.TemplateValues, StringComparer.Ordinal) { [ValueName] = [version] };
    }
}
