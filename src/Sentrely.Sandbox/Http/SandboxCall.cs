using Microsoft.AspNetCore.Http;
using Sentrely.Sandbox.Identity;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Http;

/// <summary>One authenticated request on its way through a service handler, and what it was authorized for.</summary>
internal sealed class SandboxCall
{
    public required string RequestId { get; init; }

    public required string Service { get; init; }

    public required string Method { get; init; }

    /// <summary>Gets the path exactly as received (percent-encoded).</summary>
    public required string RawPath { get; init; }

    public required string RawQuery { get; init; }

    public required IHeaderDictionary Headers { get; init; }

    /// <summary>Gets the payload (aws-chunked bodies already decoded and verified).</summary>
    public required byte[] Body { get; init; }

    public required Caller Caller { get; init; }

    public required SandboxEnvironment Environment { get; init; }

    public string Action { get; private set; } = string.Empty;

    public List<string> Resources { get; } = [];

    public Dictionary<string, string> ContextKeys { get; } = new(StringComparer.Ordinal);

    public bool Authorized { get; private set; }

    public string? DenyReason { get; private set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    public void SetAction(string action) => Action = action;

    /// <summary>
    /// Authorizes every check against the caller's session policy. Base credentials may call STS only.
    /// Returns false (and records why) when any check is denied.
    /// </summary>
    public bool Authorize(string action, IReadOnlyList<AccessCheck> checks)
    {
        // A request may be authorized in steps (Lambda reading an S3 package after the function): the last one decides.
        Authorized = false;
        Action = action;
        foreach (var check in checks)
        {
            if (!Resources.Contains(check.Resource))
            {
                Resources.Add(check.Resource);
            }

            foreach (var (key, value) in check.Context)
            {
                ContextKeys[key] = value;
            }
        }

        if (Caller.IsBase && Service is not ("sts" or "iam"))
        {
            DenyReason = "base credentials may call STS and IAM only";
            return false;
        }

        if (Caller.Session?.Policy is { } policy)
        {
            foreach (var check in checks)
            {
                var reason = policy.Evaluate(check with { Context = WithGlobalKeys(check.Context) });
                if (reason is not null)
                {
                    DenyReason = reason;
                    return false;
                }
            }
        }

        if (Caller.Session is { } session)
        {
            foreach (var check in checks)
            {
                var reason = Environment.State.RoleDenyReason(session.Record.RoleArn, check with { Context = WithGlobalKeys(check.Context) });
                if (reason is not null)
                {
                    DenyReason = reason;
                    return false;
                }
            }
        }

        Authorized = true;
        return true;
    }

    public void Deny(string action, string resource, string reason)
    {
        Action = action;
        Resources.Add(resource);
        DenyReason = reason;
    }

    private Dictionary<string, string> WithGlobalKeys(IReadOnlyDictionary<string, string> context)
    {
        var merged = new Dictionary<string, string>(context, StringComparer.Ordinal);
        if (Caller.Session is { } session)
        {
            if (session.Record.SourceIdentity is { } sourceIdentity)
            {
                merged.TryAdd("aws:SourceIdentity", sourceIdentity);
            }

            foreach (var (key, value) in session.Record.Tags)
            {
                merged.TryAdd("aws:PrincipalTag/" + key, value);
            }

            merged.TryAdd("aws:PrincipalArn", session.Record.RoleArn);
            merged.TryAdd("aws:TokenIssueTime", session.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        return merged;
    }
}
